"""The find page keeps what is the same for every visitor (the municipality, its kernen and
PC4s, its support points, the list of PC4 links) between requests, drops it as soon as a
register changes, and never keeps anything a visitor typed."""

import pickle

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from weerbaar.places.models import Community
from weerbaar.portal import register_data
from weerbaar.supportpoints.models import SupportPoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    from weerbaar.demo.loader import load_demo

    settings.PORTAL_CACHE_SECONDS = 60
    load_demo(accounts=False)


def find(client, language="", **params):
    from urllib.parse import urlencode

    with translation.override("nl"):  # reverse() follows the language of the last request
        url = (f"/{language}" if language else "") + reverse(
            "portal:find", kwargs={"municipality": "bernheze"})
    response = client.get(url + (f"?{urlencode(params)}" if params else ""))
    assert response.status_code == 200
    return response.content.decode()


def test_a_search_needs_no_query_once_the_registers_are_read(client, demo):
    find(client, postcode="5384AB", huisnummer="12")
    with CaptureQueriesContext(connection) as queries:
        html = find(client, postcode="5473", huisnummer="")
    assert queries.captured_queries == []
    assert "Heeswijk-Dinther" in html


def test_a_changed_support_point_shows_at_once(client, demo):
    before = find(client, postcode="5384")
    point = SupportPoint.objects.filter(community__slug="heesch").exclude(
        status=SupportPoint.Status.IDEA).first()
    assert point.name in before
    point.name = "Nieuw Noodsteunpunt Heesch"
    point.save()
    assert "Nieuw Noodsteunpunt Heesch" in find(client, postcode="5384")
    point.delete()
    assert "Nieuw Noodsteunpunt Heesch" not in find(client, postcode="5384")


def test_a_changed_kern_shows_at_once_in_the_results_and_the_pc4_links(client, demo):
    # With a query string: the page without one is cached whole (portal.caching) anyway.
    assert "5399" not in find(client, postcode="abc")
    assert "Geen noodsteunpunt gevonden" in find(client, postcode="5399")
    nistelrode = Community.objects.get(slug="nistelrode")
    nistelrode.postcodes = "5388,5399"
    nistelrode.save()
    html = find(client, postcode="abc")  # the PC4 links (a kept fragment)
    assert 'data-pc4="5399"' in html and "5399 (Nistelrode)" in html
    html = find(client, postcode="5399")  # and the search itself
    assert "Geen noodsteunpunt gevonden" not in html and "postcodegebied 5399" in html


def test_pc4_links_are_kept_per_language(client, demo):
    dutch, english = find(client, postcode="abc"), find(client, "en", postcode="abc")
    assert 'href="/en/bernheze/noodsteunpunt/5384/"' in english
    assert 'href="/bernheze/noodsteunpunt/5384/"' in dutch
    assert find(client, postcode="abc") == dutch
    assert find(client, "en", postcode="abc") == english


def test_nothing_the_visitor_typed_is_kept(client, demo):
    find(client, postcode="5384 XQ", huisnummer="987b")
    find(client, postcode="5473", huisnummer="4321")
    kept = b"".join(value for value in cache._cache.values())
    kept += pickle.dumps(list(register_data._kept))  # the keys of the in-process register data
    kept += b"".join(repr(key).encode() for key in cache._cache)
    for typed in (b"XQ", b"987", b"4321"):
        assert typed not in kept


def test_no_keeping_when_the_portal_cache_is_off(client, demo, settings):
    settings.PORTAL_CACHE_SECONDS = 0
    find(client, postcode="5384")
    with CaptureQueriesContext(connection) as queries:
        find(client, postcode="5384")
    assert queries.captured_queries  # read fresh every time
