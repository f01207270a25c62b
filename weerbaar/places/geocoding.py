"""Geocoding behind an adapter: from a postcode (and house number) to a point in WGS84.

Two implementations of the ``Geocoder`` protocol:

* ``PdokGeocoder`` asks PDOK Locatieserver (the government's free geocoder, BAG data) for an
  address, a six-character postcode or a PC4 area. Used in production (GEOCODER=pdok).
* ``OfflineGeocoder`` needs no network: the PC4 of the postcode names a kern (Community.postcodes)
  and the kern's centre stands in for the address. Used by the demo, the static export and as
  the fallback when PDOK cannot be reached. Its distances are approximate.

``get_geocoder()`` picks one by settings.GEOCODER. Nothing a visitor enters is stored or
logged here: postcodes go to PDOK in the query string and nowhere else.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Literal, Protocol

import requests
from django.conf import settings

logger = logging.getLogger(__name__)

Precision = Literal["address", "postcode", "pc4", "community"]

# Dutch postcode: four digits (no leading zero), optionally two letters; spaces allowed.
POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})?$")
# House number: digits, then optionally a letter and/or an addition ("12", "12a", "12 A", "12-2").
HOUSE_NUMBER_RE = re.compile(
    r"^([0-9]{1,5})(?:(?:\s*[-/]\s*|\s+)([A-Za-z0-9]{1,4})|([A-Za-z][A-Za-z0-9]{0,3}))?$")
POINT_RE = re.compile(r"^\s*POINT\s*\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)\s*$", re.IGNORECASE)


def normalise_postcode(value: str) -> str | None:
    """'5384 ab' -> '5384AB', '5384' -> '5384'; None when it is not a Dutch postcode."""
    match = POSTCODE_RE.match((value or "").strip())
    if not match:
        return None
    digits, letters = match.groups()
    return digits + (letters or "").upper()


def parse_house_number(value: str) -> tuple[int, str] | None:
    """'12' -> (12, ''), '12 a' -> (12, 'A'), '12-2' -> (12, '2'); None when invalid."""
    match = HOUSE_NUMBER_RE.match((value or "").strip())
    if not match:
        return None
    number = int(match.group(1))
    if number == 0:
        return None
    return number, (match.group(2) or match.group(3) or "").upper()


def parse_point(wkt: str) -> tuple[float, float]:
    """'POINT(lon lat)' (WKT, longitude first) -> (lat, lon). Raises ValueError when malformed."""
    match = POINT_RE.match(wkt or "")
    if not match:
        raise ValueError(f"not a WKT point: {wkt!r}")
    lon, lat = float(match.group(1)), float(match.group(2))
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"point outside WGS84: {wkt!r}")
    return lat, lon


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    postcode: str  # normalised: '5384AB' or '5384'
    label: str  # what was found, e.g. 'De Misse 4, 5384BW Heesch' or a kern name
    precision: Precision
    source: str  # 'pdok' or 'offline'

    @property
    def pc4(self) -> str:
        return self.postcode[:4]

    @property
    def is_approximate(self) -> bool:
        """An address or a six-character postcode is precise enough; an area is not."""
        return self.precision in ("pc4", "community")


class GeocodingError(Exception):
    """The geocoder could not answer (down, slow, or an answer we cannot read).

    Views catch this and fall back to the offline geocoder; it never reaches a visitor.
    """


class GeocoderUnavailable(GeocodingError):
    """Timeout, connection error or an HTTP error status."""


class GeocoderResponseError(GeocodingError):
    """The service answered, but not in the format we know."""


class Geocoder(Protocol):
    source: str

    def locate(self, postcode: str, house_number: str | None = None) -> Location | None:
        """The point for a postcode (and house number), or None when it is not known.

        Raises GeocodingError when the service cannot answer. ``postcode`` must already be
        valid (see normalise_postcode); an invalid one gives None.
        """
        ...


# --- offline: PC4 -> kern centre -----------------------------------------------------------


def community_for_pc4(pc4: str, municipality=None, *, communities=None):
    """The kern whose postcodes (comma-separated PC4 list) include this PC4, or None.

    ``communities``: the municipality's kernen ordered by name, when the caller already has
    them (the portal keeps them between requests); then no query is made.
    """
    if communities is None:
        from weerbaar.places.models import Community

        communities = Community.objects.filter(postcodes__contains=pc4)
        if municipality is not None:
            communities = communities.filter(municipality=municipality)
        communities = communities.order_by("municipality__name", "name")
    return next((c for c in communities if pc4 in pc4_list(c.postcodes)), None)


def pc4_list(postcodes: str) -> list[str]:
    """'5383, 5384' -> ['5383', '5384'] (only well-formed PC4s)."""
    return [code for code in (part.strip() for part in (postcodes or "").split(","))
            if re.fullmatch(r"[1-9][0-9]{3}", code)]


class OfflineGeocoder:
    """No network: the centre of the kern that owns the PC4 (approximate).

    ``communities``: the municipality's kernen ordered by name, if already at hand (no query).
    """

    source = "offline"

    def __init__(self, municipality=None, communities=None):
        self.municipality = municipality
        self.communities = communities if municipality is not None else None

    def locate(self, postcode: str, house_number: str | None = None) -> Location | None:
        normalised = normalise_postcode(postcode)
        if not normalised:
            return None
        community = community_for_pc4(normalised[:4], self.municipality,
                                      communities=self.communities)
        if community is None or community.latitude is None or community.longitude is None:
            return None
        return Location(lat=community.latitude, lon=community.longitude, postcode=normalised,
                        label=community.name, precision="community", source=self.source)


# --- PDOK Locatieserver -------------------------------------------------------------------


class PdokGeocoder:
    """PDOK Locatieserver, endpoint ``free`` (Solr underneath; response JSON in
    ``response.docs``, each doc with ``centroide_ll`` as WKT 'POINT(lon lat)').

    Address: q=postcode:5384BW, fq=type:adres, fq=huisnummer:4 (letter/addition matched on
    huisletter/huisnummertoevoeging). Postcode: fq=type:postcode (the six-character postcode).
    PC4: fq=type:postcode with postcode:5384* and the mean of the centroids (approximate).
    """

    source = "pdok"
    FIELDS = "centroide_ll,weergavenaam,postcode,type,huisnummer,huisletter,huisnummertoevoeging"
    PC4_ROWS = 100

    def __init__(self, url: str | None = None, *, session: requests.Session | None = None,
                 timeout: tuple[float, float] = (3.05, 5.0)):
        self.url = url or settings.PDOK_LOCATIESERVER_URL
        self.session = session or requests.Session()
        self.timeout = timeout

    def locate(self, postcode: str, house_number: str | None = None) -> Location | None:
        normalised = normalise_postcode(postcode)
        if not normalised:
            return None
        if len(normalised) == 4:
            return self._pc4(normalised)
        parsed = parse_house_number(house_number) if house_number else None
        if parsed:
            found = self._address(normalised, *parsed)
            if found:
                return found
        return self._postcode(normalised)

    def _address(self, postcode: str, number: int, addition: str) -> Location | None:
        docs = self._search([("q", f"postcode:{postcode}"), ("fq", "type:adres"),
                             ("fq", f"huisnummer:{number}"), ("fl", self.FIELDS), ("rows", "10")])
        docs = [doc for doc in docs if str(doc.get("postcode", "")).upper() == postcode]
        if not docs:
            return None

        def suffix(doc) -> str:
            return f"{doc.get('huisletter') or ''}{doc.get('huisnummertoevoeging') or ''}".upper()

        exact = [doc for doc in docs if suffix(doc) == addition]
        doc = (exact or docs)[0]
        return self._location(doc, postcode, "address")

    def _postcode(self, postcode: str) -> Location | None:
        docs = self._search([("q", f"postcode:{postcode}"), ("fq", "type:postcode"),
                             ("fl", self.FIELDS), ("rows", "1")])
        docs = [doc for doc in docs if str(doc.get("postcode", "")).upper() == postcode]
        return self._location(docs[0], postcode, "postcode") if docs else None

    def _pc4(self, pc4: str) -> Location | None:
        docs = self._search([("q", f"postcode:{pc4}*"), ("fq", "type:postcode"),
                             ("fl", self.FIELDS), ("rows", str(self.PC4_ROWS))])
        points = [self._point(doc) for doc in docs if str(doc.get("postcode", "")).startswith(pc4)]
        if not points:
            return None
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        return Location(lat=lat, lon=lon, postcode=pc4, label=pc4, precision="pc4",
                        source=self.source)

    def _location(self, doc: dict, postcode: str, precision: Precision) -> Location:
        lat, lon = self._point(doc)
        label = doc.get("weergavenaam")
        if not isinstance(label, str) or not label:
            label = postcode
        return Location(lat=lat, lon=lon, postcode=postcode, label=label, precision=precision,
                        source=self.source)

    @staticmethod
    def _point(doc: dict) -> tuple[float, float]:
        try:
            return parse_point(doc["centroide_ll"])
        except (KeyError, TypeError, ValueError) as error:
            raise GeocoderResponseError("PDOK document without a valid centroide_ll") from error

    def _search(self, params: list[tuple[str, str]]) -> list[dict]:
        try:
            response = self.session.get(self.url, params=params, timeout=self.timeout,
                                        headers={"Accept": "application/json"})
        except requests.Timeout as error:
            raise GeocoderUnavailable("PDOK Locatieserver did not answer in time") from error
        except requests.RequestException as error:
            raise GeocoderUnavailable("PDOK Locatieserver cannot be reached") from error
        if response.status_code != 200:
            raise GeocoderUnavailable(f"PDOK Locatieserver answered HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as error:
            raise GeocoderResponseError("PDOK Locatieserver answered no JSON") from error
        docs = body.get("response", {}).get("docs") if isinstance(body, dict) else None
        if not isinstance(docs, list) or not all(isinstance(doc, dict) for doc in docs):
            raise GeocoderResponseError("PDOK Locatieserver answered without response.docs")
        return docs


def get_geocoder(municipality=None, communities=None) -> Geocoder:
    """The geocoder chosen by settings.GEOCODER: 'pdok' or 'offline' (the default).
    ``communities`` is passed to the OfflineGeocoder.

    An unknown value is a configuration error: it is logged and the offline geocoder is used,
    so a visitor still gets an answer.
    """
    choice = (getattr(settings, "GEOCODER", "offline") or "offline").strip().lower()
    if choice == "pdok":
        return PdokGeocoder()
    if choice != "offline":
        logger.error("GEOCODER=%r is not 'offline' or 'pdok'; using offline", choice)
    return OfflineGeocoder(municipality, communities)
