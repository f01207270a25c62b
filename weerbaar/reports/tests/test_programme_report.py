"""Progress and final report (seed §3.7): figures computed from the registers, who may open
them, and the PDF."""

import time
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from weerbaar.accounts.roles import Role
from weerbaar.programme.models import (
    ActionLine,
    BudgetLine,
    EvaluationMoment,
    LinkedProject,
    ProgrammeLine,
    ProgrammePlan,
    ReportSection,
    Subgoal,
)
from weerbaar.reports import pdf
from weerbaar.reports.programme_report import (
    Amount,
    build_report,
    default_report_date,
    format_euro,
)

SRC = {"source": "test"}
TODAY = date(2026, 11, 28)


def url(kind="voortgangsrapportage", fmt="html", **query):
    name = "reports:programme_report_pdf" if fmt == "pdf" else "reports:programme_report"
    base = reverse(name, kwargs={"kind": kind})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def programme(municipality, organisations):
    """A small programme: two lines, three subgoals, actions, projects, budget and texts."""
    ProgrammePlan.objects.create(municipality=municipality, title="Testplan", aim="72 uur zelf",
                                 starts_on=date(2026, 1, 1), ends_on=date(2027, 12, 31), **SRC)
    one = ProgrammeLine.objects.create(municipality=municipality, number="I", name="Zelf",
                                       main_goal="Inwoners redden zich", **SRC)
    four = ProgrammeLine.objects.create(municipality=municipality, number="IV", name="Samen",
                                        main_goal="Professionals werken integraal", **SRC)
    survey = Subgoal.objects.create(line=one, code="I-1", text="Inwoners weten waar ze heen moeten",
                                    target_share=0.75, deadline=date(2027, 12, 31),
                                    measured_by="survey", indicator="enquête", **SRC)
    task = Subgoal.objects.create(line=four, code="IV-1", text="Integrale opgave bij partners",
                                  target_share=1.0, deadline=date(2027, 12, 31),
                                  measured_by="register", indicator="aandeel", **SRC)
    Subgoal.objects.create(line=four, code="IV-3", text="Partners kennen hun rol",
                           target_share=1.0, deadline=date(2027, 12, 31), measured_by="register",
                           indicator="aandeel", **SRC)
    for organisation in organisations:  # IV-1 reached: every partner documented the task
        organisation.integral_task_documented_on = date(2026, 6, 1)
        organisation.save()
    statuses = ["done", "running", "running", "not_started"]
    for number, status in enumerate(statuses):
        action = ActionLine.objects.create(line=one, period="2026-2027", text=f"Actie {number}",
                                           owner="Team Communicatie", status=status, **SRC)
        action.subgoals.set([survey])
    ActionLine.objects.create(line=four, period="2025", text="Begrippenkader opstellen",
                              status="cancelled", organisation=organisations[0], **SRC
                              ).subgoals.set([task])
    project = LinkedProject.objects.create(municipality=municipality, name="Hitteplan",
                                           responsible_team="Woon- en leefgemeente", **SRC)
    project.lines.set([one])
    LinkedProject.objects.create(municipality=municipality, name="Regionaal programma",
                                 responsible_team="Veiligheid", **SRC)
    budget = [(2026, "Programmaleider", "125000", "125000", "80000.50"),
              (2026, "Communicatie", "40000", "10000", "7500"),
              (2027, "Programmaleider", "125000", None, None),
              (2027, "Communicatie", "35000", "5000", None)]
    for year, topic, budgeted, committed, spent in budget:
        BudgetLine.objects.create(municipality=municipality, year=year, topic=topic,
                                  budgeted=Decimal(budgeted),
                                  committed=committed and Decimal(committed),
                                  spent=spent and Decimal(spent), **SRC)
    ReportSection.objects.create(municipality=municipality, report_kind="progress",
                                 report_year=2026, heading="lessons",
                                 text="Eerste les <script>alert(1)</script>\nTweede regel", **SRC)
    ReportSection.objects.create(municipality=municipality, report_kind="progress",
                                 report_year=2026, line=one, heading="insights",
                                 text="Inwoners willen concrete tips", is_fictitious=True,
                                 source="test", confidence="EST")
    ReportSection.objects.create(municipality=municipality, report_kind="final", report_year=2027,
                                 heading="lessons", text="Alleen in de eindrapportage", **SRC)
    EvaluationMoment.objects.create(municipality=municipality, kind="survey",
                                    description="Nulmeting", planned_on=date(2026, 3, 31),
                                    done_on=date(2026, 3, 1), **SRC)
    EvaluationMoment.objects.create(municipality=municipality, kind="progress_report",
                                    description="Voortgangsrapportage", report_kind="progress",
                                    planned_on=date(2026, 12, 31), **SRC)
    EvaluationMoment.objects.create(municipality=municipality, kind="final_report",
                                    description="Eindrapportage", report_kind="final",
                                    planned_on=date(2027, 12, 31), **SRC)
    return municipality


# ---------------------------------------------------------------- the figures


def test_amounts_keep_unknown_apart_from_zero():
    assert format_euro(Decimal("288532")) == "€ 288.532"
    assert format_euro(Decimal("1234.5")) == "€ 1.234,50"
    assert format_euro(None) == "onbekend"
    assert Amount.of([None, None]).display == "onbekend"
    partial = Amount.of([Decimal(10), None])
    assert partial.value is None and partial.known == 10
    assert partial.display == "€ 10 (en 1 post onbekend)"
    assert Amount.of([Decimal(0)]).display == "€ 0"  # a known zero is shown as zero


def test_progress_report_figures(programme):
    report = build_report(programme, "progress", TODAY, today=TODAY)
    assert report.title == "Voortgangsrapportage 2026"
    assert report.reference_date == date(2026, 12, 31)
    one, four = report.lines
    assert [s.code for s in one.subgoals] == ["I-1"]
    assert not one.subgoals[0].measured  # no survey yet: "Nog geen meting"
    assert [s.code for s in four.subgoals] == ["IV-1", "IV-3"]
    assert four.subgoals[0].value == "100 %" and four.subgoals[1].value == "0 %"
    assert {c.status: c.count for c in one.status_counts} == {
        "not_started": 1, "running": 2, "done": 1, "cancelled": 0}
    assert {c.status: c.count for c in report.status_counts}["cancelled"] == 1
    assert four.actions[0].owner == "Waterbedrijf Test"  # the organisation when no owner text
    assert [p.name for p in one.projects] == ["Hitteplan"]
    assert [p.name for p in report.general_projects] == ["Regionaal programma"]
    assert [s.text for s in report.sections] == [
        "Eerste les <script>alert(1)</script>\nTweede regel"]
    assert [s.text for s in one.sections] == ["Inwoners willen concrete tips"]

    budget = report.budget
    spent = sum(line.spent for line in BudgetLine.objects.filter(spent__isnull=False))
    assert budget.total.spent.known == spent == Decimal("87500.50")
    assert budget.total.spent.unknown == 2 and budget.total.spent.value is None
    assert budget.total.budgeted == Decimal("325000")
    assert budget.total.share_display == "onbekend"  # not every spent amount is known
    y2026, y2027 = budget.years
    assert y2026.total.budgeted == Decimal("165000")
    assert y2026.total.spent.value == Decimal("87500.50")
    assert y2026.total.committed.value == Decimal("135000")
    assert y2026.total.share_display == "53 %"  # 87.500,50 / 165.000
    assert y2027.total.spent.display == "onbekend"
    assert y2027.total.committed.display == "€ 5.000 (en 1 post onbekend)"

    states = [(e.kind, e.done, e.overdue) for e in report.evaluation]
    assert states == [("Enquête onder inwoners", True, False),
                      ("Voortgangsrapportage", False, False),
                      ("Eindrapportage", False, False)]
    assert report.fictitious_registers == ("rapportageteksten",)


def test_final_report_says_whether_each_target_was_reached(programme):
    report = build_report(programme, "final", date(2027, 12, 31), today=TODAY)
    assert report.title == "Eindrapportage 2027" and report.is_final
    reached = {s.code: s.reached_display for line in report.lines for s in line.subgoals}
    assert reached == {"I-1": "Niet te beoordelen", "IV-1": "Ja", "IV-3": "Nee"}
    assert [s.text for s in report.sections] == ["Alleen in de eindrapportage"]
    assert report.evaluation[1].overdue  # the progress report was never marked done


def test_default_date_is_today_but_not_after_the_reference(programme):
    assert default_report_date(programme, "progress", TODAY) == TODAY
    assert default_report_date(programme, "progress", date(2027, 3, 1)) == date(2026, 12, 31)
    assert default_report_date(programme, "final", TODAY) == TODAY


# ---------------------------------------------------------------- the pages


def test_html_shows_lines_subgoals_actions_projects_and_budget(client, programme, role_users):
    client.force_login(role_users[Role.PROGRAMME])
    response = client.get(url(datum="2026-11-28"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Programmalijn I. Zelf" in html and "Programmalijn IV. Samen" in html
    assert "Inwoners redden zich" in html  # main goal
    for code in ("I-1", "IV-1", "IV-3"):
        assert f'<th scope="row">{code}</th>' in html
    assert "Nog geen meting" in html
    assert "Actie 3" in html and "Niet gestart" in html and "Vervallen" in html
    assert "Hitteplan" in html and "Woon- en leefgemeente" in html
    assert "€ 87.500,50 (en 2 posten onbekend)" in html  # spent, all years
    assert "€ 325.000" in html and "53 %" in html
    generated = date_format(timezone.localdate(), "j F Y")  # the day the test runs
    assert f"Concept — gegenereerd uit de registers op {generated}" in html
    assert "fictieve voorbeeldgegevens" in html  # one report text is fictitious
    # Editable texts: escaped, line breaks kept.
    assert "<script>alert(1)</script>" not in html
    assert "Eerste les &lt;script&gt;alert(1)&lt;/script&gt;<br>Tweede regel" in html
    assert "<caption>" in html and "<script" not in html.split("<main", 1)[1]


def test_final_report_html(client, programme, role_users):
    client.force_login(role_users[Role.PROGRAMME])
    html = client.get(url("eindrapportage", datum="2027-12-31")).content.decode()
    assert "Eindrapportage 2027" in html and "Streefwaarde gehaald" in html
    assert "Alleen in de eindrapportage" in html and "Eerste les" not in html


def test_bad_date_is_a_clear_error(client, programme, role_users):
    client.force_login(role_users[Role.PROGRAMME])
    response = client.get(url(datum="31-12-2026"))
    assert response.status_code == 400
    assert "JJJJ-MM-DD" in response.content.decode()
    assert client.get(reverse("reports:programme_report", kwargs={"kind": "jaarverslag"})
                      ).status_code == 404


def test_routes(programme):
    assert url() == "/werkruimte/edities/rapportage/voortgangsrapportage/"
    assert url("eindrapportage", "pdf") == "/werkruimte/edities/rapportage/eindrapportage.pdf"
    assert reverse("reports:programme_report_pdf") == \
        "/werkruimte/edities/rapportage/voortgangsrapportage.pdf"


def test_access(client, programme, role_users):
    urls = [url(), url("eindrapportage"), url(fmt="pdf"), reverse("reports:programme_report")]
    for address in urls:
        response = client.get(address)
        assert response.status_code == 302 and "/login/" in response["Location"], address
    for role in (Role.PARTNER, Role.KEY_FIGURE):
        client.force_login(role_users[role])
        for address in urls:
            assert client.get(address).status_code == 403, (role, address)
    # The crisis organisation reads the report but not the budget.
    client.force_login(role_users[Role.CRISIS])
    html = client.get(url()).content.decode()
    assert "Hitteplan" in html and "€ 325.000" not in html
    assert "alleen zichtbaar voor het programmabureau" in html
    client.force_login(role_users[Role.PROGRAMME])
    assert "€ 325.000" in client.get(url()).content.decode()


def test_dashboard_links_to_the_reports_for_allowed_roles_only(client, programme, role_users):
    client.force_login(role_users[Role.PROGRAMME])
    assert url() in client.get(reverse("workspace:dashboard")).content.decode()
    client.force_login(role_users[Role.PARTNER])
    assert url() not in client.get(reverse("workspace:dashboard")).content.decode()


def test_pdf_renders(client, programme, role_users):
    client.force_login(role_users[Role.PROGRAMME])
    response = client.get(url(fmt="pdf", datum="2026-11-28"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "voortgangsrapportage-gm9999-2026-11-28.pdf" in response["Content-Disposition"]


def test_pdf_of_the_demo_in_under_five_seconds(client, demo, role_users):
    from django.template.loader import render_to_string

    from weerbaar.reports.programme_views import _context

    client.force_login(role_users[Role.PROGRAMME])
    address = url(fmt="pdf", gemeente="GM1721")
    client.get(address)  # warm-up: WeasyPrint's fonts and the survey engine load once
    # CPU time of this process: the render is single-threaded and in-process, and unlike wall
    # time it does not grow when other jobs share the machine's two cores.
    started, started_cpu = time.perf_counter(), time.process_time()
    response = client.get(address)
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert cpu < 5, f"{cpu:.2f} s CPU ({seconds:.2f} s wall)"
    # The pages hold the report: every line and the budget of the seed (§4.6).
    report = build_report(demo, "progress", TODAY, today=TODAY)
    html = render_to_string("reports/programme_report.html", _context(report, for_print=True))
    document = pdf.render_document(html)
    assert len(document.pages) >= 5
    text = pdf.document_text(document)
    assert "Voortgangsrapportage 2026" in text and "Programmalijn IV." in text
    assert "€ 288.532" in text and "€ 263.532" in text and "€ 552.064" in text
