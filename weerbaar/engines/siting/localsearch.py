"""Swap-based local search for the p-median (fast interchange, Resende & Werneck 2007), in numpy.

Every pass evaluates all (insert u, remove r) swaps at once from three arrays — gain[u],
loss[r] and a sparse extra[u, r] — built from each demand point's sorted candidate list, and
applies the best swap (small instances) or every improving swap whose affected demand points
(nearest or second-nearest site r, or u listed before the second-nearest) no more profitable swap
of the pass touches (large ones). Such a batch
changes the cost by exactly the sum of its single-swap profits, so a pass on a country-sized
instance makes hundreds of swaps and needs no trial and error. Costs are weighted (w_i · d_ij); a
demand point without an open site in its list is charged ``beyond`` (1.5 × its list's last
distance), a surrogate the caller replaces by the true distance when it reports the value.
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


def _by_site(sites: np.ndarray, points: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR-like grouping of ``points`` by ``sites``: points of site j are out[ptr[j]:ptr[j + 1]]."""
    # int16 keys make numpy's stable sort a radix sort (linear) for up to 32,767 sites
    order = np.argsort(sites.astype(np.int16) if m <= 32_767 else sites, kind="stable")
    ptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.bincount(sites, minlength=m), out=ptr[1:])
    return ptr, points[order]


def swap_profits(lists: Lists, is_open: np.ndarray, state, movable_out: np.ndarray,
                 movable_in: np.ndarray):
    """Improving swaps (r out, u in) with their profit (cost before − cost after the single swap).

    Returns (r, u, profit, gain, loss): for every open movable r its best u, and every pair
    with an extra[r, u] entry (u catches some of r's demand points before their second-nearest
    site), all with the exact profit gain[u] + extra[r, u] − loss[r] (Resende & Werneck 2007);
    plus ``gain`` (−inf where u may not open) and ``loss`` (inf where r may not close) so the
    caller can pair far-apart sites, whose profit is gain[u] − loss[r].
    """
    d1, f1, pos1, d2, pos2 = state
    k = lists.wd.shape[1]
    cols = np.arange(k)[None, :]
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
    out_mask = is_open & movable_out
    out_idx = np.flatnonzero(out_mask)
    g_in = np.where(closed_in, gain, -np.inf)
    loss = np.where(out_mask, loss, np.inf)
    empty = out_idx[:0]
    if len(out_idx) == 0 or not closed_in.any():
        return empty, empty, np.zeros(0), g_in, loss
    u_star = int(np.argmax(g_in))
    best_u = np.full(lists.m, u_star, dtype=np.int64)
    best_val = np.full(lists.m, g_in[u_star])
    indptr, indices, data = extra.indptr, extra.indices, extra.data
    vals = g_in[indices] + data
    nz_rows = np.flatnonzero(np.diff(indptr))
    row_of = np.repeat(np.arange(lists.m), np.diff(indptr))
    if len(nz_rows):
        starts = indptr[nz_rows]
        row_max = np.maximum.reduceat(vals, starts)
        # position of each row's maximum: the first entry equal to it
        rank = np.repeat(np.arange(len(nz_rows)), np.diff(indptr)[nz_rows])
        is_max = vals == row_max[rank]
        first = np.full(len(nz_rows), -1)
        hits = np.flatnonzero(is_max)
        first[rank[hits[::-1]]] = hits[::-1]
        better = row_max > best_val[nz_rows]
        best_val[nz_rows[better]] = row_max[better]
        best_u[nz_rows[better]] = indices[first[better]]
    pair_profit = vals - loss[row_of]
    keep = np.flatnonzero(np.isfinite(pair_profit) & (pair_profit > 0))
    # of those, per u only the most profitable r: enough alternatives, few to try in Python
    order = keep[np.lexsort((-pair_profit[keep], indices[keep]))]
    keep = order[np.r_[True, indices[order][1:] != indices[order][:-1]]] if len(order) else order
    r = np.concatenate([out_idx, row_of[keep]])
    u = np.concatenate([best_u[out_idx], indices[keep]])
    profit = np.concatenate([best_val[out_idx] - loss[out_idx], pair_profit[keep]])
    return r, u, profit, g_in, loss


class _Conflicts:
    """Which demand points a swap (r, u) can affect, and which are already claimed by a batch.

    A swap can only change the cost of demand points whose nearest or second-nearest open site
    is r, or that list u before their second-nearest. When no point is affected by two swaps of
    a batch, every point's new nearest site is the one its own swap gives it, so the batch's
    cost change is exactly the sum of the single-swap changes.
    """

    def __init__(self, lists: Lists, is_open: np.ndarray, state) -> None:
        _, f1, _, _, pos2 = state
        n, k = lists.wd.shape
        rows = np.arange(n)
        f2 = np.where(pos2 < k, lists.nbr[rows, np.minimum(pos2, k - 1)], -1)
        has1, has2 = f1 >= 0, f2 >= 0
        self.out_ptr, self.out_pts = _by_site(np.concatenate([f1[has1], f2[has2]]),
                                              np.concatenate([rows[has1], rows[has2]]), lists.m)
        near = (np.arange(k)[None, :] < pos2[:, None]) & ~is_open[lists.nbr] & np.isfinite(lists.wd)
        ni, npos = np.nonzero(near)
        self.in_ptr, self.in_pts = _by_site(lists.nbr[ni, npos], ni, lists.m)
        self.marked = np.zeros(n, dtype=bool)
        self.taken = np.zeros(lists.m, dtype=bool)

    def claim(self, r: int, u: int) -> bool:
        """Add (r, u) to the batch when it touches no site or demand point already in it."""
        if self.taken[r] or self.taken[u]:
            return False
        pts = np.concatenate([self.out_pts[self.out_ptr[r]:self.out_ptr[r + 1]],
                              self.in_pts[self.in_ptr[u]:self.in_ptr[u + 1]]])
        if self.marked[pts].any():
            return False
        self.marked[pts] = True
        self.taken[r] = self.taken[u] = True
        return True


def independent_swaps(lists: Lists, is_open: np.ndarray, state, movable_out: np.ndarray,
                      movable_in: np.ndarray, threshold: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """A batch of improving swaps whose affected demand points are disjoint: (r, u) arrays.

    Greedy: first the listed swaps by profit; then far-apart pairs, the largest gains matched to
    the smallest losses (profit at least gain[u] − loss[r]), so that many sites wanting the same
    few best u do not limit a pass to a handful of swaps.
    """
    r, u, profit, gain, loss = swap_profits(lists, is_open, state, movable_out, movable_in)
    order = np.argsort(-profit, kind="stable")
    order = order[profit[order] > threshold]
    conflicts = _Conflicts(lists, is_open, state)
    out_r, out_u = [], []
    for site_r, site_u in zip(r[order].tolist(), u[order].tolist(), strict=True):
        if conflicts.claim(site_r, site_u):
            out_r.append(site_r)
            out_u.append(site_u)
    finite_loss = loss[np.isfinite(loss)]
    if len(finite_loss):
        cheapest = float(finite_loss.min())
        u_order = np.argsort(-gain, kind="stable")
        # at most one swap per open site: twice as many u as sites leaves room for conflicts
        u_order = u_order[gain[u_order] - cheapest > threshold][:2 * len(finite_loss)]
        r_order = np.argsort(loss, kind="stable")[:len(finite_loss)]
        start = 0
        for site_u in u_order.tolist():
            if conflicts.taken[site_u]:
                continue
            for pos in range(start, min(len(r_order), start + 32)):
                site_r = int(r_order[pos])
                if gain[site_u] - loss[site_r] <= threshold:
                    break
                if conflicts.claim(site_r, site_u):
                    out_r.append(site_r)
                    out_u.append(site_u)
                    break
            while start < len(r_order) and conflicts.taken[r_order[start]]:
                start += 1
    return np.array(out_r, dtype=np.int64), np.array(out_u, dtype=np.int64)


# Up to this many listed pairs a pass makes only its single best swap: setting up the conflict
# check of a batch costs more than it saves on OR-Library-sized instances (measured: all 40 took
# about 30 % longer with batches), while country-sized ones need the batches.
BATCH_FROM_PAIRS = 1_000_000


def local_search(lists: Lists, is_open: np.ndarray, movable_out: np.ndarray, movable_in: np.ndarray,
                 deadline: float | None = None, tol: float = 1e-12) -> tuple[np.ndarray, float, int]:
    """Improve ``is_open`` by swaps until none pays; returns (open mask, cost, swaps made).

    ``movable_out`` marks open sites that may close (not fixed), ``movable_in`` sites that may
    open (allowed). The number of open sites never changes. Every pass evaluates all swaps; up to
    ``BATCH_FROM_PAIRS`` listed pairs it applies the single best one, above that every improving
    one whose affected demand points no better swap touches (:func:`independent_swaps`), so a
    pass makes as many swaps as there are separate neighbourhoods to improve — on a
    country-sized instance hundreds instead of a handful.
    """
    is_open = is_open.copy()
    swaps = 0
    state = assign(lists, is_open)
    current = float(state[0].sum())
    while deadline is None or time.monotonic() < deadline:
        threshold = tol * max(current, 1e-300)
        if lists.wd.size <= BATCH_FROM_PAIRS:
            r, u, profit, _gain, _loss = swap_profits(lists, is_open, state, movable_out, movable_in)
            best = int(np.argmax(profit)) if len(profit) else -1
            if best < 0 or profit[best] <= threshold:
                break
            r, u = r[best:best + 1], u[best:best + 1]
        else:
            r, u = independent_swaps(lists, is_open, state, movable_out, movable_in, threshold)
        if len(r) == 0:
            break
        trial = is_open.copy()
        trial[r] = False
        trial[u] = True
        trial_state = assign(lists, trial)
        value = float(trial_state[0].sum())
        if value >= current - threshold:  # rounding only: the batch should always improve
            break
        is_open, state, current = trial, trial_state, value
        swaps += len(r)
    return is_open, current, swaps
