"""Running a scenario on the registers: kit share from the survey, cache, injects."""

import pytest

from weerbaar.engines.cascade import ScenarioError, load_builtin, simulate
from weerbaar.scenarios import exercises
from weerbaar.scenarios.models import ExerciseRole, Inject
from weerbaar.scenarios.region import region_from_registers
from weerbaar.scenarios.services import (
    KIT_SHARE_KEY,
    kit_share_from_survey,
    parse_overrides,
    run_scenario,
)

pytestmark = pytest.mark.django_db
SCENARIO = "stroomuitval-72u"


def onsets(result) -> dict[str, float | None]:
    return {effect.id: effect.onset_hours for effect in result.effects}


def test_run_on_registers_equals_a_direct_engine_run_with_the_same_region(registers):
    run = run_scenario(SCENARIO, registers)
    assert run.region is not None and run.kit_share is None  # no survey in this municipality
    scenario = load_builtin(SCENARIO)
    direct = simulate(scenario.with_region(region_from_registers(registers, scenario).region))
    assert run.result.to_json() == direct.to_json()
    assert [p.id for p in run.result.support_points] == ["nsp-1", "nsp-2"]


def test_second_identical_run_comes_from_the_cache_and_new_registers_do_not(registers):
    first = run_scenario(SCENARIO, registers)
    again = run_scenario(SCENARIO, registers)
    assert (first.cached, again.cached) == (False, True)
    assert again.result.to_json() == first.result.to_json()
    from weerbaar.supportpoints.models import SupportPoint

    SupportPoint.objects.filter(name="Sporthal Zuid").update(capacity_per_day=1200)
    changed = run_scenario(SCENARIO, registers)
    assert changed.cached is False
    capacities = {p.id: p.capacity_per_hour for p in changed.result.support_points}
    assert capacities["nsp-2"] == 100


def test_without_a_municipality_the_scenario_runs_without_region(db):
    run = run_scenario(SCENARIO, None)
    assert run.region is None and run.municipality is None
    assert run.result.to_json() == simulate(load_builtin(SCENARIO)).to_json()


def test_kit_share_comes_from_the_latest_survey_estimate(db):
    from weerbaar.demo.loader import load_demo
    from weerbaar.monitor.estimates import estimate_municipality
    from weerbaar.places.models import Municipality

    load_demo()
    bernheze = Municipality.objects.get(cbs_code="GM1721")
    latest = [r for r in estimate_municipality(bernheze) if "I-3" in r.indicators][-1]
    share = kit_share_from_survey(bernheze)
    assert share.from_survey
    assert share.value == pytest.approx(latest.indicators["I-3"].overall.value, abs=1e-4)
    assert latest.wave.name in share.source and "fictieve" in share.source
    run = run_scenario(SCENARIO, bernheze)
    assert run.kit_share == share
    # An explicit --set wins over the survey, and the run says the survey was not used.
    own = run_scenario(SCENARIO, bernheze, overrides={KIT_SHARE_KEY: "0.9"})
    assert own.kit_share is None and own.overrides == {KIT_SHARE_KEY: "0.9"}


def test_bad_overrides_name_every_bad_pair():
    with pytest.raises(ScenarioError) as caught:
        parse_overrides(["parameters.kit_share=0.4", "kapot", "=3"])
    assert caught.value.problems == ["--set 2: 'kapot' is geen sleutel=waarde",
                                     "--set 3: '=3' is geen sleutel=waarde"]
    assert parse_overrides(["a = 1"]) == {"a": "1"}


def test_runs_outside_the_range_are_refused(registers):
    with pytest.raises(ScenarioError):
        run_scenario(SCENARIO, registers, runs=0)


def test_every_effect_becomes_an_inject_at_its_onset_for_the_roles_of_its_sector(registers):
    run = run_scenario(SCENARIO, registers)
    drafts = exercises.injects_from_run(run)
    from_effects = {(d.effect_id, d.role): d.hour for d in drafts if d.effect_id}
    started = [e for e in run.result.effects if e.onset_hours is not None]
    assert started
    for effect in started:
        for role in exercises.roles_for_sector(effect.sector):
            assert from_effects[(effect.id, role)] == round(effect.onset_hours, 1)
    assert [d.hour for d in drafts] == sorted(d.hour for d in drafts)
    only_keys = exercises.injects_from_run(run, [ExerciseRole.KEY_FIGURE])
    assert only_keys and {d.role for d in only_keys} == {ExerciseRole.KEY_FIGURE}


def test_sector_roles_for_seed_and_unknown_sectors():
    assert exercises.roles_for_sector("Telecom") == (
        ExerciseRole.VITAL_PROVIDER, ExerciseRole.CRISIS_TEAM, ExerciseRole.KEY_FIGURE,
        ExerciseRole.SUPPORT_POINT_TEAM)
    assert exercises.roles_for_sector("Zorg en welzijn") == (ExerciseRole.CARE_LOCATION,
                                                             ExerciseRole.CRISIS_TEAM)
    assert exercises.roles_for_sector("Iets nieuws") == (ExerciseRole.CRISIS_TEAM,)


def test_create_exercise_stores_the_generated_injects(registers):
    made = exercises.create_exercise(registers, SCENARIO, "Oefening", roles=["crisis_team"])
    run = run_scenario(SCENARIO, registers)
    expected = exercises.injects_from_run(run, ["crisis_team"])
    stored = list(Inject.objects.filter(exercise=made).order_by("hour", "id"))
    assert len(stored) == len(expected) > 0
    assert {i.role for i in stored} == {"crisis_team"}
    assert made.role_codes == ["crisis_team"]


def test_unknown_participant_role_is_named(registers):
    from django.core.exceptions import ValidationError

    from weerbaar.scenarios.models import Exercise

    with pytest.raises(ValidationError) as caught:
        Exercise(municipality=registers, scenario=SCENARIO, title="x",
                 participant_roles="crisis_team,wethouder").full_clean()
    assert "wethouder" in str(caught.value.message_dict["participant_roles"])
