"""Maximal covering (MCLP) and set covering (LSCP), checked against brute-force enumeration."""

import itertools

import numpy as np
import pytest

from weerbaar.engines.siting import (
    SitingInputError,
    coverage,
    problem_from_costs,
    problem_from_points,
    solve_lscp,
    solve_mclp,
)


def instance(seed, n=60, m=11):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 1000, (n, 2)), rng.integers(1, 10, n).astype(float), rng.uniform(0, 1000, (m, 2))


def test_hand_checkable_line():
    """Points at 0, 100, 200, 900 m (weights 1, 1, 2, 5); sites at 50, 850, 150 m; radius 100 m."""
    d = np.array([[0, 0], [100, 0], [200, 0], [900, 0]], dtype=float)
    w = np.array([1, 1, 2, 5], dtype=float)
    c = np.array([[50, 0], [850, 0], [150, 0]], dtype=float)
    problem = problem_from_points(d, w, c, candidate_ids=["a", "b", "c"])
    one = solve_mclp(problem, 1, 100, method="exact")
    assert one.open == ["b"] and one.value == 5 and one.optimal
    two = solve_mclp(problem, 2, 100, method="exact")
    assert sorted(two.open) == ["b", "c"] and two.value == 8  # c covers 100 and 200 m: 3 > 2
    cover = solve_lscp(problem, 100, method="exact")  # 0 m needs a, 200 m needs c, 900 m needs b
    assert sorted(cover.open) == ["a", "b", "c"] and cover.value == 3 and cover.optimal
    assert coverage(problem, ["a"], 100).tolist() == [True, True, False, False]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("p", [2, 3])
def test_mclp_matches_enumeration(seed, p):
    d, w, c = instance(seed)
    problem = problem_from_points(d, w, c)
    best = max(w[coverage(problem, s, 250)].sum() for s in itertools.combinations(problem.candidate_ids, p))
    exact = solve_mclp(problem, p, 250, method="exact")
    assert exact.optimal and exact.value == best
    assert w[coverage(problem, exact.open, 250)].sum() == exact.value
    heuristic = solve_mclp(problem, p, 250, method="heuristic")
    assert heuristic.value <= best <= heuristic.upper_bound + 1e-9
    assert heuristic.lower_bound == heuristic.value


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_lscp_matches_enumeration(seed):
    d, w, _ = instance(seed)
    grid = np.stack(np.meshgrid(np.arange(4), np.arange(4)), axis=-1).reshape(-1, 2) * 250.0 + 125
    c = grid + np.random.default_rng(seed).uniform(-100, 100, grid.shape)
    problem = problem_from_points(d, w, c)
    ids = problem.candidate_ids
    best = next(k for k in range(1, len(ids) + 1)
                if any(coverage(problem, s, 450).all() for s in itertools.combinations(ids, k)))
    exact = solve_lscp(problem, 450, method="exact")
    assert exact.optimal and exact.value == best == len(exact.open)
    assert coverage(problem, exact.open, 450).all()
    heuristic = solve_lscp(problem, 450, method="heuristic")
    assert coverage(problem, heuristic.open, 450).all()
    assert heuristic.lower_bound <= best <= heuristic.value


def test_fixed_and_excluded_in_covering():
    d, w, c = instance(5)
    free = solve_mclp(problem_from_points(d, w, c), 2, 250, method="exact")
    banned = free.open[0]
    keep = next(j for j in range(1, 12) if j not in free.open)
    problem = problem_from_points(d, w, c, fixed=[keep], excluded=[banned])
    allowed = [j for j in problem.candidate_ids if j != banned]
    best = max(w[coverage(problem, s, 250)].sum() for s in itertools.combinations(allowed, 2) if keep in s)
    solution = solve_mclp(problem, 2, 250, method="exact")
    assert keep in solution.open and banned not in solution.open and solution.value == best
    cover = solve_lscp(problem, 450, method="exact")
    assert keep in cover.open and banned not in cover.open and coverage(problem, cover.open, 450).all()


def test_k_nearest_lists_do_not_lose_coverage():
    """Coverage is computed on the points themselves, not on the truncated candidate lists."""
    d, w, c = instance(6, n=80, m=15)
    dense, sparse = problem_from_points(d, w, c), problem_from_points(d, w, c, neighbours=2)
    assert solve_mclp(sparse, 3, 300, method="exact").value == solve_mclp(dense, 3, 300, method="exact").value
    assert solve_lscp(sparse, 500, method="exact").value == solve_lscp(dense, 500, method="exact").value


def test_cost_matrix_coverage():
    cost = np.array([[1, 9, 9], [9, 1, 9], [9, 9, 1], [2, 2, 9]], dtype=float)
    problem = problem_from_costs(cost, [1, 1, 1, 10], candidate_ids=["x", "y", "z"])
    assert solve_mclp(problem, 1, 2).value == 11
    assert sorted(solve_lscp(problem, 2).open) == ["x", "y", "z"]


def test_infeasible_lscp_names_the_demand_point():
    d = np.array([[0, 0], [5000, 0]], dtype=float)
    problem = problem_from_points(d, [1, 1], [[0, 10]], demand_ids=["near", "far"])
    with pytest.raises(SitingInputError, match="'far' \\(rij 2\\).*binnen 100 m"):
        solve_lscp(problem, 100)


def test_bad_radius_and_p_are_refused():
    d, w, c = instance(7)
    problem = problem_from_points(d, w, c)
    with pytest.raises(SitingInputError, match="radius"):
        solve_mclp(problem, 2, float("nan"))
    with pytest.raises(SitingInputError, match="groter dan het aantal"):
        solve_mclp(problem, 12, 100)
