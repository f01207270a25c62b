"""`weerbaar backup` and `weerbaar restore` in this process, on the test database's engine."""

import gzip
import io
import json
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from weerbaar.backups.archive import read_archive
from weerbaar.backups.tables import backup_models


@pytest.fixture
def demo(transactional_db, make_user):
    from weerbaar.accounts.roles import Role
    from weerbaar.audit.services import record
    from weerbaar.demo.loader import load_demo
    from weerbaar.network.models import KeyFigure

    load_demo(accounts=False)
    user = make_user(Role.PROGRAMME, username="backup-test")
    for figure in KeyFigure.objects.all()[:3]:
        record("view", figure, user=user, reason="back-up test")


def counts() -> dict[str, int]:
    return {model._meta.label_lower: model._base_manager.count() for model in backup_models()}


def rewrite(source, target, change) -> None:
    """Copy an archive, letting change(name, bytes) -> bytes alter members."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for info in old:
            data = change(info.name, old.extractfile(info).read())
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))


def test_round_trip_restores_every_row(demo, tmp_path):
    from weerbaar.audit.models import AuditEvent
    from weerbaar.network.models import KeyFigure

    first = tmp_path / "eerste.tar.gz"
    call_command("backup", str(first), stdout=io.StringIO())
    before = counts()
    assert before["network.keyfigure"] > 0 and before["network.historicalkeyfigure"] > 0
    assert before["audit.auditevent"] >= 3
    chain = AuditEvent.objects.order_by("sequence").values_list("hash", "prev_hash", "timestamp")
    hashes = list(chain)

    # Change the data: delete, edit and add, then restore over it.
    KeyFigure.objects.first().delete()
    get_user_model().objects.create_user("indringer", password="x" * 14)
    out = io.StringIO()
    call_command("restore", str(first), "--replace", stdout=out)
    assert "Hersteld" in out.getvalue()
    assert counts() == before
    assert list(chain.all()) == hashes  # microseconds included: the hashes cover the timestamp
    assert not get_user_model().objects.filter(username="indringer").exists()

    second = tmp_path / "tweede.tar.gz"
    call_command("backup", str(second), stdout=io.StringIO())
    first_rows, second_rows = read_archive(first).rows, read_archive(second).rows
    differing = [(name, a, b) for name in first_rows
                 for a, b in zip(first_rows[name], second_rows[name], strict=True) if a != b]
    assert differing == []
    # New rows get fresh ids after a restore (sequences were reset on PostgreSQL).
    from django.contrib.auth.models import Group

    highest = max(Group.objects.values_list("pk", flat=True))
    assert Group.objects.create(name="na herstel").pk > highest


def test_audit_chain_verifies_after_restore(demo, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    call_command("restore", str(archive), "--replace", stdout=io.StringIO())
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)  # exits with status 1 on a broken chain
    assert out.getvalue().startswith("OK, ")


def test_refuses_a_database_with_data(demo, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="niet leeg.*--replace"):
        call_command("restore", str(archive))


@pytest.mark.parametrize("damage, message", [
    (lambda name, data: data[:-5] + b"XXXXX" if name == "data/network.keyfigure.json" else data,
     "SHA-256.*network.keyfigure"),
    (lambda name, data: json.dumps({**json.loads(data), "format_version": 99}).encode()
     if name == "manifest.json" else data, "formaatversie 99"),
    (lambda name, data: json.dumps({**json.loads(data), "migrations": [["places", "9999_toekomst"]]})
     .encode() if name == "manifest.json" else data, "andere versie van het databaseschema"),
    (lambda name, data: b"geen json" if name == "manifest.json" else data, "geen geldige JSON"),
])
def test_damaged_archive_changes_nothing(demo, tmp_path, damage, message):
    good = tmp_path / "goed.tar.gz"
    bad = tmp_path / "slecht.tar.gz"
    call_command("backup", str(good), stdout=io.StringIO())
    rewrite(good, bad, damage)
    from weerbaar.places.models import Community

    Community.objects.update(name="Gewijzigd")
    before = counts()
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(bad), "--replace")
    assert counts() == before
    assert set(Community.objects.values_list("name", flat=True)) == {"Gewijzigd"}


def test_truncated_or_foreign_file_is_refused(demo, tmp_path):
    good = tmp_path / "goed.tar.gz"
    call_command("backup", str(good), stdout=io.StringIO())
    data = good.read_bytes()
    truncated = tmp_path / "afgebroken.tar.gz"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(CommandError, match="beschadigd of onvolledig"):
        call_command("restore", str(truncated), "--replace")
    foreign = tmp_path / "ander.tar.gz"
    foreign.write_bytes(gzip.compress(b"dit is geen tar"))
    with pytest.raises(CommandError, match="beschadigd of onvolledig"):
        call_command("restore", str(foreign), "--replace")
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore", str(tmp_path / "weg.tar.gz"))


def test_manifest_describes_the_archive(demo, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    manifest = read_archive(archive).manifest
    assert manifest["format"] == "weerbaar-backup" and manifest["format_version"] == 1
    tables = {entry["model"]: entry for entry in manifest["tables"]}
    assert "sessions.session" not in tables
    assert {"auth.user", "auth.user_groups", "contenttypes.contenttype", "audit.auditevent",
            "network.historicalkeyfigure"} <= set(tables)
    assert tables["auth.user"]["rows"] == get_user_model().objects.count()
    assert all(len(entry["sha256"]) == 64 for entry in tables.values())
    assert ["places", "0001_initial"] in manifest["migrations"]
