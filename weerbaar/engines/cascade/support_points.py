"""Demand at noodsteunpunten per hour: residents in need go to the nearest point that has not closed.

A point is open from ``opens_at_hours`` until its backup power ends (``close``). Each buurt keeps a list
of its K nearest points; it uses its nearest point until that point closes, then the next one that is
still open, and so on: with closing times c_0..c_K-1 (nearest first), point k serves the buurt during
[max(c_0..c_k-1), c_k). Residents who reach a point before it opens wait there (counted as unserved
demand). These intervals are turned into hourly loads with difference arrays and one ``bincount``, so no
Python loop runs over buurten, points, hours or runs.
"""

from __future__ import annotations

import numpy as np

from .cascade import Times
from .compile import Compiled
from .states import service_window

INF = np.inf
TERMS = (("nb_residents", "demand_residents"), ("nb_rsr", "demand_rsr"), ("nb_ed", "demand_ed"))


def close_times(c: Compiled, t: Times, samples: np.ndarray) -> np.ndarray:
    """(runs, points): when each point loses power for good (inf = stays open)."""
    runs, P = samples.shape[0], len(c.sp_capacity)
    if not P:
        return np.zeros((runs, 0))
    G = len(c.groups)
    d = np.empty((runs, G))
    u = np.empty((runs, G))
    for g in range(G):
        d[:, g], u[:, g] = service_window(c, t, "electricity", g)
    dp, up = d[:, c.sp_group], u[:, c.sp_group]
    backup = np.where(c.sp_col >= 0, samples[:, np.maximum(c.sp_col, 0)], 0.0)
    close = dp + backup
    close = np.where(close < up, close, INF)
    return np.where(c.sp_generator <= close, INF, close)


def demand(c: Compiled, close: np.ndarray, series: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(runs, points, hours + 1) demand per point and (runs, hours + 1) demand no open point takes."""
    runs, P = close.shape
    T1 = c.hours + 1
    G = len(c.groups)
    B, K = c.nb_nearest.shape
    load = np.zeros((runs, P, T1), np.float32)
    unserved = np.zeros((runs, T1), np.float32)
    if not (P and B):
        return load, unserved
    cK = close[:, c.nb_nearest]  # (runs, B, K)
    prev = np.concatenate([np.zeros((runs, B, 1)), np.maximum.accumulate(cK, axis=2)[:, :, :-1]], axis=2)
    opens = c.sp_opens[c.nb_nearest][None, :, :]

    def hour(x):
        return np.clip(np.ceil(x), 0, T1).astype(np.int64)

    served_from, served_to = hour(np.maximum(prev, opens)), hour(cK)
    wait_from, wait_to = hour(prev), hour(np.minimum(opens, cK))
    last = hour(cK.max(axis=2))  # (runs, B): all K nearest points closed from here on
    r_idx = np.arange(runs)[:, None, None]
    g_idx = c.nb_group[None, :, None]
    W2 = T1 + 1
    base_pt = ((r_idx * P + c.nb_nearest[None, :, :]) * G + g_idx) * W2
    base_un = (r_idx * G + g_idx) * W2
    ok = served_to > served_from
    wait = wait_to > wait_from
    buurt = np.broadcast_to(np.arange(B)[None, :, None], cK.shape)
    # the intervals are the same for every demand term; only the weights (residents, care needs) differ
    idx_pt = np.concatenate([(base_pt + served_from)[ok], (base_pt + served_to)[ok]])
    b_ok = buurt[ok]
    idx_un = np.concatenate(
        [(base_un + wait_from)[wait], (base_un + wait_to)[wait], (base_un[:, :, 0] + last).ravel()]
    )
    b_wait = buurt[wait]
    b_last = np.broadcast_to(np.arange(B)[None, :], (runs, B)).ravel()
    for const_name, series_name in TERMS:
        const = getattr(c, const_name)
        if not const.any():
            continue
        w = const[b_ok]
        diff = np.bincount(idx_pt, weights=np.concatenate([w, -w]), minlength=runs * P * G * W2)
        assigned = np.cumsum(diff.reshape(runs, P, G, W2), axis=3)[..., :T1]
        s = series[series_name]  # (runs, G, T1)
        for g in range(G):
            load += (assigned[:, :, g, :] * s[:, g, None, :]).astype(np.float32)
        wu = const[b_wait]
        diff_u = np.bincount(
            idx_un, weights=np.concatenate([wu, -wu, const[b_last]]), minlength=runs * G * W2
        )
        unserved += np.einsum(
            "rgt,rgt->rt", np.cumsum(diff_u.reshape(runs, G, W2), axis=2)[..., :T1], s
        ).astype(np.float32)
    return load, unserved
