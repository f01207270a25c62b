"""p-median: minimise the weighted distance from every demand point to its nearest open site.

* ``heuristic``: Lagrangian heuristic + fast swap local search; the Lagrangian bound certifies
  the gap.
* ``exact``: the same, then a radius (cumulative distance) formulation in HiGHS — one variable
  per distinct distance level instead of one per pair (Elloumi 2010; García, Labbé & Marín
  2011) — with sites fixed by Lagrangian reduced costs and the levels per demand point cut off
  above the incumbent's second-nearest site. The cut model is a relaxation, so a solution whose
  true cost equals the model's value is optimal; otherwise the levels grow and it solves again.
  With ``highspy`` installed HiGHS gets the incumbent as a start and "incumbent − 1" (integral
  costs) as objective bound, so it only has to prove the bound, without primal heuristics; that
  halves the slow OR-Library instances. Without it, scipy's ``milp`` (the same HiGHS) is used.
* capacities: a single-source assignment model in HiGHS (see :mod:`capacitated`).
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

try:  # HiGHS with a start and a cut-off; scipy's milp (the same HiGHS) without them otherwise
    import highspy
except ImportError:  # pragma: no cover - depends on the environment
    highspy = None

from weerbaar.engines.siting.errors import SitingInputError
from weerbaar.engines.siting.lagrange import select, subgradient
from weerbaar.engines.siting.localsearch import Lists, assign, local_search
from weerbaar.engines.siting.problem import Problem, _nearest, check_p
from weerbaar.engines.siting.solution import Solution, relative_gap

EXACT_AUTO_LIMIT = 2_000_000  # listed pairs up to which method="auto" proves optimality
MIP_GAP = 1e-7
CUTOFF = False  # objective cut-off row: measured no consistent gain (pmed6 faster, pmed16 slower)
CUTOFF_SLACK = 1e-9  # relative room above the cut-off so a solution exactly at it is kept
# With the incumbent as start and the cut-off as objective bound HiGHS only has to prove the
# bound: its primal heuristics and strong branching cost pmed38 two thirds of the time for nothing.
HIGHS_OPTIONS: dict[str, object] = {
    "mip_heuristic_effort": 0.0, "mip_heuristic_run_rins": False, "mip_heuristic_run_rens": False,
    "mip_heuristic_run_root_reduced_cost": False, "mip_heuristic_run_feasibility_jump": False,
    "mip_pscost_minreliable": 0,
}
LARGE = 4_000_000  # listed pairs above which the heuristic lets the bound lead


def solve_median(problem: Problem, p: int, *, method: str = "auto",
                 time_limit: float | None = None) -> Solution:
    """Open ``p`` sites minimising Σ weight × distance to the nearest open site."""
    start = time.monotonic()
    method = _check(problem, p, method)
    deadline = None if time_limit is None else start + time_limit
    if problem.capacities is not None:
        from weerbaar.engines.siting.capacitated import solve_capacitated

        return solve_capacitated(problem, p, method=method, start=start, deadline=deadline)
    state = _heuristic(problem, p, deadline)
    if method == "exact":
        _exact(problem, p, state, deadline)
    is_open = state["open"]
    idx = np.flatnonzero(is_open)
    d, j = _nearest(problem, idx)
    value = float(problem.weights @ np.where(problem.weights > 0, d, 0.0))
    lower = min(state["lower"], value)
    if problem.integral and problem.complete:
        lower = min(np.ceil(lower - 1e-6), value)
    gap = relative_gap(value, lower)
    optimal = bool(state.get("proven")) or gap <= MIP_GAP
    if optimal:
        lower = max(lower, value * (1 - MIP_GAP)) if not problem.integral else value
        gap = relative_gap(value, lower)
    return Solution("median", value, [problem.candidate_ids[i] for i in idx], j, optimal, float(lower),
                    value, gap, time.monotonic() - start, method, state["details"])


def _check(problem: Problem, p: int, method: str) -> str:
    if method not in ("auto", "exact", "heuristic"):
        raise SitingInputError(f"method: kies auto, exact of heuristic, niet {method!r}")
    check_p(problem, p)
    unreachable = (problem.weights > 0) & (problem.nbr[:, 0] < 0)
    if unreachable.any():
        i = int(np.flatnonzero(unreachable)[0])
        raise SitingInputError(f"vraagpunt {problem.demand_ids[i]!r} (rij {i + 1}) heeft geen kandidaat "
                               "binnen de maximale afstand")
    if method == "auto":
        small = problem.complete and problem.nbr.size <= EXACT_AUTO_LIMIT
        method = "exact" if small or problem.capacities is not None else "heuristic"
    return method


def _heuristic(problem: Problem, p: int, deadline: float | None) -> dict:
    """Lagrangian heuristic with local search; returns the best open set and the bound."""
    active = problem.weights > 0
    w = problem.weights[active]
    lists = Lists.build(problem.nbr[active], problem.dist[active], w, problem.far[active], problem.m)
    fixed = np.zeros(problem.m, dtype=bool)
    fixed[problem.fixed] = True
    allowed = problem.allowed
    free = allowed & ~fixed
    cap = np.where(np.isfinite(problem.far[active]), w * problem.far[active], np.inf)
    details: dict = {"swaps": 0, "polished": 0}
    if p == int(allowed.sum()) or len(w) == 0:
        is_open = allowed.copy() if p == int(allowed.sum()) else select(np.zeros(problem.m), p, fixed, free)
        return {"open": is_open, "lower": 0.0 if len(w) == 0 else float(assign(lists, is_open)[0].sum()),
                "proven": True, "lists": lists, "details": details}
    # start: λ_i = cost of the ⌈m/p⌉-th nearest candidate, roughly the distance in a spread-out set
    pos = min(lists.wd.shape[1] - 1, int(np.ceil(allowed.sum() / p)))
    lam0 = np.where(np.isfinite(lists.wd[:, pos]), lists.wd[:, pos], lists.beyond)
    rho0 = np.bincount(lists.nbr.ravel(), weights=np.minimum(0, lists.wd - lam0[:, None]).ravel(),
                       minlength=problem.m)
    large = lists.wd.size > LARGE
    start = _spread_start(lists, w, p, fixed, free) if large else select(rho0, p, fixed, free)
    best = {"open": start}
    best["open"], best["cost"], swaps = local_search(lists, best["open"], free, allowed, deadline)
    details["swaps"] += swaps
    seen: set[bytes] = {best["open"].tobytes()}

    def polish(chosen: np.ndarray, it: int) -> None:
        key = chosen.tobytes()
        if key in seen or (deadline is not None and time.monotonic() > deadline):
            return
        seen.add(key)
        cand, c, s = local_search(lists, chosen, free, allowed, deadline)
        details["swaps"] += s
        details["polished"] += 1
        if c < best["cost"] - 1e-9 * abs(c):
            best["open"], best["cost"] = cand, c

    d1 = assign(lists, best["open"])[0]
    if large:  # each pass over 10^7 pairs costs about a second: polish only the final sites
        bound = subgradient(lists, cap, p, fixed, free, lambda: best["cost"], d1,
                            integral=problem.integral, deadline=deadline, max_iter=250)
        polish(bound.chosen, -1)
    else:
        bound = subgradient(lists, cap, p, fixed, free, lambda: best["cost"], d1, integral=problem.integral,
                            deadline=deadline, on_select=polish)
        polish(bound.chosen, -1)
    details["iterations"] = bound.iterations
    return {"open": best["open"], "lower": bound.value, "bound": bound, "lists": lists,
            "active": active, "details": details, "fixed": fixed, "free": free}


def _spread_start(lists: Lists, w: np.ndarray, p: int, fixed: np.ndarray, free: np.ndarray) -> np.ndarray:
    """Start for large instances: the nearest site of demand points drawn in proportion to weight."""
    rng = np.random.default_rng(0)
    chosen = fixed.copy()
    order = rng.choice(len(w), size=min(len(w), 3 * p), replace=False, p=w / w.sum())
    for site in lists.nbr[order, 0]:
        if chosen.sum() >= p:
            break
        if free[site]:
            chosen[site] = True
    if chosen.sum() < p:
        chosen[rng.choice(np.flatnonzero(free & ~chosen), p - int(chosen.sum()), replace=False)] = True
    return chosen


def _exact(problem: Problem, p: int, state: dict, deadline: float | None) -> None:
    """Prove the incumbent optimal or replace it, by the cut radius formulation in HiGHS."""
    if state.get("proven"):
        return
    lists: Lists = state["lists"]
    bound = state["bound"]
    integral = problem.integral
    ub = float(assign(lists, state["open"])[0].sum())
    delta = 1.0 if integral else MIP_GAP * ub
    if (np.ceil(bound.value - 1e-6) if integral else bound.value) >= ub - (delta if integral else 0) + 1e-9 \
            or relative_gap(ub, bound.value) <= MIP_GAP:
        state["proven"] = True
        return
    if not problem.complete:
        state["details"]["exact"] = "k-nearest lists: only the Lagrangian bound is certified"
        return
    close, open_ = _reduced_cost_fixing(bound, p, state["fixed"], state["free"], ub - delta)
    state["details"]["fixed_closed"] = int(close.sum())
    state["details"]["fixed_open"] = int(open_.sum())
    d1, _, _, d2, _ = assign(lists, state["open"])
    w = problem.weights[state["active"]]
    with np.errstate(divide="ignore", invalid="ignore"):
        reach = np.where(w > 0, d2 / w, 0.0)
    dist = problem.dist[state["active"]]
    nbr = lists.nbr
    rounds = 0
    while True:
        rounds += 1
        remaining = None if deadline is None else max(1.0, deadline - time.monotonic())
        res = _radius_mip(dist, nbr, w, reach, close, open_, p, remaining, ub - delta, state["open"])
        state["details"]["mip_rounds"] = rounds
        if res is None:  # no improving solution exists under the fixings
            state["proven"] = True
            return
        if isinstance(res, str):  # time limit before HiGHS found a solution: keep the incumbent
            return
        y, z_value, z_bound, solved = res
        true = float(assign(lists, y)[0].sum())
        if true < ub - 1e-9 * abs(ub):
            ub, state["open"] = true, y
        relaxed_bound = min(z_bound, ub - delta) if integral else min(z_bound, ub)
        state["lower"] = max(state["lower"], relaxed_bound)
        if z_value >= ub - delta + 1e-9 and solved:
            state["proven"] = True
            return
        if abs(true - z_value) <= 1e-9 * max(1.0, abs(true)) and solved:
            state["proven"] = True
            return
        if not solved or (deadline is not None and time.monotonic() > deadline):
            return
        with np.errstate(divide="ignore", invalid="ignore"):
            now = np.where(w > 0, assign(lists, y)[0] / w, 0.0)
        reach = np.maximum(reach, now)


def _reduced_cost_fixing(bound, p: int, fixed: np.ndarray, free: np.ndarray, target: float):
    """Sites that no solution better than ``target`` can open (or close), by Lagrangian costs."""
    rho, chosen = bound.rho, bound.chosen
    close = np.zeros_like(chosen)
    open_ = fixed.copy()
    in_free = chosen & free
    out_free = ~chosen & free
    if in_free.any() and out_free.any():
        worst_in = rho[in_free].max()
        best_out = rho[out_free].min()
        close = out_free & (bound.value + rho - worst_in > target + 1e-9)
        open_ = open_ | (in_free & (bound.value - rho + best_out > target + 1e-9))
    return close, open_


def _radius_mip(dist, nbr, w, reach, close, open_, p, time_limit, cutoff=None, incumbent=None):
    """Solve the cut radius model; None when no solution of it reaches ``cutoff``.

    ``cutoff`` must be at least the value of a solution that is really feasible (the caller
    passes the incumbent's true cost less the step): the model is a relaxation, so a solution
    below the cutoff that it misses cannot exist, and "nothing below the cutoff" proves the
    incumbent. ``incumbent`` (open sites) is handed to HiGHS as a start when the fixings allow it.
    """
    model = _radius_model(dist, nbr, w, reach, close, open_, p)
    if model is None:
        return None
    if highspy is not None:
        return _solve_highs(model, open_, time_limit, cutoff, incumbent)
    return _solve_scipy(model, open_, time_limit, cutoff)


def _radius_model(dist, nbr, w, reach, close, open_, p):
    """Columns: the free sites y, then one z per kept distance level; rows: the cardinality
    (Σ y = q, row 0), then the level chains (≥ their lower bound)."""
    m = len(close)
    free_idx = np.flatnonzero(~close & ~open_)
    col_of = np.full(m, -1)
    col_of[free_idx] = np.arange(len(free_idx))
    nz = len(free_idx)
    q = p - int(open_.sum())
    costs: list[float] = []
    rows, cols, vals = [0] * nz, list(range(nz)), [1.0] * nz
    lower, upper = [float(q)], [float(q)]
    constant = 0.0
    n_rows = 1
    zcol = nz
    for i in range(len(w)):
        ok = np.isfinite(dist[i]) & ~close[nbr[i]]
        d_i, j_i = dist[i][ok], nbr[i][ok]
        if len(d_i) == 0:  # every site that could serve i is ruled out: nothing improves
            return None
        levels = np.unique(d_i)
        fixed_hits = np.flatnonzero(open_[j_i])
        n_lev = len(levels)
        if len(fixed_hits):
            n_lev = min(n_lev, int(np.searchsorted(levels, d_i[fixed_hits[0]])) + 1)
        cut = int(np.searchsorted(levels, reach[i], side="right"))
        n_lev = min(n_lev, max(cut, 1) + 1)
        constant += w[i] * levels[0]
        level_of = np.searchsorted(levels, d_i)
        prev = -1
        for k in range(n_lev - 1):
            members = col_of[j_i[level_of == k]]
            members = members[members >= 0]
            costs.append(w[i] * (levels[k + 1] - levels[k]))
            rows.extend([n_rows] * (len(members) + 1))
            cols.extend(members.tolist() + [zcol])
            vals.extend([1.0] * (len(members) + 1))
            if prev >= 0:
                rows.append(n_rows)
                cols.append(prev)
                vals.append(-1.0)
            lower.append(1.0 if k == 0 else 0.0)
            upper.append(np.inf)
            prev = zcol
            zcol += 1
            n_rows += 1
    nvar = zcol
    c = np.concatenate([np.zeros(nz), np.array(costs)])
    a = sparse.csr_matrix((vals, (rows, cols)), shape=(n_rows, nvar))
    return {"c": c, "a": a, "lower": np.array(lower), "upper": np.array(upper), "nz": nz, "q": q,
            "constant": constant, "free_idx": free_idx}


def _result(model, open_, x, fun, dual, solved):
    nz, free_idx, constant = model["nz"], model["free_idx"], model["constant"]
    y = open_.copy()
    y[free_idx[x[:nz] > 0.5]] = True
    value = float(fun) + constant
    z_bound = (float(dual) + constant) if dual is not None and np.isfinite(dual) else -np.inf
    if solved:
        z_bound = max(z_bound, value * (1 - MIP_GAP) if value > 0 else value)
    return y, value, z_bound, solved


def _solve_scipy(model, open_, time_limit, cutoff):
    c, a, nz, constant = model["c"], model["a"], model["nz"], model["constant"]
    nvar = len(c)
    constraints = [LinearConstraint(a, model["lower"], model["upper"])]
    if cutoff is not None and CUTOFF:  # only solutions that beat the incumbent are of interest
        constraints.append(LinearConstraint(c[None, :], -np.inf, cutoff - constant + 1e-9))
    integrality = np.concatenate([np.ones(nz), np.zeros(nvar - nz)])
    options = {"mip_rel_gap": MIP_GAP}
    if time_limit is not None:
        options["time_limit"] = time_limit
    res = milp(c, integrality=integrality, bounds=Bounds(0, 1), constraints=constraints, options=options)
    if res.x is None:
        if res.status == 2:  # infeasible
            return None
        return "timeout"
    return _result(model, open_, res.x, res.fun, getattr(res, "mip_dual_bound", None), res.status == 0)


def _new_highs():
    """A HiGHS instance without its start-up banner, which HiGHS writes to the process's
    standard output (file descriptor 1) before any option applies: it would corrupt the
    ``--json`` answer of the CLI."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _solve_highs(model, open_, time_limit, cutoff, incumbent):
    """HiGHS through highspy: the incumbent as a start and the cut-off as objective bound."""
    c, a, nz, q, constant = model["c"], model["a"], model["nz"], model["q"], model["constant"]
    nvar = len(c)
    lp = highspy.HighsLp()
    lp.num_col_ = nvar
    lp.num_row_ = a.shape[0]
    lp.col_cost_ = c
    lp.col_lower_ = np.zeros(nvar)
    lp.col_upper_ = np.ones(nvar)
    lp.row_lower_ = model["lower"]
    lp.row_upper_ = model["upper"]
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = nvar
    lp.a_matrix_.num_row_ = a.shape[0]
    lp.a_matrix_.start_ = a.indptr.astype(np.int32)
    lp.a_matrix_.index_ = a.indices.astype(np.int32)
    lp.a_matrix_.value_ = a.data.astype(float)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * nz + [highspy.HighsVarType.kContinuous] * (nvar - nz)
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", MIP_GAP)
    for key, val in HIGHS_OPTIONS.items():
        h.setOptionValue(key, val)
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    h.passModel(lp)
    if cutoff is not None:
        h.setOptionValue("objective_bound", float(cutoff - constant) + CUTOFF_SLACK * max(1.0, abs(cutoff)))
    if incumbent is not None and (open_ <= incumbent).all() \
            and int(incumbent[model["free_idx"]].sum()) == q:  # the fixings allow it: a start
        h.setSolution(nz, np.arange(nz, dtype=np.int32), incumbent[model["free_idx"]].astype(float))
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    has_x = info.primal_solution_status == 2  # kSolutionStatusFeasible
    done = (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kObjectiveBound,
            highspy.HighsModelStatus.kOptimal)
    if not has_x:  # finished without a solution: none reaches the cut-off; else a limit stopped it
        return None if status in done else "timeout"
    x = np.asarray(h.getSolution().col_value)
    return _result(model, open_, x, info.objective_function_value, info.mip_dual_bound,
                   status == highspy.HighsModelStatus.kOptimal)
