"""Coverage, recommendation (with its cache), what-if and demand import on a small town whose
numbers can be checked by hand (RD New metres, detour factor 1)."""

import numpy as np
import pytest
from pyproj import Transformer

from weerbaar.planning import services
from weerbaar.planning.demand import read_grid
from weerbaar.planning.models import CandidateSite, DemandPoint, PlanningNorm, SitingRun

X0, Y0 = 165000.0, 415000.0
_to_wgs = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def latlon(x: float, y: float) -> tuple[float, float]:
    lon, lat = _to_wgs.transform(x, y)
    return lat, lon


@pytest.fixture
def town(municipality, communities):
    """West cluster around (0, 0): 100 + 50 people; east cluster at 5 km: 30 + 30 people."""
    north, south = communities
    for c, (x, y) in ((north, (X0, Y0)), (south, (X0 + 5000, Y0))):
        c.latitude, c.longitude = latlon(x, y)
        c.save()
    PlanningNorm.objects.create(municipality=municipality, max_distance_m=2000, detour_factor=1.0,
                                vulnerability_weight=0, point_count=2, people_per_point=100,
                                source="test")
    points = [("a", 0, 100, 20, north), ("b", 1000, 50, None, north), ("c", 5000, 30, 10, south),
              ("d", 5200, 30, 5, south)]
    for code, dx, people, old, kern in points:
        DemandPoint.objects.create(municipality=municipality, community=kern, code=code, x=X0 + dx,
                                   y=Y0, inhabitants=people, aged_65_plus=old)
    sites = {}
    for name, dx, status in (("West", 0, "current"), ("Midden", 2500, "candidate"),
                             ("Oost", 5100, "candidate"), ("Ver", 20000, "candidate")):
        lat, lon = latlon(X0 + dx, Y0)
        sites[name] = CandidateSite.objects.create(
            municipality=municipality, community=north if dx < 3000 else south, name=name,
            latitude=lat, longitude=lon, status=status, source="test")
    return sites


def test_current_coverage_by_hand(municipality, town):
    info = services.overview(municipality)
    cov = info.current
    # Only "West" is open: a (0 m) and b (1,000 m) are within 2,000 m, c and d (5 km+) are not.
    assert cov.total.residents == 210 and cov.total.covered == 150
    assert cov.total.share == pytest.approx(150 / 210)
    # Vulnerable residents: 65+ known for a, c, d (20 + 10 + 5); covered: a's 20.
    assert cov.total.vulnerable == 35 and cov.total.vulnerable_covered == 20
    north, south = cov.per_kern
    assert (north.name, north.covered, north.points, north.people_per_point) == ("Noorddorp", 150, 1, 150)
    assert (south.name, south.covered, south.points) == ("Zuiddorp", 0, 0)
    assert cov.loads[0].residents == 210 and cov.loads[0].over_norm  # 210 > 100 per point
    assert cov.mean_distance == pytest.approx((0 * 100 + 1000 * 50 + 5000 * 30 + 5200 * 30) / 210, abs=0.5)


def test_recommendation_uses_the_norm_and_is_cached(municipality, town):
    info = services.overview(municipality)
    assert info.p == 2 and not info.from_cache
    assert set(info.recommendation["open"]) == {town["West"].id, town["Oost"].id}
    assert info.recommendation["optimal"] is True
    assert info.recommended.total.covered == 210
    again = services.overview(municipality)
    assert again.from_cache and SitingRun.objects.count() == 1
    # A change of input solves again: excluding "Oost" leaves "Midden" as the best second point.
    town["Oost"].status = CandidateSite.Status.EXCLUDED
    town["Oost"].save()
    changed = services.overview(municipality)
    assert not changed.from_cache
    assert set(changed.recommendation["open"]) == {town["West"].id, town["Midden"].id}


def test_fixed_sites_stay_in_the_recommendation(municipality, town):
    town["Ver"].status = CandidateSite.Status.FIXED
    town["Ver"].save()
    info = services.overview(municipality)
    assert town["Ver"].id in info.recommendation["open"]
    assert len(info.recommendation["open"]) == 2


def test_point_count_from_the_guide(municipality, town):
    norm = PlanningNorm.objects.get(municipality=municipality)
    norm.point_count = None
    norm.people_per_point = 5000
    assert services.point_count(norm, 32521) == 7  # 6.5 rounds half up
    assert services.point_count(norm, 100) == 1


def test_vulnerability_weight_moves_the_recommendation(municipality, town):
    """p = 1, 60 residents west (at 0 and 1,000 m), 60 east (5,000 and 5,200 m).

    Unweighted total distance x 30: West 0+1000+5000+5200 = 11,200; Midden (2,500 m)
    2500+1500+2500+2700 = 9,200; Oost (5,100 m) 5100+4100+100+100 = 9,400 -> Midden.
    East buurt SVI 1 (weight x2), west SVI 0: West 1000+2x10200 = 21,400; Midden
    4000+2x5200 = 14,400; Oost 9200+2x200 = 9,600 -> Oost.
    """
    from weerbaar.places.models import Neighbourhood
    from weerbaar.planning.models import VulnerabilityScore

    norm = PlanningNorm.objects.get(municipality=municipality)
    norm.point_count, norm.vulnerability_weight = 1, 1.0
    norm.save()
    DemandPoint.objects.filter(code__in=["a", "b"]).update(inhabitants=30)  # west 60, east 60
    west = Neighbourhood.objects.create(community=town["West"].community, cbs_code="BU99990001",
                                        name="West", source="test")
    east = Neighbourhood.objects.create(community=town["Oost"].community, cbs_code="BU99990002",
                                        name="Oost", source="test")
    DemandPoint.objects.filter(code__in=["a", "b"]).update(neighbourhood=west)
    DemandPoint.objects.filter(code__in=["c", "d"]).update(neighbourhood=east)
    VulnerabilityScore.objects.create(neighbourhood=west, year=2023, overall=0.0, source="test")
    VulnerabilityScore.objects.create(neighbourhood=east, year=2023, overall=1.0, source="test")
    weighted = services.overview(municipality)
    assert weighted.recommendation["open"] == [town["Oost"].id]
    assert [row.name for row in weighted.recommended.per_buurt] == ["Oost", "West"]
    norm.vulnerability_weight = 0.0
    norm.save()
    assert services.overview(municipality).recommendation["open"] == [town["Midden"].id]


def test_what_if_a_building_drops_out(municipality, town):
    result = services.what_if(municipality, town["West"].id)
    assert result.before.total.covered == 150
    assert result.without.total.covered == 0 and result.without.total.points == 0
    # Replacements: Midden (2.5 km) reaches b (1.5 km) only = 50; Oost reaches c, d = 60.
    assert result.replacement == town["Oost"]
    assert result.with_replacement.total.covered == 60


def test_no_demand_or_sites_gives_an_empty_overview(municipality):
    info = services.overview(municipality)
    assert info.demand is None and info.current is None and info.recommendation == {}


def test_replace_demand_from_cbs_grid(municipality, communities):
    from pathlib import Path

    c = communities[0]
    c.latitude, c.longitude = latlon(164850, 415750)
    c.save()
    grid = read_grid(Path(__file__).parent / "data" / "vierkanten_100m_heesch.csv")
    assert services.replace_demand(municipality, grid, source="CBS test") == 6
    points = DemandPoint.objects.filter(municipality=municipality)
    assert points.count() == 6 and not points.filter(is_synthetic=True).exists()
    assert sum(points.values_list("inhabitants", flat=True)) == 490
    assert set(points.values_list("community", flat=True)) == {c.id}
    assert points.get(code="E1650N4157").aged_65_plus is None
    demand = services.load_demand(municipality)
    assert demand.total == 490 and np.isnan(demand.svi).all()
