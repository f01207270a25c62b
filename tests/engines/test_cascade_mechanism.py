"""The cascade mechanism: autonomies move exactly their dependent effects; cycles; interventions."""

import pytest

from weerbaar.engines.cascade import load_builtin, load_scenario, simulate

from .cascade_helpers import SMALL


def downstream(s, asset_id: str) -> set[str]:
    """Nodes ("asset:x" / "service:y") that depend on ``asset_id``, transitively, including itself."""
    users: dict[str, set[str]] = {}
    for a in s.assets.values():
        for n in a.needs:
            users.setdefault(("service:" if n.service else "asset:") + n.upstream, set()).add("asset:" + a.id)
    for sv in s.services.values():
        for p in sv.provided_by:
            users.setdefault("asset:" + p, set()).add("service:" + sv.id)
    seen, todo = {"asset:" + asset_id}, ["asset:" + asset_id]
    while todo:
        for nxt in users.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def dependent_effects(s, asset_id: str) -> set[str]:
    nodes = downstream(s, asset_id)

    def leaves(c):
        return [c] if c.kind in ("asset", "service") else [x for p in c.parts for x in leaves(p)]

    out = set()
    for e in s.effects.values():
        for leaf in leaves(e.when):
            key = f"{leaf.kind}:{leaf.target}"
            # an asset's own on_backup starts when its upstream goes down: its autonomy does not move it
            if key in nodes and not (leaf.state == "on_backup" and key == "asset:" + asset_id):
                out.add(e.id)
    return out


def onsets(s) -> dict[str, float | None]:
    return {e.id: e.onset_hours for e in simulate(s).effects}


@pytest.mark.parametrize(
    "asset",
    [
        "verkeerscentrale",
        "ziekenhuis",
        "c2000-masten",
        "mobiele-masten",
        "rioolberging",
        "distributiecentra",
        "tunnelsystemen",
        "telefoonaccu-burgers",
        "woningwarmte",
        "hoogbouw-noodvoorzieningen",
    ],
)
def test_changing_one_autonomy_moves_exactly_its_dependent_effects(asset):
    s = load_builtin("stroomuitval-72u")
    before = onsets(s)
    after = onsets(s.with_overrides({f"assets.{asset}.autonomy_hours": "{triangular: [40, 50, 60]}"}))
    moved = {k for k in before if before[k] != after[k]}
    assert moved == dependent_effects(s, asset)
    assert moved  # the check is not empty


def test_no_autonomy_change_moves_an_independent_effect():
    """Even where another path fails a node first, nothing outside the asset's dependents ever moves."""
    s = load_builtin("stroomuitval-72u")
    before = onsets(s)
    for asset in [a for a in s.assets.values() if any(n.backup != "none" for n in a.needs)]:
        changed = onsets(s.with_overrides({f"assets.{asset.id}.autonomy_hours": "0.5"}))
        moved = {k for k in before if before[k] != changed[k]}
        assert moved <= dependent_effects(s, asset.id), asset.id


def test_small_scenario_failure_and_restoration_times():
    r = simulate(load_scenario(SMALL, "klein.yaml"))
    assets = {a.id: a for a in r.assets}
    assert (assets["mast"].fails_at_hours, assets["mast"].restored_at_hours) == (3.0, 10.0)
    assert (assets["meldkamer"].fails_at_hours, assets["meldkamer"].restored_at_hours) == (3.0, 10.0)
    # the hospital's 12 hours of fuel outlast the 10-hour outage: it never fails
    assert (assets["ziekenhuis"].fails_at_hours, assets["ziekenhuis"].restored_at_hours) == (None, None)
    effects = {e.id: (e.onset_hours, e.phase) for e in r.effects}
    assert effects == {
        "e-stroom": (0.0, "0-2"),
        "e-mast": (3.0, "2-4"),
        "e-meldkamer": (3.0, "2-4"),
        "e-zkh": (None, None),
        "e-beide": (None, None),
    }


def test_longer_outage_lets_the_backup_run_out():
    s = load_scenario(SMALL, "klein.yaml").with_overrides({"disruption.0.duration_hours": "20"})
    effects = {e.id: e.onset_hours for e in simulate(s).effects}
    assert effects["e-zkh"] == 12.0 and effects["e-beide"] == 12.0  # all = the later of the two


CYCLE = """\
name: kring
title: Kring
hours: 48
services:
  transmission: {}
  electricity: {provided_by: [net]}
  grid_control: {provided_by: [regelcentrum]}
  telecom: {provided_by: [centrale]}
assets:
  net:
    sector: Net
    needs:
      - {service: transmission, backup: none}
      - {service: grid_control, backup: none}
  regelcentrum:
    sector: Net
    needs:
      - {service: telecom, backup: none}
  centrale:
    sector: Telecom
    needs:
      - {service: electricity, backup: battery, autonomy_hours: 5}
effects:
  e-telecom: {sector: Telecom, text: Telecom weg, when: {service: telecom, state: out}}
  e-net: {sector: Net, text: Stroom weg, when: {service: electricity, state: out}}
disruption:
  - {service: TARGET, start_hours: 2, duration_hours: DURATION}
"""


def test_cycle_power_telecom_grid_control_reaches_a_fixed_point():
    """Power -> telecom (5 h battery) -> grid control -> power: an outside outage runs round the cycle."""
    r = simulate(load_scenario(CYCLE.replace("TARGET", "transmission").replace("DURATION", "10"), "k.yaml"))
    assets = {a.id: (a.fails_at_hours, a.restored_at_hours) for a in r.assets}
    assert assets["net"] == (2.0, 12.0)
    assert assets["centrale"] == (7.0, 12.0)  # battery 2 + 5 h, back with power
    assert assets["regelcentrum"] == (7.0, 12.0)
    short = simulate(
        load_scenario(CYCLE.replace("TARGET", "transmission").replace("DURATION", "4"), "k.yaml")
    )
    assert {a.id: a.fails_at_hours for a in short.assets}["centrale"] is None  # the battery bridges 4 h


def test_telecom_outage_cascades_into_power_through_the_cycle():
    text = CYCLE.replace("TARGET", "telecom").replace("DURATION", "null")
    r = simulate(load_scenario(text, "k.yaml"))
    assets = {a.id: (a.fails_at_hours, a.restored_at_hours) for a in r.assets}
    assert assets["regelcentrum"][0] == 2.0 and assets["net"][0] == 2.0
    assert assets["centrale"][0] == 7.0


def hospital(text_extra: str, duration: str = "40") -> dict:
    text = SMALL.replace("duration_hours: 10}", f"duration_hours: {duration}}}") + text_extra
    return {
        a.id: (a.fails_at_hours, a.restored_at_hours) for a in simulate(load_scenario(text, "i.yaml")).assets
    }


def test_fuel_delivery_in_time_extends_the_generator_and_late_delivery_does_not():
    assert hospital("")["ziekenhuis"] == (12.0, None)
    assert hospital(
        "interventions:\n  - {type: fuel_delivery, asset: ziekenhuis, at_hours: 10, adds_hours: 8}\n"
    )["ziekenhuis"] == (20.0, None)
    assert hospital(
        "interventions:\n  - {type: fuel_delivery, asset: ziekenhuis, at_hours: 14, adds_hours: 8}\n"
    )["ziekenhuis"] == (12.0, None)


def test_mobile_generator_before_and_after_failure():
    assert hospital("interventions:\n  - {type: mobile_generator, asset: ziekenhuis, at_hours: 6}\n")[
        "ziekenhuis"
    ] == (None, None)
    assert hospital("interventions:\n  - {type: mobile_generator, asset: ziekenhuis, at_hours: 15}\n")[
        "ziekenhuis"
    ] == (12.0, 15.0)


def test_restore_and_restoration_order():
    assert hospital("interventions:\n  - {type: restore, service: electricity, at_hours: 16}\n", "null")[
        "ziekenhuis"
    ] == (12.0, 16.0)
    order = hospital(
        "  - {asset: meldkamer, start_hours: 0, duration_hours: null}\n"
        "interventions:\n  - {type: restoration_order, order: [electricity, meldkamer], "
        "at_hours: 10, hours_each: 5}\n",
        "null",
    )
    assert order["ziekenhuis"] == (12.0, 15.0)  # electricity first in line: back at 10 + 5
    assert order["meldkamer"] == (0.0, 20.0)  # second in line: 10 + 2 x 5


def test_restart_time_delays_restoration():
    text = SMALL.replace("    sector: Meldkamer\n", "    sector: Meldkamer\n    restart_hours: 2.5\n")
    assets = {a.id: a for a in simulate(load_scenario(text, "r.yaml")).assets}
    assert assets["meldkamer"].restored_at_hours == 12.5
