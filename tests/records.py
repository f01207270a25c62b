"""One record of every register model, tied to the first organisation and community, so
route tests can open a change page for each model as each role."""

from datetime import date

from weerbaar.network.models import HelpService, InformalNetwork, KeyFigure, Publication
from weerbaar.places.models import Neighbourhood, PopulationStatistic
from weerbaar.programme.models import (
    ActionLine,
    BudgetLine,
    EvaluationMoment,
    GlossaryEndorsement,
    GlossaryTerm,
    GlossaryVersion,
    LinkedProject,
    ProgrammeLine,
    ProgrammePlan,
    ProgrammeRole,
    ReportSection,
    RoleCard,
    Subgoal,
)
from weerbaar.supportpoints.models import KeyHolder, StatusSnapshot, SupportPoint
from weerbaar.vital.models import (
    ContinuityMeasure,
    ContinuityPlan,
    Dependency,
    VitalAsset,
    VitalProcess,
    VitalProvider,
    VulnerableLocation,
)


def one_of_each(municipality, community, organisation) -> dict[str, object]:
    """Return {model label: instance} for every register model."""
    r: dict[str, object] = {
        "places.municipality": municipality,
        "places.community": community,
        "network.organisation": organisation,
    }
    src = {"source": "test"}
    r["places.neighbourhood"] = Neighbourhood.objects.create(
        community=community, cbs_code="BU99990001", name="Centrum", **src)
    r["places.populationstatistic"] = PopulationStatistic.objects.create(
        community=community, year=2024, inhabitants=1000, **src)
    r["network.helpservice"] = HelpService.objects.create(
        organisation=organisation, community=community, name="Hulploket", **src)
    r["network.informalnetwork"] = InformalNetwork.objects.create(
        community=community, name="Burenhulp", kind="neighbours", **src)
    r["network.keyfigure"] = KeyFigure.objects.create(
        community=community, name="Testpersoon", role="Dorpsraad", reach_without_phone="Café",
        phone="06-00000001", email="geheim@example.org", address="Geheimstraat 1",
        purpose="Schakel bij verstoring", consent_on=date(2026, 1, 1), **src)
    r["network.publication"] = Publication.objects.create(
        community=community, kind="digital", published_on=date(2026, 6, 1), **src)
    point = SupportPoint.objects.create(community=community, name="Dorpshuis", **src)
    r["supportpoints.supportpoint"] = point
    r["supportpoints.statussnapshot"] = StatusSnapshot.objects.get(support_point=point)
    r["supportpoints.keyholder"] = KeyHolder.objects.create(
        support_point=point, name="Sleutelhouder", phone="06-00000002", **src)
    process = VitalProcess.objects.create(municipality=municipality, name="Crisiscommunicatie",
                                          category="internal", **src)
    r["vital.vitalprocess"] = process
    provider = VitalProvider.objects.create(organisation=organisation, **src)
    r["vital.vitalprovider"] = provider
    asset = VitalAsset.objects.create(municipality=municipality, community=community,
                                      provider=provider, process=process, name="Pompstation",
                                      **src)
    r["vital.vitalasset"] = asset
    r["vital.dependency"] = Dependency.objects.create(asset=asset, service="electricity", **src)
    r["vital.vulnerablelocation"] = VulnerableLocation.objects.create(
        community=community, operator=organisation, name="Zorghuis", kind="nursing", **src)
    plan = ContinuityPlan.objects.create(asset=asset, owner=organisation, title="Plan", **src)
    r["vital.continuityplan"] = plan
    r["vital.continuitymeasure"] = ContinuityMeasure.objects.create(
        plan=plan, kind="control", description="Aggregaat")
    line = ProgrammeLine.objects.create(municipality=municipality, number="II", name="Samen",
                                        **src)
    r["programme.programmeline"] = line
    r["programme.subgoal"] = Subgoal.objects.create(
        line=line, code="II-2", text="Sleutelfiguren", target_share=1,
        deadline=date(2027, 12, 31), measured_by="register", indicator="aandeel", **src)
    version = GlossaryVersion.objects.create(municipality=municipality, number="1", **src)
    r["programme.glossaryversion"] = version
    r["programme.glossaryterm"] = GlossaryTerm.objects.create(
        version=version, term="Weerbaarheid", definition="…", **src)
    r["programme.glossaryendorsement"] = GlossaryEndorsement.objects.create(
        version=version, organisation=organisation, endorsed_on=date(2026, 5, 1), **src)
    r["programme.rolecard"] = RoleCard.objects.create(
        organisation=organisation, title="Rol", tasks="Taken", **src)
    r["programme.programmeplan"] = ProgrammePlan.objects.create(
        municipality=municipality, title="Plan", aim="72 uur", starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31), **src)
    action = ActionLine.objects.create(line=line, period="2026-2027", text="Sleutelfiguren werven",
                                       owner="Programmaleider", organisation=organisation, **src)
    action.subgoals.set([r["programme.subgoal"]])
    r["programme.actionline"] = action
    project = LinkedProject.objects.create(municipality=municipality, name="Project",
                                           responsible_team="Team", **src)
    project.lines.set([line])
    r["programme.linkedproject"] = project
    r["programme.programmerole"] = ProgrammeRole.objects.create(
        municipality=municipality, name="Stuurgroep", holder="Burgemeester", **src)
    r["programme.evaluationmoment"] = EvaluationMoment.objects.create(
        municipality=municipality, kind="progress_report", description="Voortgangsrapportage",
        planned_on=date(2026, 12, 31), **src)
    r["programme.budgetline"] = BudgetLine.objects.create(
        municipality=municipality, year=2026, topic="Programmaleider", budgeted=1000, **src)
    r["programme.reportsection"] = ReportSection.objects.create(
        municipality=municipality, report_kind="progress", report_year=2026, line=line,
        heading="lessons", text="Les", **src)
    _survey_records(r, municipality, community)
    _scenario_records(r, municipality, action)
    _planning_records(r, municipality, community)
    from weerbaar.audit.services import record

    r["audit.auditevent"] = record("view", r["network.keyfigure"], reason="test")
    return r


def _planning_records(r: dict, municipality, community) -> None:
    """A candidate building and the municipality's planning norm."""
    from weerbaar.planning.models import CandidateSite, PlanningNorm

    r["planning.candidatesite"] = CandidateSite.objects.create(
        municipality=municipality, community=community, name="Dorpshuis", latitude=51.73,
        longitude=5.53, status="current", source="test")
    r["planning.planningnorm"] = PlanningNorm.objects.create(municipality=municipality,
                                                             source="test")


def _survey_records(r: dict, municipality, community) -> None:
    """A codebook with one question and answer, a wave and one coded respondent."""
    from weerbaar.monitor.models import (
        Codebook,
        CodebookAnswer,
        CodebookQuestion,
        SurveyResponse,
        SurveyWave,
    )

    codebook = Codebook.objects.create(municipality=municipality, name="Codeboek", source="test")
    r["monitor.codebook"] = codebook
    question = CodebookQuestion.objects.create(codebook=codebook, column="v1", maps_to="I-1")
    r["monitor.codebookquestion"] = question
    r["monitor.codebookanswer"] = CodebookAnswer.objects.create(question=question, code="1",
                                                                label="Ja", meaning="yes")
    wave = SurveyWave.objects.create(municipality=municipality, codebook=codebook,
                                     name="Nulmeting", fieldwork_start=date(2026, 2, 1),
                                     fieldwork_end=date(2026, 2, 28), source="test")
    r["monitor.surveywave"] = wave
    r["monitor.surveyresponse"] = SurveyResponse.objects.create(
        wave=wave, respondent_id="R1", community=community, knows_where_help=True)


def _scenario_records(r: dict, municipality, action) -> None:
    """An exercise with one inject, observation and lesson (the lesson made an action)."""
    from weerbaar.scenarios.models import Exercise, Inject, Lesson, Observation

    exercise = Exercise.objects.create(municipality=municipality, scenario="stroomuitval-72u",
                                       title="Oefening stroomuitval", source="test")
    r["scenarios.exercise"] = exercise
    r["scenarios.inject"] = Inject.objects.create(exercise=exercise, hour=2, role="crisis_team",
                                                  text="112 valt uit", source="test")
    r["scenarios.observation"] = Observation.objects.create(exercise=exercise, hour=3,
                                                            text="Meldkamer belt niet terug",
                                                            source="test")
    r["scenarios.lesson"] = Lesson.objects.create(exercise=exercise, text="Oefen vaker",
                                                  action=action, source="test")
