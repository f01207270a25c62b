"""The register indicators on small hand-built registers, with exact numbers."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from weerbaar.network.models import InformalNetwork, KeyFigure, Organisation, Publication
from weerbaar.places.models import Municipality
from weerbaar.programme.indicators import (
    PROGRAMME_START,
    REGISTER_CODES,
    Status,
    compute_register_indicators,
    expected_on,
    format_share,
    is_current,
    status_for,
    subgoal_overview,
)
from weerbaar.programme.models import (
    GlossaryEndorsement,
    GlossaryVersion,
    ProgrammeLine,
    RoleCard,
    Subgoal,
)
from weerbaar.vital.models import (
    ContinuityMeasure,
    ContinuityPlan,
    VitalAsset,
    VitalProcess,
    VulnerableLocation,
)

TODAY = date(2026, 11, 1)
SRC = {"source": "test"}


def ago(months: int = 0, days: int = 0) -> date:
    return TODAY - relativedelta(months=months, days=days)


DEADLINE = date(2028, 1, 1)


def add_subgoal(municipality, code, target=1.0, deadline=DEADLINE, measured_by="register"):
    number = code.split("-")[0]
    line, _ = ProgrammeLine.objects.get_or_create(municipality=municipality, number=number,
                                                  defaults={"name": f"Lijn {number}", **SRC})
    return Subgoal.objects.create(line=line, code=code, text=f"Subdoel {code}",
                                  target_share=target, deadline=deadline, measured_by=measured_by,
                                  indicator="aandeel", **SRC)


def indicator(municipality, code, today=TODAY):
    return {r.code: r for r in compute_register_indicators(municipality, today)}[code]


def key_figure(community, confirmed_on, **extra):
    number = KeyFigure.objects.filter(community=community).count() + 1
    return KeyFigure.objects.create(
        community=community, name=f"Fictieve Persoon {number}", role="Dorpsraad",
        reach_without_phone="Dorpshuis", purpose="Schakel bij verstoring",
        consent_on=date(2025, 1, 1), role_confirmed_on=confirmed_on, is_fictitious=True,
        **extra, **SRC)


@pytest.fixture
def neighbour(db):
    return Municipality.objects.create(cbs_code="GM9998", name="Buurgemeente", **SRC)


# --- the status rule ------------------------------------------------------------------------


def test_programme_starts_at_the_plan_period():
    assert PROGRAMME_START == date(2026, 1, 1)


def test_expected_path_is_linear_from_programme_start_to_deadline():
    # 2026-01-01 .. 2028-01-01 is 730 days; 2027-01-01 lies exactly halfway.
    assert expected_on(1.0, DEADLINE, date(2027, 1, 1)) == 0.5
    assert expected_on(0.75, DEADLINE, date(2027, 1, 1)) == 0.375
    assert expected_on(1.0, DEADLINE, date(2025, 6, 1)) == 0.0
    assert expected_on(1.0, DEADLINE, date(2029, 6, 1)) == 1.0


@pytest.mark.parametrize(("value", "today", "want"), [
    (0.5, date(2027, 1, 1), Status.ON_TRACK),  # exactly on the path
    (0.9, date(2027, 1, 1), Status.ON_TRACK),
    (0.4999, date(2027, 1, 1), Status.AT_RISK),
    (0.35, date(2027, 1, 1), Status.AT_RISK),  # exactly 0.15 below the path
    (0.3499, date(2027, 1, 1), Status.OFF_TRACK),
    (0.0, date(2025, 12, 1), Status.ON_TRACK),  # before the start nothing is expected
    (1.0, date(2028, 1, 1), Status.ON_TRACK),  # on the deadline: target reached
    (0.99, date(2028, 1, 1), Status.AT_RISK),  # the deadline day itself still counts
    (0.99, date(2028, 1, 2), Status.OFF_TRACK),  # past the deadline no "needs attention"
    (0.9, date(2029, 3, 1), Status.OFF_TRACK),
    (None, date(2027, 1, 1), Status.NO_DATA),
])
def test_status_for_boundaries(value, today, want):
    assert status_for(value, 1.0, DEADLINE, today) == want


def test_status_without_target_is_not_judged():
    assert status_for(0.5, None, None, TODAY) == Status.NO_TARGET


def test_status_labels_are_words_not_only_colours():
    assert Status.ON_TRACK.label == "Op koers"
    assert Status.AT_RISK.label == "Aandacht nodig"
    assert Status.OFF_TRACK.label == "Niet op koers"
    assert Status.NO_DATA.label == "Geen gegevens"
    assert Status.NOT_MEASURED.label == "Nog geen meting"
    assert Status.AT_RISK.css_class == "status-at_risk"
    assert Status.NOT_MEASURED.css_class == "status-no_data"


def test_share_format_is_dutch_whole_percent():
    assert format_share(0.5) == "50 %"
    assert format_share(1 / 3) == "33 %"
    assert format_share(2 / 3) == "67 %"
    assert format_share(0.005) == "1 %"
    assert format_share(None) == "geen gegevens"


def test_currency_window_is_inclusive_and_excludes_the_future(settings):
    assert is_current(ago(months=12), TODAY)
    assert not is_current(ago(months=12, days=1), TODAY)
    assert not is_current(TODAY + relativedelta(days=1), TODAY)
    assert not is_current(None, TODAY)
    settings.WEERBAAR_CURRENCY_MONTHS = 24
    assert is_current(ago(months=14), TODAY)


# --- II-1, II-2: per community ----------------------------------------------------------------


def test_ii1_needs_mapping_and_current_digital_and_printed_edition(municipality, communities):
    north, south = communities
    InformalNetwork.objects.create(community=north, name="Burenhulp", kind="neighbours",
                                   mapped_on=ago(months=2), **SRC)
    Publication.objects.create(community=north, kind="digital", published_on=ago(months=1), **SRC)
    Publication.objects.create(community=north, kind="printed", published_on=ago(months=12), **SRC)
    InformalNetwork.objects.create(community=south, name="Voedselbank", kind="foodbank", **SRC)
    Publication.objects.create(community=south, kind="digital", published_on=ago(months=2), **SRC)
    Publication.objects.create(community=south, kind="printed", published_on=ago(months=13), **SRC)

    result = indicator(municipality, "II-1")
    assert (result.value, result.numerator, result.denominator) == (0.5, 1, 2)
    assert [(c.name, c.met) for c in result.per_community] == [("Noorddorp", True),
                                                               ("Zuiddorp", False)]
    assert result.per_community[0].missing == ()
    assert result.per_community[1].missing == ("sociaal weefsel niet in kaart gebracht",
                                               "geen actuele gedrukte uitgave")
    assert result.per_community[1].detail.startswith("Ontbreekt: ")


def test_ii2_counts_communities_with_a_recently_confirmed_active_key_figure(municipality,
                                                                            communities):
    north, south = communities
    add_subgoal(municipality, "II-2", target=1.0)
    key_figure(north, ago(months=3))
    key_figure(north, ago(months=1), is_active=False)
    key_figure(north, ago(months=1), ended_on=TODAY)  # ended today: no longer in the role
    key_figure(south, ago(months=14))
    key_figure(south, None)

    result = indicator(municipality, "II-2")
    assert (result.value, result.numerator, result.denominator) == (0.5, 1, 2)
    assert [(c.name, c.count) for c in result.per_community] == [("Noorddorp", 1),
                                                                 ("Zuiddorp", 0)]
    assert result.target == 1.0 and result.deadline == DEADLINE
    assert result.expected_now == pytest.approx(304 / 730)
    assert result.status == Status.ON_TRACK
    assert result.value_display == "50 %" and result.fraction_display == "1 van 2"


def test_ii2_key_figure_ending_in_the_future_still_counts(municipality, communities, settings):
    north, south = communities
    key_figure(north, ago(months=3), ended_on=TODAY + relativedelta(days=1))
    key_figure(south, ago(months=14))
    assert indicator(municipality, "II-2").value == 0.5
    settings.WEERBAAR_CURRENCY_MONTHS = 24
    assert indicator(municipality, "II-2").value == 1.0


# --- III: vital processes, assets, locations -------------------------------------------------


def plan_for(measures=(), **subject):
    plan = ContinuityPlan.objects.create(title="Plan", last_reviewed_on=ago(months=1), **subject,
                                         **SRC)
    for kind in measures:
        ContinuityMeasure.objects.create(plan=plan, kind=kind, description="Maatregel")
    return plan


def test_iii1_needs_both_a_control_and_an_emergency_measure(municipality, neighbour):
    def internal(name, owner=municipality):
        return VitalProcess.objects.create(municipality=owner, name=name, category="internal",
                                           **SRC)

    plan_for(["control", "emergency"], process=internal("Crisiscommunicatie"))
    plan_for(["control", "control"], process=internal("Burgerzaken"))
    internal("Uitbetalen uitkeringen")  # no plan at all
    plan_for(["control", "emergency"],
             process=VitalProcess.objects.create(name="Elektriciteit", category="A", **SRC))
    plan_for(["control", "emergency"], process=internal("Elders", owner=neighbour))

    result = indicator(municipality, "III-1")
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.value == pytest.approx(1 / 3)
    assert result.notes == ["1 proces zonder continuïteitsplan",
                            "1 plan zonder beheers- én noodmaatregel"]


def test_iii2_and_iii3_over_assets_and_vulnerable_locations(municipality, communities, neighbour):
    north, south = communities
    ack = {"acknowledged_on": ago(months=6)}
    pump = VitalAsset.objects.create(municipality=municipality, community=north,
                                     name="Pompstation", **ack, **SRC)
    plan_for(asset=pump)  # reviewed a month ago: current
    mast = VitalAsset.objects.create(municipality=municipality, name="Zendmast", **SRC)
    plan = plan_for(asset=mast)
    plan.last_reviewed_on = ago(months=13)  # reviewed 13 months ago: not current
    plan.save()
    VulnerableLocation.objects.create(community=south, name="Zorghuis", kind="nursing", **ack,
                                      **SRC)  # acknowledged, no plan
    group_home = VulnerableLocation.objects.create(community=south, name="Woongroep",
                                                   kind="group_home", **SRC)
    overdue = plan_for(vulnerable_location=group_home)
    overdue.next_review_on = ago(days=1)  # past its own review date
    overdue.save()
    VitalAsset.objects.create(municipality=neighbour, name="Elders", **ack, **SRC)

    acknowledged = indicator(municipality, "III-2")
    assert (acknowledged.value, acknowledged.numerator, acknowledged.denominator) == (0.5, 2, 4)
    assert [(c.name, c.numerator, c.denominator) for c in acknowledged.per_community] == [
        ("Noorddorp", 1, 1), ("Zuiddorp", 1, 2), ("Hele gemeente", 0, 1)]

    current = indicator(municipality, "III-3")
    assert (current.value, current.numerator, current.denominator) == (0.25, 1, 4)
    assert [(c.name, c.numerator, c.value) for c in current.per_community] == [
        ("Noorddorp", 1, 1.0), ("Zuiddorp", 0, 0.0), ("Hele gemeente", 0, 0.0)]


def test_iii2_community_without_items_has_no_data(municipality, communities):
    VitalAsset.objects.create(municipality=municipality, community=communities[0],
                              name="Pompstation", **SRC)
    rows = indicator(municipality, "III-2").per_community
    assert [(c.name, c.value) for c in rows] == [("Noorddorp", 0.0), ("Zuiddorp", None)]
    assert rows[1].value_display == "geen gegevens"


# --- IV: partners ----------------------------------------------------------------------------


@pytest.fixture
def outsider(municipality):
    """Not a partner: never counts, whatever it has done."""
    return Organisation.objects.create(municipality=municipality, name="Bakkerij", kind="business",
                                       integral_task_documented_on=ago(months=1), **SRC)


def test_iv1_and_iv3_count_partners_only(municipality, organisations, outsider):
    water, care = organisations
    water.integral_task_documented_on = ago(months=2)
    water.save()
    RoleCard.objects.create(organisation=water, title="Drinkwater", tasks="…",
                            acknowledged_on=ago(months=1), **SRC)
    RoleCard.objects.create(organisation=water, title="Tweede kaart", tasks="…",
                            acknowledged_on=ago(months=1), **SRC)
    RoleCard.objects.create(organisation=care, title="Zorg", tasks="…", **SRC)
    RoleCard.objects.create(organisation=outsider, title="Brood", tasks="…",
                            acknowledged_on=ago(months=1), **SRC)

    integral = indicator(municipality, "IV-1")
    assert (integral.numerator, integral.denominator, integral.value) == (1, 2, 0.5)
    role_cards = indicator(municipality, "IV-3")
    assert (role_cards.numerator, role_cards.denominator, role_cards.value) == (1, 2, 0.5)


def test_iv2_counts_endorsements_of_the_latest_adopted_version(municipality, organisations,
                                                               outsider):
    water, care = organisations
    first = GlossaryVersion.objects.create(municipality=municipality, number="1",
                                           adopted_on=date(2026, 3, 1), **SRC)
    draft = GlossaryVersion.objects.create(municipality=municipality, number="2", **SRC)
    for organisation, version in ((water, first), (outsider, first), (care, draft)):
        GlossaryEndorsement.objects.create(version=version, organisation=organisation,
                                           endorsed_on=date(2026, 4, 1), **SRC)

    result = indicator(municipality, "IV-2")
    assert (result.value, result.numerator, result.denominator) == (0.5, 1, 2)
    assert "De laatste versie (2) is nog niet vastgesteld." in result.notes
    assert "Geteld wordt de laatst vastgestelde versie (1)." in result.notes


def test_iv2_is_zero_while_nothing_is_adopted(municipality, organisations):
    add_subgoal(municipality, "IV-2")
    draft = GlossaryVersion.objects.create(municipality=municipality, number="0.9", **SRC)
    for organisation in organisations:
        GlossaryEndorsement.objects.create(version=draft, organisation=organisation,
                                           endorsed_on=date(2026, 4, 1), **SRC)
    result = indicator(municipality, "IV-2")
    assert (result.value, result.numerator, result.denominator) == (0.0, 0, 2)
    assert result.value_display == "0 %"
    assert result.status == Status.OFF_TRACK
    assert any("0 %" in note for note in result.notes)


# --- empty registers and the overview --------------------------------------------------------


def test_empty_denominators_give_no_data_never_zero_or_hundred(municipality):
    for code in REGISTER_CODES:
        add_subgoal(municipality, code)
    GlossaryVersion.objects.create(municipality=municipality, number="1",
                                   adopted_on=date(2026, 3, 1), **SRC)  # adopted, no partners
    results = compute_register_indicators(municipality, TODAY)
    assert [r.code for r in results] == list(REGISTER_CODES)
    for result in results:
        assert result.value is None, result.code
        assert result.status == Status.NO_DATA, result.code
        assert result.status_label == "Geen gegevens"
        assert result.value_display == "geen gegevens"


def test_missing_subgoal_row_is_computed_but_not_judged(municipality, communities):
    key_figure(communities[0], ago(months=1))
    result = indicator(municipality, "II-2")
    assert result.value == 0.5
    assert result.target is None and result.expected_now is None
    assert result.status == Status.NO_TARGET


def test_overview_lists_subgoals_in_programme_order_and_survey_ones_unmeasured(municipality,
                                                                               communities):
    for code in ("IV-1", "II-2", "I-1", "III-1", "II-10"):
        add_subgoal(municipality, code, measured_by="survey" if code == "I-1" else "register")
    key_figure(communities[0], ago(months=1))
    overview = subgoal_overview(municipality, TODAY)
    assert [r.code for r in overview] == ["I-1", "II-2", "II-10", "III-1", "IV-1"]
    survey = overview[0]
    assert survey.status == Status.NOT_MEASURED and not survey.measured
    assert survey.value_display == "Nog geen meting"
    assert survey.target == 1.0 and survey.subgoal_text == "Subdoel I-1"
    assert overview[1].value == 0.5
    assert overview[2].status == Status.NOT_MEASURED  # a register code we cannot compute yet
