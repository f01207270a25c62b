"""Siting engine benchmark: OR-Library p-median, PySAL spopt, and a country-sized instance.

    .venv/bin/pip install spopt pulp      # benchmark only, not project dependencies
    .venv/bin/python benchmarks/siting_orlib.py ORLIB_DIR [--baseline-limit 60]
        [--only orlib,heuristic,spopt,country]

ORLIB_DIR holds pmed1.txt … pmed40.txt and pmedopt.txt (OR-Library). In one run it measures:

1. all 40 instances, exact and heuristic, against the plain dense strong formulation
   (x_ij ≤ y_j, Σ_j x_ij = 1, Σ y = p) given to the same HiGHS (scipy.optimize.milp), capped at
   ``--baseline-limit`` seconds per instance (a capped run is marked and its time is a floor);
2. one mid-size instance (``--spopt-instance``, default pmed16) with spopt's PMedian through PuLP
   and HiGHS: time ratio and objective equality;
3. a synthetic country: 400,000 demand points in clustered towns, 20,000 candidate sites, p = 3,600,
   solved by the heuristic, with its certified gap.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from weerbaar.engines.siting import problem_from_points, read_orlib_pmed, solve_median  # noqa: E402


def dense_cost(problem) -> np.ndarray:
    full = np.full((problem.n, problem.m), np.inf)
    np.put_along_axis(full, problem.nbr.astype(int), problem.dist, axis=1)
    return full


def dense_strong(cost: np.ndarray, p: int, time_limit: float) -> tuple[float, bool, float]:
    """The textbook model: n·m assignment variables, x_ij ≤ y_j. Returns (value, optimal, seconds)."""
    n, m = cost.shape
    nx = n * m
    c = np.concatenate([np.zeros(m), cost.ravel()])
    ii = np.repeat(np.arange(n), m)
    jj = np.tile(np.arange(m), n)
    assign = sparse.csr_matrix((np.ones(nx), (ii, m + np.arange(nx))), shape=(n, m + nx))
    link = sparse.csr_matrix((np.r_[np.ones(nx), -np.ones(nx)],
                              (np.r_[np.arange(nx), np.arange(nx)], np.r_[m + np.arange(nx), jj])),
                             shape=(nx, m + nx))
    card = sparse.csr_matrix((np.ones(m), (np.zeros(m, dtype=int), np.arange(m))), shape=(1, m + nx))
    start = time.perf_counter()
    res = milp(c, integrality=np.r_[np.ones(m), np.zeros(nx)], bounds=Bounds(0, 1),
               constraints=[LinearConstraint(assign, 1, 1), LinearConstraint(link, -np.inf, 0),
                            LinearConstraint(card, p, p)],
               options={"time_limit": time_limit, "mip_rel_gap": 1e-7})
    seconds = time.perf_counter() - start
    return (float(res.fun) if res.x is not None else float("nan")), res.status == 0, seconds


def orlib(directory: Path, limit: float, exact_limit: float | None) -> None:
    optima = {ln.split()[0]: float(ln.split()[1]) for ln in
              (directory / "pmedopt.txt").read_text().splitlines()[1:] if ln.strip()}
    print("| instance | n | p | optimum | exact s | proven | heuristic s | heur. % above | "
          "certified gap % | dense HiGHS s | ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    tot = {"exact": 0.0, "heur": 0.0, "dense": 0.0}
    proven, worst, capped = 0, 0.0, 0
    for k in range(1, 41):
        name = f"pmed{k}"
        problem, p = read_orlib_pmed((directory / f"{name}.txt").read_text())
        ex = solve_median(problem, p, method="exact", time_limit=exact_limit)
        he = solve_median(problem, p, method="heuristic")
        value, ok, dense_s = dense_strong(dense_cost(problem), p, limit)
        assert not ok or abs(value - optima[name]) < 1e-6 * optima[name], (name, value)
        opt = optima[name]
        good = ex.optimal and ex.value == opt
        proven += good
        above = 100 * (he.value - opt) / opt
        worst = max(worst, above)
        capped += not ok
        tot["exact"] += ex.seconds
        tot["heur"] += he.seconds
        tot["dense"] += dense_s
        dense_txt = f"{dense_s:.1f}" + ("" if ok else f" (cap, value {value:g})")
        print(f"| {name} | {problem.n} | {p} | {opt:g} | {ex.seconds:.2f} | {'yes' if good else 'NO'} | "
              f"{he.seconds:.2f} | {above:.3f} | {100 * he.gap:.3f} | {dense_txt} | "
              f"{dense_s / ex.seconds:.1f}{'+' if not ok else ''} |", flush=True)
    print(f"\ntotals: exact {tot['exact']:.1f} s ({proven}/40 proven optimal), heuristic {tot['heur']:.1f} s "
          f"(worst {worst:.3f} % above optimum), dense strong {tot['dense']:.1f} s ({capped} capped at "
          f"{limit:g} s); ratio dense/exact ≥ {tot['dense'] / tot['exact']:.1f}", flush=True)


def heuristic_only(directory: Path) -> None:
    """All 40 in heuristic mode alone: the target's total time and the worst distance above."""
    optima = {ln.split()[0]: float(ln.split()[1]) for ln in
              (directory / "pmedopt.txt").read_text().splitlines()[1:] if ln.strip()}
    total, cpu, worst = 0.0, time.process_time(), 0.0
    for k in range(1, 41):
        problem, p = read_orlib_pmed((directory / f"pmed{k}.txt").read_text())
        he = solve_median(problem, p, method="heuristic")
        total += he.seconds
        worst = max(worst, 100 * (he.value - optima[f"pmed{k}"]) / optima[f"pmed{k}"])
    print(f"heuristic, all 40: {total:.1f} s wall in the solver, {time.process_time() - cpu:.1f} s CPU "
          f"(with reading), worst {worst:.3f} % above the published optimum", flush=True)


def spopt_compare(directory: Path, name: str) -> None:
    import pulp
    from spopt.locate import PMedian

    problem, p = read_orlib_pmed((directory / f"{name}.txt").read_text())
    cost = dense_cost(problem)
    start = time.perf_counter()
    model = PMedian.from_cost_matrix(cost, np.ones(problem.n), p_facilities=p)
    model = model.solve(pulp.HiGHS(msg=False))
    spopt_s = time.perf_counter() - start
    spopt_value = float(pulp.value(model.problem.objective))
    ours = solve_median(problem, p, method="exact")
    print(f"\n| {name} (n={problem.n}, p={p}) | value | seconds |\n|---|---|---|\n"
          f"| spopt PMedian + PuLP + HiGHS | {spopt_value:g} | {spopt_s:.1f} |\n"
          f"| weerbaar exact | {ours.value:g} | {ours.seconds:.1f} |\n"
          f"ratio {spopt_s / ours.seconds:.1f}×, equal objective: {abs(spopt_value - ours.value) < 1e-6}",
          flush=True)


def synthetic_country(n: int, m: int, seed: int = 7):
    """Clustered towns over a Netherlands-sized box (RD New metres); weights 1–199 residents."""
    rng = np.random.default_rng(seed)
    towns = max(10, n // 200)
    centres = rng.uniform([0, 300000], [280000, 620000], (towns, 2))
    size = rng.pareto(1.2, towns) + 1
    town = rng.choice(towns, n, p=size / size.sum())
    spread = 300 + 1500 * np.sqrt(size / size.max())
    demand = centres[town] + rng.normal(0, 1, (n, 2)) * spread[town, None]
    weights = rng.integers(1, 200, n).astype(float)
    candidates = demand[rng.choice(n, m, replace=False)] + rng.normal(0, 100, (m, 2))
    return demand, weights, candidates


def country(n: int, m: int, p: int) -> None:
    demand, weights, candidates = synthetic_country(n, m)
    start = time.perf_counter()
    problem = problem_from_points(demand, weights, candidates)
    built = time.perf_counter() - start
    solution = solve_median(problem, p, method="heuristic")
    print(f"\ncountry: {n:,} demand points, {m:,} sites, p = {p:,}, "
          f"{problem.nbr.shape[1]} nearest per point; "
          f"build {built:.1f} s, solve {solution.seconds:.1f} s, value {solution.value:.6g}, "
          f"lower bound {solution.lower_bound:.6g}, certified gap {100 * solution.gap:.3f} % "
          f"({solution.details})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("orlib_dir", type=Path)
    parser.add_argument("--baseline-limit", type=float, default=60.0)
    parser.add_argument("--exact-limit", type=float, default=None, help="seconds per instance (default none)")
    parser.add_argument("--spopt-instance", default="pmed16")
    parser.add_argument("--only", default="orlib,spopt,country",
                        help="comma-separated parts: orlib, heuristic, spopt, country")
    parser.add_argument("--country", default="400000,20000,3600", help="n,m,p")
    args = parser.parse_args()
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(), flush=True)
    parts = args.only.split(",")
    if "orlib" in parts:
        orlib(args.orlib_dir, args.baseline_limit, args.exact_limit)
    if "heuristic" in parts:
        heuristic_only(args.orlib_dir)
    if "spopt" in parts:
        spopt_compare(args.orlib_dir, args.spopt_instance)
    if "country" in parts:
        country(*map(int, args.country.split(",")))
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
