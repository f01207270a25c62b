"""Which noodsteunpunten are nearest to a visitor's location, and how sure is the distance.

Distances are straight lines in RD New metres (weerbaar.places.distance). A support point
without coordinates (the demo has none: they are not in the sources) stands at the centre of
its kern, and the distance is marked approximate. Ideas (status "idea") are not places to go
and are left out; candidates are shown with their status in words.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import get_language, override

from weerbaar.places.distance import distance_m
from weerbaar.supportpoints.models import SupportPoint

# Distances that look the same on the page (0.1 km) count as a tie: the visitor's own kern first.
TIE_METRES = 100


class HasPoint(Protocol):
    lat: float
    lon: float


@dataclass(frozen=True)
class NearbyPoint:
    point: SupportPoint
    distance_m: float
    # The point has no coordinates of its own: measured to the centre of its kern.
    point_at_community_centre: bool
    # The visitor's location is an area (PC4 or kern centre), not an address.
    from_area: bool
    same_community: bool

    @property
    def approximate(self) -> bool:
        return self.point_at_community_centre or self.from_area

    @property
    def distance_km(self) -> float:
        return round(self.distance_m / 1000, 1)

    @property
    def facilities(self) -> dict[str, list[str]]:
        """Facility labels by answer: 'yes', 'no', 'unknown' (NULL is unknown, never 'no')."""
        answers: dict[str, list[str]] = {"yes": [], "no": [], "unknown": []}
        for field, label in facility_labels(get_language()):
            value = getattr(self.point, field)
            key = "unknown" if value is None else ("yes" if value else "no")
            answers[key].append(label)
        return answers


@functools.cache
def facility_labels(language: str | None) -> tuple[tuple[str, str], ...]:
    """(field, label in ``language``) for every facility; the labels are fixed text, so they
    are translated once per language, not for every point on every search."""
    with override(language):
        return tuple((field, str(SupportPoint._meta.get_field(field).verbose_name))
                     for field in SupportPoint.FACILITY_FIELDS)


def point_position(point: SupportPoint) -> tuple[float, float, bool] | None:
    """(lat, lon, at_community_centre) for a support point, or None when even its kern has no
    centre."""
    if point.latitude is not None and point.longitude is not None:
        return point.latitude, point.longitude, False
    community = point.community
    if community.latitude is not None and community.longitude is not None:
        return community.latitude, community.longitude, True
    return None


def candidate_points(municipality) -> list[SupportPoint]:
    """The support points a visitor may be sent to (not ideas), with their kern."""
    return list(SupportPoint.objects.filter(community__municipality=municipality)
                .exclude(status=SupportPoint.Status.IDEA)
                .select_related("community"))


def nearest_support_points(municipality, location: HasPoint, *, community=None,
                           from_area: bool = False, limit: int | None = 3,
                           candidates: Iterable[SupportPoint] | None = None) -> list[NearbyPoint]:
    """The support points of ``municipality`` nearest to ``location``, nearest first.

    ``community`` is the visitor's kern (if known): on a tie its points come first.
    ``from_area`` says the location is an area centre, so every distance is approximate.
    ``candidates`` is ``candidate_points(municipality)`` when the caller already has it (the
    portal keeps it: weerbaar.portal.register_data), so this needs no query.
    """
    points = candidate_points(municipality) if candidates is None else candidates
    origin = (location.lat, location.lon)
    found = []
    for point in points:
        position = point_position(point)
        if position is None:
            continue
        lat, lon, at_centre = position
        found.append(NearbyPoint(
            point=point, distance_m=distance_m(origin, (lat, lon)),
            point_at_community_centre=at_centre, from_area=from_area,
            same_community=community is not None and point.community_id == community.pk))
    found.sort(key=lambda near: (round(near.distance_m / TIE_METRES), not near.same_community,
                                 near.distance_m, near.point.name))
    return found if limit is None else found[:limit]
