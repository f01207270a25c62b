"""Find my noodsteunpunt: every Bernheze PC4 finds its own kern first, bad input and a PDOK
outage give a friendly page (never a 500), and the page keeps the portal rules (no cookies,
nothing stored or logged, nothing from other hosts, at most 50 KB of HTML and CSS)."""

import logging
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from weerbaar.places import geocoding
from weerbaar.places.geocoding import PdokGeocoder
from weerbaar.places.tests.test_geocoding import PDOK_URL, recorded_session

BERNHEZE_PC4 = {
    "5383": "heesch",
    "5384": "heesch",
    "5388": "nistelrode",
    "5471": "loosbroek",
    "5472": "loosbroek",
    "5473": "heeswijk-dinther",
    "5476": "vorstenbosch",
}
PAGE_BUDGET = 50 * 1024


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The Bernheze demo, loaded once for this module inside a transaction rolled back at
    the end; each test runs in its own savepoint within it."""
    from django.db import transaction

    from weerbaar.demo.loader import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_module, db):
    pass


def find_url(language=None, **params):
    from urllib.parse import urlencode

    url = reverse("portal:find", kwargs={"municipality": "bernheze"})
    if language == "en":
        url = "/en" + url
    return url + (f"?{urlencode(params)}" if params else "")


def pc4_url(pc4):
    return reverse("portal:find_pc4", kwargs={"municipality": "bernheze", "pc4": pc4})


def first_community(response) -> str:
    return response.context["result"]["points"][0]["near"].point.community.slug


class Assets(HTMLParser):
    """Collects stylesheet links and every src/href/action of a page."""

    def __init__(self):
        super().__init__()
        self.stylesheets, self.urls = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        for name in ("src", "href", "action"):
            if attrs.get(name):
                self.urls.append(attrs[name])


def assets(html: str) -> Assets:
    parser = Assets()
    parser.feed(html)
    return parser


def page_weight(html: str) -> int:
    """Bytes of HTML plus every stylesheet it links."""
    total = len(html.encode("utf-8"))
    for href in assets(html).stylesheets:
        path = finders.find(href.removeprefix("/static/"))
        assert path, href
        with open(path, "rb") as handle:
            total += len(handle.read())
    return total


# --- every PC4 of the demo ------------------------------------------------------------------

@pytest.mark.parametrize(("pc4", "kern"), sorted(BERNHEZE_PC4.items()))
def test_every_bernheze_pc4_finds_its_own_kern_first(client, demo, pc4, kern):
    for response in (client.get(find_url(postcode=pc4)), client.get(pc4_url(pc4)),
                     client.get(find_url(postcode=f"{pc4} ab", huisnummer="12"))):
        assert response.status_code == 200
        assert first_community(response) == kern
        points = response.context["result"]["points"]
        assert 1 <= len(points) <= 3
        assert all(item["near"].approximate for item in points)


def test_find_page_links_every_pc4_and_kern(client, demo):
    from weerbaar.places.models import Community

    html = client.get(find_url()).content.decode()
    for pc4 in BERNHEZE_PC4:
        assert f'href="{pc4_url(pc4)}"' in html
    for community in Community.objects.filter(municipality__slug="bernheze"):
        assert community.name in html
    assert 'action="/bernheze/noodsteunpunt/"' in html
    assert 'method="get"' in html


def test_result_shows_distance_status_and_approximation(client, demo):
    response = client.get(find_url(postcode="5471"))
    html = response.content.decode()
    assert "De Wis" in html and "Schaapsdijk 27, Loosbroek" in html
    assert "In uw eigen kern Loosbroek" in html
    assert "gemeten tussen dorpskernen" in html
    assert re.search(r"\d+,\d km", html), "distance in km with a Dutch decimal comma"
    assert "Kandidaat" in html
    assert "Onbekend: nog niet gecontroleerd." in html
    assert 'href="/bernheze/kernen/loosbroek/"' in html


def test_english_result(client, demo):
    response = client.get(find_url("en", postcode="5388"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert first_community(response) == "nistelrode"
    assert re.search(r"\d+\.\d km", html), "distance in km with a decimal point"
    assert "Find your" in html or "noodsteunpunt" in html.lower()


def test_pc4_page_marks_itself_current(client, demo):
    html = client.get(pc4_url("5388")).content.decode()
    assert f'href="{pc4_url("5388")}" data-pc4="5388" aria-current="page"' in html
    assert 'value="5388"' in html


@pytest.mark.parametrize("pc4", ["9999", "1234", "abcd", "53840"])
def test_pc4_page_outside_the_municipality_is_404(client, demo, pc4):
    assert client.get(f"/bernheze/noodsteunpunt/{pc4}/").status_code == 404


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("postcode", ["12", "0384 AB", "5384 A", "AB5384", "hallo", "5384-AB",
                                      "<script>alert(1)</script>", "5" * 12, "5384 AB" * 50])
def test_bad_postcode_is_named_and_friendly(client, demo, postcode):
    response = client.get(find_url(postcode=postcode))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Postcode: dit is geen Nederlandse postcode" in html
    assert 'aria-invalid="true"' in html and 'role="alert"' in html
    assert '<a href="#id_postcode">' in html
    assert "<script>alert" not in html
    assert response.context["result"] is None


def test_empty_postcode_is_named(client, demo):
    html = client.get(find_url(postcode="", huisnummer="")).content.decode()
    assert "Postcode: vul uw postcode in" in html


@pytest.mark.parametrize("number", ["twaalf", "0", "12 a b", "123456", "1" * 200])
def test_bad_house_number_is_named(client, demo, number):
    response = client.get(find_url(postcode="5384AB", huisnummer=number))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Huisnummer: vul een getal in" in html
    assert '<a href="#id_huisnummer">' in html


def test_house_number_with_pc4_only_is_explained(client, demo):
    response = client.get(find_url(postcode="5388", huisnummer="12"))
    assert "gebruiken we het huisnummer niet" in response.content.decode()
    assert first_community(response) == "nistelrode"


def test_unknown_postcode_offline_is_friendly(client, demo):
    response = client.get(find_url(postcode="9999 ZZ"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geen noodsteunpunt gevonden" in html
    assert "Postcode 9999ZZ kennen we niet in gemeente Bernheze" in html


# --- PDOK in production, and PDOK down -------------------------------------------------------

def use_pdok(settings, monkeypatch, *recordings):
    settings.GEOCODER = "pdok"
    session, transport = recorded_session(*recordings)
    monkeypatch.setattr(geocoding, "PdokGeocoder", lambda: PdokGeocoder(PDOK_URL, session=session))
    return transport


@pytest.mark.parametrize("recording", ["timeout", "server_error", "connection_error",
                                       "malformed", "not_json"])
def test_pdok_down_falls_back_to_the_kern(client, demo, settings, monkeypatch, caplog,
                                          recording):
    transport = use_pdok(settings, monkeypatch, recording)
    with caplog.at_level(logging.DEBUG):
        response = client.get(find_url(postcode="5384 AA"))
    html = response.content.decode()
    assert response.status_code == 200
    assert len(transport.requests) == 1
    assert "De adreszoeker werkt nu niet" in html
    assert first_community(response) == "heesch"
    assert "5384" not in caplog.text, "what the visitor typed is never logged"


def test_pdok_address_gives_a_precise_origin(client, demo, settings, monkeypatch):
    use_pdok(settings, monkeypatch, "address_hit")
    response = client.get(find_url(postcode="5384AA", huisnummer="4"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Noodsteunpunten dichtbij Voorbeeldstraat 4, 5384AA Heesch" in html
    assert first_community(response) == "heesch"
    first = response.context["result"]["points"][0]["near"]
    assert not first.from_area and first.point_at_community_centre
    assert "gemeten tot het midden van Heesch" in html


def test_pdok_not_found_falls_back_to_the_kern(client, demo, settings, monkeypatch):
    from weerbaar.places.tests.test_geocoding import recording

    # An empty answer for 5384AA: reuse the empty recording with this query.
    transport = use_pdok(settings, monkeypatch, "postcode_hit")
    empty = recording("postcode_empty")
    empty["request"] = transport.recordings[0]["request"]
    transport.recordings = [empty]
    response = client.get(find_url(postcode="5384AA"))
    assert "We vonden dit adres niet" in response.content.decode()
    assert first_community(response) == "heesch"


def test_pc4_pages_never_ask_pdok(client, demo, settings, monkeypatch):
    transport = use_pdok(settings, monkeypatch, "timeout")
    response = client.get(pc4_url("5384"))
    assert response.status_code == 200
    assert transport.requests == []
    assert "De adreszoeker werkt nu niet" not in response.content.decode()


# --- portal rules ---------------------------------------------------------------------------

def test_no_cookies_nothing_stored(client, demo):
    urls = [find_url(), find_url(postcode="5384AB", huisnummer="12"), find_url(postcode="x"),
            pc4_url("5473"), find_url("en", postcode="5476")]
    with CaptureQueriesContext(connection) as queries:
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert not response.cookies, url
    writes = [q["sql"] for q in queries.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []


def test_nothing_from_other_hosts(client, demo):
    for url in (find_url(), find_url(postcode="5388")):
        for link in assets(client.get(url).content.decode()).urls:
            assert not re.match(r"^(https?:)?//", link), link


def test_script_is_our_own_file_and_optional(client, demo):
    html = client.get(find_url()).content.decode()
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/portal/find.js" defer>']
    assert "<script>" not in html and " on" + "submit=" not in html
    assert finders.find("portal/find.js")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pages_within_budget(client, demo, language):
    for params in ({}, {"postcode": "5384AB", "huisnummer": "12"}, {"postcode": "x"}):
        html = client.get(find_url(language, **params)).content.decode()
        assert page_weight(html) <= PAGE_BUDGET, (params, page_weight(html))
    html = client.get(("/en" if language == "en" else "") + pc4_url("5472")).content.decode()
    assert page_weight(html) <= PAGE_BUDGET
