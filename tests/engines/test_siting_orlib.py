"""The siting engine against OR-Library's proven p-median optima (Beasley 1985)."""

from pathlib import Path

import numpy as np
import pytest

from weerbaar.engines.siting import SitingInputError, read_orlib_pmed, solve_median

DATA = Path(__file__).resolve().parents[1] / "data" / "orlib-pmed"
OPTIMA = {line.split()[0]: float(line.split()[1])
          for line in (DATA / "pmedopt.txt").read_text().splitlines()[1:] if line.strip()}
FAST = ["pmed1", "pmed2", "pmed3", "pmed4", "pmed5", "pmed7"]


def load(name):
    return read_orlib_pmed((DATA / f"{name}.txt").read_text())


def test_the_published_optima_are_the_ones_in_the_file():
    assert OPTIMA["pmed1"] == 5819 and OPTIMA["pmed5"] == 1355 and OPTIMA["pmed7"] == 5631
    assert len(OPTIMA) == 40


@pytest.mark.parametrize("name", FAST)
def test_exact_mode_proves_the_published_optimum(name):
    problem, p = load(name)
    solution = solve_median(problem, p, method="exact")
    assert solution.value == OPTIMA[name]
    assert solution.optimal and solution.gap == 0 and solution.lower_bound == OPTIMA[name]
    assert len(solution.open) == p == len(set(solution.open))
    # the reported value is the real cost of the reported sites
    cost = read_orlib_pmed((DATA / f"{name}.txt").read_text())[0]
    open_idx = [problem.candidate_ids.index(j) for j in solution.open]
    full = np.full((problem.n, problem.m), np.inf)
    np.put_along_axis(full, cost.nbr.astype(int), cost.dist, axis=1)
    assert full[:, open_idx].min(axis=1).sum() == solution.value


@pytest.mark.parametrize("name", FAST)
def test_heuristic_is_within_a_tenth_of_a_percent_with_a_valid_bound(name):
    problem, p = load(name)
    solution = solve_median(problem, p, method="heuristic")
    assert solution.value <= OPTIMA[name] * 1.001
    assert solution.lower_bound <= OPTIMA[name] <= solution.value
    assert solution.gap == pytest.approx((solution.value - solution.lower_bound) / solution.value)
    assert solution.method == "heuristic"


def test_auto_picks_exact_for_a_small_instance():
    problem, p = load("pmed4")
    solution = solve_median(problem, p)
    assert solution.method == "exact" and solution.optimal and solution.value == OPTIMA["pmed4"]


def test_shortest_paths_and_last_repeated_edge_wins():
    # 1-2 costs 10, then 5 (last wins); 2-3 costs 1; so d(1,3) = 6
    problem, p = read_orlib_pmed("3 3 1\n1 2 10\n2 3 1\n1 2 5\n")
    assert p == 1
    full = np.full((3, 3), np.inf)
    np.put_along_axis(full, problem.nbr.astype(int), problem.dist, axis=1)
    assert full.tolist() == [[0, 5, 6], [5, 0, 1], [6, 1, 0]]
    solution = solve_median(problem, 1, method="exact")
    assert solution.open == [2] and solution.value == 6


@pytest.mark.parametrize(("text", "message"), [
    ("", "leeg bestand"),
    ("3 2\n", "regel 1"),
    ("3 2 1\n1 2 4\n", "belooft er 2"),
    ("3 2 1\n1 2 4\n2 x 1\n", "regel 3"),
    ("3 2 1\n1 2 4\n2 9 1\n", "regel 3: knoop buiten"),
    ("3 1 1\n1 2 4\n", "niet samenhangend"),
    ("3 1 4\n1 2 4\n", "ongeldige kop"),
])
def test_malformed_files_are_refused_with_the_line(text, message):
    with pytest.raises(SitingInputError, match=message):
        read_orlib_pmed(text)
