"""Distances in metres: WGS84 (lat, lon) to Dutch RD New (EPSG:28992), then Euclidean.

RD New is the national grid of the Netherlands; within the country a straight line in RD
metres is accurate to well under a metre per kilometre, which is plenty for "which
noodsteunpunt is nearest". pyproj's Transformer is thread-safe (pyproj >= 3.1).
"""

from functools import lru_cache
from math import hypot

from pyproj import Transformer

WGS84 = "EPSG:4326"
RD_NEW = "EPSG:28992"


@lru_cache(maxsize=1)
def _transformer() -> Transformer:
    return Transformer.from_crs(WGS84, RD_NEW, always_xy=True)


def to_rd(lat: float, lon: float) -> tuple[float, float]:
    """WGS84 latitude/longitude -> RD New (x, y) in metres."""
    x, y = _transformer().transform(lon, lat)
    return x, y


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Straight-line distance in metres between two WGS84 points given as (lat, lon)."""
    ax, ay = to_rd(*a)
    bx, by = to_rd(*b)
    return hypot(ax - bx, ay - by)


def kilometres(metres: float) -> float:
    """Metres -> kilometres rounded to one decimal (what the portal shows)."""
    return round(metres / 1000, 1)
