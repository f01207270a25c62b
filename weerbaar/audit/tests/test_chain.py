"""The audit trail is append-only and hash-chained: changes are refused or detected."""

import io
import json
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from weerbaar.audit.chain import GENESIS, event_hash, values_of
from weerbaar.audit.management.commands.audit import verify_chain
from weerbaar.audit.models import AppendOnlyError, AuditEvent, ChainHead
from weerbaar.audit.services import record

pytestmark = pytest.mark.django_db


def _events(n: int):
    return [record("view", object_type="network.keyfigure", object_id=str(i),
                   object_repr=f"sleutelfiguur #{i}", reason="test") for i in range(1, n + 1)]


def run_verify() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
        return 0, out.getvalue()
    except SystemExit as exit_:
        return exit_.code, err.getvalue()


def test_events_are_chained():
    first, second, third = _events(3)
    assert [e.sequence for e in (first, second, third)] == [1, 2, 3]
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    stored = AuditEvent.objects.get(sequence=2)
    assert event_hash(values_of(stored)) == stored.hash  # survives the database round trip
    assert ChainHead.objects.get(pk=1).hash == third.hash
    assert run_verify() == (0, f"OK, 3 events (laatste hash {third.hash})\n")


def test_orm_refuses_changes():
    event = _events(1)[0]
    event.reason = "anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="anders")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == "test"


def test_database_trigger_refuses_update():
    event = _events(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == "test"


def test_database_trigger_refuses_delete_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite: Django's flush deletes rows, so only UPDATE has a trigger there")
    event = _events(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_verify_finds_a_changed_row():
    _events(5)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
        cursor.execute("UPDATE audit_auditevent SET actor_username = 'iemand-anders' "
                       "WHERE sequence = 3")
    code, message = run_verify()
    assert code == 1
    assert "volgnummer 3" in message and "gewijzigd" in message


def test_verify_finds_a_removed_row_and_a_removed_tail():
    _events(5)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 5")
    code, message = run_verify()
    assert code == 1 and "volgnummer 5" in message  # the head still says 5
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 2")
    assert verify_chain().first_broken == 2


def test_verify_finds_a_recomputed_hash_that_breaks_the_link():
    _events(4)
    event = AuditEvent.objects.get(sequence=2)
    values = values_of(event) | {"reason": "verzonnen"}
    forged = event_hash(values)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
        cursor.execute("UPDATE audit_auditevent SET reason = 'verzonnen', hash = %s WHERE sequence = 2",
                       [forged])
    verdict = verify_chain()
    assert not verdict.ok and verdict.first_broken == 3  # event 3 no longer links to 2


def test_export_csv_and_json_since_date(tmp_path):
    _events(3)
    out = io.StringIO()
    call_command("audit", "export", "--format", "csv", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("sequence,timestamp,actor_username")
    assert len(lines) == 4
    target = tmp_path / "audit.json"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    call_command("audit", "export", "--format", "json", "--since", tomorrow, "--output", str(target))
    assert json.loads(target.read_text()) == []
    # Each export is itself an audit event, and the chain stays whole.
    assert AuditEvent.objects.filter(action="export").count() == 2
    assert verify_chain().ok


def test_export_rejects_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--since: geen datum"):
        call_command("audit", "export", "--since", "gisteren", stdout=io.StringIO())


def test_login_is_recorded(client, make_user):
    from conftest import PASSWORD

    user = make_user("programme", username="inlogger")
    client.post("/login/", {"username": "inlogger", "password": PASSWORD})
    if not AuditEvent.objects.filter(action="login").exists():
        client.force_login(user)  # login flows with a second factor log in in two steps
    event = AuditEvent.objects.filter(action="login").latest("sequence")
    assert event.actor_username == "inlogger" and event.actor_id == user.pk
    assert event.role == "programme"


def test_actor_is_kept_when_the_account_is_deleted(make_user):
    user = make_user("crisis", username="vertrokken")
    record("view", user=user, object_type="network.keyfigure", object_id="1")
    user_id = user.pk
    user.delete()  # itself recorded as a delete of a staff account, by the system
    event = AuditEvent.objects.filter(action="view").latest("sequence")
    assert (event.actor_username, event.actor_id) == ("vertrokken", user_id)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency needs PostgreSQL (SQLite serialises whole-database writes)")
    errors = []
    barrier = threading.Barrier(4)

    def writer(n: int):
        from django.db import connections

        try:
            barrier.wait()
            for i in range(25):
                record("view", object_type="test", object_id=f"{n}-{i}")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(AuditEvent.objects.values_list("sequence", flat=True)) == list(range(1, 101))
    verdict = verify_chain()
    assert verdict.ok and verdict.count == 100
