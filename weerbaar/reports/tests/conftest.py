"""Fixtures for the editions and the static export: the Bernheze demo and the privacy log."""

import datetime as dt
import logging

import pytest

from weerbaar.supportpoints.models import KeyHolder

# Distinctive private values: none of them may ever reach a public booklet.
SECRET_KEY_HOLDER = {"name": "Geheime Sleutelhouder Pietersen", "phone": "06-98765432",
                     "reach_without_phone": "Woont achter de kerk, blauwe deur"}
SECRET_PROTOCOL = "Activering: bel eerst de piketfunctionaris op 0412-999999"


@pytest.fixture
def demo(db):
    """The Bernheze demo plus one key holder and an activation protocol (the demo has none)."""
    from weerbaar.demo.loader import load_demo
    from weerbaar.places.models import Municipality

    load_demo(accounts=False)
    bernheze = Municipality.objects.get(slug="bernheze")
    point = bernheze.communities.get(slug="heesch").support_points.get(name="De Pas")
    point.activation_protocol = SECRET_PROTOCOL
    point.save()
    KeyHolder.objects.create(support_point=point, source="test", confidence="EST",
                             is_fictitious=True, consent_on=dt.date(2026, 1, 1),
                             **SECRET_KEY_HOLDER)
    return bernheze


@pytest.fixture
def privacy_records(caplog):
    """Records of the weerbaar.privacy logger (it does not propagate to the root logger)."""
    logger = logging.getLogger("weerbaar.privacy")
    logger.addHandler(caplog.handler)
    caplog.handler.setLevel(logging.INFO)
    try:
        yield lambda: [r for r in caplog.records if r.name == "weerbaar.privacy"]
    finally:
        logger.removeHandler(caplog.handler)


def private_values(municipality) -> list[str]:
    """Every private value of key figures and key holders in this municipality."""
    from weerbaar.network.models import KeyFigure

    values = []
    for person in KeyFigure.objects.filter(community__municipality=municipality):
        values += [person.name, person.phone, person.email, person.address,
                   person.reach_without_phone, person.role]
    for holder in KeyHolder.objects.filter(support_point__community__municipality=municipality):
        values += [holder.name, holder.phone, holder.reach_without_phone]
    values.append(SECRET_PROTOCOL)
    return [v for v in values if v and v.strip()]


@pytest.fixture(autouse=True)
def dutch():
    """Requests to /en/ pages leave English active in the thread; these tests read Dutch."""
    from django.utils import translation

    with translation.override("nl"):
        yield
