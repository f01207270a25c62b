"""Turn a Scenario into flat numpy arrays once, so every Monte Carlo batch is pure array arithmetic."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import sampling
from .model import Distribution, Scenario

INF = np.inf
ELECTRICITY = "electricity"
ZERO = Distribution("fixed", (0.0,))
NEAREST = 8  # a buurt considers its 8 nearest noodsteunpunten, nearest first


@dataclass
class Compiled:
    scenario: Scenario
    hours: int
    service_ids: list[str]
    asset_ids: list[str]
    node: dict[str, int]  # "service:x" / "asset:y" -> node index (services first)
    # uncertain quantities: one column each
    dist_table: np.ndarray
    column_of: dict[str, int]  # "param:<id>", "need:<asset>:<i>", "sp:<id>", "vs:<id>" -> column
    # dependencies, grouped by asset (CSR)
    dep_asset: np.ndarray
    dep_up: np.ndarray
    dep_col: np.ndarray
    dep_backup: np.ndarray
    dep_lstart: np.ndarray
    dep_lend: np.ndarray
    dep_ptr: np.ndarray
    has_deps: np.ndarray
    fuel: list[tuple[np.ndarray, float, float]]  # (dep indices, at, adds), in time order
    generator: list[tuple[np.ndarray, float]]  # (dep indices, at)
    asset_dstart: np.ndarray
    asset_dend: np.ndarray
    restart: np.ndarray
    svc_dstart: np.ndarray
    svc_dend: np.ndarray
    prov_ptr: np.ndarray
    prov_idx: np.ndarray
    svc_any: np.ndarray
    # region
    groups: list[tuple[int, ...]] = field(default_factory=list)  # local disruption indices per group
    nb_group: np.ndarray = field(default_factory=lambda: np.zeros(0, int))
    nb_households: np.ndarray = field(default_factory=lambda: np.zeros(0))
    nb_residents: np.ndarray = field(default_factory=lambda: np.zeros(0))
    nb_rsr: np.ndarray = field(default_factory=lambda: np.zeros(0))
    nb_ed: np.ndarray = field(default_factory=lambda: np.zeros(0))
    sp_group: np.ndarray = field(default_factory=lambda: np.zeros(0, int))
    sp_capacity: np.ndarray = field(default_factory=lambda: np.zeros(0))
    sp_opens: np.ndarray = field(default_factory=lambda: np.zeros(0))
    sp_col: np.ndarray = field(default_factory=lambda: np.zeros(0, int))
    sp_generator: np.ndarray = field(default_factory=lambda: np.zeros(0))
    nb_nearest: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), int))
    vs_col: np.ndarray = field(default_factory=lambda: np.zeros(0, int))
    local: list = field(default_factory=list)  # (service index, start, end) of each local disruption


def _scope_matches(where: tuple[str, ...], ids: set[str]) -> bool:
    return not where or bool(set(where) & ids)


def compile_scenario(s: Scenario) -> Compiled:
    service_ids = list(s.services)
    asset_ids = list(s.assets)
    node = {f"service:{x}": i for i, x in enumerate(service_ids)}
    node |= {f"asset:{x}": len(service_ids) + i for i, x in enumerate(asset_ids)}
    sidx = {x: i for i, x in enumerate(service_ids)}
    aidx = {x: i for i, x in enumerate(asset_ids)}
    dists: list[Distribution] = []
    column_of: dict[str, int] = {}

    def column(key: str, dist: Distribution) -> int:
        if key not in column_of:
            column_of[key] = len(dists)
            dists.append(dist)
        return column_of[key]

    for pid, p in s.parameters.items():
        column(f"param:{pid}", p.value)

    # restoration interventions move the end of disruptions
    restore_at: dict[str, float] = {}
    for iv in s.interventions:
        if iv.type == "restore":
            for t in (iv.asset, iv.service):
                if t:
                    restore_at[t] = min(restore_at.get(t, INF), iv.at_hours)
        if iv.type == "restoration_order":
            for k, t in enumerate(iv.order):
                restore_at[t] = min(restore_at.get(t, INF), iv.at_hours + (k + 1) * iv.hours_each)

    def window(d) -> tuple[float, float]:
        end = INF if d.duration_hours is None else d.start_hours + d.duration_hours
        return d.start_hours, min(end, restore_at.get(d.service or d.asset or "", INF))

    S, A = len(service_ids), len(asset_ids)
    svc_dstart, svc_dend = np.full(S, INF), np.full(S, -INF)
    asset_dstart, asset_dend = np.full(A, INF), np.full(A, -INF)
    local = []
    for d in s.disruption:
        start, end = window(d)
        if d.asset is not None:
            i = aidx[d.asset]
            asset_dstart[i], asset_dend[i] = min(asset_dstart[i], start), max(asset_dend[i], end)
        elif not d.where:
            i = sidx[d.service]
            svc_dstart[i], svc_dend[i] = min(svc_dstart[i], start), max(svc_dend[i], end)
        else:
            local.append((sidx[d.service], start, end, d.where))

    dep_asset, dep_up, dep_col, dep_backup, lstart, lend = [], [], [], [], [], []
    dep_ptr = [0]
    deps_of: dict[str, list[tuple[int, str | None]]] = {}
    for a_i, aid in enumerate(asset_ids):
        a = s.assets[aid]
        area = {a.area} if a.area else set()
        for k, n in enumerate(a.needs):
            if isinstance(n.autonomy, str):
                col = column_of[f"param:{n.autonomy}"]
            elif n.backup == "none" or n.autonomy == ZERO:
                col = column("zero", ZERO)  # one shared column for every dependency without backup
            else:
                col = column(f"need:{aid}:{k}", n.autonomy)
            dep_asset.append(a_i)
            dep_up.append(node[("service:" if n.service else "asset:") + n.upstream])
            dep_col.append(col)
            dep_backup.append(n.backup != "none")
            ls, le = INF, -INF
            if n.service and area:
                for sv, st, en, where in local:
                    if service_ids[sv] == n.service and _scope_matches(where, area):
                        ls, le = min(ls, st), max(le, en)
            lstart.append(ls)
            lend.append(le)
            deps_of.setdefault(aid, []).append((len(dep_asset) - 1, n.service))
        dep_ptr.append(len(dep_asset))

    fuel, generator = [], []
    sp_generator_at: dict[str, float] = {}
    for iv in sorted(s.interventions, key=lambda x: x.at_hours):
        if iv.type == "fuel_delivery" and iv.asset in s.assets:
            idx = [j for j, _ in deps_of.get(iv.asset, []) if dep_backup[j]]
            fuel.append((np.array(idx, int), iv.at_hours, iv.adds_hours))
        if iv.type == "mobile_generator":
            if iv.asset:
                idx = [j for j, sv in deps_of.get(iv.asset, []) if sv == ELECTRICITY]
                generator.append((np.array(idx, int), iv.at_hours))
            if iv.support_point:
                sp_generator_at[iv.support_point] = min(
                    sp_generator_at.get(iv.support_point, INF), iv.at_hours
                )

    prov_ptr, prov_idx = [0], []
    for sid in service_ids:
        prov_idx += [aidx[p] for p in s.services[sid].provided_by]
        prov_ptr.append(len(prov_idx))

    c = Compiled(
        scenario=s,
        hours=s.hours,
        service_ids=service_ids,
        asset_ids=asset_ids,
        node=node,
        dist_table=np.zeros((0, 5)),
        column_of=column_of,
        dep_asset=np.array(dep_asset, int),
        dep_up=np.array(dep_up, int),
        dep_col=np.array(dep_col, int),
        dep_backup=np.array(dep_backup, bool),
        dep_lstart=np.array(lstart, float),
        dep_lend=np.array(lend, float),
        dep_ptr=np.array(dep_ptr, int),
        has_deps=np.diff(np.array(dep_ptr, int)) > 0,
        fuel=fuel,
        generator=generator,
        asset_dstart=asset_dstart,
        asset_dend=asset_dend,
        restart=np.array([s.assets[a].restart_hours for a in asset_ids], float),
        svc_dstart=svc_dstart,
        svc_dend=svc_dend,
        prov_ptr=np.array(prov_ptr, int),
        prov_idx=np.array(prov_idx, int),
        svc_any=np.array([s.services[x].mode == "any" for x in service_ids], bool),
        local=[(sv, st, en) for sv, st, en, _ in local],
    )
    _compile_region(c, s, local, column, sp_generator_at)
    c.dist_table = sampling.table(dists)
    return c


def _compile_region(c: Compiled, s: Scenario, local, column, sp_generator_at) -> None:
    region = s.region
    if region is None:
        c.groups = [()]
        return
    nbs = region.neighbourhoods
    keys = []
    for nb in nbs:
        ids = {nb.id, nb.community, region.municipality} - {""}
        keys.append(tuple(i for i, (_, _, _, where) in enumerate(local) if _scope_matches(where, ids)))
    groups = sorted(set(keys)) or [()]
    gi = {g: i for i, g in enumerate(groups)}
    c.groups = groups
    c.nb_group = np.array([gi[k] for k in keys], int)
    c.nb_households = np.array([nb.households for nb in nbs], float)
    c.nb_residents = np.array([nb.residents for nb in nbs], float)
    c.nb_rsr = np.array([nb.reduced_self_reliance for nb in nbs], float)
    c.nb_ed = np.array([nb.electricity_dependent for nb in nbs], float)
    sps = region.support_points
    c.sp_capacity = np.array([p.capacity_per_hour for p in sps], float)
    c.sp_opens = np.array([p.opens_at_hours for p in sps], float)
    c.sp_generator = np.array([sp_generator_at.get(p.id, INF) for p in sps], float)
    c.sp_col = np.array([_backup_column(column, f"sp:{p.id}", p.backup_hours) for p in sps], int)
    c.vs_col = np.array(
        [_backup_column(column, f"vs:{v.id}", v.backup_hours) for v in region.vulnerable_sites], int
    )
    if nbs and sps:
        nxy = np.array([(nb.x, nb.y) for nb in nbs], float)
        pxy = np.array([(p.x, p.y) for p in sps], float)
        c.nb_nearest = nearest(nxy, pxy, k=min(len(sps), NEAREST))
        # a point lives in the group of its nearest buurt (its local disruptions are those of that buurt)
        c.sp_group = c.nb_group[nearest(pxy, nxy, k=1)[:, 0]]
    else:
        c.nb_nearest = np.zeros((len(nbs), 0), int)
        c.sp_group = np.zeros(len(sps), int)


def _backup_column(column, key: str, backup) -> int:
    if backup is None:
        return -1
    dist = backup if isinstance(backup, Distribution) else Distribution("fixed", (float(backup),))
    return column(key, dist)


def nearest(a: np.ndarray, b: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k nearest rows of ``b`` for every row of ``a``, nearest first (k-d tree)."""
    from scipy.spatial import cKDTree

    _, idx = cKDTree(b).query(a, k=k)
    return np.asarray(idx, int).reshape(len(a), k)
