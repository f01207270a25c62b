"""Coverage, the recommended set and "what if this building is unavailable", per municipality.

Distances are straight lines in RD New times the norm's detour factor. Residents count as
"bereikt" when their nearest open point lies within the norm's maximum distance. Vulnerable
residents are the residents aged 65+ where the demand data has that count. The recommended
set minimises the total (vulnerability-weighted) distance of residents to their nearest point
(p-median): weight = inhabitants x (1 + strength x SVI of their buurt). A computed
recommendation is kept in ``SitingRun`` under a fingerprint of all its inputs, so a page view
does not solve again until something changed.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from scipy.spatial import cKDTree

from weerbaar.engines.siting import (
    SitingInputError,
    problem_from_points,
    solve_median,
)
from weerbaar.engines.vulnerability import vulnerability_weights
from weerbaar.places.distance import to_rd
from weerbaar.places.models import Municipality
from weerbaar.planning.models import (
    CandidateSite,
    DemandPoint,
    PlanningNorm,
    SitingRun,
    VulnerabilityScore,
)

UNKNOWN = "—"


# ---------------------------------------------------------------- inputs


def norm_for(municipality: Municipality) -> PlanningNorm:
    """The municipality's norm, or the default guide (unsaved) when it has none."""
    found = PlanningNorm.objects.filter(municipality=municipality).first()  # never a stale cache
    return found or PlanningNorm(municipality=municipality, source=_("Standaard (richtlijn)"))


def point_count(norm: PlanningNorm, residents: float) -> int:
    """The norm's number of points, else residents / people per point rounded half up."""
    if norm.point_count:
        return int(norm.point_count)
    return max(1, int(residents / norm.people_per_point + 0.5))


@dataclass
class Demand:
    ids: list[str]
    xy: np.ndarray
    inhabitants: np.ndarray
    aged_65_plus: np.ndarray  # NaN unknown
    svi: np.ndarray  # NaN unknown
    community: list[str]
    neighbourhood: list[str]
    synthetic: bool
    sources: list[str]

    @property
    def total(self) -> float:
        return float(self.inhabitants.sum())


def load_demand(municipality: Municipality) -> Demand | None:
    rows = list(DemandPoint.objects.filter(municipality=municipality).order_by("code").values_list(
        "code", "x", "y", "inhabitants", "aged_65_plus", "community__name", "neighbourhood__name",
        "neighbourhood_id", "is_synthetic", "source"))
    if not rows:
        return None
    scores = latest_scores(municipality)
    return Demand(
        ids=[r[0] for r in rows], xy=np.array([(r[1], r[2]) for r in rows], dtype=float),
        inhabitants=np.array([r[3] for r in rows], dtype=float),
        aged_65_plus=np.array([np.nan if r[4] is None else r[4] for r in rows], dtype=float),
        svi=np.array([scores.get(r[7], np.nan) for r in rows], dtype=float),
        community=[r[5] or _("Buiten de kernen") for r in rows],
        neighbourhood=[r[6] or _("Buurt onbekend") for r in rows],
        synthetic=any(r[8] for r in rows), sources=sorted({r[9] for r in rows if r[9]}))


def latest_scores(municipality: Municipality) -> dict[int, float]:
    """Neighbourhood id -> overall SVI of its latest year (unknown ones left out)."""
    out: dict[int, float] = {}
    for nid, overall in (VulnerabilityScore.objects
                         .filter(neighbourhood__community__municipality=municipality)
                         .order_by("neighbourhood_id", "-year").values_list("neighbourhood_id", "overall")):
        if nid not in out and overall is not None:
            out[nid] = overall
    return out


def scores_of(municipality: Municipality) -> list[VulnerabilityScore]:
    """The latest score of every buurt of the municipality, most vulnerable first."""
    latest: dict[int, VulnerabilityScore] = {}
    for score in (VulnerabilityScore.objects.filter(neighbourhood__community__municipality=municipality)
                  .select_related("neighbourhood").order_by("neighbourhood_id", "-year")):
        latest.setdefault(score.neighbourhood_id, score)
    return sorted(latest.values(), key=lambda s: (s.overall is None, -(s.overall or 0),
                                                  s.neighbourhood.cbs_code))


def sites_of(municipality: Municipality) -> list[CandidateSite]:
    return list(CandidateSite.objects.filter(municipality=municipality)
                .select_related("community").order_by("community__name", "name"))


def site_xy(sites: list[CandidateSite]) -> np.ndarray:
    return np.array([to_rd(s.latitude, s.longitude) for s in sites], dtype=float).reshape(-1, 2)


# ---------------------------------------------------------------- coverage


@dataclass(frozen=True)
class AreaRow:
    name: str
    residents: float
    covered: float
    vulnerable: float | None
    vulnerable_covered: float | None
    points: int

    @property
    def share(self) -> float | None:
        return self.covered / self.residents if self.residents else None

    @property
    def vulnerable_share(self) -> float | None:
        if not self.vulnerable:
            return None
        return self.vulnerable_covered / self.vulnerable

    @property
    def people_per_point(self) -> float | None:
        return self.residents / self.points if self.points else None


@dataclass(frozen=True)
class SiteLoad:
    site: CandidateSite
    residents: float
    over_norm: bool
    over_capacity: bool


@dataclass
class SetCoverage:
    """How well a set of open sites serves the residents."""

    site_ids: list[int]
    total: AreaRow
    per_kern: list[AreaRow]
    per_buurt: list[AreaRow]
    loads: list[SiteLoad]
    mean_distance: float | None
    max_distance: float | None

    @property
    def uncovered(self) -> float:
        return self.total.residents - self.total.covered


def _rows(keys: list[str], inhabitants, covered_mask, vulnerable, site_keys: list[str]) -> list[AreaRow]:
    residents, cov = defaultdict(float), defaultdict(float)
    vul, vul_cov, vul_known = defaultdict(float), defaultdict(float), defaultdict(bool)
    for key, w, c, v in zip(keys, inhabitants, covered_mask, vulnerable, strict=True):
        residents[key] += w
        cov[key] += w if c else 0.0
        if not math.isnan(v):
            vul_known[key] = True
            vul[key] += v
            vul_cov[key] += v if c else 0.0
    counts = defaultdict(int)
    for key in site_keys:
        counts[key] += 1
    return [AreaRow(name=key, residents=residents[key], covered=cov[key],
                    vulnerable=vul[key] if vul_known[key] else None,
                    vulnerable_covered=vul_cov[key] if vul_known[key] else None,
                    points=counts[key]) for key in sorted(residents)]


def set_coverage(demand: Demand, sites: list[CandidateSite], xy: np.ndarray, open_ids: list[int],
                 norm: PlanningNorm) -> SetCoverage:
    by_id = {s.id: i for i, s in enumerate(sites)}
    if open_ids:
        d, k = cKDTree(xy[[by_id[i] for i in open_ids]]).query(demand.xy, k=1)
        dist = np.asarray(d, dtype=float) * norm.detour_factor
        nearest = np.array(open_ids)[np.asarray(k)]
    else:
        dist = np.full(len(demand.ids), np.inf)
        nearest = np.full(len(demand.ids), -1)
    covered = dist <= norm.max_distance_m * (1 + 1e-12)
    vulnerable = demand.aged_65_plus
    open_sites = [sites[by_id[i]] for i in open_ids]
    kern_of_site = [s.community.name if s.community else _("Buiten de kernen") for s in open_sites]
    total_vul_known = ~np.isnan(vulnerable)
    total = AreaRow(
        name=_("Hele gemeente"), residents=demand.total,
        covered=float(demand.inhabitants[covered].sum()),
        vulnerable=float(vulnerable[total_vul_known].sum()) if total_vul_known.any() else None,
        vulnerable_covered=float(vulnerable[total_vul_known & covered].sum())
        if total_vul_known.any() else None, points=len(open_ids))
    loads = []
    for site in open_sites:
        residents = float(demand.inhabitants[nearest == site.id].sum())
        loads.append(SiteLoad(site=site, residents=residents,
                              over_norm=residents > norm.people_per_point,
                              over_capacity=site.capacity is not None and residents > site.capacity))
    finite = np.isfinite(dist)
    weights = demand.inhabitants[finite]
    mean = float((dist[finite] * weights).sum() / weights.sum()) if weights.sum() > 0 else None
    return SetCoverage(
        site_ids=list(open_ids), total=total,
        per_kern=_rows(demand.community, demand.inhabitants, covered, vulnerable, kern_of_site),
        per_buurt=_rows(demand.neighbourhood, demand.inhabitants, covered, vulnerable, []),
        loads=loads, mean_distance=mean,
        max_distance=float(dist[demand.inhabitants > 0].max()) if (demand.inhabitants > 0).any() else None)


# ---------------------------------------------------------------- recommendation


def demand_weights(demand: Demand, norm: PlanningNorm) -> np.ndarray:
    return vulnerability_weights(demand.inhabitants, demand.svi, strength=norm.vulnerability_weight)


def fingerprint(demand: Demand, sites: list[CandidateSite], norm: PlanningNorm) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([norm.people_per_point, norm.max_distance_m, norm.detour_factor,
                         norm.vulnerability_weight, norm.point_count]).encode())
    h.update(json.dumps([(s.id, s.status, round(s.latitude, 7), round(s.longitude, 7), s.capacity)
                         for s in sites]).encode())
    h.update("|".join(demand.ids).encode())
    for array in (demand.xy, demand.inhabitants, demand.svi):
        h.update(np.ascontiguousarray(np.round(array, 3)).tobytes())
    return h.hexdigest()


def solve_recommendation(demand: Demand, sites: list[CandidateSite], xy: np.ndarray,
                         norm: PlanningNorm) -> dict:
    """Solve the p-median for this input; the result as plain JSON-able data."""
    p = point_count(norm, demand.total)
    usable = [s for s in sites if s.status != CandidateSite.Status.EXCLUDED]
    fixed = [s.id for s in usable if s.status == CandidateSite.Status.FIXED]
    result = {"p": p, "fixed": fixed, "error": ""}
    if not usable:
        result["error"] = _("Er zijn geen locaties die open kunnen.")
        return result
    index = {s.id: i for i, s in enumerate(sites)}
    capacities = None
    if any(s.capacity is not None for s in usable):
        unlimited = float(demand_weights(demand, norm).sum())
        capacities = [unlimited if s.capacity is None else float(s.capacity) for s in usable]
    try:
        problem = problem_from_points(
            demand.xy, demand_weights(demand, norm), xy[[index[s.id] for s in usable]],
            demand_ids=demand.ids, candidate_ids=[s.id for s in usable], detour=norm.detour_factor,
            capacities=capacities, fixed=fixed)
        solution = solve_median(problem, min(p, len(usable)), method="auto")
    except SitingInputError as exc:
        result["error"] = str(exc)
        return result
    result.update({
        "open": [int(i) for i in solution.open], "value": float(solution.value),
        "lower_bound": float(solution.lower_bound), "gap": float(solution.gap),
        "optimal": bool(solution.optimal), "seconds": float(solution.seconds),
        "method": solution.method, "short": p > len(usable)})
    return result


def recommendation(municipality: Municipality, demand: Demand, sites: list[CandidateSite],
                   xy: np.ndarray, norm: PlanningNorm) -> tuple[dict, bool]:
    """(result, from_cache): the stored run for this exact input, else solve and store it."""
    key = fingerprint(demand, sites, norm)
    stored = SitingRun.objects.filter(municipality=municipality, fingerprint=key).first()
    if stored is not None:
        return stored.result, True
    result = solve_recommendation(demand, sites, xy, norm)
    try:
        with transaction.atomic():
            SitingRun.objects.create(municipality=municipality, fingerprint=key, result=result)
    except IntegrityError:
        pass  # a concurrent request stored the same run
    SitingRun.objects.filter(municipality=municipality).exclude(
        pk__in=SitingRun.objects.filter(municipality=municipality).order_by("-created_at")
        .values("pk")[:5]).delete()
    return result, False


# ---------------------------------------------------------------- the page's overview


@dataclass
class PlanningOverview:
    municipality: Municipality
    norm: PlanningNorm
    sites: list[CandidateSite] = field(default_factory=list)
    demand: Demand | None = None
    current: SetCoverage | None = None
    recommended: SetCoverage | None = None
    recommendation: dict = field(default_factory=dict)
    from_cache: bool = False
    p: int = 0

    @property
    def current_sites(self) -> list[CandidateSite]:
        return [s for s in self.sites if s.is_open_now]

    @property
    def recommended_ids(self) -> set[int]:
        return set(self.recommendation.get("open", []))


def overview(municipality: Municipality) -> PlanningOverview:
    norm = norm_for(municipality)
    sites = sites_of(municipality)
    result = PlanningOverview(municipality=municipality, norm=norm, sites=sites)
    demand = load_demand(municipality)
    result.demand = demand
    if demand is None or not sites:
        return result
    xy = site_xy(sites)
    result.p = point_count(norm, demand.total)
    result.current = set_coverage(demand, sites, xy, [s.id for s in sites if s.is_open_now], norm)
    result.recommendation, result.from_cache = recommendation(municipality, demand, sites, xy, norm)
    if result.recommendation.get("open"):
        result.recommended = set_coverage(demand, sites, xy, result.recommendation["open"], norm)
    return result


@dataclass
class WhatIf:
    site: CandidateSite
    base: list[int]  # the set the building is taken out of
    without: SetCoverage
    before: SetCoverage
    replacement: CandidateSite | None
    with_replacement: SetCoverage | None


def what_if(municipality: Municipality, site_id: int, base: str = "current") -> WhatIf | None:
    """Take one building out of the current (or recommended) set: the coverage without it and
    the best replacement among the other usable sites (most residents within the distance, then
    the least total distance)."""
    info = overview(municipality)
    site = next((s for s in info.sites if s.id == site_id), None)
    if site is None or info.demand is None:
        return None
    chosen = (info.recommendation.get("open", []) if base == "recommended"
              else [s.id for s in info.current_sites])
    if site_id not in chosen:
        chosen = [*chosen, site_id]
    xy = site_xy(info.sites)
    before = set_coverage(info.demand, info.sites, xy, chosen, info.norm)
    rest = [i for i in chosen if i != site_id]
    without = set_coverage(info.demand, info.sites, xy, rest, info.norm)
    best, best_key, best_cov = None, None, None
    for other in info.sites:
        if other.id in chosen or other.status == CandidateSite.Status.EXCLUDED:
            continue
        cov = set_coverage(info.demand, info.sites, xy, [*rest, other.id], info.norm)
        key = (round(cov.total.covered, 6), -(cov.mean_distance or 0.0))
        if best_key is None or key > best_key:
            best, best_key, best_cov = other, key, cov
    return WhatIf(site=site, base=chosen, without=without, before=before, replacement=best,
                  with_replacement=best_cov)


# ---------------------------------------------------------------- demand import


KERN_RADIUS_M = 3000


@transaction.atomic
def replace_demand(municipality: Municipality, grid, *, source: str) -> int:
    """Replace the municipality's demand points by a CBS square-statistics set (all or nothing).

    Each square goes to the kern whose centre is nearest, when that centre lies within 3 km;
    others count as "Buiten de kernen" (an approximation until kern outlines are known).
    """
    kernen = [c for c in municipality.communities.all() if c.latitude is not None]
    centres = np.array([to_rd(c.latitude, c.longitude) for c in kernen]).reshape(-1, 2)
    owner = [None] * len(grid)
    if kernen:
        d, k = cKDTree(centres).query(grid.xy, k=1)
        owner = [kernen[int(j)] if dist <= KERN_RADIUS_M else None for dist, j in zip(d, k, strict=True)]
    DemandPoint.objects.filter(municipality=municipality).delete()
    DemandPoint.objects.bulk_create([
        DemandPoint(municipality=municipality, community=owner[i], code=grid.ids[i],
                    x=float(grid.xy[i, 0]), y=float(grid.xy[i, 1]),
                    inhabitants=float(grid.inhabitants[i]),
                    aged_65_plus=None if np.isnan(grid.aged_65_plus[i]) else float(grid.aged_65_plus[i]),
                    is_synthetic=False, source=source)
        for i in range(len(grid))])
    return len(grid)


# ---------------------------------------------------------------- progress report


@dataclass(frozen=True)
class SitingSummary:
    """What the progress report says about the siting of noodsteunpunten."""

    people_per_point: int
    max_distance_m: int
    detour_factor: float
    p: int
    residents: float
    synthetic: bool
    current: AreaRow | None
    recommended: AreaRow | None
    recommended_sites: tuple[CandidateSite, ...]
    per_kern: tuple[AreaRow, ...]
    optimal: bool
    error: str


def siting_summary(municipality: Municipality | None) -> SitingSummary | None:
    """None when there is nothing to report (no locations or no demand)."""
    if municipality is None:
        return None
    info = overview(municipality)
    if info.demand is None or not info.sites:
        return None
    by_id = {s.id: s for s in info.sites}
    return SitingSummary(
        people_per_point=info.norm.people_per_point, max_distance_m=info.norm.max_distance_m,
        detour_factor=info.norm.detour_factor, p=info.p, residents=info.demand.total,
        synthetic=info.demand.synthetic,
        current=info.current.total if info.current and info.current.site_ids else None,
        recommended=info.recommended.total if info.recommended else None,
        recommended_sites=tuple(by_id[i] for i in info.recommendation.get("open", []) if i in by_id),
        per_kern=tuple(info.recommended.per_kern) if info.recommended else (),
        optimal=bool(info.recommendation.get("optimal")), error=info.recommendation.get("error", ""))
