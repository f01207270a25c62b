"""The programme structure: constraints and validation, and the seed's programme in the demo."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from weerbaar.core.models import Confidence
from weerbaar.programme.models import (
    ActionLine,
    BudgetLine,
    EvaluationMoment,
    LinkedProject,
    ProgrammeLine,
    ProgrammePlan,
    ProgrammeRole,
    ReportSection,
    Subgoal,
    WorkStatus,
)

SRC = {"source": "test"}


@pytest.fixture
def line(municipality):
    return ProgrammeLine.objects.create(municipality=municipality, number="I", name="Zelf", **SRC)


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_natural_keys_are_unique(municipality, line):
    ActionLine.objects.create(line=line, period="2026-2027", text="Communicatieplan", **SRC)
    refused(lambda: ActionLine.objects.create(line=line, period="2026-2027",
                                              text="Communicatieplan", **SRC))
    # The same action in another period is another action line.
    ActionLine.objects.create(line=line, period="2025", text="Communicatieplan", **SRC)
    LinkedProject.objects.create(municipality=municipality, name="Hitteplan", **SRC)
    refused(lambda: LinkedProject.objects.create(municipality=municipality, name="Hitteplan"))
    ProgrammeRole.objects.create(municipality=municipality, name="Stuurgroep", holder="B", **SRC)
    refused(lambda: ProgrammeRole.objects.create(municipality=municipality, name="Stuurgroep",
                                                 holder="C"))
    BudgetLine.objects.create(municipality=municipality, year=2026, topic="Flexibele schil",
                              budgeted=1, **SRC)
    refused(lambda: BudgetLine.objects.create(municipality=municipality, year=2026,
                                              topic="Flexibele schil", budgeted=2))
    EvaluationMoment.objects.create(municipality=municipality, kind="survey", description="x",
                                    planned_on=date(2026, 3, 31), **SRC)
    refused(lambda: EvaluationMoment.objects.create(
        municipality=municipality, kind="survey", description="y", planned_on=date(2026, 3, 31)))


def test_report_section_is_unique_also_without_a_line(municipality, line):
    """A NULL line never collides in a plain unique index; the conditional one catches it."""
    key = {"municipality": municipality, "report_kind": "progress", "report_year": 2026,
           "heading": "lessons"}
    ReportSection.objects.create(line=None, text="a", **key, **SRC)
    refused(lambda: ReportSection.objects.create(line=None, text="b", **key))
    ReportSection.objects.create(line=line, text="c", **key, **SRC)
    refused(lambda: ReportSection.objects.create(line=line, text="d", **key))


def test_amounts_may_not_be_negative_and_unknown_stays_unknown(municipality):
    budget = BudgetLine(municipality=municipality, year=2026, topic="X",
                        budgeted=Decimal("-1"), spent=Decimal("-5"), **SRC)
    with pytest.raises(ValidationError) as excinfo:
        budget.full_clean()
    assert {"budgeted", "spent"} <= set(excinfo.value.message_dict)
    refused(lambda: BudgetLine.objects.create(municipality=municipality, year=2026, topic="Y",
                                              budgeted=10, committed=Decimal("-1")))
    unknown = BudgetLine.objects.create(municipality=municipality, year=2026, topic="Z",
                                        budgeted=10, **SRC)
    unknown.refresh_from_db()
    assert unknown.committed is None and unknown.spent is None  # never silently 0


def test_plan_ends_after_it_starts(municipality):
    plan = ProgrammePlan(municipality=municipality, title="P", aim="72 uur",
                         starts_on=date(2027, 1, 1), ends_on=date(2026, 1, 1), **SRC)
    with pytest.raises(ValidationError):
        plan.full_clean()
    refused(plan.save)


def test_free_text_needs_a_heading_and_line_of_the_same_municipality(municipality, line):
    from weerbaar.places.models import Municipality

    section = ReportSection(municipality=municipality, report_kind="final", report_year=2027,
                            heading="free", text="Tekst", **SRC)
    with pytest.raises(ValidationError) as excinfo:
        section.full_clean()
    assert "title" in excinfo.value.message_dict
    other = Municipality.objects.create(cbs_code="GM0001", name="Elders", **SRC)
    section = ReportSection(municipality=other, report_kind="final", report_year=2027, line=line,
                            heading="lessons", text="Tekst", **SRC)
    with pytest.raises(ValidationError) as excinfo:
        section.full_clean()
    assert "line" in excinfo.value.message_dict


def test_status_choices_are_the_four_of_the_brief():
    assert [str(label) for _value, label in WorkStatus.choices] == [
        "Niet gestart", "Lopend", "Gereed", "Vervallen"]


# ---------------------------------------------------------------- the demo (seed content)


@pytest.fixture
def demo(db):
    from weerbaar.demo.loader import load_demo

    load_demo(accounts=False)


def test_demo_holds_the_seed_programme(demo):
    assert ProgrammePlan.objects.get().aim.count("72 uur") == 1
    assert list(ProgrammeLine.objects.values_list("number", flat=True)) == ["I", "II", "III", "IV"]
    assert Subgoal.objects.count() == 12
    per_line = {n: ActionLine.objects.filter(line__number=n).count()
                for n in ("I", "II", "III", "IV")}
    assert per_line == {"I": 6, "II": 7, "III": 12, "IV": 7}  # Bijlage 2
    assert set(ActionLine.objects.values_list("period", flat=True)) == {"2025", "2026-2027"}
    assert ActionLine.objects.get(text="Gezamenlijk vaststellen van begrippenkader").line.number == "IV"
    exercise = ActionLine.objects.get(text__startswith="Organiseren van integrale oefeningen")
    assert exercise.organisation.name.startswith("Veiligheidsregio Brabant-Noord")
    assert set(ActionLine.objects.get(text="Opstellen communicatieplan")
               .subgoals.values_list("code", flat=True)) == {"I-1", "I-2"}


def test_demo_projects_roles_and_calendar_follow_the_seed(demo):
    assert LinkedProject.objects.count() == 12  # ten of §3.6, two more in Bijlage 2
    heat = LinkedProject.objects.get(name="Project hitteplan")
    assert heat.responsible_team == "Woon- en leefgemeente"
    assert list(heat.lines.values_list("number", flat=True)) == ["III"]
    assert not LinkedProject.objects.exclude(status=WorkStatus.RUNNING).exists()
    roles = set(ProgrammeRole.objects.values_list("name", flat=True))
    assert {"Bestuurlijk opdrachtgever", "Ambtelijk opdrachtgever", "Stuurgroep",
            "Werkgroep"} <= roles
    assert ProgrammeRole.objects.get(name="Ambtelijk opdrachtgever").holder == "Gemeentesecretaris"
    moments = list(EvaluationMoment.objects.values_list("kind", "planned_on", "report_kind"))
    assert moments == [("survey", date(2026, 3, 31), ""),
                       ("progress_report", date(2026, 12, 31), "progress"),
                       ("survey", date(2027, 12, 31), ""),
                       ("final_report", date(2027, 12, 31), "final")]
    assert not EvaluationMoment.objects.filter(done_on__isnull=False).exists()  # not invented


def test_demo_budget_has_the_seed_amounts(demo):
    per_year = {}
    for line in BudgetLine.objects.all():
        per_year[line.year] = per_year.get(line.year, 0) + line.budgeted
    assert per_year == {2026: Decimal("288532"), 2027: Decimal("263532")}  # §4.6
    # §4.3 (47.064) + §4.4 (505.000) is the same money as §4.6: nothing counted twice.
    assert sum(per_year.values()) == Decimal("47064") + Decimal("505000")
    monitor = BudgetLine.objects.filter(topic="Veiligheidsmonitor")
    assert sorted(monitor.values_list("budgeted", flat=True)) == [Decimal("23532")] * 2


def test_invented_progress_is_flagged_and_real_facts_are_not(demo):
    """Action statuses, amounts committed/spent and report texts are not in the seed."""
    assert not ActionLine.objects.filter(is_fictitious=False).exists()
    assert not ActionLine.objects.exclude(confidence=Confidence.ESTIMATE).exists()
    for line in BudgetLine.objects.all():
        invented = line.committed is not None or line.spent is not None
        assert line.is_fictitious == invented, line
        assert (line.confidence == Confidence.ESTIMATE) == invented, line
    assert BudgetLine.objects.filter(spent__isnull=True).exists()  # unknown stays unknown
    assert ReportSection.objects.exists()
    assert not ReportSection.objects.filter(is_fictitious=False).exists()
    for model in (ProgrammePlan, LinkedProject, ProgrammeRole, EvaluationMoment):
        assert not model.objects.filter(is_fictitious=True).exists(), model
        assert not model.objects.filter(source="").exists(), model
