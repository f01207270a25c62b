"""`weerbaar import-register` and `weerbaar export-register`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from weerbaar.cli import main
from weerbaar.vital.models import VulnerableLocation

GOOD = ("community,name,kind,residents,share_reduced_self_reliance\n"
        "noorddorp,Zorghuis,nursing,40,0.5\n"
        "zuiddorp,Opvang,reception,100,0.1\n"
        "noorddorp,Hospice,nursing,6,\n"
        "zuiddorp,Woongroep,group_home,8,0.2\n"
        "noorddorp,Beschermd Wonen,sheltered,12,0.3\n")
BAD = ("community,name,kind,residents,share_reduced_self_reliance\n"
       "noorddorp,Zorghuis,nursing,40,0.5\n"
       "nergensdorp,Opvang,reception,100,0.1\n"
       "noorddorp,Hospice,nursing,6,\n"
       "zuiddorp,Woongroep,group_home,veel,1.5\n"
       "noorddorp,Beschermd Wonen,sheltered,12,0.3\n")


@pytest.fixture(autouse=True)
def dutch():
    """The messages are Dutch; another test may have left English active in this thread."""
    with translation.override("nl"):
        yield


@pytest.fixture
def write(tmp_path, municipality, communities):
    def write(name: str, content: str | bytes):
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return str(path)

    return write


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_bad_file_names_every_line_and_writes_nothing(write):
    path = write("locaties.csv", BAD)
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_register", "vital.vulnerablelocation", path, stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0] == "regel 3, kolom community: Geen kern gevonden met korte naam 'nergensdorp'."
    assert "regel 5, kolom residents: 'veel' is geen geheel getal." in lines
    assert any(line.startswith("regel 5, kolom share_reduced_self_reliance: ") for line in lines)
    assert len(lines) == 3
    assert "niets opgeslagen" in str(raised.value)
    assert VulnerableLocation.objects.count() == 0


def test_good_file_imports_then_updates(write):
    path = write("locaties.csv", GOOD)
    out, _err = run("import_register", "vital.vulnerablelocation", path)
    assert "5 nieuw, 0 bijgewerkt, 0 ongewijzigd" in out
    out, _err = run("import_register", "vital.vulnerablelocation", path)
    assert "0 nieuw, 0 bijgewerkt, 5 ongewijzigd" in out
    path = write("locaties.csv", GOOD.replace("Opvang,reception,100", "Opvang,reception,90"))
    out, _err = run("import_register", "vital.vulnerablelocation", path)
    assert "0 nieuw, 1 bijgewerkt, 4 ongewijzigd" in out
    assert VulnerableLocation.objects.count() == 5
    assert VulnerableLocation.objects.get(name="Opvang").residents == 90


def test_dry_run_writes_nothing(write):
    path = write("locaties.csv", GOOD)
    out, _err = run("import_register", "vital.vulnerablelocation", path, "--dry-run")
    assert "Proefimport" in out and "5 nieuw" in out
    assert VulnerableLocation.objects.count() == 0


def test_unknown_register_lists_the_valid_ones(write):
    path = write("x.csv", GOOD)
    with pytest.raises(CommandError) as raised:
        call_command("import_register", "vital.kasteel", path)
    assert "vital.vulnerablelocation" in str(raised.value)
    assert "places.municipality" in str(raised.value)


def test_missing_file(tmp_path, db):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("import_register", "vital.vulnerablelocation", str(tmp_path / "nee.csv"))


def test_format_option_overrides_the_file_name(write):
    path = write("locaties.txt", GOOD)
    with pytest.raises(CommandError):
        call_command("import_register", "vital.vulnerablelocation", path, "--format", "xlsx",
                     stderr=StringIO())
    out, _err = run("import_register", "vital.vulnerablelocation", path, "--format", "csv")
    assert "5 nieuw" in out


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_round_trip(write, tmp_path, fmt):
    run("import_register", "vital.vulnerablelocation", write("in.csv", GOOD))
    target = tmp_path / f"uit.{fmt}"
    out, _err = run("export_register", "vital.vulnerablelocation", str(target))
    assert f"5 records van vital.vulnerablelocation geschreven naar {target} ({fmt})" in out
    VulnerableLocation.objects.filter(name="Hospice").delete()
    out, _err = run("import_register", "vital.vulnerablelocation", str(target))
    assert "1 nieuw, 0 bijgewerkt, 4 ongewijzigd" in out
    assert VulnerableLocation.objects.count() == 5


def test_export_to_an_unwritable_place(write, tmp_path):
    with pytest.raises(CommandError, match="niet schrijven"):
        call_command("export_register", "vital.vulnerablelocation",
                     str(tmp_path / "geen-map" / "uit.csv"), stdout=StringIO())


def test_cli_exits_non_zero_without_a_traceback(write, capsys, monkeypatch):
    # run_from_argv closes every connection when a command fails; the test database's
    # connection must survive for the count below (PostgreSQL would be closed).
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    path = write("locaties.csv", BAD)
    with pytest.raises(SystemExit) as exited:
        main(["import-register", "vital.vulnerablelocation", path])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "regel 3, kolom community" in err
    assert "CommandError:" in err and "Traceback" not in err
    assert VulnerableLocation.objects.count() == 0
