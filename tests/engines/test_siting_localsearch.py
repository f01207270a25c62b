"""The swap search's profits and batches against full re-evaluation of the cost."""

import numpy as np
import pytest

from weerbaar.engines.siting import localsearch, problem_from_points
from weerbaar.engines.siting.localsearch import (
    Lists,
    assign,
    cost,
    independent_swaps,
    local_search,
    swap_profits,
)


def setup(seed, n=300, m=40, p=8, neighbours=None):
    rng = np.random.default_rng(seed)
    towns = rng.uniform(0, 20000, (6, 2))
    demand = towns[rng.integers(0, 6, n)] + rng.normal(0, 1500, (n, 2))
    problem = problem_from_points(demand, rng.integers(1, 50, n).astype(float),
                                  rng.uniform(0, 20000, (m, 2)), neighbours=neighbours)
    lists = Lists.build(problem.nbr, problem.dist, problem.weights, problem.far, problem.m)
    is_open = np.zeros(m, dtype=bool)
    is_open[rng.choice(m, p, replace=False)] = True
    return lists, is_open, np.ones(m, dtype=bool)


def swapped(is_open, r, u):
    out = is_open.copy()
    out[r] = False
    out[u] = True
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("neighbours", [None, 6])
def test_listed_swap_profits_equal_a_full_re_evaluation(seed, neighbours):
    lists, is_open, movable = setup(seed, neighbours=neighbours)
    before = cost(lists, is_open)
    r, u, profit, gain, loss = swap_profits(lists, is_open, assign(lists, is_open), movable, movable)
    assert len(r) > 0
    for site_r, site_u, value in zip(r, u, profit, strict=True):
        assert value == pytest.approx(before - cost(lists, swapped(is_open, site_r, site_u)),
                                      rel=1e-9, abs=1e-6 * before)
    # any other pair: gain[u] − loss[r] never overstates the profit
    rng = np.random.default_rng(seed)
    for site_r in rng.choice(np.flatnonzero(is_open), 4, replace=False):
        for site_u in rng.choice(np.flatnonzero(~is_open), 4, replace=False):
            true = before - cost(lists, swapped(is_open, site_r, site_u))
            assert gain[site_u] - loss[site_r] <= true + 1e-6 * before


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("neighbours", [None, 6])
def test_a_batch_changes_the_cost_by_the_sum_of_its_single_swaps(seed, neighbours):
    lists, is_open, movable = setup(seed, n=600, m=80, p=20, neighbours=neighbours)
    before = cost(lists, is_open)
    r, u = independent_swaps(lists, is_open, assign(lists, is_open), movable, movable)
    assert len(r) >= 1 and len(set(r)) == len(r) and len(set(u)) == len(u)
    assert is_open[r].all() and not is_open[u].any()
    singles = [before - cost(lists, swapped(is_open, a, b)) for a, b in zip(r, u, strict=True)]
    assert min(singles) > 0
    after = cost(lists, swapped(is_open, r, u))
    assert before - after == pytest.approx(sum(singles), rel=1e-9)


@pytest.fixture(params=["single best swap", "independent batches"])
def pass_kind(request, monkeypatch):
    """Run local_search both ways: small instances make one swap per pass, large ones batches."""
    if request.param == "independent batches":
        monkeypatch.setattr(localsearch, "BATCH_FROM_PAIRS", 0)
    return request.param


@pytest.mark.parametrize("seed", range(4))
def test_local_search_ends_where_no_single_swap_improves(seed, pass_kind):
    lists, is_open, movable = setup(seed, n=200, m=25, p=5, neighbours=8)
    result, value, swaps = local_search(lists, is_open, movable, movable)
    assert result.sum() == is_open.sum() and swaps >= 1
    assert value == pytest.approx(cost(lists, result))
    assert value < cost(lists, is_open)
    for site_r in np.flatnonzero(result):
        for site_u in np.flatnonzero(~result):
            assert cost(lists, swapped(result, site_r, site_u)) >= value * (1 - 1e-12)


def test_fixed_sites_are_never_swapped_out(pass_kind):
    lists, is_open, movable = setup(3, n=200, m=25, p=5)
    keep = np.flatnonzero(is_open)[:2]
    out_ok = movable.copy()
    out_ok[keep] = False
    result, _, _ = local_search(lists, is_open, out_ok, movable)
    assert result[keep].all() and result.sum() == 5
