"""Scenario files with mistakes: every problem is reported, each with the file name and its line."""

import pytest

from weerbaar.engines.cascade import ScenarioError, builtin_names, load_builtin, load_scenario

from .cascade_helpers import SMALL


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario(text, "fout.yaml")
    assert isinstance(info.value, ValueError)
    assert str(info.value) == "\n".join(info.value.problems)
    return info.value.problems


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_small_file_is_valid():
    s = load_scenario(SMALL, "klein.yaml")
    assert s.hours == 24 and set(s.assets) == {"mast", "meldkamer", "ziekenhuis"}


def test_unknown_service_names_the_line():
    text = SMALL.replace("{service: telecom_mobile, backup: none}", "{service: telecom_mobiel, backup: none}")
    assert problems(text) == [
        f"fout.yaml:{line_of(text, 'telecom_mobiel')}: asset meldkamer: unknown service 'telecom_mobiel'"
    ]


def test_unknown_asset_in_a_dependency_and_in_an_effect():
    text = SMALL.replace("{service: telecom_mobile, backup: none}", "{asset: zendmast, backup: none}")
    text = text.replace("{asset: ziekenhuis, state: failed}}", "{asset: zkh, state: failed}}")
    found = problems(text)
    assert (
        f"fout.yaml:{line_of(text, 'zendmast')}: asset meldkamer: unknown asset 'zendmast' in a dependency"
        in found
    )
    assert any(
        p.startswith(f"fout.yaml:{line_of(text, 'zkh')}:") and "unknown asset 'zkh'" in p for p in found
    )


def test_cycle_without_backup_is_refused_with_its_line():
    text = SMALL.replace(
        "assets:\n",
        """assets:
  a:
    sector: X
    needs:
      - {asset: b, backup: none}
  b:
    sector: X
    needs:
      - {asset: a, backup: none}
""",
        1,
    )
    found = problems(text)
    assert found == [
        f"fout.yaml:{line_of(text, '{asset: b, backup: none}')}: dependency cycle without any backup "
        "or outside supply: a -> b -> a (give one of them a backup with autonomy_hours, "
        "or an outside dependency)"
    ]


def test_cycle_with_a_backup_or_outside_supply_is_accepted():
    with_backup = SMALL.replace(
        "assets:\n",
        """assets:
  a:
    sector: X
    needs:
      - {asset: b, backup: battery, autonomy_hours: 2}
  b:
    sector: X
    needs:
      - {asset: a, backup: none}
""",
        1,
    )
    load_scenario(with_backup, "ok.yaml")
    outside = SMALL.replace(
        "assets:\n",
        """assets:
  a:
    sector: X
    needs:
      - {asset: b, backup: none}
      - {service: electricity, backup: none}
  b:
    sector: X
    needs:
      - {asset: a, backup: none}
""",
        1,
    )
    load_scenario(outside, "ok.yaml")


def test_negative_hours_wrong_types_and_unknown_keys_are_all_listed():
    text = (
        SMALL.replace("autonomy_hours: 12}", "autonomy_hours: -5}")
        .replace("hours: 24", "hours: veel")
        .replace("duration_hours: 10}", "duration_hours: 10, colour: red}")
        .replace("sector: Meldkamer\n", "sector: Meldkamer\n    priority: 1\n")
    )
    found = problems(text)
    assert (
        f"fout.yaml:{line_of(text, '-5}')}: asset ziekenhuis.needs[0].autonomy_hours must be at least 0, "
        "got -5" in found
    )
    assert f"fout.yaml:{line_of(text, 'veel')}: hours must be a number, got 'veel'" in found
    assert any(
        p.startswith(f"fout.yaml:{line_of(text, 'colour')}:") and "unknown key 'colour'" in p for p in found
    )
    assert any(
        p.startswith(f"fout.yaml:{line_of(text, 'priority')}:") and "unknown key 'priority'" in p
        for p in found
    )
    assert len(found) == 4


def test_negative_disruption_start_and_bad_distribution():
    text = SMALL.replace("start_hours: 0,", "start_hours: -2,").replace(
        "{triangular: [2, 3, 4]}", "{triangular: [4, 3, 2]}"
    )
    found = problems(text)
    assert any(p.startswith(f"fout.yaml:{line_of(text, '-2,')}:") and "at least 0" in p for p in found)
    assert any(
        p.startswith(f"fout.yaml:{line_of(text, '[4, 3, 2]')}:") and "low <= mode <= high" in p for p in found
    )


def test_wrong_state_and_missing_keys():
    text = SMALL.replace("{service: electricity, state: out}", "{service: electricity, state: failed}")
    text = text.replace("e-mast: {sector: Telecom, text: Mast uit,", "e-mast: {sector: Telecom,")
    found = problems(text)
    assert any("state for a service must be one of out, restored, got 'failed'" in p for p in found)
    assert any(
        p.startswith(f"fout.yaml:{line_of(text, 'e-mast')}:") and "missing required key 'text'" in p
        for p in found
    )


def test_yaml_syntax_error_names_the_line():
    found = problems("name: x\ntitle: y\nassets:\n  a: [1, 2\n")
    assert len(found) == 1 and found[0].startswith("fout.yaml:") and "not valid YAML" in found[0]


def test_unknown_builtin_lists_the_available_ones():
    with pytest.raises(ScenarioError) as info:
        load_builtin("stroomstoring")
    assert "stroomuitval-72u" in str(info.value) and "drinkwater-48u" in str(info.value)
    assert set(builtin_names()) >= {
        "stroomuitval-72u",
        "drinkwater-48u",
        "telecom-24u",
        "hitte",
        "cyber-gemeente",
    }


def test_overrides_set_values_and_name_bad_keys():
    s = load_scenario(SMALL, "klein.yaml")
    changed = s.with_overrides(
        {"hours": "48", "assets.ziekenhuis.autonomy_hours": "{uniform: [6, 8]}", "parameters.mast_hours": "5"}
    )
    assert changed.hours == 48
    assert changed.assets["ziekenhuis"].needs[0].autonomy.args == (6.0, 8.0)
    assert changed.parameters["mast_hours"].value.args == (5.0,)
    assert s.hours == 24  # the original is untouched
    with pytest.raises(ScenarioError) as info:
        s.with_overrides(
            {
                "assets.onbekend.autonomy_hours": "3",
                "hours": "-1",
                "parameters.mast_hours": "abc",
                "kleur": "rood",
            }
        )
    text = str(info.value)
    for key in ("assets.onbekend.autonomy_hours", "hours", "parameters.mast_hours", "kleur"):
        assert f"--set {key}" in text
    assert len(info.value.problems) == 4


def test_region_in_a_file_is_checked_too():
    text = (
        SMALL
        + """\
region:
  neighbourhoods:
    - {id: BU1, households: veel, residents: 250}
  key_figures:
    - {id: k, reachable_by: [duif]}
"""
    )
    found = problems(text)
    assert (
        f"fout.yaml:{line_of(text, 'veel')}: region.neighbourhoods[BU1].households must be a number, "
        "got 'veel'" in found
    )
    assert any(
        p.startswith(f"fout.yaml:{line_of(text, 'duif')}:") and "unknown channel 'duif'" in p for p in found
    )
