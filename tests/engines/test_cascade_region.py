"""Households per buurt, noodsteunpunt load, vulnerable sites and key figures on a small region."""

import dataclasses

import numpy as np
import pytest

from weerbaar.engines.cascade import Distribution, load_builtin, load_scenario, simulate
from weerbaar.engines.cascade.model import Intervention

from .cascade_helpers import SMALL, small_region


@pytest.fixture(scope="module")
def outage():
    return simulate(load_builtin("stroomuitval-72u").with_region(small_region()))


def test_library_scenarios_run_without_a_region():
    r = simulate(load_builtin("stroomuitval-72u"))
    assert r.neighbourhood_ids == [] and r.support_points == []
    assert r.households["no_power"].shape == (0, 73)
    assert r.to_json()["support_points"] == []


def test_household_counts_follow_the_services(outage):
    hh = outage.households
    assert outage.neighbourhood_ids == [f"BU{i}" for i in range(6)]
    assert all(v.shape == (6, 73) for v in hh.values())
    assert np.all(hh["no_power"] == 400)  # out for the whole 72 hours
    assert np.all(hh["no_heating"] == 400)
    assert np.all(hh["no_phone"][:, :3] == 0) and np.all(hh["no_phone"][:, 3:] == 400)  # masts last 3 h
    assert np.all(hh["no_112"][:, :3] == 0) and np.all(hh["no_112"][:, 3:] == 400)
    assert np.all(hh["no_water_pressure"][:, :48] == 0) and np.all(hh["no_water_pressure"][:, 48:] == 400)
    assert hh["unprepared"][0, 0] == pytest.approx(400 * (1 - 0.35))  # kit share at its median
    need = hh["electricity_dependent_in_need"][0]
    assert need[0] == 0 and need[-1] == 5 and np.all(np.diff(need) >= 0)  # own batteries run out over time
    rsr = hh["reduced_self_reliance_in_need"][0]
    assert rsr[2] == 0 and rsr[5] == pytest.approx(30 * 9 / (22 * 6)) and rsr[24] == 30


def test_support_point_demand_moves_when_a_point_loses_power(outage):
    points = {p.id: p for p in outage.support_points}
    a, b, c = points["sp-a"], points["sp-b"], points["sp-c"]
    assert b.backup_ends_at_hours == 0.0 and b.peak_demand_per_hour == 0  # no backup: closed at once
    assert a.backup_ends_at_hours == 4.0
    assert np.all(a.demand_by_hour[:4] > 0) and np.all(a.demand_by_hour[4:] == 0)
    # sp-c opens at hour 1: its buurten wait during hour 0, then it takes them, and Heesch too from hour 4
    assert c.demand_by_hour[0] == 0 and outage.unserved_demand_by_hour[0] > 0
    assert c.demand_by_hour[4] == pytest.approx(c.demand_by_hour[3] + a.demand_by_hour[3], rel=0.02)
    assert c.backup_ends_at_hours == 48.0
    assert np.all(c.demand_by_hour[48:] == 0)
    assert outage.unserved_demand_by_hour[50] > 0  # every point closed
    # demand = visit rate x residents in need: 3 buurten x 1000 x (1 - kit share), at the medians
    visit = Distribution("triangular", (0.01, 0.02, 0.04)).median
    assert a.demand_by_hour[0] == pytest.approx(3 * 1000 * 0.65 * visit, rel=1e-4)
    assert c.peak_demand_per_hour > c.capacity_per_hour and c.overloaded_hours > 0
    assert c.overloaded_hours == np.sum(c.demand_by_hour > c.capacity_per_hour)


def test_mobile_generator_keeps_a_point_open():
    s = load_builtin("stroomuitval-72u")
    s = dataclasses.replace(
        s, interventions=(Intervention("mobile_generator", at_hours=3, support_point="sp-a"),)
    )
    a = {p.id: p for p in simulate(s.with_region(small_region())).support_points}["sp-a"]
    assert a.backup_ends_at_hours is None and np.all(a.demand_by_hour > 0)


def test_vulnerable_sites_and_key_figures(outage):
    sites = {v["id"]: v for v in outage.vulnerable_sites}
    assert sites["vs-zorg"]["backup_ends_at_hours"] == 12.0
    assert sites["vs-groep"]["backup_ends_at_hours"] == 0.0
    # k1 mobile + in person, k2 fixed only, k3 in person only; fixed lines die with home power, masts at 3 h
    assert outage.key_figures["by_phone"].tolist()[:5] == [1, 1, 1, 0, 0]
    assert outage.key_figures["in_person_only"].tolist()[:5] == [1, 1, 1, 2, 2]


def test_local_disruption_only_hits_its_kern():
    text = SMALL.replace(
        "- {service: electricity, start_hours: 0, duration_hours: 10}",
        "- {service: electricity, where: [Nistelrode], start_hours: 0, duration_hours: 10}",
    )
    r = simulate(load_scenario(text, "lokaal.yaml").with_region(small_region()))
    no_power = r.households["no_power"]
    assert np.all(no_power[:3] == 0)  # Heesch keeps power
    assert np.all(no_power[3:, :10] == 400) and np.all(no_power[3:, 10:] == 0)
    effects = {e.id: e.onset_hours for e in r.effects}
    assert effects["e-stroom"] is None  # the region-wide service is not out
    points = {p.id: p for p in r.support_points}
    assert points["sp-a"].backup_ends_at_hours is None and points["sp-c"].backup_ends_at_hours is None


def test_region_in_the_file():
    text = (
        SMALL
        + """\
region:
  municipality: GM1721
  neighbourhoods:
    - {id: BU1, name: Centrum, community: Heesch, x: 0, y: 0, households: 100, residents: 250}
  support_points:
    - {id: sp, name: Punt, community: Heesch, x: 10, y: 0, capacity_per_hour: 5,
       backup_hours: {triangular: [1, 2, 3]}}
  vulnerable_sites:
    - {id: vs, name: Zorg, residents: 12, backup_hours: 6}
  key_figures:
    - {id: k, community: Heesch, reachable_by: [mobile]}
"""
    )
    r = simulate(load_scenario(text, "regio.yaml"))
    assert r.households["no_power"][0, :10].tolist() == [100] * 10
    assert r.support_points[0].backup_ends_at_hours == 2.0
    assert r.vulnerable_sites[0]["backup_ends_at_hours"] == 6.0
