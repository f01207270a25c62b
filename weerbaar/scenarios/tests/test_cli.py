"""`weerbaar simulate`: the JSON contract against a direct engine run, and clear errors."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from weerbaar.engines.cascade import builtin_names, load_builtin, simulate
from weerbaar.scenarios.region import region_from_registers

pytestmark = pytest.mark.django_db
SCENARIO = "stroomuitval-72u"
ROOT = Path(__file__).resolve().parents[3]


def run_json(*args) -> dict:
    out = io.StringIO()
    call_command("simulate", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_json_shape_and_values_equal_a_direct_run_without_region(db):
    data = run_json(SCENARIO)
    assert data == simulate(load_builtin(SCENARIO)).to_json()
    assert data["scenario"] == SCENARIO
    assert data["effects"], "the scenario has effects"
    for effect in data["effects"]:
        assert {"id", "sector", "text", "onset_hours", "phase"} <= set(effect)
        assert effect["phase"] in ("0-2", "2-4", "4-24", "24+", None)
    for asset in data["assets"]:
        assert {"id", "fails_at_hours", "restored_at_hours"} <= set(asset)


def test_with_a_municipality_the_registers_are_used(registers):
    data = run_json(SCENARIO, "--municipality", "gm9999")
    scenario = load_builtin(SCENARIO)
    region = region_from_registers(registers, scenario).region
    assert data == simulate(scenario.with_region(region)).to_json()
    points = data["support_points"]
    assert [p["id"] for p in points] == ["nsp-1", "nsp-2"]
    for point in points:
        assert {"id", "capacity_per_hour", "peak_demand_per_hour", "overloaded_hours"} <= set(point)
    assert run_json(SCENARIO, "--no-region") == simulate(load_builtin(SCENARIO)).to_json()


def test_monte_carlo_adds_percentiles_and_is_reproducible(db):
    first = run_json(SCENARIO, "--runs", "20", "--seed", "3")
    assert first == run_json(SCENARIO, "--runs", "20", "--seed", "3")
    assert first == simulate(load_builtin(SCENARIO), runs=20, seed=3).to_json()
    started = [e for e in first["effects"] if e["onset_hours"] is not None]
    assert started and all("onset_hours_p10" in e and "onset_hours_p90" in e for e in started)
    for e in started:
        assert e["onset_hours_p10"] <= e["onset_hours"] <= e["onset_hours_p90"]


def test_set_changes_the_run_like_with_overrides(db):
    key = "parameters.kit_share"
    data = run_json(SCENARIO, "--set", f"{key}=0.9", "--no-region")
    assert data == simulate(load_builtin(SCENARIO).with_overrides({key: "0.9"})).to_json()


def test_a_yaml_path_is_read(db, tmp_path):
    from weerbaar.engines.cascade import Scenario  # noqa: F401 - the contract's name exists

    library = ROOT / "weerbaar" / "scenarios" / "library" / f"{SCENARIO}.yaml"
    copy = tmp_path / "eigen.yaml"
    copy.write_text(library.read_text(encoding="utf-8"), encoding="utf-8")
    data = run_json(str(copy), "--no-region")
    assert [e["onset_hours"] for e in data["effects"]] == [
        e["onset_hours"] for e in simulate(load_builtin(SCENARIO)).to_json()["effects"]]


@pytest.mark.parametrize("args, expected", [
    (["bestaat-niet"], "bestaat-niet: geen ingebouwd scenario en geen bestand"),
    ([SCENARIO, "--set", "kapot"], "--set 1: 'kapot' is geen sleutel=waarde"),
    ([SCENARIO, "--municipality", "GM0000"], "--municipality: onbekende gemeente GM0000"),
    ([SCENARIO, "--runs", "0"], "--runs: 0 ligt niet tussen 1 en 1000"),
])
def test_errors_name_the_problem_on_stderr(db, args, expected):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("simulate", *args, "--json", stderr=err, stdout=io.StringIO())
    assert expected in err.getvalue()


def test_a_bad_yaml_file_names_its_line(db, tmp_path):
    bad = tmp_path / "fout.yaml"
    bad.write_text("name: fout\ntitle: [niet gesloten\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("simulate", str(bad), stderr=err, stdout=io.StringIO())
    assert f"{bad}:" in err.getvalue()
    assert any(line.startswith(f"{bad}:") and line.split(":")[1].strip().isdigit()
               for line in err.getvalue().splitlines())


def test_unknown_override_key_is_an_error(db):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("simulate", SCENARIO, "--set", "parameters.bestaat_niet=1", stderr=err,
                     stdout=io.StringIO())
    assert "bestaat_niet" in err.getvalue()


def test_list_names_the_builtins(db):
    out = io.StringIO()
    call_command("simulate", "--list", stdout=out)
    assert out.getvalue().split() == list(builtin_names())


def test_command_line_exit_code_and_no_traceback(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "weerbaar.settings",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.sqlite3'}"}
    done = subprocess.run([sys.executable, "-m", "weerbaar.cli", "simulate", "bestaat-niet"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "bestaat-niet: geen ingebouwd scenario" in done.stderr
    assert "Traceback" not in done.stderr
