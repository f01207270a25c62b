"""The registers become the engine's region: counts and places, never people."""

import dataclasses

import pytest

from weerbaar.places.distance import to_rd
from weerbaar.scenarios.region import (
    DEFAULT_CAPACITY_PER_HOUR,
    PERSONS_PER_HOUSEHOLD,
    SUPPORT_POINT_OPEN_HOURS,
    region_from_registers,
)
from weerbaar.scenarios.services import load

pytestmark = pytest.mark.django_db


def test_buurten_with_figures_replace_their_kern_and_other_kernen_count_whole(registers):
    built = region_from_registers(registers, load("stroomuitval-72u"))
    units = {unit.id: unit for unit in built.region.neighbourhoods}
    assert set(units) == {"BU99990001", "kern-zuiddorp"}
    buurt = units["BU99990001"]
    assert (buurt.community, buurt.residents, buurt.households) == ("Noorddorp", 4000, 1800)
    # Centroid of the square (5.53, 51.73) in RD New metres.
    x, y = to_rd(51.73, 5.53)
    assert buurt.x == pytest.approx(x, abs=1) and buurt.y == pytest.approx(y, abs=1)
    south = units["kern-zuiddorp"]
    assert south.households == round(2140 / PERSONS_PER_HOUSEHOLD) == 1000
    # The library's shares: 5 % and 0.5 % of residents (stated in the scenario file).
    assert south.reduced_self_reliance == round(2140 * 0.05) == 107
    assert south.electricity_dependent == round(2140 * 0.005) == 11
    assert any("2,14" in note for note in built.notes)
    assert any("5 % van de inwoners is verminderd zelfredzaam en 0,5 %" in note
               for note in built.notes)


def test_group_shares_come_from_the_scenario_and_follow_its_overrides(registers):
    scenario = load("stroomuitval-72u").with_overrides({
        "parameters.reduced_self_reliance_share": "{triangular: [0.1, 0.2, 0.3]}",
        "parameters.electricity_dependent_share": "0.01"})
    units = {u.id: u for u in region_from_registers(registers, scenario).region.neighbourhoods}
    assert units["kern-zuiddorp"].reduced_self_reliance == round(2140 * 0.2)  # the median
    assert units["kern-zuiddorp"].electricity_dependent == round(2140 * 0.01)
    without = region_from_registers(registers, load("cyber-gemeente"))
    assert all(u.reduced_self_reliance == 0 == u.electricity_dependent
               for u in without.region.neighbourhoods)
    assert any("reduced_self_reliance_share" in note for note in without.notes)
    assert any("electricity_dependent_share" in note for note in without.notes)


def test_support_points_leave_out_ideas_and_state_their_assumptions(registers):
    built = region_from_registers(registers)
    points = {p.name: p for p in built.region.support_points}
    assert set(points) == {"Dorpshuis Noord", "Sporthal Zuid"}
    assert points["Dorpshuis Noord"].capacity_per_hour == 600 / SUPPORT_POINT_OPEN_HOURS
    assert points["Dorpshuis Noord"].backup_hours == 24
    assert points["Sporthal Zuid"].capacity_per_hour == DEFAULT_CAPACITY_PER_HOUR
    assert points["Sporthal Zuid"].backup_hours == 0
    assert any("Sporthal Zuid" in note and str(DEFAULT_CAPACITY_PER_HOUR) in note
               for note in built.notes)


def test_vulnerable_location_backup_comes_from_its_power_dependency(registers):
    (site,) = region_from_registers(registers).region.vulnerable_sites
    assert (site.name, site.residents, site.backup_hours) == ("Zorghuis Zuid", 80, 12)


def test_key_figures_are_only_ways_of_reaching_without_personal_data(registers):
    built = region_from_registers(registers)
    contacts = {c.id: c for c in built.region.key_figures}
    assert contacts == {
        "sf-noorddorp-1": contacts["sf-noorddorp-1"], "sf-zuiddorp-1": contacts["sf-zuiddorp-1"]}
    assert contacts["sf-noorddorp-1"].reachable_by == ("mobile", "in_person")
    assert contacts["sf-zuiddorp-1"].reachable_by == ("fixed", "in_person")
    text = repr(dataclasses.asdict(built.region)) + repr(built.units)
    for secret in ("Geheime", "Andere Naam", "06-12345678", "0412", "Café", "Kerkplein"):
        assert secret not in text


def test_kern_without_figures_is_named_in_the_notes(municipality, communities):
    built = region_from_registers(municipality)
    assert built.empty
    assert any("Noorddorp" in note for note in built.notes)
