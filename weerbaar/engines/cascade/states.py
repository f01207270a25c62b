"""Evaluating effect and household conditions on the failure/restoration times of one batch of runs."""

from __future__ import annotations

import numpy as np

from .cascade import Times, _merge
from .compile import Compiled
from .model import Condition

INF = np.inf


def onset(c: Compiled, t: Times, cond: Condition) -> np.ndarray:
    """First time (per run) the condition holds; inf when it never does. all = latest, any = earliest part."""
    if cond.kind == "all":
        return np.max([onset(c, t, p) for p in cond.parts], axis=0)
    if cond.kind == "any":
        return np.min([onset(c, t, p) for p in cond.parts], axis=0)
    key = f"{cond.kind}:{cond.target}"
    runs = t.F.shape[0]
    if key not in c.node:
        return np.full(runs, INF)
    i = c.node[key]
    F, R = t.F[:, i], t.R[:, i]
    if cond.state in ("failed", "out"):
        return F.copy()
    if cond.state == "on_backup":
        return t.on_backup[:, i - len(c.service_ids)].copy()
    return np.where(F < INF, R, INF)  # restored


def service_window(c: Compiled, t: Times, sid: str, group: int) -> tuple[np.ndarray, np.ndarray]:
    """Outage window of a service as seen in one group of buurten (global state plus local disruptions)."""
    runs = t.F.shape[0]
    key = f"service:{sid}"
    if key not in c.node:
        return np.full(runs, INF), np.full(runs, INF)
    i = c.node[key]
    d, u = t.F[:, i], t.R[:, i]
    for li in c.groups[group] if c.groups else ():
        sv, st, en = c.local[li]
        if sv == i:
            d, u = _merge(d, u, np.full(runs, st), np.full(runs, en))
    return d, u


def hourly(c: Compiled, t: Times, cond: Condition, group: int, hours: np.ndarray) -> np.ndarray:
    """(runs, hours) booleans: does the condition hold at each whole hour?"""
    if cond.kind in ("all", "any"):
        parts = [hourly(c, t, p, group, hours) for p in cond.parts]
        return np.logical_and.reduce(parts) if cond.kind == "all" else np.logical_or.reduce(parts)
    runs = t.F.shape[0]
    if cond.kind == "service":
        d, u = service_window(c, t, cond.target, group)
    else:
        key = f"asset:{cond.target}"
        if key not in c.node:
            return np.zeros((runs, len(hours)), bool)
        i = c.node[key]
        d, u = t.F[:, i], t.R[:, i]
        if cond.state == "on_backup":
            ob = t.on_backup[:, i - len(c.service_ids)]
            return (ob[:, None] <= hours) & (hours < d[:, None])
    if cond.state == "restored":
        return (d[:, None] < INF) & (hours >= u[:, None])
    return (d[:, None] <= hours) & (hours < u[:, None])
