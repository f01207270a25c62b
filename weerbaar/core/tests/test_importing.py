"""The import service: all or nothing, every bad row named by its file line and column."""

import io
from datetime import date

import openpyxl
import pytest
import tablib
from django.utils import translation

from weerbaar.core.imports.resources import register_resources
from weerbaar.core.imports.results import ImportReport, Problem
from weerbaar.core.imports.service import export_data, import_file
from weerbaar.network.importers import OrganisationResource
from weerbaar.places.models import Community, Municipality
from weerbaar.vital.importers import (
    ContinuityPlanResource,
    VitalProcessResource,
    VitalProviderResource,
    VulnerableLocationResource,
)
from weerbaar.vital.models import ContinuityPlan, VitalProcess, VulnerableLocation

HEADER = "community,name,kind,operator,residents,share_reduced_self_reliance,backup_power\n"
GOOD_ROWS = [
    "noorddorp,Zorghuis De Linde,nursing,Zorggroep Test,40,0.5,ja\n",
    "zuiddorp,Woongroep Oost,group_home,,8,\"0,2\",nee\n",
    "noorddorp,Hospice Het Baken,Verpleeg- of verzorgingshuis,,6,,\n",
    "zuiddorp,Opvang Zuid,reception,Zorggroep Test,120,0.1,onbekend\n",
    "noorddorp,Beschermd Wonen Noord,sheltered,,12,0.25,ja\n",
]


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(rows)).encode()


def located(report: ImportReport) -> set[tuple[int | None, str | None]]:
    return {(problem.line, problem.column) for problem in report.problems}


@pytest.fixture(autouse=True)
def dutch():
    """The messages are Dutch; another test may have left English active in this thread."""
    with translation.override("nl"):
        yield


@pytest.fixture
def places(municipality, communities, organisations):
    return municipality


def test_bad_rows_on_lines_3_and_5_import_nothing_and_are_named(places):
    rows = list(GOOD_ROWS)
    rows[1] = "nergensdorp,Woongroep Oost,group_home,,8,0.2,nee\n"  # line 3: unknown community
    rows[3] = "zuiddorp,Opvang Zuid,reception,,veel,1.5,ja\n"  # line 5: residents, share
    report = import_file(VulnerableLocationResource, csv_bytes(*rows), "csv")

    assert not report.ok
    assert VulnerableLocation.objects.count() == 0
    assert {problem.line for problem in report.problems} == {3, 5}
    assert located(report) == {(3, "community"), (5, "residents"),
                               (5, "share_reduced_self_reliance")}
    by_place = {(p.line, p.column): p.message for p in report.problems}
    assert "nergensdorp" in by_place[(3, "community")]
    assert "Geen kern" in by_place[(3, "community")]
    assert "'veel' is geen geheel getal" in by_place[(5, "residents")]
    assert "1" in by_place[(5, "share_reduced_self_reliance")]
    assert str(report.problems[0]).startswith("regel 3, kolom community: ")
    assert report.created == report.updated == 0
    assert "niets opgeslagen" in report.summary()


def test_good_file_imports_and_reimport_updates_without_duplicates(places):
    data = csv_bytes(*GOOD_ROWS)
    first = import_file(VulnerableLocationResource, data, "csv")
    assert first.ok, first.problems
    assert (first.created, first.updated) == (5, 0)
    assert VulnerableLocation.objects.count() == 5

    linde = VulnerableLocation.objects.get(name="Zorghuis De Linde")
    assert linde.community.slug == "noorddorp"
    assert linde.operator.name == "Zorggroep Test"
    assert (linde.residents, linde.share_reduced_self_reliance, linde.backup_power) == (40, 0.5, True)
    assert VulnerableLocation.objects.get(name="Woongroep Oost").share_reduced_self_reliance == 0.2
    assert VulnerableLocation.objects.get(name="Hospice Het Baken").kind == "nursing"
    assert VulnerableLocation.objects.get(name="Opvang Zuid").backup_power is None

    second = import_file(VulnerableLocationResource, data, "csv")
    assert second.ok
    assert (second.created, second.updated, second.unchanged) == (0, 0, 5)
    assert VulnerableLocation.objects.count() == 5

    changed = csv_bytes(GOOD_ROWS[0].replace(",40,", ",42,").replace("Zorghuis", "zorghuis"))
    third = import_file(VulnerableLocationResource, changed, "csv")
    assert (third.created, third.updated, third.unchanged) == (0, 1, 0)
    assert VulnerableLocation.objects.count() == 5
    assert VulnerableLocation.objects.get(pk=linde.pk).residents == 42


def test_dry_run_reports_counts_and_writes_nothing(places):
    report = import_file(VulnerableLocationResource, csv_bytes(*GOOD_ROWS), "csv", dry_run=True)
    assert report.ok and report.created == 5
    assert "Proefimport" in report.summary()
    assert VulnerableLocation.objects.count() == 0


def test_import_export_numbers_data_rows_from_one(places):
    """Pin django-import-export's numbering that the file line mapping relies on."""
    dataset = tablib.Dataset(headers=["community", "name", "kind"])
    dataset.append(["noorddorp", "Goed", "nursing"])
    dataset.append(["noorddorp", "Fout", "geen-soort"])
    result = VulnerableLocationResource().import_data(dataset, dry_run=True)
    assert [row.number for row in result.invalid_rows] == [2]


def test_blank_lines_and_quoted_line_breaks_keep_file_line_numbers(places):
    data = (HEADER + "\n" + GOOD_ROWS[0]
            + 'zuiddorp,"Woongroep\nOost",group_home,,8,0.2,nee\n'
            + "\n"
            + "zuiddorp,Kapot,reception,,veel,,\n").encode()
    report = import_file(VulnerableLocationResource, data, "csv")
    assert located(report) == {(7, "residents")}


def test_semicolon_separated_csv_from_dutch_excel(places):
    data = ("community;name;kind;residents\r\n"
            "noorddorp;Zorghuis;nursing;40\r\n").encode("utf-8-sig")
    report = import_file(VulnerableLocationResource, data, "csv")
    assert report.ok, report.problems
    assert VulnerableLocation.objects.get().residents == 40


def test_model_clean_errors_have_no_column(places):
    header = "community,name,kind,share_reduced_self_reliance,share_not_self_reliant\n"
    report = import_file(VulnerableLocationResource,
                         csv_bytes("noorddorp,Zorghuis,nursing,0.7,0.6\n", header=header), "csv")
    assert report.problems == [Problem(2, None, "Samen kunnen de aandelen niet groter zijn dan 1.")]


def test_required_value_left_empty(places):
    report = import_file(VulnerableLocationResource,
                         csv_bytes("noorddorp,Zorghuis,,,,,\n"), "csv")
    assert located(report) == {(2, "kind")}
    assert "Verplicht" in report.problems[0].message


def test_the_same_record_twice_in_one_file(places):
    report = import_file(VulnerableLocationResource,
                         csv_bytes(GOOD_ROWS[0], GOOD_ROWS[1], GOOD_ROWS[0].upper()), "csv")
    assert [(p.line, "regel 2" in p.message) for p in report.problems] == [(4, True)]
    assert VulnerableLocation.objects.count() == 0


def test_unknown_choice_lists_the_options(places):
    report = import_file(VulnerableLocationResource,
                         csv_bytes("noorddorp,Zorghuis,kasteel,,,,\n"), "csv")
    assert located(report) == {(2, "kind")}
    assert "nursing (Verpleeg- of verzorgingshuis)" in report.problems[0].message


def test_ambiguous_community_needs_the_municipality_column(places):
    other = Municipality.objects.create(cbs_code="GM8888", name="Buurgemeente", source="test")
    Community.objects.create(municipality=other, name="Noorddorp", slug="noorddorp", source="test")
    row = "noorddorp,Zorghuis,nursing,,,,\n"
    report = import_file(VulnerableLocationResource, csv_bytes(row), "csv")
    assert located(report) == {(2, "community")}
    assert "niet eenduidig" in report.problems[0].message
    assert "municipality" in report.problems[0].message

    with_municipality = csv_bytes("GM8888," + row, header="municipality," + HEADER)
    report = import_file(VulnerableLocationResource, with_municipality, "csv")
    assert report.ok, report.problems
    assert VulnerableLocation.objects.get().community.municipality == other


def test_unknown_names_in_a_many_to_many_column(places, organisations):
    VitalProcess.objects.create(name="Drinkwatervoorziening", category="A", source="test")
    data = (b"organisation,processes\n"
            b"Waterbedrijf Test,drinkwatervoorziening; Teleportatie\n")
    report = import_file(VitalProviderResource, data, "csv")
    assert located(report) == {(2, "processes")}
    assert "Teleportatie" in report.problems[0].message

    report = import_file(VitalProviderResource, data.replace(b"; Teleportatie", b""), "csv")
    assert report.ok, report.problems
    provider = organisations[0].vital_provider
    assert [p.name for p in provider.processes.all()] == ["Drinkwatervoorziening"]


def test_plan_without_subject_columns_is_refused_by_model_rules(places, organisations):
    data = b"owner,title\nWaterbedrijf Test,Plan zonder onderwerp\n"
    report = import_file(ContinuityPlanResource, data, "csv")
    assert located(report) == {(2, None)}
    assert "precies één" in report.problems[0].message
    assert ContinuityPlan.objects.count() == 0


@pytest.mark.parametrize("data, fmt, expected", [
    (b"", "csv", "leeg"),
    (b"\xef\xbb\xbf  \n\n", "csv", "leeg"),
    (HEADER.encode(), "csv", "kopregel maar geen gegevens"),
    ("community,name\nnoorddorp,Caf\xe9\n".encode("latin-1"), "csv", "geen UTF-8"),
    (bytes(range(256)) * 4, "csv", "geen UTF-8"),
    (b"PK\x03\x04 not really a zip", "csv", "Excel-bestand"),
    (b"community,name\n", "ods", "Onbekend bestandsformaat"),
    (b"no spreadsheet at all", "xlsx", "Excel-werkmap"),
])
def test_unreadable_files_give_a_clear_message(places, data, fmt, expected):
    report = import_file(VulnerableLocationResource, data, fmt)
    assert not report.ok
    assert len(report.problems) == 1
    assert expected in report.problems[0].message
    assert VulnerableLocation.objects.count() == 0


def test_non_utf8_names_the_line(places):
    data = ("community,name,kind\nnoorddorp,Zorghuis,nursing\nnoorddorp,Caf\xe9,nursing\n"
            .encode("latin-1"))
    report = import_file(VulnerableLocationResource, data, "csv")
    assert report.problems[0].line == 3
    assert "CSV UTF-8" in report.problems[0].message


def test_missing_required_and_unknown_columns(places):
    data = b"community,naam,colour\nnoorddorp,Zorghuis,red\n"
    report = import_file(VulnerableLocationResource, data, "csv")
    assert located(report) == {(1, "colour"), (1, "kind")}
    messages = {p.column: p.message for p in report.problems}
    assert "Onbekende kolom" in messages["colour"] and "share_not_self_reliant" in messages["colour"]
    assert messages["kind"] == "Verplichte kolom ontbreekt."


def test_dutch_column_labels_are_accepted_and_named_as_written(places):
    data = b"Kern,Naam,Soort,Aantal bewoners\nnoorddorp,Zorghuis,nursing,3\n"
    report = import_file(VulnerableLocationResource, data, "csv")
    assert report.ok, report.problems
    assert VulnerableLocation.objects.get().residents == 3

    data = b"Kern,Naam,Soort,Aantal bewoners\nnoorddorp,Zorghuis,nursing,drie\n"
    report = import_file(VulnerableLocationResource, data, "csv")
    assert [str(p) for p in report.problems] == [
        "regel 2, kolom Aantal bewoners: 'drie' is geen geheel getal."]


def test_duplicate_column(places):
    data = b"community,name,kind,name\nnoorddorp,A,nursing,B\n"
    report = import_file(VulnerableLocationResource, data, "csv")
    assert located(report) == {(1, "name")}
    assert "twee keer" in report.problems[0].message


def test_too_many_values_on_a_line(places):
    data = b"community,name,kind\nnoorddorp,A,nursing,extra\n"
    report = import_file(VulnerableLocationResource, data, "csv")
    assert located(report) == {(2, None)}


def test_files_over_the_limit_are_refused_unread(places, settings, tmp_path):
    settings.IMPORT_MAX_BYTES = 100
    path = tmp_path / "groot.csv"
    path.write_bytes(csv_bytes(*GOOD_ROWS))
    report = import_file(VulnerableLocationResource, path)
    assert report.problems[0].message.startswith("Het bestand is te groot")
    assert VulnerableLocation.objects.count() == 0


def test_xlsx_round_trip(places, organisations, communities):
    VulnerableLocation.objects.create(
        community=communities[0], operator=organisations[1], name="Zorghuis", kind="nursing",
        residents=40, share_reduced_self_reliance=0.35, backup_power=False,
        acknowledged_on=date(2026, 2, 1), contact="=HYPERLINK(\"http://x\")", source="test")
    VulnerableLocation.objects.create(community=communities[1], name="Opvang", kind="reception",
                                      source="test", confidence="EST", is_fictitious=True)
    fields = ["community_id", "operator_id", "name", "kind", "residents",
              "share_reduced_self_reliance", "backup_power", "acknowledged_on", "contact",
              "source", "confidence", "is_fictitious"]
    before = list(VulnerableLocation.objects.order_by("name").values(*fields))

    data = export_data(VulnerableLocationResource, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet["A1"].value == "municipality" and sheet["B2"].value == "noorddorp"

    VulnerableLocation.objects.all().delete()
    report = import_file(VulnerableLocationResource, data, "xlsx")
    assert report.ok, report.problems
    assert report.created == 2
    assert list(VulnerableLocation.objects.order_by("name").values(*fields)) == before


def test_xlsx_problems_use_the_sheet_row_number(places):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["community", "name", "kind", "residents"])
    sheet.append(["noorddorp", "Zorghuis", "nursing", 4])
    sheet.append([])
    sheet.append(["zuiddorp", "Opvang", "reception", "veel"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_file(VulnerableLocationResource, buffer.getvalue(), "xlsx")
    assert located(report) == {(4, "residents")}


def test_csv_round_trip_escapes_formulas(places, communities):
    VulnerableLocation.objects.create(community=communities[0], name="=1+1", kind="nursing",
                                      contact="+31 6 12345678", source="test")
    data = export_data(VulnerableLocationResource, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"'=1+1" in data and b",+31 6 12345678," in data
    VulnerableLocation.objects.all().delete()
    assert import_file(VulnerableLocationResource, data, "csv").ok
    assert VulnerableLocation.objects.get().name == "=1+1"


def test_organisations_update_by_municipality_and_name(places, organisations):
    data = (b"municipality,name,kind,is_partner\n"
            b"GM9999,waterbedrijf test,vital,nee\n"
            b"GM9999,Dorpsraad Noord,association,ja\n")
    report = import_file(OrganisationResource, data, "csv")
    assert report.ok, report.problems
    assert (report.created, report.updated) == (1, 1)
    organisations[0].refresh_from_db()
    assert organisations[0].is_partner is False


def test_every_resource_covers_its_model():
    """A field added to a model must be added to its import/export resource too."""
    not_in_files = {"id", "geometry"}
    resources = register_resources()
    for label, resource_class in resources.items():
        model = resource_class._meta.model
        wanted = {f.name for f in model._meta.get_fields()
                  if getattr(f, "concrete", False) and f.editable and not f.auto_created
                  and f.name not in not_in_files} | {
            f.name for f in model._meta.many_to_many}
        attributes = {f.attribute.split("__")[0] for f in resource_class().fields.values()
                      if f.attribute and not f.readonly}
        assert wanted - attributes == set(), label
    expected = {"places.municipality", "vital.vulnerablelocation", "network.keyfigure",
                "programme.glossaryterm", "supportpoints.keyholder"}
    assert expected <= set(resources)


def test_national_processes_without_municipality_update_by_name(places):
    data = (b"municipality,name,category\n"
            b",Drinkwatervoorziening,A\n"
            b"GM9999,Crisiscommunicatie,internal\n")
    assert import_file(VitalProcessResource, data, "csv").created == 2
    again = import_file(VitalProcessResource, data.replace(b",A\n", b",B\n"), "csv")
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert VitalProcess.objects.get(name="Drinkwatervoorziening").category == "B"
    internal_without_municipality = import_file(
        VitalProcessResource, b"municipality,name,category\n,Bevolkingszorg,internal\n", "csv")
    assert located(internal_without_municipality) == {(2, "municipality")}


def test_records_without_natural_key_are_added_or_updated_by_id(places, organisations):
    from weerbaar.vital.importers import ContinuityMeasureResource

    vital_process = VitalProcess.objects.create(municipality=places, name="Crisiscommunicatie",
                                                category="internal", source="test")
    ContinuityPlan.objects.create(process=vital_process, title="Plan crisiscommunicatie",
                                  source="test")
    data = b"plan,kind,description\nPlan crisiscommunicatie,emergency,Noodstroom voor het stadhuis\n"
    report = import_file(ContinuityMeasureResource, data, "csv")
    assert report.ok and report.created == 1, report.problems
    measure = ContinuityPlan.objects.get().measures.get()

    update = f"id,plan,kind,description\n{measure.pk},Plan crisiscommunicatie,control,Aggregaat\n"
    report = import_file(ContinuityMeasureResource, update.encode(), "csv")
    assert (report.created, report.updated) == (0, 1)
    measure.refresh_from_db()
    assert (measure.kind, measure.description) == ("control", "Aggregaat")

    unknown = b"id,plan,kind,description\n999999,Plan crisiscommunicatie,control,X\n"
    report = import_file(ContinuityMeasureResource, unknown, "csv")
    assert located(report) == {(2, "id")}
    assert "999999" in report.problems[0].message


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_register_round_trips(municipality, communities, organisations, fmt):
    """Export every register and import it again: every row is found again and nothing
    changes, so the export loses nothing the import needs and nothing is duplicated."""
    from tests.records import one_of_each

    one_of_each(municipality, communities[0], organisations[0])
    for label, resource_class in register_resources().items():
        model = resource_class._meta.model
        count = model.objects.count()
        assert count >= 1, label
        report = import_file(resource_class, export_data(resource_class, fmt), fmt)
        assert report.problems == [], label
        assert (report.created, report.updated, report.unchanged) == (0, 0, count), label
        assert model.objects.count() == count, label
