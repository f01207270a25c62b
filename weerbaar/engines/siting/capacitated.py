"""Capacitated p-median: each demand point is served whole by one open site within its capacity.

Solved by HiGHS on the listed pairs: x_ij ≤ y_j (strong), Σ_j x_ij = 1, Σ_i w_i x_ij ≤ cap_j y_j,
Σ y = p. The uncapacitated Lagrangian bound is also a valid lower bound (capacities only remove
solutions), so a time-limited run still reports a certified gap.
"""

from __future__ import annotations

import time

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from weerbaar.engines.siting.errors import SitingInputError
from weerbaar.engines.siting.problem import Problem
from weerbaar.engines.siting.solution import Solution, relative_gap

MIP_GAP = 1e-7


def solve_capacitated(problem: Problem, p: int, *, method: str, start: float,
                      deadline: float | None) -> Solution:
    caps = problem.capacities
    allowed = problem.allowed
    total = float(problem.weights.sum())
    if np.sort(caps[allowed])[::-1][:p].sum() < total - 1e-9:
        raise SitingInputError(f"onoplosbaar: de {p} grootste capaciteiten samen zijn kleiner dan het totale "
                               f"gewicht {total:g}")
    n, k = problem.nbr.shape
    ok = (problem.nbr >= 0) & np.isfinite(problem.dist)
    ri, pi = np.nonzero(ok)
    cj = problem.nbr[ri, pi].astype(np.int64)
    cost = problem.weights[ri] * problem.dist[ri, pi]
    m = problem.m
    npair = len(ri)
    # variables: y_0..y_{m-1}, then x per listed pair
    c = np.concatenate([np.zeros(m), cost])
    rows_assign = sparse.csr_matrix((np.ones(npair), (ri, m + np.arange(npair))), shape=(n, m + npair))
    link = sparse.csr_matrix((np.concatenate([np.ones(npair), -np.ones(npair)]),
                              (np.concatenate([np.arange(npair)] * 2),
                               np.concatenate([m + np.arange(npair), cj]))), shape=(npair, m + npair))
    load = sparse.csr_matrix((np.concatenate([problem.weights[ri], -caps]),
                              (np.concatenate([cj, np.arange(m)]),
                               np.concatenate([m + np.arange(npair), np.arange(m)]))), shape=(m, m + npair))
    card = sparse.csr_matrix((np.ones(m), (np.zeros(m, dtype=int), np.arange(m))), shape=(1, m + npair))
    lb = np.zeros(m + npair)
    ub = np.ones(m + npair)
    ub[:m][~allowed] = 0
    lb[problem.fixed] = 1
    options = {"mip_rel_gap": MIP_GAP}
    if deadline is not None:
        options["time_limit"] = max(1.0, deadline - time.monotonic())
    elif method == "heuristic":
        options["time_limit"] = 60.0
    res = milp(c, integrality=np.ones(m + npair), bounds=Bounds(lb, ub),
               constraints=[LinearConstraint(rows_assign, 1, 1), LinearConstraint(link, -np.inf, 0),
                            LinearConstraint(load, -np.inf, 0), LinearConstraint(card, p, p)],
               options=options)
    if res.x is None:
        if res.status == 2:
            raise SitingInputError("onoplosbaar: geen indeling van alle vraagpunten past binnen de "
                                   "capaciteiten")
        raise SitingInputError("geen oplossing gevonden binnen de tijdslimiet")
    y = res.x[:m] > 0.5
    x = res.x[m:] > 0.5
    assignment = np.full(n, -1, dtype=np.int64)
    assignment[ri[x]] = cj[x]
    value = float(cost[x].sum())
    dual = float(getattr(res, "mip_dual_bound", np.nan))
    optimal = res.status == 0 and problem.complete
    lower = value if optimal else (dual if np.isfinite(dual) and problem.complete else 0.0)
    if not optimal:
        from weerbaar.engines.siting.median import _heuristic

        lower = max(lower, _heuristic(problem, p, deadline)["lower"])
    lower = min(lower, value)
    idx = np.flatnonzero(y)
    return Solution("median", value, [problem.candidate_ids[i] for i in idx], assignment, bool(optimal),
                    float(lower), value, relative_gap(value, lower), time.monotonic() - start,
                    "exact" if optimal else method, {"capacitated": True})
