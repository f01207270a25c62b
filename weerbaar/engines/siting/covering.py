"""Covering objectives: maximal covering (MCLP) and location set covering (LSCP).

Both are solved exactly by HiGHS on the sparse demand × site cover matrix (pairs within the
radius only). The heuristic is greedy (plus redundancy removal for LSCP), certified by the LP
relaxation. Demand points with the same set of covering sites are merged first, which shrinks
grid data a lot. Capacities do not apply to coverage and are ignored here.
"""

from __future__ import annotations

import time

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from weerbaar.engines.siting.errors import SitingInputError
from weerbaar.engines.siting.problem import Problem, _nearest, check_p, cover_matrix
from weerbaar.engines.siting.solution import Solution, relative_gap

EXACT_AUTO_LIMIT = 5_000_000  # cover-matrix entries up to which method="auto" solves exactly
MIP_GAP = 1e-7


def solve_mclp(problem: Problem, p: int, radius: float, *, method: str = "auto",
               time_limit: float | None = None) -> Solution:
    """Open ``p`` sites maximising the weight of demand points within ``radius`` of one."""
    start = time.monotonic()
    check_p(problem, p)
    a, w = _merged(cover_matrix(problem, radius), problem.weights)
    method = _method(method, a)
    fixed = _mask(problem, problem.fixed)
    free = problem.allowed & ~fixed
    y = _greedy_mclp(a, w, p, fixed, free)
    lower = float(w @ _covered(a, y))
    upper, optimal = _mclp_model(a, w, p, fixed, free, time_limit, integer=False)[1:]
    if method == "exact" and relative_gap(lower, upper) > MIP_GAP:
        y_mip, upper, optimal = _mclp_model(a, w, p, fixed, free, time_limit, integer=True)
        if y_mip is not None and w @ _covered(a, y_mip) >= lower:
            y = y_mip
    value = float(w @ _covered(a, y))
    optimal = optimal if method == "exact" else relative_gap(value, upper) <= MIP_GAP
    upper = value if optimal else max(upper, value)
    return _solution(problem, "mclp", y, value, value, upper, optimal, start, method)


def solve_lscp(problem: Problem, radius: float, *, method: str = "auto",
               time_limit: float | None = None) -> Solution:
    """Open the fewest sites so that every demand point with weight is within ``radius``."""
    start = time.monotonic()
    full = cover_matrix(problem, radius)
    needs = problem.weights > 0
    lonely = needs & (np.diff(full.indptr) == 0)
    if lonely.any():
        i = int(np.flatnonzero(lonely)[0])
        raise SitingInputError(f"onoplosbaar: vraagpunt {problem.demand_ids[i]!r} (rij {i + 1}) heeft "
                               f"geen toegestane kandidaat binnen {radius:g} m")
    a, _ = _merged(full[needs], np.ones(int(needs.sum())))
    method = _method(method, a)
    fixed = _mask(problem, problem.fixed)
    free = problem.allowed & ~fixed
    y = _greedy_lscp(a, fixed, free)
    lower, optimal = _lscp_model(a, fixed, free, time_limit, integer=False)[1:]
    lower = float(np.ceil(lower - 1e-6))
    if method == "exact" and lower < y.sum():
        y_mip, lower, optimal = _lscp_model(a, fixed, free, time_limit, integer=True)
        if y_mip is not None and y_mip.sum() <= y.sum():
            y = y_mip
        lower = float(np.ceil(lower - 1e-6))
    value = float(y.sum())
    optimal = value <= lower
    return _solution(problem, "lscp", y, value, min(lower, value), value, optimal, start, method)


def _method(method: str, a: sparse.csr_matrix) -> str:
    if method not in ("auto", "exact", "heuristic"):
        raise SitingInputError(f"method: kies auto, exact of heuristic, niet {method!r}")
    if method == "auto":
        return "exact" if a.nnz <= EXACT_AUTO_LIMIT else "heuristic"
    return method


def _mask(problem: Problem, idx: np.ndarray) -> np.ndarray:
    mask = np.zeros(problem.m, dtype=bool)
    mask[idx] = True
    return mask


def _merged(a: sparse.csr_matrix, w: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Merge demand rows with identical covering sets (summing weight); drop uncoverable rows."""
    a = a.tocsr()
    a.sort_indices()
    keys: dict[bytes, int] = {}
    rows, weights = [], []
    for i in range(a.shape[0]):
        if w[i] <= 0 or a.indptr[i] == a.indptr[i + 1]:
            continue
        key = a.indices[a.indptr[i]:a.indptr[i + 1]].tobytes()
        r = keys.get(key)
        if r is None:
            keys[key] = len(rows)
            rows.append(i)
            weights.append(w[i])
        else:
            weights[r] += w[i]
    return a[rows].astype(float), np.array(weights, dtype=float)


def _covered(a: sparse.csr_matrix, y: np.ndarray) -> np.ndarray:
    return (a @ y.astype(float)) > 0.5


def _greedy_mclp(a, w, p, fixed, free) -> np.ndarray:
    y = fixed.copy()
    at = a.T.tocsr()
    uncovered = ~_covered(a, y)
    for _ in range(p - int(fixed.sum())):
        gain = at @ (w * uncovered)
        gain = np.where(free & ~y, gain, -np.inf)
        j = int(np.argmax(gain))
        y[j] = True
        uncovered &= ~(a[:, j].toarray().ravel() > 0)
    return y


def _greedy_lscp(a, fixed, free) -> np.ndarray:
    y = fixed.copy()
    at = a.T.tocsr()
    uncovered = ~_covered(a, y)
    while uncovered.any():
        gain = np.where(free & ~y, at @ uncovered.astype(float), -1)
        j = int(np.argmax(gain))
        y[j] = True
        uncovered &= ~(a[:, j].toarray().ravel() > 0)
    counts = a @ y.astype(float)
    for j in np.flatnonzero(y & free)[::-1]:  # drop sites every point of which is covered twice
        col = a[:, j].toarray().ravel() > 0
        if np.all(counts[col] >= 2):
            y[j] = False
            counts[col] -= 1
    return y


def _options(time_limit: float | None) -> dict:
    opts = {"mip_rel_gap": MIP_GAP}
    if time_limit is not None:
        opts["time_limit"] = max(1.0, time_limit)
    return opts


def _mclp_model(a, w, p, fixed, free, time_limit, *, integer: bool):
    """max Σ w_i u_i, u_i ≤ Σ_{j covers i} y_j, Σ y = p; returns (y, bound, optimal)."""
    nrow, m = a.shape
    free_idx = np.flatnonzero(free)
    af = a[:, free_idx]
    base = np.minimum(1.0, a @ fixed.astype(float))
    rows = np.flatnonzero(base < 0.5)
    af = af[rows]
    nf, nu = len(free_idx), len(rows)
    c = np.concatenate([np.zeros(nf), -w[rows]])
    link = sparse.hstack([-af, sparse.identity(nu, format="csr")]).tocsr()
    card = sparse.csr_matrix(np.concatenate([np.ones(nf), np.zeros(nu)])[None, :])
    q = p - int(fixed.sum())
    cons = [LinearConstraint(card, q, q)]
    if nu:
        cons.append(LinearConstraint(link, -np.inf, 0))
    integrality = np.concatenate([np.ones(nf) if integer else np.zeros(nf), np.zeros(nu)])
    res = milp(c, integrality=integrality, bounds=Bounds(0, 1), constraints=cons,
               options=_options(time_limit))
    constant = float(w @ base)
    if res.x is None:
        raise SitingInputError("geen oplossing gevonden binnen de tijdslimiet")
    bound = -float(getattr(res, "mip_dual_bound", res.fun) if integer else res.fun) + constant
    if not np.isfinite(bound):
        bound = float(w.sum())
    y = fixed.copy()
    y[free_idx[res.x[:nf] > 0.5]] = True
    return (y if integer else None), bound, res.status == 0


def _lscp_model(a, fixed, free, time_limit, *, integer: bool):
    """min Σ y, Σ_{j covers i} y_j ≥ 1 for every point not covered by a fixed site."""
    free_idx = np.flatnonzero(free)
    base = a @ fixed.astype(float)
    af = a[np.flatnonzero(base < 0.5)][:, free_idx]
    nf = len(free_idx)
    cons = [LinearConstraint(af, 1, np.inf)] if af.shape[0] else []
    res = milp(np.ones(nf), integrality=np.ones(nf) if integer else np.zeros(nf), bounds=Bounds(0, 1),
               constraints=cons, options=_options(time_limit))
    if res.x is None:
        raise SitingInputError("geen dekkende oplossing gevonden binnen de tijdslimiet")
    bound = float(getattr(res, "mip_dual_bound", res.fun) if integer else res.fun) + fixed.sum()
    y = fixed.copy()
    y[free_idx[res.x > 0.5]] = True
    return (y if integer else None), bound, res.status == 0


def _solution(problem, objective, y, value, lower, upper, optimal, start, method) -> Solution:
    idx = np.flatnonzero(y)
    _, j = _nearest(problem, idx)
    gap = relative_gap(value, lower if objective != "mclp" else upper)
    return Solution(objective, value, [problem.candidate_ids[i] for i in idx], j, bool(optimal),
                    float(lower), float(upper), gap, time.monotonic() - start, method)
