"""`weerbaar site orlib|solve`: the JSON contract, the summary, and every bad input named."""

import itertools
import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from weerbaar.engines.siting import coverage, nearest_distance, problem_from_points, solve_median

ORLIB = Path(__file__).resolve().parents[3] / "tests" / "data" / "orlib-pmed"
KEYS = {"objective", "value", "open", "optimal", "lower_bound", "gap", "seconds", "method"}


def run(*args) -> dict:
    out = StringIO()
    call_command("site", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def files(tmp_path):
    rng = np.random.default_rng(3)
    d = rng.uniform(150000, 160000, (50, 2)).round(1)
    w = rng.integers(1, 400, 50)
    c = rng.uniform(150000, 160000, (9, 2)).round(1)
    demand = tmp_path / "demand.csv"
    demand.write_text("id,x,y,weight\n" + "".join(f"b{i},{x},{y},{k}\n" for i, ((x, y), k) in
                                                      enumerate(zip(d, w, strict=True))))
    cands = tmp_path / "candidates.csv"
    cands.write_text("id,x,y,capacity\n" + "".join(f"s{j},{x},{y},9000\n" for j, (x, y) in enumerate(c)))
    problem = problem_from_points(d, w, c, demand_ids=[f"b{i}" for i in range(50)],
                                  candidate_ids=[f"s{j}" for j in range(9)])
    return demand, cands, problem, tmp_path


def test_orlib_json_contract_and_optimum():
    result = run("orlib", str(ORLIB / "pmed1.txt"), "--exact", "--json")
    assert KEYS <= set(result) and result["objective"] == "median"
    assert result["value"] == 5819 and result["optimal"] is True and result["gap"] == 0
    assert result["lower_bound"] == 5819 and len(result["open"]) == 5
    heuristic = run("orlib", str(ORLIB / "pmed4.txt"), "--heuristic", "--json")
    assert heuristic["method"] == "heuristic" and heuristic["value"] <= 3034 * 1.001


def test_solve_median_mclp_lscp_through_the_cli(files):
    demand, cands, problem, _ = files
    base = ["solve", "--demand", str(demand), "--candidates", str(cands), "--json"]
    median = run(*base, "--objective", "median", "--p", "2", "--detour", "1.2")
    best = min(float(problem.weights @ nearest_distance(problem, s)) * 1.2
               for s in itertools.combinations(problem.candidate_ids, 2))
    assert median["value"] == pytest.approx(best) and median["optimal"]
    mclp = run(*base, "--objective", "mclp", "--p", "2", "--radius", "2500")
    best = max(problem.weights[coverage(problem, s, 2500)].sum()
               for s in itertools.combinations(problem.candidate_ids, 2))
    assert mclp["value"] == best and mclp["upper_bound"] == best and KEYS <= set(mclp)
    lscp = run(*base, "--objective", "lscp", "--radius", "6000", "--fixed", "s3")
    assert "s3" in lscp["open"] and coverage(problem, lscp["open"], 6000).all() and lscp["optimal"]


def test_capacity_column_is_used_for_the_median(files):
    demand, _, problem, tmp = files
    total = int(problem.weights.sum())
    cands = tmp / "tight.csv"
    lines = (tmp / "candidates.csv").read_text().splitlines()
    rows = [ln.rsplit(",", 1)[0] + f",{total // 2 + 1}" for ln in lines[1:]]
    cands.write_text("\n".join([lines[0], *rows]))
    result = run("solve", "--demand", str(demand), "--candidates", str(cands), "--objective", "median",
                 "--p", "2", "--json")
    capped = problem_from_points(problem.demand_xy, problem.weights, problem.candidate_xy,
                                 capacities=np.full(problem.m, total // 2 + 1))
    engine = solve_median(capped, 2, method="exact")
    assert result["optimal"] and result["value"] == pytest.approx(engine.value)
    loads = np.bincount(engine.assignment, weights=problem.weights, minlength=problem.m)
    assert loads.max() <= total // 2 + 1
    uncapacitated = min(float(problem.weights @ nearest_distance(problem, s))
                        for s in itertools.combinations(problem.candidate_ids, 2))
    assert result["value"] >= uncapacitated - 1e-6


def test_readable_summary_without_json(files):
    demand, cands, _, _ = files
    out = StringIO()
    call_command("site", "solve", "--demand", str(demand), "--candidates", str(cands),
                 "--objective", "median", "--p", "3", stdout=out)
    text = out.getvalue()
    assert "p-median" in text and "bewezen optimaal" in text and "open (3)" in text


def write(tmp, name, text):
    path = tmp / name
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize(("demand", "cands", "extra", "message"), [
    ("id,x,y,weight\n", None, ["--objective", "median", "--p", "1"], "demand.csv: geen gegevensregels"),
    ("", None, ["--objective", "median", "--p", "1"], "demand.csv: leeg bestand"),
    ("id,x,y\na,1,2\n", None, ["--objective", "median", "--p", "1"], "demand.csv, regel 1: kolom 'weight'"),
    ("id,x,y,weight\na,1,2,3\nb,NaN,2,3\n", None, ["--objective", "median", "--p", "1"],
     "demand.csv, regel 3, kolom 'x': 'NaN' is geen eindig getal"),
    ("id,x,y,weight\na,1,2,3\nb,1,zes,3\n", None, ["--objective", "median", "--p", "1"],
     "regel 3, kolom 'y': 'zes' is geen getal"),
    ("id,x,y,weight\na,1,2,3\nb,1,2,-3\n", None, ["--objective", "median", "--p", "1"],
     "regel 3, kolom 'weight'.*negatief"),
    ("id,x,y,weight\na,1,2,3\na,1,2,3\n", None, ["--objective", "median", "--p", "1"],
     "demand.csv, regel 3, kolom 'id': 'a' staat ook op regel 2"),
    (None, "id,x,y\nk,0,0\nk,5,5\n", ["--objective", "median", "--p", "1"],
     "cand.csv, regel 3, kolom 'id': 'k' staat ook op regel 2"),
    (None, "id,x\nk,0\n", ["--objective", "median", "--p", "1"], "cand.csv, regel 1: kolom 'y' ontbreekt"),
    (None, "id,x,y,capacity\nk,0,0,inf\n", ["--objective", "median", "--p", "1"],
     "cand.csv, regel 2, kolom 'capacity'"),
    (None, None, ["--objective", "median", "--p", "3"], "--p 3: moet tussen 1 en .* \\(2\\)"),
    (None, None, ["--objective", "median"], "--p ontbreekt"),
    (None, None, ["--objective", "mclp", "--p", "1"], "--radius ontbreekt"),
    (None, None, ["--objective", "lscp"], "--radius ontbreekt"),
    (None, None, ["--objective", "median", "--p", "1", "--fixed", "k,zz"],
     "--fixed: onbekend kandidaat-id 'zz'"),
    (None, None, ["--objective", "lscp", "--radius", "10"], "onoplosbaar: vraagpunt 'far'"),
    (None, None, ["--objective", "median", "--p", "1", "--detour", "0.5"], "--detour"),
])
def test_bad_input_is_named(tmp_path, demand, cands, extra, message):
    default = "id,x,y,weight\nnear,0,0,5\nfar,900,0,2\n"
    d = write(tmp_path, "demand.csv", demand if demand is not None else default)
    c = write(tmp_path, "cand.csv", cands if cands is not None else "id,x,y\nk,0,0\nl,100,0\n")
    with pytest.raises(CommandError, match=message):
        call_command("site", "solve", "--demand", d, "--candidates", c, *extra, "--json")


def test_missing_file_and_bad_orlib_file(tmp_path):
    with pytest.raises(CommandError, match="nope.csv: bestand niet gevonden"):
        call_command("site", "solve", "--demand", str(tmp_path / "nope.csv"), "--candidates", "x",
                     "--objective", "lscp", "--radius", "1")
    bad = write(tmp_path, "pmedX.txt", "3 2 1\n1 2 4\n2 x 1\n")
    with pytest.raises(CommandError, match="pmedX.txt: regel 3"):
        call_command("site", "orlib", bad, "--json")


def test_command_line_exit_status_and_no_traceback(tmp_path):
    d = write(tmp_path, "demand.csv", "id,x,y,weight\na,1,2,3\nb,NaN,2,3\n")
    c = write(tmp_path, "cand.csv", "id,x,y\nk,0,0\n")
    result = subprocess.run([sys.executable, "-m", "weerbaar.cli", "site", "solve", "--demand", d,
                             "--candidates", c, "--objective", "median", "--p", "1", "--json"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "regel 3, kolom 'x'" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_exact_json_on_the_real_standard_output_is_only_json():
    """pmed3 needs the MIP (its Lagrangian gap is 0.2 %): whatever HiGHS prints on start-up
    must not reach the process's standard output, or the JSON contract breaks."""
    result = subprocess.run([sys.executable, "-m", "weerbaar.cli", "site", "orlib",
                             str(ORLIB / "pmed3.txt"), "--exact", "--json"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["value"] == 4250 and answer["optimal"] is True
