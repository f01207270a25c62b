"""Country-sized cascade: the vectorised engine against a plain per-run event loop over a networkx graph.

    .venv/bin/pip install networkx     # baseline only; not a dependency of the project
    .venv/bin/python benchmarks/cascade_scale.py [--runs 1000] [--sample 5] [--processes 2]

A synthetic case of about 14,000 buurten, 3,600 noodsteunpunten and 50,000 assets in layers (assets
need services and assets of lower layers; services are provided by assets of the low layers; a few
dependencies point upward with a backup, so there are cycles), a national power outage that lasts beyond
the 72 hourly steps, and 1,000 Monte Carlo runs. The engine does the whole simulation (cascade,
effects, households per buurt, noodsteunpunt loads per hour, p10/p50/p90). The baseline computes only
the failure times, with a Dijkstra-style event queue per run over a networkx DiGraph, on a sample of
runs drawn with the same samples as the engine, and is extrapolated to all runs. Both must give
identical failure times on the sampled runs.
"""

from __future__ import annotations

import argparse
import heapq
import os
import resource
import time

import numpy as np

from weerbaar.engines.cascade import (
    Distribution,
    KeyFigureContact,
    Neighbourhood,
    Region,
    Scenario,
    SupportPointSite,
    VulnerableSite,
    simulate,
)
from weerbaar.engines.cascade.cascade import cascade_times
from weerbaar.engines.cascade.compile import compile_scenario
from weerbaar.engines.cascade.model import Asset, Condition, Disruption, Effect, Need, Parameter, Service
from weerbaar.engines.cascade.montecarlo import draw

SERVICES = [
    "transmission",
    "electricity",
    "gas",
    "drinking_water",
    "waste_water",
    "telecom_fixed",
    "telecom_mobile",
    "internet",
    "emergency_112",
    "c2000",
    "fuel",
    "payments",
    "road_traffic_control",
    "rail",
    "food_supply",
]


def build(n_assets: int, n_buurten: int, n_points: int, seed: int = 1) -> Scenario:
    rng = np.random.default_rng(seed)
    layers = 6
    layer = np.sort(rng.integers(0, layers, n_assets))
    ids = [f"a{i}" for i in range(n_assets)]
    assets = {}
    first_of = np.searchsorted(layer, np.arange(layers + 1))
    for i in range(n_assets):
        if rng.random() < 0.6:
            needs = [Need(service="electricity", backup="generator", autonomy=_dist(rng))]
        else:
            needs = [Need(service="electricity")]
        for sv in rng.choice(SERVICES[2:], size=rng.integers(0, 3), replace=False):
            needs.append(_need(rng, service=str(sv)))
        if layer[i] > 0 and rng.random() < 0.7:
            ups = rng.integers(0, first_of[layer[i]], size=rng.integers(1, 3))
            for u in sorted(set(ups.tolist())):
                needs.append(_need(rng, asset=ids[u]))
        if rng.random() < 0.01 and layer[i] < layers - 1:  # upward dependency with a backup: a cycle
            u = int(rng.integers(first_of[layer[i] + 1], n_assets))
            needs.append(
                Need(asset=ids[u], backup="battery", autonomy=Distribution("triangular", (4, 8, 12)))
            )
        assets[ids[i]] = Asset(ids[i], ids[i], f"sector{i % 15}", tuple(needs))
    low = np.flatnonzero(layer <= 1)
    services = {"transmission": Service("transmission")}
    grid = rng.choice(low, 5, replace=False)
    services["electricity"] = Service("electricity", provided_by=tuple(ids[j] for j in grid), mode="any")
    for sv in SERVICES[2:]:
        services[sv] = Service(
            sv,
            provided_by=tuple(ids[j] for j in rng.choice(low, 20, replace=False)),
            mode="any" if rng.random() < 0.5 else "all",
        )
    for j in grid:
        assets[ids[j]] = Asset(ids[j], ids[j], "grid", (Need(service="transmission"),))
    effects = {
        f"e{i}": Effect(f"e{i}", "s", "effect", Condition("asset", ids[int(j)], "failed"))
        for i, j in enumerate(rng.choice(n_assets, 500, replace=False))
    }
    x = rng.uniform(13_000, 278_000, n_buurten)
    y = rng.uniform(306_000, 619_000, n_buurten)
    hh = rng.integers(50, 1500, n_buurten)
    nbs = [
        Neighbourhood(
            f"BU{i:08d}",
            "",
            f"k{i // 5}",
            float(x[i]),
            float(y[i]),
            int(hh[i]),
            int(hh[i] * 2.1),
            int(hh[i] * 0.05),
            int(hh[i] * 0.01),
        )
        for i in range(n_buurten)
    ]
    px = rng.uniform(13_000, 278_000, n_points)
    py = rng.uniform(306_000, 619_000, n_points)
    points = [
        SupportPointSite(
            f"sp{i}",
            "",
            "",
            float(px[i]),
            float(py[i]),
            float(rng.integers(50, 400)),
            [None, 8.0, Distribution("triangular", (12, 24, 48))][i % 3],
            float(rng.integers(0, 3)),
        )
        for i in range(n_points)
    ]
    sites = [VulnerableSite(f"vs{i}", "", 40, Distribution("uniform", (4, 24))) for i in range(2000)]
    figures = [
        KeyFigureContact(f"k{i}", "", (("mobile",), ("fixed", "in_person"))[i % 2]) for i in range(5000)
    ]
    params = {
        "kit_share": Parameter("kit_share", Distribution("triangular", (0.2, 0.35, 0.5)), assumption="b"),
        "visit_rate_per_hour": Parameter(
            "visit_rate_per_hour", Distribution("uniform", (0.01, 0.03)), assumption="b"
        ),
    }
    return Scenario(
        "land",
        "Land",
        hours=72,
        services=services,
        assets=assets,
        effects=effects,
        disruption=(Disruption(service="transmission", start_hours=0, duration_hours=None),),
        parameters=params,
        region=Region(nbs, points, sites, figures, "NL"),
    )


def _dist(rng) -> Distribution:
    lo = float(rng.uniform(0.5, 24))
    return Distribution("triangular", (lo, lo + float(rng.uniform(0, 12)), lo + float(rng.uniform(12, 36))))


def _need(rng, **target) -> Need:
    if rng.random() < 0.5:
        return Need(**target)
    return Need(**target, backup="battery", autonomy=_dist(rng))


def baseline_graph(c):
    import networkx as nx

    g = nx.DiGraph()
    S = len(c.service_ids)
    g.add_nodes_from(range(S + len(c.asset_ids)))
    for j, (a, up) in enumerate(zip(c.dep_asset, c.dep_up, strict=True)):
        g.add_edge(int(up), S + int(a), dep=j)
    for s in range(S):
        for p in c.prov_idx[c.prov_ptr[s] : c.prov_ptr[s + 1]]:
            g.add_edge(S + int(p), s, provider=True)
    return g


def baseline_run(c, g, auto_row: np.ndarray) -> np.ndarray:
    """Failure times of one run: pop the earliest failure, schedule what depends on it."""
    S = len(c.service_ids)
    n_prov = np.diff(c.prov_ptr)
    fail = np.full(g.number_of_nodes(), np.inf)
    count = np.zeros(S, int)
    heap = [(float(t), int(s)) for s, t in enumerate(c.svc_dstart) if t < np.inf]
    heapq.heapify(heap)
    while heap:
        t, node = heapq.heappop(heap)
        if fail[node] < np.inf:
            continue
        fail[node] = t
        for nxt, data in g[node].items():
            if fail[nxt] < np.inf:
                continue
            if "dep" in data:
                heapq.heappush(heap, (t + auto_row[data["dep"]], nxt))
            elif c.svc_any[nxt]:
                count[nxt] += 1
                if count[nxt] == n_prov[nxt]:
                    heapq.heappush(heap, (t, nxt))
            else:
                heapq.heappush(heap, (t, nxt))
    return fail


def _cpu() -> float:
    """User + system CPU seconds of this process and its finished children (independent of load)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--sample", type=int, default=5)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--assets", type=int, default=50_000)
    ap.add_argument("--buurten", type=int, default=14_000)
    ap.add_argument("--points", type=int, default=3_600)
    args = ap.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min), cores: {os.cpu_count()}")
    t0 = time.perf_counter()
    s = build(args.assets, args.buurten, args.points)
    c = compile_scenario(s)
    print(
        f"built: {len(c.asset_ids):,} assets, {len(c.dep_up):,} dependencies, "
        f"{len(s.region.neighbourhoods):,} "
        f"buurten, {len(s.region.support_points):,} points in {time.perf_counter() - t0:.1f} s"
    )

    t0, cpu0 = time.perf_counter(), _cpu()
    result = simulate(s, runs=args.runs, seed=42, processes=args.processes)
    engine_s, engine_cpu = time.perf_counter() - t0, _cpu() - cpu0
    rss_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    rss_children_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2

    # same samples for the first runs: batch 0 of seed 42
    samples = draw(c, 42, 0, args.sample, args.runs)
    vec = cascade_times(c, samples).F
    g = baseline_graph(c)
    auto = np.maximum(samples[:, c.dep_col], 0.0)
    t0, cpu0 = time.perf_counter(), _cpu()
    base = np.array([baseline_run(c, g, auto[r]) for r in range(args.sample)])
    base_s = (time.perf_counter() - t0) / args.sample * args.runs
    base_cpu = (_cpu() - cpu0) / args.sample * args.runs
    same = np.array_equal(base, vec)
    points = result.support_points
    print(
        f"engine: {engine_s:.1f} s wall, {engine_cpu:.1f} s CPU (all processes) for {args.runs} runs "
        f"(all outputs), {result.iterations} work-list sweeps, peak RSS {rss_gb:.2f} GB "
        f"(largest worker {rss_children_gb:.2f} GB)"
    )
    print(
        f"baseline (networkx event loop, failure times only): {base_s / args.runs:.3f} s/run -> "
        f"{base_s:.0f} s wall, {base_cpu:.0f} s CPU extrapolated to {args.runs} runs"
    )
    print(
        f"ratio baseline/engine: {base_s / engine_s:.1f}x wall, {base_cpu / engine_cpu:.1f}x CPU; "
        f"identical failure times on {args.sample} runs: {same}"
    )
    print(
        f"overloaded points (p50): {sum(p.overloaded_hours > 0 for p in points):,} of {len(points):,}; "
        f"load after: {os.getloadavg()[0]:.2f}"
    )
    if not same:
        raise SystemExit("failure times differ")


if __name__ == "__main__":
    main()
