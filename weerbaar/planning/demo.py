"""Planning data for the Bernheze demo: candidate buildings, the norm, and SYNTHETIC demand.

The demand points are made up, deterministically (fixed seed): per kern a cloud of points
around the kern centre whose inhabitants add up exactly to the kern's total (from the demo's
statistics; the rest of the municipality goes to the last kern). Each point carries a made-up
65+ count. Every point has ``is_synthetic=True`` and every page that shows them says so.
Real use replaces them with the CBS square statistics (``weerbaar.planning.demand``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from weerbaar.places.distance import to_rd
from weerbaar.places.models import Community, Municipality
from weerbaar.planning.models import CandidateSite, DemandPoint, PlanningNorm

SYNTHETIC_SOURCE = "Synthetisch (demo): verzonnen punten per kern, vaste seed, totalen per kern"
POINT_SIZE = 100  # about this many inhabitants per synthetic point


def synthetic_points(centre_xy: tuple[float, float], total: int, spread_m: float,
                     rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(xy, inhabitants, aged 65+) for one kern; inhabitants are integers summing to ``total``."""
    n = max(1, int(round(total / POINT_SIZE)))
    xy = np.asarray(centre_xy) + rng.normal(0.0, spread_m, size=(n, 2))
    raw = rng.gamma(4.0, 1.0, size=n)
    share = raw / raw.sum() * total
    counts = np.floor(share).astype(int)
    rest = total - counts.sum()
    counts[np.argsort(-(share - counts), kind="stable")[:rest]] += 1
    old = np.round(counts * rng.uniform(0.10, 0.35, size=n))
    return np.round(xy, 1), counts.astype(float), old


def generate(municipality: Municipality, spec: dict) -> list[DemandPoint]:
    rng = np.random.default_rng(int(spec["seed"]))
    kernen = spec["kernen"]
    fixed = sum(v["inhabitants"] for v in kernen.values() if v["inhabitants"] != "remainder")
    points = []
    for slug, item in kernen.items():
        community = Community.objects.get(municipality=municipality, slug=slug)
        if community.latitude is None:
            raise ValidationError(f"kern {slug}: centrum onbekend, geen synthetische punten mogelijk")
        total = int(spec["municipality_total"]) - fixed if item["inhabitants"] == "remainder" \
            else int(item["inhabitants"])
        xy, counts, old = synthetic_points(to_rd(community.latitude, community.longitude), total,
                                           float(item["spread_m"]), rng)
        for i in range(len(counts)):
            points.append(DemandPoint(
                municipality=municipality, community=community, code=f"SYN-{slug}-{i + 1:03d}",
                x=float(xy[i, 0]), y=float(xy[i, 1]), inhabitants=float(counts[i]),
                aged_65_plus=float(old[i]), is_synthetic=True, source=SYNTHETIC_SOURCE))
    return points


def _same(existing: list[tuple], new: list[DemandPoint]) -> bool:
    return existing == [(p.code, p.x, p.y, p.inhabitants, p.aged_65_plus, p.community_id) for p in new]


def load_planning_demo(loader, path: Path) -> None:
    """Called by the demo loader inside its transaction; errors go to ``loader.errors``."""
    where = path.name
    if not path.exists():
        loader.errors.append(f"{where}: bestand ontbreekt")
        return
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    municipality = Municipality.objects.filter(cbs_code=document["municipality"]).first()
    if municipality is None:
        loader.errors.append(f"{where}: onbekende gemeente {document['municipality']!r}")
        return
    from weerbaar.demo.loader import _Skip  # the loader's "error recorded, go on" signal

    try:
        norm = dict(document["norm"])
        loader._provenance(f"{where} norm", norm)
        loader.upsert(PlanningNorm, f"{where} norm", {"municipality": municipality}, norm)
    except _Skip:
        pass
    for i, record in enumerate(document["records"], start=1):
        record = dict(record)
        at = f"{where} record {i} ({record.get('name')})"
        try:
            loader._provenance(at, record)
            community = loader._community(at, municipality, record.pop("community", None))
            name = record.pop("name")
            record.setdefault("is_fictitious", False)
            loader.upsert(CandidateSite, at, {"municipality": municipality, "name": name},
                          {"community": community, **record})
        except _Skip:
            continue
    try:
        points = generate(municipality, document["demand"])
    except (ValidationError, Community.DoesNotExist, KeyError) as exc:
        loader.errors.append(f"{where} demand: {exc}")
        return
    existing = list(DemandPoint.objects.filter(municipality=municipality).order_by("code").values_list(
        "code", "x", "y", "inhabitants", "aged_65_plus", "community_id"))
    points.sort(key=lambda p: p.code)
    if _same(existing, points):
        loader.report.unchanged[DemandPoint._meta.label] += len(points)
        return
    with transaction.atomic():
        DemandPoint.objects.filter(municipality=municipality).delete()
        DemandPoint.objects.bulk_create(points)
    loader.report.created[DemandPoint._meta.label] += len(points)
