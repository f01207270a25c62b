"""Nearest noodsteunpunten: ordering by RD New distance, the kern-centre approximation for
points without coordinates, ties broken in favour of the visitor's own kern."""

import pytest
from django.utils import translation

from weerbaar.places.distance import distance_m
from weerbaar.places.geocoding import Location
from weerbaar.places.models import Community
from weerbaar.supportpoints.models import SupportPoint
from weerbaar.supportpoints.nearest import nearest_support_points


def here(lat, lon, precision="address"):
    return Location(lat=lat, lon=lon, postcode="1234AB", label="test", precision=precision,
                    source="test")


@pytest.fixture
def kernen(municipality):
    return {
        "noord": Community.objects.create(municipality=municipality, name="Noorddorp",
                                          slug="noorddorp", postcodes="1234", latitude=52.10,
                                          longitude=5.10, source="test"),
        "zuid": Community.objects.create(municipality=municipality, name="Zuiddorp",
                                         slug="zuiddorp", postcodes="1240", latitude=52.00,
                                         longitude=5.10, source="test"),
        "leeg": Community.objects.create(municipality=municipality, name="Zonder midden",
                                         slug="leeg", source="test"),
    }


def point(community, name, lat=None, lon=None, status=SupportPoint.Status.CANDIDATE, **extra):
    return SupportPoint.objects.create(community=community, name=name, latitude=lat,
                                       longitude=lon, status=status, source="test", **extra)


def names(found):
    return [near.point.name for near in found]


def test_ordered_by_distance_with_coordinates(kernen, municipality):
    point(kernen["noord"], "Dichtbij", 52.101, 5.10)
    point(kernen["noord"], "Verder", 52.12, 5.10)
    point(kernen["zuid"], "Ver weg", 52.00, 5.10)
    point(kernen["noord"], "Middel", 52.11, 5.10)
    found = nearest_support_points(municipality, here(52.10, 5.10), limit=None)
    assert names(found) == ["Dichtbij", "Middel", "Verder", "Ver weg"]
    assert found[0].distance_m == pytest.approx(111, rel=0.02)
    assert found[0].distance_km == 0.1
    assert found[-1].distance_m == pytest.approx(distance_m((52.10, 5.10), (52.00, 5.10)))
    assert not any(near.approximate for near in found)


def test_top_three_by_default(kernen, municipality):
    for index in range(5):
        point(kernen["noord"], f"Punt {index}", 52.10 + index * 0.01, 5.10)
    found = nearest_support_points(municipality, here(52.10, 5.10))
    assert names(found) == ["Punt 0", "Punt 1", "Punt 2"]


def test_points_without_coordinates_use_the_kern_centre(kernen, municipality):
    point(kernen["zuid"], "Zuidhuis")          # no coordinates: Zuiddorp's centre
    point(kernen["noord"], "Noordhuis")        # no coordinates: Noorddorp's centre
    found = nearest_support_points(municipality, here(52.09, 5.10), limit=None)
    assert names(found) == ["Noordhuis", "Zuidhuis"]
    assert all(near.point_at_community_centre and near.approximate for near in found)
    assert found[0].distance_m == pytest.approx(distance_m((52.09, 5.10), (52.10, 5.10)))


def test_area_location_makes_every_distance_approximate(kernen, municipality):
    point(kernen["noord"], "Met coördinaten", 52.101, 5.10)
    found = nearest_support_points(municipality, here(52.10, 5.10, "community"), from_area=True)
    assert found[0].approximate and found[0].from_area
    assert not found[0].point_at_community_centre


def test_points_without_any_position_are_left_out(kernen, municipality):
    point(kernen["leeg"], "Nergens")
    point(kernen["noord"], "Ergens")
    assert names(nearest_support_points(municipality, here(52.10, 5.10))) == ["Ergens"]


def test_ideas_are_left_out_candidates_kept(kernen, municipality):
    point(kernen["noord"], "Idee", status=SupportPoint.Status.IDEA)
    point(kernen["noord"], "Kandidaat", status=SupportPoint.Status.CANDIDATE)
    point(kernen["noord"], "Ingericht", status=SupportPoint.Status.EQUIPPED)
    found = nearest_support_points(municipality, here(52.10, 5.10), limit=None)
    assert sorted(names(found)) == ["Ingericht", "Kandidaat"]


def test_own_kern_first_on_a_tie(kernen, municipality):
    # Two kernen sharing a centre (e.g. a kern split over two PC4s): equal distances.
    twin = Community.objects.create(municipality=municipality, name="Aadorp", slug="aadorp",
                                    postcodes="1250", latitude=52.10, longitude=5.10,
                                    source="test")
    point(twin, "Aa-huis")
    point(kernen["noord"], "Zz-huis")
    origin = here(52.05, 5.10, "community")
    assert names(nearest_support_points(municipality, origin, community=kernen["noord"],
                                        from_area=True)) == ["Zz-huis", "Aa-huis"]
    assert names(nearest_support_points(municipality, origin, community=twin,
                                        from_area=True)) == ["Aa-huis", "Zz-huis"]
    # Without a kern: by name.
    assert names(nearest_support_points(municipality, origin)) == ["Aa-huis", "Zz-huis"]


def test_tie_means_the_same_on_the_page_not_closer(kernen, municipality):
    # 40 m apart is a tie (both show as 0.x km alike); 1 km is not.
    point(kernen["zuid"], "Anderen dichtbij", 52.1000, 5.10)
    point(kernen["noord"], "Eigen kern", 52.1004, 5.10)
    point(kernen["noord"], "Eigen kern ver", 52.11, 5.10)
    found = nearest_support_points(municipality, here(52.1000, 5.10), community=kernen["noord"],
                                   limit=None)
    assert names(found) == ["Eigen kern", "Anderen dichtbij", "Eigen kern ver"]
    assert found[0].same_community and not found[1].same_community


def test_other_municipality_is_not_searched(kernen, municipality):
    from weerbaar.places.models import Municipality

    other = Municipality.objects.create(cbs_code="GM9998", name="Elders", source="test")
    elsewhere = Community.objects.create(municipality=other, name="Buurdorp", slug="buurdorp",
                                         latitude=52.10, longitude=5.10, source="test")
    point(elsewhere, "Over de grens", 52.10, 5.10)
    point(kernen["zuid"], "Eigen gemeente", 52.00, 5.10)
    assert names(nearest_support_points(municipality, here(52.10, 5.10))) == ["Eigen gemeente"]


def test_facilities_keep_unknown_apart_from_no(kernen, municipality):
    point(kernen["noord"], "Half bekend", backup_power=True, drinking_water=False)
    near = nearest_support_points(municipality, here(52.10, 5.10))[0]
    with translation.override("nl"):
        facilities = near.facilities
    assert facilities["yes"] == ["noodstroom"]
    assert facilities["no"] == ["drinkwater"]
    assert len(facilities["unknown"]) == len(SupportPoint.FACILITY_FIELDS) - 2
    assert "warmte" in facilities["unknown"]


def test_demo_each_kern_first_for_its_own_centre(db):
    from weerbaar.demo.loader import load_demo
    from weerbaar.places.models import Municipality

    load_demo()
    bernheze = Municipality.objects.get(slug="bernheze")
    for community in bernheze.communities.exclude(latitude=None):
        if not community.support_points.exists():
            continue
        origin = here(community.latitude, community.longitude, "community")
        found = nearest_support_points(bernheze, origin, community=community, from_area=True)
        assert found[0].point.community == community, community.name
        assert found[0].distance_m == pytest.approx(0, abs=1)
        assert all(near.approximate for near in found)
