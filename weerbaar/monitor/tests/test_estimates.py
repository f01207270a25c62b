"""Estimates on hand-checkable data, raking to the statistics, small domains, the status."""

from datetime import date

import numpy as np
import pytest

from weerbaar.monitor.estimates import (
    RELIABLE_MIN,
    SHOWN_MIN,
    WaveResult,
    estimate_wave,
    load_columns,
    weight,
)
from weerbaar.monitor.models import SurveyResponse, SurveyWave
from weerbaar.monitor.services import DomainRow, expected_from_baseline, survey_status
from weerbaar.places.models import PopulationStatistic
from weerbaar.programme.indicators import Status


def respondents(wave, communities, specs):
    """specs: (count, kern index, age group, I-1 answer, extra fields)."""
    wave.save()
    rows, number = [], 0
    for count, kern, age, answer, extra in specs:
        for _ in range(count):
            number += 1
            rows.append(SurveyResponse(wave=wave, respondent_id=f"R{number}",
                                       community=communities[kern], age_group=age,
                                       knows_where_help=answer, **extra))
    SurveyResponse.objects.bulk_create(rows)
    return wave


def test_equal_weights_without_statistics_give_the_plain_share(wave, communities):
    # 60 respondents: 36 yes, 18 no, 6 missing -> 36 / 54 = 2/3.
    respondents(wave, communities, [(20, 0, "40-64", True, {}), (16, 1, "40-64", True, {}),
                                    (18, 1, "65-79", False, {}), (6, 0, "40-64", None, {})])
    result = estimate_wave(wave)
    assert result.raked_on == []
    assert any("Niet gewogen naar kern" in note for note in result.notes)
    overall = result.indicators["I-1"].overall
    assert overall.n == 54
    assert overall.value == pytest.approx(2 / 3)
    assert overall.ci_low < 2 / 3 < overall.ci_high
    kern = {c.label: c for c in result.indicators["I-1"].domains["kern"]}
    assert kern["Noorddorp"].value == pytest.approx(1.0) and kern["Noorddorp"].n == 20
    assert kern["Zuiddorp"].value == pytest.approx(16 / 34)
    assert "I-3" not in result.indicators  # nobody answered kit/plan


def test_raking_hits_the_population_totals(wave, communities, municipality):
    """Kern totals from the communities' statistics; age groups from the municipality's,
    scaled to the kern total; the latest year not after the fieldwork counts."""
    PopulationStatistic.objects.create(community=communities[0], year=2025, inhabitants=3000,
                                       source="test")
    PopulationStatistic.objects.create(community=communities[0], year=2027, inhabitants=9,
                                       source="test")  # after the fieldwork: ignored
    PopulationStatistic.objects.create(community=communities[1], year=2020, inhabitants=1000,
                                       source="test")
    PopulationStatistic.objects.create(municipality=municipality, year=2024, inhabitants=5000,
                                       aged_0_14=1000, aged_65_plus=1000, aged_80_plus=250,
                                       source="test")
    respondents(wave, communities, [(40, 0, "40-64", True, {}), (20, 0, "65-79", False, {}),
                                    (10, 0, "80+", True, {}), (50, 1, "40-64", False, {}),
                                    (20, 1, "65-79", True, {}), (10, 1, "80+", False, {})])
    columns = load_columns(wave)
    result = WaveResult(wave=wave, respondents=150)
    design = weight(wave, columns, result)
    assert result.raked_on == ["kern", "leeftijd"]
    w = design.w
    kern = np.array(columns["community_id"].tolist())
    assert w[kern == communities[0].id].sum() == pytest.approx(3000)
    assert w[kern == communities[1].id].sum() == pytest.approx(1000)
    # Ages 15-64 : 65-79 : 80+ = 3000 : 750 : 250 of 4000 adults, scaled to 4000 inhabitants.
    age = np.array(columns["age_group"].tolist())
    assert w[age == "40-64"].sum() == pytest.approx(3000)
    assert w[age == "65-79"].sum() == pytest.approx(750)
    assert w[age == "80+"].sum() == pytest.approx(250)
    estimate = estimate_wave(wave).indicators["I-1"].overall
    yes = np.array([v is True for v in columns["knows_where_help"]])
    assert estimate.value == pytest.approx(w[yes].sum() / w.sum())


def test_small_domains_are_flagged_and_suppressed(wave, communities):
    respondents(wave, communities, [(60, 0, "40-64", True, {}), (12, 1, "65-79", True, {}),
                                    (5, 1, "80+", False, {})])
    result = estimate_wave(wave)
    ages = {c.label: c for c in result.indicators["I-1"].domains["age_group"]}
    assert ages["40 tot en met 64"].reliability == "ok"
    unreliable = ages["65 tot en met 79"]
    assert unreliable.unreliable and unreliable.value == pytest.approx(1.0)
    hidden = ages["80 en ouder"]
    assert hidden.suppressed and hidden.value is None and hidden.ci_low is None
    row = DomainRow.of(hidden)
    assert (row.value_display, row.interval_display, row.flag) == ("—", "—", "onderdrukt")
    assert row.n_display == f"minder dan {SHOWN_MIN}"
    assert DomainRow.of(unreliable).flag == "onbetrouwbaar"
    assert SHOWN_MIN < RELIABLE_MIN


def test_i3_counts_independent_households_with_kit_and_plan(wave, communities):
    home = {"household_type": "family"}
    respondents(wave, communities, [
        (10, 0, "40-64", True, {**home, "has_kit": True, "has_plan": True}),
        (10, 0, "40-64", True, {**home, "has_kit": True, "has_plan": False}),
        (5, 0, "40-64", True, {**home, "has_kit": False, "has_plan": None}),  # no: kit missing
        (5, 0, "40-64", True, {**home, "has_kit": True, "has_plan": None}),  # unknown
        (10, 1, "80+", True, {"household_type": "institutional", "has_kit": True,
                              "has_plan": True}),
    ])
    overall = estimate_wave(wave).indicators["I-3"].overall
    assert overall.n == 25
    assert overall.value == pytest.approx(10 / 25)


def test_ii3_counts_informal_helpers_only(wave, communities):
    respondents(wave, communities, [
        (8, 0, "40-64", True, {"informal_helper": True, "helper_knows_expected": True}),
        (4, 0, "40-64", True, {"informal_helper": True, "helper_knows_expected": False}),
        (30, 1, "40-64", True, {"informal_helper": False, "helper_knows_expected": False}),
    ])
    overall = estimate_wave(wave).indicators["II-3"].overall
    assert (overall.n, overall.value) == (12, pytest.approx(8 / 12))


def test_a_helper_wave_is_not_raked_and_measures_only_ii3(wave, communities):
    wave.population = SurveyWave.Population.HELPERS
    respondents(wave, communities, [(15, 0, "40-64", True, {"helper_knows_expected": True})])
    result = estimate_wave(wave)
    assert set(result.indicators) == {"II-3"} and result.raked_on == []
    assert result.indicators["II-3"].overall.n == 15


def test_status_follows_the_path_from_the_baseline():
    baseline = (date(2026, 2, 28), 0.40)
    deadline, target = date(2027, 12, 31), 0.75
    halfway = date(2026, 2, 28) + (deadline - date(2026, 2, 28)) / 2
    assert expected_from_baseline(0.40, baseline[0], target, deadline, halfway) == pytest.approx(
        0.575, abs=0.001)
    assert survey_status(0.58, baseline, target, deadline, halfway) == Status.ON_TRACK
    assert survey_status(0.50, baseline, target, deadline, halfway) == Status.AT_RISK
    assert survey_status(0.40, baseline, target, deadline, halfway) == Status.OFF_TRACK
    # At the baseline itself the baseline is on its own path.
    assert survey_status(0.40, baseline, target, deadline, baseline[0]) == Status.ON_TRACK
    assert survey_status(0.74, baseline, target, deadline, date(2028, 1, 2)) == Status.OFF_TRACK
    assert survey_status(None, baseline, target, deadline, halfway) == Status.NO_DATA


def test_a_kept_estimate_is_reused_until_an_input_changes(wave, communities, municipality):
    respondents(wave, communities, [(30, 0, "40-64", True, {}), (30, 1, "40-64", False, {})])
    first = estimate_wave(wave)
    assert estimate_wave(wave) is first  # nothing changed: the kept result
    assert first.raked_on == []
    PopulationStatistic.objects.create(community=communities[0], year=2025, inhabitants=900,
                                       source="test")
    PopulationStatistic.objects.create(community=communities[1], year=2025, inhabitants=100,
                                       source="test")
    raked = estimate_wave(wave)  # new statistics: raked to them, not the stale result
    assert raked is not first and raked.raked_on == ["kern"]
    assert raked.indicators["I-1"].overall.value == pytest.approx(0.9)
    SurveyResponse.objects.filter(wave=wave, community=communities[1]).update(
        knows_where_help=True)
    assert estimate_wave(wave).indicators["I-1"].overall.value == pytest.approx(1.0)
    wave.name = "Hermeting"
    wave.save()
    assert estimate_wave(wave).wave.name == "Hermeting"
