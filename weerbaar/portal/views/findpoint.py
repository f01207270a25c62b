"""Public pages: find my noodsteunpunt (routes relative to /<municipality>/).

* ``noodsteunpunt/`` — a GET form (postcode + optional house number); the result shows on the
  same page. Also lists every kern and every PC4 of the municipality as links, so the page
  works without JavaScript and without typing.
* ``noodsteunpunt/<pc4>/`` — the result for one PC4 of the municipality. These pages make the
  search work in the static export (from file://): static/portal/find.js sends the form to
  them there. They always use the offline geocoder, so the export never needs the network.

Nothing the visitor enters is stored or logged; the form is GET, so no CSRF cookie is set.
What is the same for every visitor (the municipality, its kernen and PC4s, its support points)
is kept between requests by public_register_data (at most PORTAL_CACHE_SECONDS, dropped when
the registers change), so a search itself needs no query.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.places.geocoding import (
    GeocodingError,
    Location,
    OfflineGeocoder,
    community_for_pc4,
    get_geocoder,
    normalise_postcode,
    parse_house_number,
    pc4_list,
)
from weerbaar.portal.register_data import public_data_version, public_register_data
from weerbaar.portal.views.common import municipality_or_404, page_context
from weerbaar.portal.views.pages import status_in_words
from weerbaar.supportpoints.models import SupportPoint
from weerbaar.supportpoints.nearest import NearbyPoint, candidate_points, nearest_support_points

logger = logging.getLogger(__name__)

class FindForm(forms.Form):
    # No max_length: a too-long value gets the same message naming the field.
    postcode = forms.CharField(label=gettext_lazy("Postcode"), required=False)
    huisnummer = forms.CharField(label=gettext_lazy("Huisnummer (niet verplicht)"), required=False)

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode", "")
        if not value.strip():
            raise forms.ValidationError(
                _("Postcode: vul uw postcode in, bijvoorbeeld 5384 AB of alleen 5384."))
        normalised = normalise_postcode(value)
        if not normalised:
            raise forms.ValidationError(
                _("Postcode: dit is geen Nederlandse postcode. Vul 4 cijfers en 2 letters in, "
                  "bijvoorbeeld 5384 AB. Alleen de 4 cijfers mag ook."))
        return normalised

    def clean_huisnummer(self) -> str:
        value = self.cleaned_data.get("huisnummer", "").strip()
        if value and parse_house_number(value) is None:
            raise forms.ValidationError(
                _("Huisnummer: vul een getal in, eventueel met een letter of toevoeging, "
                  "bijvoorbeeld 12 of 12a. U mag het huisnummer ook leeg laten."))
        return value


def municipality_pc4s(communities) -> list[tuple[str, object]]:
    """Every PC4 of the municipality's kernen (``communities``, ordered by name), with its
    kern, in numeric order; a PC4 shared by two kernen goes with the first."""
    pairs = {}
    for community in communities:
        for pc4 in pc4_list(community.postcodes):
            pairs.setdefault(pc4, community)
    return sorted(pairs.items())


@dataclass(frozen=True)
class FindData:
    """The register rows the find page shows to every visitor alike (read-only)."""

    municipality: object
    communities: list  # ordered by name
    pc4s: list[tuple[str, object]]  # municipality_pc4s
    points: list[SupportPoint]  # candidate_points
    version: str  # public_data_version() read before these rows: keys the template fragment

    @property
    def known_pc4s(self) -> str:
        return " ".join(code for code, _community in self.pc4s)


def find_data(slug: str) -> FindData:
    """FindData for the municipality with this slug (404 when there is none; not kept)."""
    version = public_data_version()

    def build() -> FindData:
        municipality = municipality_or_404(slug)
        communities = list(municipality.communities.order_by("name"))
        return FindData(municipality, communities, municipality_pc4s(communities),
                        candidate_points(municipality), version)

    return public_register_data(("portal-find", slug), build, version)


def distance_note(near: NearbyPoint) -> str:
    if near.point_at_community_centre and near.from_area:
        return _("afstand ongeveer, gemeten tussen dorpskernen")
    if near.point_at_community_centre:
        return _("afstand ongeveer, gemeten tot het midden van %(kern)s") % {
            "kern": near.point.community.name}
    if near.from_area:
        return _("afstand ongeveer, gemeten vanaf het midden van uw postcodegebied")
    return ""


def where_text(location: Location, community) -> str:
    if location.precision == "address":
        return location.label
    if location.precision == "postcode":
        return _("postcode %(postcode)s") % {"postcode": location.label}
    if community is not None:
        return _("postcodegebied %(pc4)s (%(kern)s)") % {"pc4": location.pc4,
                                                         "kern": community.name}
    return _("postcodegebied %(pc4)s") % {"pc4": location.pc4}


def result_for(data: FindData, location: Location | None, postcode: str,
               notices: list[str]) -> dict:
    """Everything the result part of the page shows."""
    if location is None:
        return {"found": False, "postcode": postcode, "notices": notices}
    municipality = data.municipality
    community = community_for_pc4(location.pc4, municipality, communities=data.communities)
    if community is None:
        notices.append(_("Deze postcode ligt niet in gemeente %(name)s. U ziet de noodsteunpunten "
                         "van %(name)s die het dichtst bij zijn.") % {"name": municipality.name})
    nearby = nearest_support_points(municipality, location, community=community,
                                    from_area=location.is_approximate, candidates=data.points)
    return {
        "found": True,
        "where": where_text(location, community),
        "community": community,
        "notices": notices,
        "points": [{"near": near, "note": distance_note(near),
                    "status": status_in_words(near.point),
                    "facilities": near.facilities} for near in nearby],
    }


def search(data: FindData, postcode: str, house_number: str) -> dict:
    """Geocode (PDOK or offline, by setting) and find the nearest points; never raises."""
    notices = []
    if len(postcode) == 4 and house_number:
        notices.append(_("U vulde alleen de 4 cijfers van de postcode in. Daarom zoeken we op "
                         "postcodegebied en gebruiken we het huisnummer niet."))
        house_number = ""
    geocoder = get_geocoder(data.municipality, data.communities)
    offline = OfflineGeocoder(data.municipality, data.communities)
    try:
        location = geocoder.locate(postcode, house_number or None)
    except GeocodingError as error:
        # The error says what failed, never what the visitor typed.
        logger.warning("Geocoder %s failed (%s); using the offline fallback",
                       geocoder.source, type(error).__name__)
        location = offline.locate(postcode)
        notices.append(_("De adreszoeker werkt nu niet. We zoeken daarom op postcodegebied. "
                         "De afstanden zijn ongeveer."))
    else:
        if location is None and geocoder.source != offline.source:
            location = offline.locate(postcode)
            if location is not None:
                notices.append(_("We vonden dit adres niet. We zoeken daarom op postcodegebied. "
                                 "De afstanden zijn ongeveer."))
    return result_for(data, location, postcode, notices)


def _render(request, data: FindData, form, result, pc4=None):
    context = page_context(data.municipality, communities=data.communities, form=form,
                           result=result, pc4=pc4, pc4s=data.pc4s, known_pc4s=data.known_pc4s,
                           cache_seconds=settings.PORTAL_CACHE_SECONDS,
                           data_version=data.version)
    return render(request, "portal/find/find.html", context)


def find(request, municipality):
    data = find_data(municipality)
    submitted = "postcode" in request.GET or "huisnummer" in request.GET
    form = FindForm(request.GET if submitted else None)
    result = None
    if submitted and form.is_valid():
        result = search(data, form.cleaned_data["postcode"], form.cleaned_data["huisnummer"])
    return _render(request, data, form, result)


def find_pc4(request, municipality, pc4):
    data = find_data(municipality)
    if pc4 not in dict(data.pc4s):
        raise Http404(_("Deze postcode hoort niet bij deze gemeente."))
    location = OfflineGeocoder(data.municipality, data.communities).locate(pc4)
    result = result_for(data, location, pc4, [])
    return _render(request, data, FindForm(initial={"postcode": pc4}), result, pc4=pc4)


urlpatterns: list = [
    path("noodsteunpunt/", find, name="find"),
    path("noodsteunpunt/<str:pc4>/", find_pc4, name="find_pc4"),
]
