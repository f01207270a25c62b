"""Lagrangian lower bound for the p-median by subgradient optimisation (Beasley 1993).

Relaxing "every demand point is served once" with multipliers λ gives
``L(λ) = Σ λ_i + Σ_{j ∈ S} ρ_j`` with ``ρ_j = Σ_i min(0, w_i d_ij − λ_i)`` and S the p sites
with the smallest ρ (sites that must stay open always in S). Every L(λ) is a valid lower bound.

With k-nearest lists the unlisted pairs are unknown, but each is at least ``far_i`` away. Keeping
``λ_i ≤ w_i · far_i`` makes every unlisted term ``min(0, w_i d_ij − λ_i)`` zero, so the sum over
the listed pairs alone is exact and the bound stays valid without a dense matrix.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from weerbaar.engines.siting.localsearch import Lists


@dataclass
class Bound:
    value: float  # best lower bound found
    lam: np.ndarray  # multipliers at the best bound
    rho: np.ndarray  # ρ_j at the best bound
    chosen: np.ndarray  # S at the best bound (boolean, m)
    iterations: int


def select(rho: np.ndarray, p: int, fixed: np.ndarray, free: np.ndarray) -> np.ndarray:
    """S: the fixed sites plus the (p − |fixed|) free sites with the smallest ρ."""
    chosen = fixed.copy()
    q = p - int(fixed.sum())
    if q > 0:
        r = np.where(free, rho, np.inf)
        idx = np.argpartition(r, q - 1)[:q] if q < len(r) else np.arange(len(r))
        chosen[idx] = True
    return chosen


def subgradient(lists: Lists, cap: np.ndarray, p: int, fixed: np.ndarray, free: np.ndarray,
                upper: Callable[[], float], lam0: np.ndarray, *, integral: bool,
                max_iter: int = 600, deadline: float | None = None,
                on_select: Callable[[np.ndarray, int], None] | None = None,
                every: int = 40, patience: int = 20) -> Bound:
    """Maximise L(λ) with Polyak steps; ``upper()`` returns the current best feasible cost.

    ``cap`` is the per-point upper limit for λ (w_i · far_i, inf for complete lists).
    ``on_select(S, it)`` is called every ``every`` iterations so the caller can polish S into
    a feasible solution (a Lagrangian heuristic) and lower ``upper()``.
    """
    wd, nbr = lists.wd, lists.nbr
    n, k = wd.shape
    lam = np.minimum(lam0, cap)
    kcap = min(k, 8)
    best = Bound(-np.inf, lam.copy(), np.zeros(lists.m), fixed.copy(), 0)
    theta, stall = 2.0, 0
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - reported
        while True:
            diff = wd[:, :kcap] - lam[:, None]
            neg = diff < 0
            counts = neg.sum(axis=1)
            if kcap == k or counts.max(initial=0) < kcap:
                break
            kcap = min(k, 2 * kcap)
        rho = np.bincount(nbr[:, :kcap][neg], weights=diff[neg], minlength=lists.m)
        chosen = select(rho, p, fixed, free)
        value = float(lam.sum() + rho[chosen].sum())
        if value > best.value + 1e-12 * abs(value):
            best = Bound(value, lam.copy(), rho, chosen, it)
            stall = 0
        else:
            stall += 1
            if stall >= patience:
                theta, stall = theta / 2, 0
        if on_select is not None and it % every == 1:
            on_select(chosen, it)
        ub = upper()
        target = np.ceil(best.value - 1e-6) if integral else best.value
        if target >= upper() - 1e-9 * abs(ub) or theta < 1e-3:
            break
        if deadline is not None and time.monotonic() > deadline:
            break
        g = 1.0 - (neg & chosen[nbr[:, :kcap]]).sum(axis=1)
        norm = float(g @ g)
        if norm == 0:  # the relaxed solution is feasible: it is optimal for the relaxation
            break
        step = theta * max(ub - value, 1e-9 * abs(ub)) / norm
        lam = np.clip(lam + step * g, 0.0, cap)
    best.iterations = it
    return best
