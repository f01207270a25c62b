"""p-median on points and cost matrices, checked against brute-force enumeration."""

import itertools

import numpy as np
import pytest

from weerbaar.engines.siting import (
    SitingInputError,
    nearest_distance,
    problem_from_costs,
    problem_from_points,
    solve_median,
)


def instance(seed, n=40, m=10):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 5000, (n, 2)), rng.integers(1, 50, n).astype(float), rng.uniform(0, 5000, (m, 2))


def brute(problem, p, allowed=None, must=()):
    ids = [c for c in problem.candidate_ids if allowed is None or c in allowed]
    best = (np.inf, None)
    for combo in itertools.combinations(ids, p):
        if not set(must) <= set(combo):
            continue
        value = float(problem.weights @ nearest_distance(problem, combo))
        best = min(best, (value, sorted(combo)))
    return best


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("p", [1, 3])
def test_exact_and_heuristic_match_enumeration(seed, p):
    d, w, c = instance(seed)
    problem = problem_from_points(d, w, c, detour=1.3)
    value, combo = brute(problem, p)
    exact = solve_median(problem, p, method="exact")
    assert exact.optimal and exact.value == pytest.approx(value, rel=1e-9)
    assert sorted(exact.open) == combo
    heuristic = solve_median(problem, p, method="heuristic")
    assert heuristic.lower_bound <= value * (1 + 1e-9) and heuristic.value >= value * (1 - 1e-9)
    assert heuristic.gap == pytest.approx((heuristic.value - heuristic.lower_bound) / heuristic.value)


def test_detour_factor_scales_the_distances():
    d, w, c = instance(4)
    straight = solve_median(problem_from_points(d, w, c), 2, method="exact")
    winding = solve_median(problem_from_points(d, w, c, detour=1.5), 2, method="exact")
    assert winding.value == pytest.approx(1.5 * straight.value)
    assert sorted(winding.open) == sorted(straight.open)


def test_assignment_points_at_the_nearest_open_site():
    d, w, c = instance(5)
    problem = problem_from_points(d, w, c)
    solution = solve_median(problem, 3)
    open_idx = [problem.candidate_ids.index(j) for j in solution.open]
    dist = np.hypot(*(d[:, None, :] - c[None, open_idx, :]).transpose(2, 0, 1))
    assert np.array_equal(solution.assignment, np.array(open_idx)[dist.argmin(axis=1)])
    assert solution.value == pytest.approx(float(w @ dist.min(axis=1)))


def test_fixed_sites_stay_open_and_excluded_sites_stay_closed():
    d, w, c = instance(6)
    free = problem_from_points(d, w, c)
    unconstrained = solve_median(free, 3, method="exact")
    banned = unconstrained.open[0]
    keep = next(j for j in free.candidate_ids if j not in unconstrained.open)
    problem = problem_from_points(d, w, c, fixed=[keep], excluded=[banned])
    allowed = [j for j in free.candidate_ids if j != banned]
    value, combo = brute(problem, 3, allowed=allowed, must=[keep])
    for method in ("exact", "heuristic"):
        solution = solve_median(problem, 3, method=method)
        assert keep in solution.open and banned not in solution.open
        assert solution.value >= value * (1 - 1e-9)
    assert solve_median(problem, 3, method="exact").value == pytest.approx(value)


def test_capacities_are_respected_and_optimal():
    d, w, c = instance(7, n=14, m=6)
    caps = np.full(6, w.sum() / 2.5)
    problem = problem_from_points(d, w, c, capacities=caps)
    solution = solve_median(problem, 3, method="exact")
    loads = np.bincount(solution.assignment, weights=w, minlength=6)
    assert np.all(loads <= caps + 1e-6)
    assert set(np.flatnonzero(loads)) <= {problem.candidate_ids.index(j) for j in solution.open}
    # brute force: every open triple, every assignment of points to it within capacity
    full = np.hypot(*(d[:, None, :] - c[None, :, :]).transpose(2, 0, 1))
    best = np.inf
    for combo in itertools.combinations(range(6), 3):
        best = min(best, _best_capacitated(full[:, combo], w, caps[list(combo)]))
    assert solution.optimal and solution.value == pytest.approx(best, rel=1e-6)
    uncapacitated = solve_median(problem_from_points(d, w, c), 3, method="exact")
    assert solution.value >= uncapacitated.value - 1e-6


def _best_capacitated(cost, w, caps):
    """Tiny branch and bound over single-source assignments."""
    n, k = cost.shape
    order = np.argsort(-w)
    best = [np.inf]

    def go(pos, load, total):
        if total + cost[order[pos:]].min(axis=1).dot(w[order[pos:]]) >= best[0]:
            return
        if pos == n:
            best[0] = total
            return
        i = order[pos]
        for j in np.argsort(cost[i]):
            if load[j] + w[i] <= caps[j] + 1e-9:
                load[j] += w[i]
                go(pos + 1, load, total + w[i] * cost[i, j])
                load[j] -= w[i]

    go(0, np.zeros(k), 0.0)
    return best[0]


def test_capacities_too_small_are_refused():
    d, w, c = instance(8, n=10, m=4)
    problem = problem_from_points(d, w, c, capacities=np.full(4, w.sum() / 5))
    with pytest.raises(SitingInputError, match="capaciteiten"):
        solve_median(problem, 2)


def test_k_nearest_lists_keep_the_bound_valid():
    """Lists of 3 candidates per point: the bound stays below the true optimum, the value is real."""
    d, w, c = instance(9, n=200, m=25)
    dense = problem_from_points(d, w, c)
    sparse = problem_from_points(d, w, c, neighbours=3)
    assert not sparse.complete and dense.complete
    for p in (2, 5, 8):
        optimum = solve_median(dense, p, method="exact").value
        solution = solve_median(sparse, p, method="heuristic")
        assert solution.lower_bound <= optimum * (1 + 1e-9)
        true = float(w @ nearest_distance(dense, solution.open))
        assert solution.value == pytest.approx(true)
        assert solution.value >= optimum * (1 - 1e-9)


def test_cost_matrix_with_a_gap_names_row_and_column():
    cost = np.arange(12, dtype=float).reshape(3, 4)
    cost[1, 2] = np.nan
    with pytest.raises(SitingInputError, match=r"rij 2 \(vraagpunt 'b'\), kolom 3 \(kandidaat 'z'\)"):
        problem_from_costs(cost, np.ones(3), demand_ids=["a", "b", "c"], candidate_ids=["x", "y", "z", "w"])
    cost[1, 2] = np.inf
    with pytest.raises(SitingInputError, match="ontbreekt"):
        problem_from_costs(cost, np.ones(3))


def test_cost_matrix_problem_matches_enumeration():
    rng = np.random.default_rng(10)
    cost = rng.integers(1, 100, (30, 8)).astype(float)
    w = rng.integers(1, 5, 30).astype(float)
    problem = problem_from_costs(cost, w)
    best = min(float(w @ cost[:, list(s)].min(axis=1)) for s in itertools.combinations(range(8), 3))
    solution = solve_median(problem, 3, method="exact")
    assert solution.optimal and solution.value == best


@pytest.mark.parametrize(("kwargs", "p", "message"), [
    ({}, 11, "groter dan het aantal"),
    ({}, 0, "geheel getal"),
    ({"fixed": [1, 2, 3]}, 2, "kleiner dan het aantal vaste"),
    ({"excluded": [1, 2, 3]}, 8, "groter dan het aantal toegestane"),
])
def test_bad_p_is_refused(kwargs, p, message):
    d, w, c = instance(11)
    with pytest.raises(SitingInputError, match=message):
        solve_median(problem_from_points(d, w, c, **kwargs), p)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d, w, c: (d, np.r_[w[:-1], np.nan], c), "weights: rij 40"),
    (lambda d, w, c: (d, np.r_[w[:-1], -1.0], c), "weights: rij 40"),
    (lambda d, w, c: (np.r_[d[:-1], [[np.nan, 1.0]]], w, c), "demand: rij 40, kolom x"),
    (lambda d, w, c: (d, w, c[:, :1]), "candidates: verwacht"),
    (lambda d, w, c: (d, w[:5], c), "5 gewichten voor 40"),
])
def test_bad_points_are_refused(change, message):
    with pytest.raises(SitingInputError, match=message):
        problem_from_points(*change(*instance(12)))


def test_duplicate_and_unknown_ids_are_refused():
    d, w, c = instance(13)
    with pytest.raises(SitingInputError, match="dubbel"):
        problem_from_points(d, w, c, candidate_ids=["a"] * 10)
    with pytest.raises(SitingInputError, match="onbekend kandidaat-id 'nope'"):
        problem_from_points(d, w, c, fixed=["nope"])
    with pytest.raises(SitingInputError, match="zowel"):
        problem_from_points(d, w, c, fixed=[1], excluded=[1])


def test_max_distance_forbids_far_pairs():
    d = np.array([[0, 0], [100, 0], [5000, 0]], dtype=float)
    c = np.array([[0, 10], [4990, 0]], dtype=float)
    problem = problem_from_points(d, [1, 1, 1], c, demand_ids=["a", "b", "c"], max_distance=200)
    solution = solve_median(problem, 2, method="exact")
    assert sorted(solution.open) == [1, 2] and solution.optimal
    assert nearest_distance(problem, [1]).tolist()[2] == np.inf
    lonely = problem_from_points(d, [1, 1, 1], c[:1], demand_ids=["a", "b", "c"], max_distance=200)
    with pytest.raises(SitingInputError, match="vraagpunt 'c' \\(rij 3\\)"):
        solve_median(lonely, 1)


def _full_radius_inputs(problem):
    """Every distance level kept and nothing fixed: the radius model is then the exact p-median."""
    m = problem.m
    reach = np.full(problem.n, np.inf)
    return problem.dist, problem.nbr, problem.weights, reach, np.zeros(m, bool), np.zeros(m, bool)


@pytest.mark.parametrize("use_highspy", [True, False])
def test_radius_model_with_a_cutoff_finds_only_solutions_below_it(monkeypatch, use_highspy):
    """A cut-off just below the optimum leaves nothing; just above it, the optimum is found."""
    from weerbaar.engines.siting import median

    if use_highspy and median.highspy is None:
        pytest.skip("highspy not installed")
    if not use_highspy:
        monkeypatch.setattr(median, "highspy", None)
        monkeypatch.setattr(median, "CUTOFF", True)
    d, w, c = instance(11, n=40, m=12)
    problem = problem_from_points(d, w, c)
    optimum, combo = brute(problem, 3)
    args = _full_radius_inputs(problem)
    assert median._radius_mip(*args, 3, None, optimum * (1 - 1e-6)) is None
    poor = np.zeros(problem.m, bool)
    poor[[problem.candidate_ids.index(j) for j in problem.candidate_ids[:3]]] = True
    y, value, z_bound, solved = median._radius_mip(*args, 3, None, optimum * (1 + 1e-6), poor)
    assert solved and value == pytest.approx(optimum, rel=1e-9) and z_bound <= value * (1 + 1e-9)
    assert sorted(problem.candidate_ids[j] for j in np.flatnonzero(y)) == combo


def test_exact_from_a_poor_incumbent_still_reaches_the_optimum(monkeypatch):
    """The cut-off comes from the incumbent's true cost, so a bad incumbent proves nothing false."""
    from weerbaar.engines.siting import median
    from weerbaar.engines.siting.localsearch import cost

    d, w, c = instance(12, n=60, m=15)
    problem = problem_from_points(d, w, c, detour=1.2)
    optimum, combo = brute(problem, 2)
    state = median._heuristic(problem, 2, None)
    worst = np.zeros(problem.m, bool)
    worst[np.argsort(np.bincount(problem.nbr[:, 0], weights=problem.weights, minlength=problem.m))[:2]] = True
    assert cost(state["lists"], worst) > optimum * (1 + 1e-3)
    state["open"] = worst
    state["proven"] = False
    median._exact(problem, 2, state, None)
    assert state["proven"]
    assert cost(state["lists"], state["open"]) == pytest.approx(optimum, rel=1e-9)
    assert sorted(problem.candidate_ids[j] for j in np.flatnonzero(state["open"])) == combo
