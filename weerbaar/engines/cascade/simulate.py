"""``simulate``: run a scenario (one central run or a Monte Carlo) and summarise it per effect, asset,
noodsteunpunt, buurt, vulnerable site and key figure."""

from __future__ import annotations

import numpy as np

from . import households
from .compile import compile_scenario
from .iim import iim_dynamic, iim_static
from .model import Scenario, ScenarioError
from .montecarlo import run_all
from .phases import phase_of
from .results import AssetResult, EffectResult, Result, SupportPointResult

QS = (0.1, 0.5, 0.9)


def quantiles(x: np.ndarray, qs: tuple[float, ...] = QS) -> np.ndarray:
    """p10, p50, p90 (or ``qs``) over runs (axis 0), taking real draws (inverted CDF) so "never" (inf)
    stays inf.

    Worked through in column blocks, so a (1000 runs x 3600 points x 73 hours) array is never copied whole,
    and in the input's own dtype: an inverted-CDF quantile is one of the values, so widening float32 to
    float64 first would only cost a copy (a sixth of the time on the country case), not change a result.
    """
    if x.shape[0] == 1:
        return np.repeat(x[:1].astype(float), len(qs), axis=0)
    flat = x.reshape(x.shape[0], -1)
    out = np.empty((len(qs), flat.shape[1]))
    step = max(1, 4_000_000 // max(1, flat.shape[0]))
    for s0 in range(0, flat.shape[1], step):
        out[:, s0 : s0 + step] = np.quantile(flat[:, s0 : s0 + step], qs, axis=0, method="inverted_cdf")
    return out.reshape((len(qs), *x.shape[1:]))


def median(x: np.ndarray) -> np.ndarray:
    """The p50 of ``quantiles`` alone: one selection per column instead of three (a quarter less time on
    the hourly loads, where only the median is shown)."""
    return quantiles(x, (0.5,))[0]


def _listed(q: np.ndarray, hours: int) -> list[list[float | None]]:
    """Rows of quantiles as Python lists, None where the time is beyond the horizon (vectorised _within)."""
    ok = np.isfinite(q) & (q <= hours)
    return [
        [float(v) if m else None for v, m in zip(row.tolist(), mask.tolist(), strict=True)]
        for row, mask in zip(q, ok, strict=True)
    ]


def _within(x: float, hours: int) -> float | None:
    return float(x) if np.isfinite(x) and x <= hours else None


def simulate(
    scenario: Scenario, runs: int = 1, seed: int = 0, client=None, processes: int | None = None
) -> Result:
    if runs < 1:
        raise ScenarioError([f"{scenario.source_name}:0: runs must be at least 1, got {runs}"])
    c = compile_scenario(scenario)
    out = run_all(c, runs, seed, client=client, processes=processes)
    H = scenario.hours
    S = len(c.service_ids)

    def cat(name: str) -> np.ndarray:
        return np.concatenate([getattr(b, name) for b in out], axis=0)

    eff_q = quantiles(cat("effects"))
    effects = []
    for k, e in enumerate(scenario.effects.values()):
        p10, p50, p90 = (_within(v, H) for v in eff_q[:, k])
        effects.append(EffectResult(e.id, e.sector, e.text, p50, phase_of(p50), p10, p90, e.when.describe()))
    F, R = cat("F")[:, S:], cat("R")[:, S:]
    fq = _listed(quantiles(F), H)
    rq = _listed(quantiles(np.where(F < np.inf, R, np.inf)), H)
    del F, R
    assets = []
    for k, aid in enumerate(c.asset_ids):
        a = scenario.assets[aid]
        assets.append(
            AssetResult(
                aid,
                a.name,
                a.sector,
                fq[1][k],
                rq[1][k],
                {"fails_at_hours": fq[0][k], "restored_at_hours": rq[0][k]},
                {"fails_at_hours": fq[2][k], "restored_at_hours": rq[2][k]},
            )
        )
    region = scenario.region
    points = []
    if region is not None and region.support_points:
        load = np.empty((runs, len(c.sp_capacity), H + 1), np.float32)
        row = 0
        for b in out:  # move batch by batch, so the loads are never held twice
            load[row : row + len(b.load)] = b.load
            row += len(b.load)
            b.load = None
        peak = load.max(axis=2)
        over = (load > c.sp_capacity[None, :, None]).sum(axis=2)
        pq, oq, cq = quantiles(peak), quantiles(over), quantiles(cat("close"))
        by_hour = median(load)
        del load
        for k, sp in enumerate(region.support_points):
            points.append(
                SupportPointResult(
                    sp.id,
                    sp.capacity_per_hour,
                    float(pq[1, k]),
                    float(oq[1, k]),
                    _within(cq[1, k], H),
                    by_hour[k],
                    float(pq[0, k]),
                    float(pq[2, k]),
                    float(oq[0, k]),
                    float(oq[2, k]),
                    _within(cq[0, k], H),
                    _within(cq[2, k], H),
                )
            )
    ser = {k: np.concatenate([b.series[k] for b in out], axis=0) for k in out[0].series}
    hh = {k: households.spread(c, k, median(v)) for k, v in ser.items()}
    vq = quantiles(cat("vulnerable")) if region is not None and region.vulnerable_sites else None
    vulnerable = []
    if vq is not None:
        for k, v in enumerate(region.vulnerable_sites):
            vulnerable.append(
                {
                    "id": v.id,
                    "name": v.name,
                    "residents": v.residents,
                    "backup_ends_at_hours": _within(vq[1, k], H),
                    "p10": _within(vq[0, k], H),
                    "p90": _within(vq[2, k], H),
                }
            )
    kf = {"by_phone": median(cat("kf_phone")), "in_person_only": median(cat("kf_in_person"))}
    iim = None
    if scenario.iim is not None:
        spec = scenario.iim
        iim = {"sectors": list(spec.sectors), "static": iim_static(spec.A, spec.c).tolist()}
        if spec.K is not None:
            _, path = iim_dynamic(spec.A, spec.c, spec.K, steps=spec.days, tol=None, trajectory=True)
            iim["dynamic_by_day"] = path.tolist()
    return Result(
        scenario=scenario.name,
        runs=runs,
        hours=H,
        effects=effects,
        assets=assets,
        support_points=points,
        households=hh,
        neighbourhood_ids=[nb.id for nb in region.neighbourhoods] if region else [],
        vulnerable_sites=vulnerable,
        key_figures=kf,
        unserved_demand_by_hour=median(cat("unserved")),
        iim=iim,
        iterations=max(b.iterations for b in out),
    )
