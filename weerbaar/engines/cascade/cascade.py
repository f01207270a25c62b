"""The cascade itself: failure and restoration times of every service and asset, for many runs at once.

Each dependency is bridged by its backup for ``autonomy`` hours after its upstream goes down; if the
upstream comes back first, nothing happens. An asset fails at the first unbridged dependency and comes
back when the dependencies that caused the failure are back (plus its restart time). Failure times are
found as a fixed point (a Bellman-Ford-like min-plus relaxation with a work list, over arrays of shape
(deps, runs)), which handles cycles: a cycle with a backup somewhere converges, a cycle with none and
no outside link is refused when the file is read (both "all up" and "all down" would be consistent).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .compile import Compiled

INF = np.inf


@dataclass
class Times:
    F: np.ndarray  # (runs, nodes) failure / outage start; inf = not within the scenario
    R: np.ndarray  # (runs, nodes) restoration; inf = not restored
    on_backup: np.ndarray  # (runs, assets) first time an asset relies on a backup; inf = never
    iterations: int


def _merge(d1, u1, d2, u2):
    """One outage window covering two (conservative: a gap between them counts as down)."""
    down = np.minimum(d1, d2)
    up = np.where(d1 < INF, np.where(d2 < INF, np.maximum(u1, u2), u1), u2)
    return down, np.where(down < INF, up, INF)


def _reduce_groups(
    ufunc, values: np.ndarray, starts: np.ndarray, counts: np.ndarray, fill: float
) -> np.ndarray:
    """Reduce row groups values[starts[i] : starts[i] + counts[i]] with one vectorised step per rank k.

    ``ufunc.reduceat`` pays a fixed cost per group, which dominates with 50,000 small groups; here the
    k-th member of every group is combined at once, for k up to the largest group.
    """
    out = np.full((len(starts), values.shape[1]), fill)
    for k in range(int(counts.max(initial=0))):
        rows = np.flatnonzero(counts > k)
        out[rows] = ufunc(out[rows], values[starts[rows] + k])
    return out


def cascade_times(c: Compiled, samples: np.ndarray, max_iter: int | None = None) -> Times:
    """Failure/restoration times for ``samples`` (runs, columns) of every uncertain quantity.

    Arrays are node-major, (nodes or dependencies, runs). Each sweep recomputes the services, then only
    the dependencies whose upstream changed in the previous sweep, then only the assets that own them
    (a work list), until nothing changes: the total work is close to one pass over all dependencies.
    """
    runs = samples.shape[0]
    S, A = len(c.service_ids), len(c.asset_ids)
    N = S + A
    J = len(c.dep_up)
    auto = np.ascontiguousarray(np.maximum(samples[:, c.dep_col], 0.0).T) if J else np.zeros((0, runs))
    F = np.full((N, runs), INF)
    R = np.full((N, runs), INF)
    dep_count = np.diff(c.dep_ptr)
    dep_start = c.dep_ptr[:-1]
    prov_count = np.diff(c.prov_ptr)
    prov_start = c.prov_ptr[:-1]
    mode_any = c.svc_any[:, None]
    has_prov = (prov_count > 0)[:, None]
    sd0 = np.repeat(c.svc_dstart[:, None], runs, axis=1)
    su0 = np.repeat(c.svc_dend[:, None], runs, axis=1)
    has_local = bool(np.isfinite(c.dep_lstart).any())
    down_j = np.full((J, runs), INF)
    up_j = np.full((J, runs), INF)
    fail_j = np.full((J, runs), INF)
    # assets without dependencies only fail when disrupted themselves
    lone = np.flatnonzero(dep_count == 0)
    F[S + lone] = c.asset_dstart[lone, None]
    R[S + lone] = np.where(
        c.asset_dstart[lone, None] < INF, c.asset_dend[lone, None] + c.restart[lone, None], INF
    )
    node_changed = np.ones(N, bool)
    max_iter = max_iter or 2 * (N + 2)
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        # services: outside disruption merged with their providers' state (few rows: always recomputed)
        if len(c.prov_idx):
            pF, pR = F[S + c.prov_idx], R[S + c.prov_idx]
            failed = pF < INF
            all_F = _reduce_groups(np.minimum, pF, prov_start, prov_count, INF)
            all_R = _reduce_groups(np.maximum, np.where(failed, pR, -INF), prov_start, prov_count, -INF)
            any_F = np.where(has_prov, _reduce_groups(np.maximum, pF, prov_start, prov_count, -INF), INF)
            any_R = _reduce_groups(np.minimum, np.where(failed, pR, INF), prov_start, prov_count, INF)
            sd, su = _merge(sd0, su0, np.where(mode_any, any_F, all_F), np.where(mode_any, any_R, all_R))
        else:
            sd, su = _merge(sd0, su0, np.full((S, runs), INF), np.full((S, runs), INF))
        node_changed[:S] |= ((sd != F[:S]) | (su != R[:S])).any(axis=1)
        F[:S], R[:S] = sd, su
        rows = np.flatnonzero(node_changed[c.dep_up]) if J else np.zeros(0, int)
        if not len(rows):
            break
        # dependencies whose upstream changed
        upF, upR = F[c.dep_up[rows]], R[c.dep_up[rows]]
        if has_local:
            dn, up = _merge(upF, upR, c.dep_lstart[rows, None], c.dep_lend[rows, None])
        else:
            dn, up = upF, upR
        fl = dn + auto[rows]
        fl = np.where(fl < up, fl, INF)
        if c.fuel or c.generator:
            where = np.full(J, -1)
            where[rows] = np.arange(len(rows))
            for idx, at, adds in c.fuel:
                pos = where[idx][where[idx] >= 0]
                fj = fl[pos]
                fj = np.where((at <= fj) & (fj < INF), fj + adds, fj)
                fl[pos] = np.where(fj < up[pos], fj, INF)
            for idx, at in c.generator:
                pos = where[idx][where[idx] >= 0]
                fj = fl[pos]
                fl[pos] = np.where(at <= fj, INF, fj)
                up[pos] = np.where(at <= fj, up[pos], np.minimum(up[pos], at))
        down_j[rows], up_j[rows], fail_j[rows] = dn, up, fl
        # the assets owning those dependencies
        assets = np.unique(c.dep_asset[rows])
        st, cnt = dep_start[assets], dep_count[assets]
        Fa = np.minimum(_reduce_groups(np.minimum, fail_j, st, cnt, INF), c.asset_dstart[assets, None])
        Ra = np.full((len(assets), runs), -INF)
        for k in range(int(cnt.max(initial=0))):
            sel = np.flatnonzero(cnt > k)
            j = st[sel] + k
            Ra[sel] = np.maximum(Ra[sel], np.where(fail_j[j] <= Fa[sel], up_j[j], -INF))
        dstart, dend = c.asset_dstart[assets, None], c.asset_dend[assets, None]
        Ra = np.where(dstart <= Fa, np.maximum(Ra, dend), Ra)
        Ra = np.where(Fa < INF, Ra + c.restart[assets, None], INF)
        node_changed[:] = False
        node_changed[S + assets] = ((Fa != F[S + assets]) | (Ra != R[S + assets])).any(axis=1)
        F[S + assets], R[S + assets] = Fa, Ra
    on_backup = np.full((A, runs), INF)
    if J:
        bridged = np.where(c.dep_backup[:, None] & (down_j < INF), down_j, INF)
        on_backup = _reduce_groups(np.minimum, bridged, dep_start, dep_count, INF)
        on_backup = np.where(on_backup < F[S:], on_backup, INF)
    return Times(F.T, R.T, on_backup.T, iterations)
