"""Survey import: three formats give the same respondents; bad files are refused whole,
with every problem named by line (or SPSS case) and column."""

import io
import math

import openpyxl
import pandas as pd
import pyreadstat
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from weerbaar.accounts.roles import Role
from weerbaar.monitor.importing import import_survey
from weerbaar.monitor.models import CodebookAnswer, SurveyResponse, SurveyWave

HEADER = ["respnr", "kern", "leeftijd", "huishouden", "helper", "v1", "kit", "plan", "v4", "gewicht"]
ROWS = [
    ["A1", 1, 1, 1, 1, 1, 1, "ja", 1, 1.5],
    ["A2", 2, 2, 2, 2, 2, 1, "nee", None, 1],
    ["A3", 1, 3, 6, 2, 9, 2, "ja", None, 2],
    ["A4", 2, 1, 2, 1, 1, 1, "ja", 2, 0.5],
]
EXPECTED = {
    ("A1", "noorddorp", "40-64", "single", True, True, True, True, True, 1.5),
    ("A2", "zuiddorp", "65-79", "family", False, False, True, False, None, 1.0),
    ("A3", "noorddorp", "80+", "institutional", False, None, False, True, None, 2.0),
    ("A4", "zuiddorp", "40-64", "family", True, True, True, True, False, 0.5),
}


def csv_bytes(rows=ROWS, header=HEADER, sep=";") -> bytes:
    def cell(v):
        return "" if v is None else str(v).replace(".", ",") if isinstance(v, float) else str(v)
    lines = [sep.join(header)] + [sep.join(cell(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_bytes(rows=ROWS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sav_bytes(tmp_path, rows=ROWS) -> bytes:
    """SPSS stores every answer as a number with value labels; plan 1/2 is labelled ja/nee."""
    numeric = {"ja": 1, "nee": 2}
    frame = pd.DataFrame({
        name: [(numeric.get(row[i], row[i]) if row[i] is not None else math.nan) for row in rows]
        for i, name in enumerate(HEADER)})
    frame["respnr"] = frame["respnr"].astype(str)
    path = tmp_path / "golf.sav"
    pyreadstat.write_sav(frame, str(path), variable_value_labels={
        "kern": {1: "Noorddorp", 2: "Zuiddorp"}, "plan": {1: "ja", 2: "nee"},
        "v1": {1: "Ja", 2: "Nee", 9: "Weet niet"}})
    return path.read_bytes()


def stored(wave) -> set:
    return {(r.respondent_id, r.community.slug, r.age_group, r.household_type, r.informal_helper,
             r.knows_where_help, r.has_kit, r.has_plan, r.helper_knows_expected, r.weight)
            for r in SurveyResponse.objects.filter(wave__name=wave.name).select_related("community")}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sav"])
def test_three_formats_give_the_same_respondents(wave, tmp_path, fmt):
    data = {"csv": csv_bytes, "xlsx": xlsx_bytes, "sav": lambda: sav_bytes(tmp_path)}[fmt]()
    report = import_survey(wave, data, file_name=f"golf.{fmt}")
    assert report.ok, [str(p) for p in report.problems]
    assert report.format == fmt
    assert stored(wave) == EXPECTED
    wave.refresh_from_db()
    assert wave.file_name == f"golf.{fmt}" and len(wave.file_checksum) == 64
    assert wave.imported_at is not None


def test_spss_labels_are_accepted_as_well_as_codes(wave, tmp_path):
    """A codebook whose answer codes are the labels ('ja') reads SPSS's 1 labelled 'ja'."""
    CodebookAnswer.objects.filter(question__column="v1", code="1").update(code="ja")
    CodebookAnswer.objects.filter(question__column="v1", code="2").update(code="nee")
    report = import_survey(wave, sav_bytes(tmp_path), file_name="golf.sav")
    assert report.ok, [str(p) for p in report.problems]
    assert stored(wave) == EXPECTED


def test_same_file_twice_writes_nothing_and_replace_is_explicit(wave):
    assert import_survey(wave, csv_bytes(), fmt="csv").created == 4
    again = import_survey(wave, csv_bytes(), fmt="csv")
    assert again.ok and again.unchanged
    other = csv_bytes(ROWS[:3])
    refused = import_survey(wave, other, fmt="csv")
    assert not refused.ok and "vervangen" in str(refused.problems[0])
    assert SurveyResponse.objects.count() == 4
    replaced = import_survey(wave, other, fmt="csv", replace=True)
    assert replaced.ok and replaced.replaced == 4 and SurveyResponse.objects.count() == 3


def problems_of(report) -> list[str]:
    assert not report.ok
    return [str(p) for p in report.problems]


def assert_nothing_written():
    assert SurveyResponse.objects.count() == 0
    assert not SurveyWave.objects.exists()


def test_bad_rows_are_all_listed_and_nothing_is_kept(wave):
    rows = [list(r) for r in ROWS]
    rows[0][5] = 7  # unknown answer code, line 2
    rows[1][9] = -1  # negative weight, line 3
    rows[2][9] = "veel"  # not a number, line 4
    rows[3][0] = "A1"  # duplicate respondent, line 5
    rows.append(["A5", 3, 1, 1, 1, 1, 1, "ja", 1, 1])  # unknown kern code, line 6
    problems = problems_of(import_survey(wave, csv_bytes(rows), fmt="csv"))
    assert problems == [
        "regel 2, kolom v1: onbekende antwoordcode '7'; het codeboek kent 1, 2, 9.",
        "regel 3, kolom gewicht: het gewicht -1 is negatief; het moet groter dan 0 zijn.",
        "regel 4, kolom gewicht: 'veel' is geen getal; het gewicht moet een getal groter dan 0 zijn.",
        "regel 5, kolom respnr: respondentnummer A1 komt ook voor op regel 2.",
        "regel 6, kolom kern: onbekende antwoordcode '3'; het codeboek kent 1, 2.",
    ]
    assert_nothing_written()


def test_kern_outside_the_municipality_is_refused(wave, municipality):
    # Written past the codebook's own check, as if the kern had been moved meanwhile.
    CodebookAnswer.objects.filter(question__column="kern", code="2").update(meaning="elders")
    problems = problems_of(import_survey(wave, csv_bytes(), fmt="csv"))
    assert problems[0] == (f"regel 3, kolom kern: kern 'elders' hoort niet bij gemeente "
                           f"{municipality.name}.")
    assert len(problems) == 2
    assert_nothing_written()


def test_missing_and_renamed_columns(wave):
    header = [h if h != "kit" else "noodpakket" for h in HEADER]
    rows = [r[:-1] for r in ROWS]
    problems = problems_of(import_survey(wave, csv_bytes(rows, header[:-1]), fmt="csv"))
    assert problems == [
        "regel 1, kolom kit: deze kolom ontbreekt (codeboek: I-3: huishouden heeft een noodpakket).",
        "regel 1, kolom gewicht: deze kolom ontbreekt (codeboek: ontwerpgewicht).",
    ]
    assert_nothing_written()


@pytest.mark.parametrize("data, name, message", [
    (b"", "leeg.csv", "bestand: Het bestand is leeg."),
    (csv_bytes([]), "kop.csv", "bestand: Het bestand bevat geen respondenten."),
    (b"\x00\xff\xfe garbage \x89PNG\x00" * 50, "rommel.csv", "regel 1: Het bestand is geen UTF-8"),
    (b"\x00\xff\xfe garbage \x89PNG\x00" * 50, "rommel.sav", "bestand: Het bestand kan niet als SPSS"),
    (b"$FL2" + b"\x00\x13" * 200, "kapot.sav", "bestand: Het bestand kan niet als SPSS"),
    (b"PK\x03\x04 not really a workbook", "kapot.xlsx", "bestand: Het bestand kan niet als Excel"),
])
def test_unreadable_files_are_refused(wave, data, name, message):
    problems = problems_of(import_survey(wave, data, file_name=name))
    assert problems[0].startswith(message), problems
    assert_nothing_written()


def test_spss_problems_name_the_respondent_case(wave, tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][9] = -2.0
    rows[3][0] = "A2"
    problems = problems_of(import_survey(wave, sav_bytes(tmp_path, rows), file_name="golf.sav"))
    assert problems == [
        "respondent 3, kolom gewicht: het gewicht -2 is negatief; het moet groter dan 0 zijn.",
        "respondent 4, kolom respnr: respondentnummer A2 komt ook voor in respondent 2.",
    ]
    assert_nothing_written()


def test_command_creates_the_wave_or_refuses_with_every_problem(municipality, codebook, tmp_path):
    good = tmp_path / "golf.csv"
    good.write_bytes(csv_bytes())
    out = io.StringIO()
    call_command("import_survey", str(good), "--gemeente", municipality.cbs_code,
                 "--meting", "Nulmeting 2026", "--codeboek", codebook.name,
                 "--veldwerk-van", "2026-02-01", "--veldwerk-tot", "2026-02-28", stdout=out)
    assert "4 respondenten geïmporteerd" in out.getvalue()
    wave = SurveyWave.objects.get(name="Nulmeting 2026")
    assert wave.responses.count() == 4

    bad = tmp_path / "fout.csv"
    bad.write_bytes(csv_bytes([["B1", 1, 1, 1, 1, 5, 1, "ja", 1, 1]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_survey", str(bad), "--gemeente", municipality.cbs_code,
                     "--meting", "Nieuwe meting", "--codeboek", codebook.name,
                     "--veldwerk-van", "2026-10-01", "--veldwerk-tot", "2026-10-31", stderr=err)
    assert "regel 2, kolom v1: onbekende antwoordcode '5'" in err.getvalue()
    assert not SurveyWave.objects.filter(name="Nieuwe meting").exists()


def test_admin_upload_form(client, role_users, wave):
    wave.save()
    client.force_login(role_users[Role.PROGRAMME])
    url = reverse("admin:monitor_surveywave_import")
    assert client.get(url).status_code == 200
    bad = io.BytesIO(csv_bytes([["B1", 1, 1, 1, 1, 5, 1, "ja", 1, 1]]))
    bad.name = "fout.csv"
    response = client.post(url, {"wave": wave.pk, "file": bad})
    assert response.status_code == 200
    assert "regel 2, kolom v1: onbekende antwoordcode" in response.content.decode()
    assert SurveyResponse.objects.count() == 0
    good = io.BytesIO(csv_bytes())
    good.name = "golf.csv"
    response = client.post(url, {"wave": wave.pk, "file": good})
    assert response.status_code == 302
    assert SurveyResponse.objects.count() == 4


def test_partner_cannot_open_respondents_or_upload(client, role_users, wave):
    wave.save()
    client.force_login(role_users[Role.PARTNER])
    assert client.get(reverse("admin:monitor_surveyresponse_changelist")).status_code == 403
    assert client.get(reverse("admin:monitor_surveywave_import")).status_code == 403
