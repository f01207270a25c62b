"""The scenario library: every file loads, runs, and gives every parameter a source or an assumption."""

import pytest

from weerbaar.engines.cascade import builtin_names, load_builtin, phase_of, simulate

NAMES = ["cyber-gemeente", "drinkwater-48u", "hitte", "stroomuitval-72u", "telecom-24u"]


def test_library_holds_the_five_scenarios():
    assert builtin_names() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_scenario_loads_runs_and_states_its_sources(name):
    s = load_builtin(name)
    assert s.name == name and s.sources and s.region is None
    for p in s.parameters.values():
        assert p.source or p.assumption, f"parameter {p.id} has no source or assumption"
    for a in s.assets.values():
        for n in a.needs:
            if n.backup != "none" and not isinstance(n.autonomy, str):
                assert n.source or n.assumption, f"{a.id}: autonomy without source or assumption"
    for d in s.disruption:
        assert d.start_hours >= 0
    r = simulate(s, runs=5, seed=1)
    assert len(r.effects) == len(s.effects) and any(e.onset_hours is not None for e in r.effects)


def test_drinking_water_points_get_demand_from_24_hours():
    from .cascade_helpers import small_region

    r = simulate(load_builtin("drinkwater-48u").with_region(small_region()))
    effects = {e.id: (e.onset_hours, e.phase) for e in r.effects}
    assert effects["dw-nooddrinkwater"] == (24.0, "24+")
    total = sum(p.demand_by_hour for p in r.support_points) + r.unserved_demand_by_hour
    assert total[:24].sum() == 0 and total[24] > 0
    assert total[48:].sum() == 0  # water back after 48 hours


def test_phase_boundaries():
    assert [phase_of(x) for x in (0, 1.99, 2, 3.99, 4, 23.99, 24, 100)] == [
        "0-2",
        "0-2",
        "2-4",
        "2-4",
        "4-24",
        "4-24",
        "24+",
        "24+",
    ]
    assert phase_of(None) is None and phase_of(float("inf")) is None
