"""Swap-based local search for the p-median (fast interchange, Resende & Werneck 2007), in numpy.

Every pass evaluates all (insert u, remove r) swaps at once from three arrays — gain[u],
loss[r] and a sparse extra[u, r] — built from each demand point's sorted candidate list, and
applies a batch of the best non-conflicting swaps (falling back to the single best when the batch
does not pay off). Costs are weighted (w_i · d_ij); a demand point without an open site in its
list is charged ``beyond`` (1.5 × its list's last distance), a surrogate the caller replaces by
the true distance when it reports the value.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass
class Lists:
    """Weighted, sorted candidate lists of the demand points that carry weight."""

    nbr: np.ndarray  # (n, k) int, padding -> 0 with cost inf
    wd: np.ndarray  # (n, k) weighted cost, inf = padding
    beyond: np.ndarray  # (n,) surrogate cost when no listed site is open
    m: int

    @classmethod
    def build(cls, nbr: np.ndarray, dist: np.ndarray, weights: np.ndarray, far: np.ndarray,
              m: int) -> Lists:
        with np.errstate(invalid="ignore"):
            wd = weights[:, None] * dist
        wd = np.where(nbr < 0, np.inf, wd)
        last = np.where(np.isfinite(far), far, np.nanmax(np.where(np.isfinite(dist), dist, np.nan), axis=1))
        big = np.nanmax(np.where(np.isfinite(wd), wd, np.nan)) if np.isfinite(wd).any() else 1.0
        beyond = np.where(np.isfinite(far), 1.5 * weights * last, 10.0 * big + 1.0)
        return cls(np.maximum(nbr, 0).astype(np.int64), wd, beyond, m)


def assign(lists: Lists, is_open: np.ndarray):
    """Nearest and second-nearest open site per demand point: (d1, f1, pos1, d2, pos2)."""
    n, k = lists.wd.shape
    hit = is_open[lists.nbr] & np.isfinite(lists.wd)
    rows = np.arange(n)
    pos1 = hit.argmax(axis=1)
    found1 = hit[rows, pos1]
    d1 = np.where(found1, lists.wd[rows, pos1], lists.beyond)
    pos1 = np.where(found1, pos1, k)
    f1 = np.where(found1, lists.nbr[rows, np.minimum(pos1, k - 1)], -1)
    hit[rows[found1], pos1[found1]] = False
    pos2 = hit.argmax(axis=1)
    found2 = hit[rows, pos2]
    d2 = np.where(found2, lists.wd[rows, pos2], lists.beyond)
    d2 = np.maximum(d2, d1)
    pos2 = np.where(found2, pos2, k)
    return d1, f1, pos1, d2, pos2


def cost(lists: Lists, is_open: np.ndarray) -> float:
    return float(assign(lists, is_open)[0].sum())


def local_search(lists: Lists, is_open: np.ndarray, movable_out: np.ndarray, movable_in: np.ndarray,
                 deadline: float | None = None, tol: float = 1e-12) -> tuple[np.ndarray, float, int]:
    """Improve ``is_open`` by swaps until none pays; returns (open mask, cost, swaps made).

    ``movable_out`` marks open sites that may close (not fixed), ``movable_in`` sites that may
    open (allowed). The number of open sites never changes.
    """
    is_open = is_open.copy()
    n, k = lists.wd.shape
    cols = np.arange(k)[None, :]
    swaps = 0
    state = assign(lists, is_open)
    current = float(state[0].sum())
    while deadline is None or time.monotonic() < deadline:
        d1, f1, pos1, d2, pos2 = state
        closed_in = movable_in & ~is_open
        # gain[u]: demand points that u would serve better than their nearest open site
        before = (cols < pos1[:, None]) & np.isfinite(lists.wd)
        gi = np.broadcast_to(d1[:, None], before.shape)[before] - lists.wd[before]
        gain = np.bincount(lists.nbr[before], weights=gi, minlength=lists.m)
        has = f1 >= 0
        loss = np.bincount(f1[has], weights=(d2 - d1)[has], minlength=lists.m)
        # extra[r, u]: r's demand points that u would catch before their second-nearest site
        mid = (cols < pos2[:, None]) & ~is_open[lists.nbr] & has[:, None] & np.isfinite(lists.wd)
        ri, pi = np.nonzero(mid)
        ev = d2[ri] - np.maximum(lists.wd[ri, pi], d1[ri])
        extra = sparse.csr_matrix((ev, (f1[ri], lists.nbr[ri, pi])), shape=(lists.m, lists.m))
        extra.sum_duplicates()
        out_idx = np.flatnonzero(is_open & movable_out)
        in_idx = np.flatnonzero(closed_in)
        if len(out_idx) == 0 or len(in_idx) == 0:
            break
        g_in = np.where(closed_in, gain, -np.inf)
        u_star = int(np.argmax(g_in))
        best_u = np.full(lists.m, u_star, dtype=np.int64)
        best_val = np.full(lists.m, g_in[u_star])
        indptr, indices, data = extra.indptr, extra.indices, extra.data
        vals = g_in[indices] + data
        nz_rows = np.flatnonzero(np.diff(indptr))
        if len(nz_rows):
            starts = indptr[nz_rows]
            row_max = np.maximum.reduceat(vals, starts)
            # position of each row's maximum: the first entry equal to it
            row_of = np.repeat(np.arange(len(nz_rows)), np.diff(indptr)[nz_rows])
            is_max = vals == row_max[row_of]
            first = np.full(len(nz_rows), -1)
            hits = np.flatnonzero(is_max)
            first[row_of[hits[::-1]]] = hits[::-1]
            better = row_max > best_val[nz_rows]
            best_val[nz_rows[better]] = row_max[better]
            best_u[nz_rows[better]] = indices[first[better]]
        profit = best_val[out_idx] - loss[out_idx]
        order = np.argsort(-profit)
        threshold = tol * max(current, 1e-300)
        order = order[profit[order] > threshold]
        if len(order) == 0:
            break
        batch_r, batch_u, used_u = [], [], set()
        for o in order:
            u = int(best_u[out_idx[o]])
            if u in used_u:
                continue
            used_u.add(u)
            batch_r.append(int(out_idx[o]))
            batch_u.append(u)
        size = len(batch_r)
        while True:
            trial = is_open.copy()
            trial[batch_r[:size]] = False
            trial[batch_u[:size]] = True
            trial_state = assign(lists, trial)
            value = float(trial_state[0].sum())
            if value < current - threshold or size == 1:
                break
            size = max(1, size // 4)
        if value >= current - threshold:
            break
        is_open, state, current = trial, trial_state, value
        swaps += size
    return is_open, current, swaps
