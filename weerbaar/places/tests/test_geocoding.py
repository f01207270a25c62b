"""Geocoding: the PDOK Locatieserver client on recorded responses, the offline fallback,
postcode and house-number validation, and RD New distances.

The recorded responses (recorded/*.json) follow the format of the Locatieserver v3.1 ``free``
endpoint: a Solr envelope ``{"response": {"numFound", "start", "numFoundExact", "docs"}}``
whose docs hold only the fields asked for in ``fl``, with ``centroide_ll`` as WKT
``POINT(lon lat)`` and ``type`` "adres" or "postcode" (PDOK/locatieserver README, release
notes 3.0 -> 3.1; published example documents of the free endpoint). They were written in
that format for these tests, not captured from the live service: the street names
("Voorbeeldstraat") and coordinates are illustrative. Each file also names the query the
client must send; a request that matches no recording fails the test.

Only the HTTP transport is replaced (a requests transport adapter mounted on a real
Session): the client's own request building, status handling and parsing all run.
"""

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from weerbaar.places.distance import distance_m, kilometres, to_rd
from weerbaar.places.geocoding import (
    GeocoderResponseError,
    GeocoderUnavailable,
    GeocodingError,
    OfflineGeocoder,
    PdokGeocoder,
    get_geocoder,
    normalise_postcode,
    parse_house_number,
    parse_point,
)

RECORDED = Path(__file__).parent / "recorded"
PDOK_URL = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"


def recording(name: str) -> dict:
    return json.loads((RECORDED / f"{name}.json").read_text(encoding="utf-8"))


class RecordedTransport(BaseAdapter):
    """Answers each request with the recording whose query parameters it matches."""

    def __init__(self, *names: str):
        super().__init__()
        self.recordings = [recording(name) for name in names]
        self.requests: list[requests.PreparedRequest] = []
        self.timeouts = []

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        self.requests.append(request)
        self.timeouts.append(timeout)
        params = sorted(parse_qsl(urlsplit(request.url).query))
        for record in self.recordings:
            if sorted(map(tuple, record["request"]["params"])) == params:
                break
        else:
            raise AssertionError(f"no recording for {request.url}")
        if record.get("error") == "timeout":
            raise requests.exceptions.ReadTimeout("recorded timeout", request=request)
        if record.get("error") == "connection":
            raise requests.exceptions.ConnectionError("recorded connection error", request=request)
        answer = record["response"]
        response = requests.Response()
        response.status_code = answer["status"]
        response.headers = CaseInsensitiveDict(answer.get("headers", {}))
        text = json.dumps(answer["body"]) if "body" in answer else answer["text"]
        response._content = text.encode("utf-8")
        response.encoding = "utf-8"
        response.url = request.url
        response.request = request
        response.reason = "OK" if response.status_code == 200 else "Error"
        return response

    def close(self):
        pass


def recorded_session(*names: str) -> tuple[requests.Session, RecordedTransport]:
    session = requests.Session()
    transport = RecordedTransport(*names)
    session.mount("https://", transport)
    session.mount("http://", transport)
    return session, transport


def pdok(*names: str) -> tuple[PdokGeocoder, RecordedTransport]:
    session, transport = recorded_session(*names)
    return PdokGeocoder(PDOK_URL, session=session), transport


# --- validation ---------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("5384 AB", "5384AB"),
    ("5384AB", "5384AB"),
    ("5384ab", "5384AB"),
    (" 5384  ab ", "5384AB"),
    ("5384", "5384"),
    ("5473", "5473"),
    ("0384 AB", None),      # Dutch postcodes do not start with 0
    ("538 AB", None),
    ("53845", None),
    ("5384 A", None),
    ("5384 ABC", None),
    ("AB 5384", None),
    ("5384-AB", None),
    ("", None),
    ("   ", None),
    ("5384 A1", None),
    ("<script>", None),
])
def test_postcode_validation(value, expected):
    assert normalise_postcode(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("12", (12, "")),
    ("12a", (12, "A")),
    ("12 A", (12, "A")),
    ("12-2", (12, "2")),
    ("12 bis", (12, "BIS")),
    ("1", (1, "")),
    ("0", None),
    ("a12", None),
    ("12 a b", None),
    ("123456", None),
    ("", None),
    ("twaalf", None),
])
def test_house_number_validation(value, expected):
    assert parse_house_number(value) == expected


@pytest.mark.parametrize(("wkt", "expected"), [
    ("POINT(5.53012345 51.73398765)", (51.73398765, 5.53012345)),
    ("POINT (5.5 51.7)", (51.7, 5.5)),
    ("point(-0.1 51.5)", (51.5, -0.1)),
])
def test_parse_point_takes_longitude_first(wkt, expected):
    assert parse_point(wkt) == expected


@pytest.mark.parametrize("wkt", ["", "POINT()", "POINT(5.5)", "POLYGON((5 51, 6 51, 5 51))",
                                 "POINT(200 51)", None])
def test_parse_point_rejects_malformed(wkt):
    with pytest.raises(ValueError):
        parse_point(wkt)


# --- PDOK client on recorded responses ------------------------------------------------------

def test_pdok_address_hit():
    geocoder, transport = pdok("address_hit")
    location = geocoder.locate("5384 aa", "4")
    assert location.precision == "address"
    assert location.source == "pdok"
    assert location.label == "Voorbeeldstraat 4, 5384AA Heesch"
    assert location.postcode == "5384AA" and location.pc4 == "5384"
    assert (location.lat, location.lon) == (51.73398765, 5.53012345)
    assert not location.is_approximate
    # One request, to the free endpoint, with a timeout.
    assert len(transport.requests) == 1
    assert transport.requests[0].url.startswith(PDOK_URL + "?")
    assert transport.timeouts[0] is not None


def test_pdok_address_with_letter_picks_that_address():
    geocoder, _transport = pdok("address_hit")
    location = geocoder.locate("5384AA", "4a")
    assert location.label == "Voorbeeldstraat 4A, 5384AA Heesch"
    assert (location.lat, location.lon) == (51.73405678, 5.53031234)


def test_pdok_unknown_house_number_falls_back_to_the_postcode():
    geocoder, transport = pdok("address_miss", "postcode_hit")
    location = geocoder.locate("5384AA", "999")
    assert location.precision == "postcode"
    assert location.label == "Voorbeeldstraat, 5384AA Heesch"
    assert (location.lat, location.lon) == (51.73401234, 5.53020011)
    assert len(transport.requests) == 2


def test_pdok_postcode_only_hit():
    geocoder, transport = pdok("postcode_hit")
    location = geocoder.locate("5384AA", None)
    assert location.precision == "postcode"
    assert location.postcode == "5384AA"
    assert len(transport.requests) == 1


def test_pdok_pc4_is_the_mean_of_its_postcodes():
    geocoder, _transport = pdok("pc4_hit")
    location = geocoder.locate("5388", None)
    assert location.precision == "pc4" and location.is_approximate
    assert location.postcode == "5388"
    assert location.lat == pytest.approx((51.7000 + 51.7040 + 51.7050) / 3)
    assert location.lon == pytest.approx((5.5600 + 5.5620 + 5.5610) / 3)


def test_pdok_empty_response_is_none():
    geocoder, _transport = pdok("postcode_empty")
    assert geocoder.locate("9999 ZZ") is None


def test_pdok_invalid_postcode_sends_nothing():
    geocoder, transport = pdok("postcode_hit")
    assert geocoder.locate("hallo") is None
    assert transport.requests == []


def test_pdok_server_error_is_typed():
    geocoder, _transport = pdok("server_error")
    with pytest.raises(GeocoderUnavailable, match="HTTP 500"):
        geocoder.locate("5384AA")


def test_pdok_timeout_is_typed():
    geocoder, _transport = pdok("timeout")
    with pytest.raises(GeocoderUnavailable, match="in time"):
        geocoder.locate("5384AA")


def test_pdok_connection_error_is_typed():
    geocoder, _transport = pdok("connection_error")
    with pytest.raises(GeocoderUnavailable, match="reached"):
        geocoder.locate("5384AA")


@pytest.mark.parametrize("name", ["malformed", "not_json"])
def test_pdok_malformed_answer_is_typed(name):
    geocoder, _transport = pdok(name)
    with pytest.raises(GeocoderResponseError):
        geocoder.locate("5384AA")


def test_every_geocoder_error_is_a_geocoding_error():
    assert issubclass(GeocoderUnavailable, GeocodingError)
    assert issubclass(GeocoderResponseError, GeocodingError)


def test_pdok_url_comes_from_settings(settings):
    settings.PDOK_LOCATIESERVER_URL = "https://example.test/free"
    assert PdokGeocoder().url == "https://example.test/free"


# --- offline fallback ----------------------------------------------------------------------

@pytest.fixture
def kernen(municipality):
    from weerbaar.places.models import Community

    return {
        "noord": Community.objects.create(municipality=municipality, name="Noorddorp",
                                          slug="noorddorp", postcodes="1234, 1235",
                                          latitude=52.10, longitude=5.10, source="test"),
        "zuid": Community.objects.create(municipality=municipality, name="Zuiddorp",
                                         slug="zuiddorp", postcodes="1240",
                                         latitude=52.00, longitude=5.10, source="test"),
        "zonder": Community.objects.create(municipality=municipality, name="Zonder midden",
                                           slug="zonder", postcodes="1250", source="test"),
    }


def test_offline_pc4_gives_the_kern_centre(kernen, municipality):
    location = OfflineGeocoder(municipality).locate("1235 XY", "7")
    assert location.precision == "community" and location.is_approximate
    assert location.source == "offline"
    assert (location.lat, location.lon) == (52.10, 5.10)
    assert location.label == "Noorddorp"
    assert location.postcode == "1235XY" and location.pc4 == "1235"


def test_offline_matches_whole_pc4_only(kernen, municipality):
    assert OfflineGeocoder(municipality).locate("1240").label == "Zuiddorp"
    assert OfflineGeocoder(municipality).locate("1123") is None  # substring of nothing
    assert OfflineGeocoder(municipality).locate("1236") is None


def test_offline_unknown_or_centreless_is_none(kernen, municipality):
    assert OfflineGeocoder(municipality).locate("9999") is None
    assert OfflineGeocoder(municipality).locate("1250") is None  # kern without a centre
    assert OfflineGeocoder(municipality).locate("niet") is None


def test_offline_stays_in_its_municipality(kernen):
    from weerbaar.places.models import Municipality

    other = Municipality.objects.create(cbs_code="GM9998", name="Elders", source="test")
    assert OfflineGeocoder(other).locate("1234") is None
    assert OfflineGeocoder().locate("1234").label == "Noorddorp"


def test_factory_follows_the_setting(settings, municipality):
    settings.GEOCODER = "pdok"
    assert isinstance(get_geocoder(municipality), PdokGeocoder)
    settings.GEOCODER = "offline"
    assert isinstance(get_geocoder(municipality), OfflineGeocoder)
    settings.GEOCODER = "iets-anders"
    assert isinstance(get_geocoder(municipality), OfflineGeocoder)


def test_default_setting_is_offline():
    from django.conf import settings

    assert settings.GEOCODER == "offline"
    assert settings.PDOK_LOCATIESERVER_URL == PDOK_URL


# --- distances in RD New -------------------------------------------------------------------

def test_rd_new_reference_point_amersfoort():
    # The origin of RD: Onze Lieve Vrouwetoren, Amersfoort = (155000, 463000).
    x, y = to_rd(52.15517440, 5.38720621)
    assert x == pytest.approx(155000, abs=1)
    assert y == pytest.approx(463000, abs=1)


def test_distance_between_two_points():
    # 0.01 degree of latitude is about 1112 m.
    assert distance_m((51.70, 5.50), (51.71, 5.50)) == pytest.approx(1112, rel=0.01)
    assert distance_m((51.70, 5.50), (51.70, 5.50)) == 0
    # Symmetric.
    a, b = (51.73, 5.53), (51.65, 5.483)
    assert distance_m(a, b) == pytest.approx(distance_m(b, a))


def test_kilometres_one_decimal():
    assert kilometres(1234) == 1.2
    assert kilometres(49) == 0.0
    assert kilometres(9960) == 10.0
