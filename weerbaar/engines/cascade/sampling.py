"""Vectorised inverse-CDF draws for many distributions at once (one column per uncertain quantity).

Scipy's frozen distributions cost tens of microseconds per call; a country-sized case has tens of
thousands of uncertain autonomies, so the closed forms are evaluated column-wise here instead.
"""

from __future__ import annotations

import numpy as np
from scipy import special

KINDS = {"fixed": 0, "triangular": 1, "uniform": 2, "normal": 3}


def table(dists: list) -> np.ndarray:
    """(n, 5) array: kind code and up to four arguments per distribution."""
    out = np.zeros((len(dists), 5))
    out[:, 4] = np.inf
    for i, d in enumerate(dists):
        out[i, 0] = KINDS[d.kind]
        args = list(d.args)
        if d.kind == "normal":
            args = (args + [0.0, np.inf])[:4] if len(args) == 2 else (args + [np.inf])[:4]
        out[i, 1 : 1 + len(args)] = args
    return out


def ppf(tab: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Values at quantiles ``u`` (shape (runs, n)) for the n distributions in ``tab``."""
    kind, a, b, c, d = (tab[:, i] for i in range(5))
    out = np.broadcast_to(a, u.shape).astype(float).copy()
    tri = kind == 1
    if tri.any():
        lo, mode, hi = a[tri], b[tri], c[tri]
        uu = u[:, tri]
        width = hi - lo
        fc = np.divide(mode - lo, width, out=np.full_like(width, 0.5), where=width > 0)
        left = lo + np.sqrt(uu * width * (mode - lo))
        right = hi - np.sqrt((1 - uu) * width * (hi - mode))
        out[:, tri] = np.where(uu < fc, left, right)
    uni = kind == 2
    if uni.any():
        out[:, uni] = a[uni] + u[:, uni] * (b[uni] - a[uni])
    nor = kind == 3
    if nor.any():
        mean, sd, low, high = a[nor], b[nor], c[nor], d[nor]
        sd = np.where(sd > 0, sd, 1e-12)
        pa = special.ndtr((low - mean) / sd)
        pb = special.ndtr((high - mean) / sd)
        q = np.clip(pa + u[:, nor] * (pb - pa), 1e-15, 1 - 1e-15)
        out[:, nor] = np.clip(mean + sd * special.ndtri(q), low, high)
    return out


def cdf(tab_row: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Share of a population at or below ``x`` for one distribution (a row of ``table``)."""
    kind, a, b, c, d = tab_row
    x = np.asarray(x, dtype=float)
    if kind == 0:
        return (x >= a).astype(float)
    if kind == 1:
        width = c - a
        if width <= 0:
            return (x >= a).astype(float)
        left = np.where(b > a, (x - a) ** 2 / (width * max(b - a, 1e-300)), 1.0)
        right = np.where(c > b, 1 - (c - x) ** 2 / (width * max(c - b, 1e-300)), 1.0)
        return np.where(x <= a, 0.0, np.where(x <= b, left, np.where(x < c, right, 1.0)))
    if kind == 2:
        return np.clip((x - a) / (b - a), 0, 1) if b > a else (x >= a).astype(float)
    sd = b if b > 0 else 1e-12
    pa, pb = special.ndtr((c - a) / sd), special.ndtr((d - a) / sd)
    return np.clip((special.ndtr((np.clip(x, c, d) - a) / sd) - pa) / (pb - pa), 0, 1)
