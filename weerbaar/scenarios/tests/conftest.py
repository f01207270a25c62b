"""A small municipality with registers the cascade engine can use: two kernen with figures,
a buurt with a geometry, noodsteunpunten, a care home and key figures."""

from datetime import date

import pytest

from weerbaar.network.models import KeyFigure
from weerbaar.places.models import Neighbourhood, PopulationStatistic
from weerbaar.supportpoints.models import SupportPoint
from weerbaar.vital.models import Dependency, VulnerableLocation


@pytest.fixture
def registers(municipality, communities, organisations):
    north, south = communities
    north.latitude, north.longitude = 51.73, 5.53
    north.save()
    south.latitude, south.longitude = 51.65, 5.48
    south.save()
    # North has a buurt with a polygon and figures: the buurt replaces the kern as unit.
    buurt = Neighbourhood.objects.create(
        community=north, cbs_code="BU99990001", name="Noord-Centrum", source="test",
        geometry={"type": "Polygon", "coordinates": [[[5.52, 51.72], [5.54, 51.72],
                                                      [5.54, 51.74], [5.52, 51.74],
                                                      [5.52, 51.72]]]})
    PopulationStatistic.objects.create(neighbourhood=buurt, year=2024, inhabitants=4000,
                                       households=1800, source="test")
    PopulationStatistic.objects.create(community=south, year=2023, inhabitants=2140,
                                       source="test")
    SupportPoint.objects.create(community=north, name="Dorpshuis Noord", status="designated",
                                capacity_per_day=600, backup_power=True,
                                backup_autonomy_hours=24, source="test")
    SupportPoint.objects.create(community=south, name="Sporthal Zuid", status="candidate",
                                backup_power=False, source="test")
    SupportPoint.objects.create(community=south, name="Alleen een idee", status="idea",
                                source="test")
    home = VulnerableLocation.objects.create(
        community=south, operator=organisations[1], name="Zorghuis Zuid", kind="nursing",
        residents=80, backup_power=True, backup_autonomy_hours=8, source="test")
    Dependency.objects.create(vulnerable_location=home, service="electricity",
                              backup_kind="generator", autonomy_hours=12, source="test")
    common = {"role": "Dorpsraad", "purpose": "Schakel", "consent_on": date(2026, 1, 1),
              "source": "test"}
    KeyFigure.objects.create(community=north, name="Geheime Naam", phone="06-12345678",
                             reach_without_phone="Café de Zwaan", **common)
    KeyFigure.objects.create(community=south, name="Andere Naam", phone="0412-123456",
                             reach_without_phone="Kerkplein", **common)
    KeyFigure.objects.create(community=south, name="Gestopt", phone="06-1", is_active=False,
                             reach_without_phone="-", **common)
    return municipality
