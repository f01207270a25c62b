"""GeoJSON validation without GIS system libraries (geometry is stored as WGS84 GeoJSON)."""

import json
import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

GEOMETRY_TYPES = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
}


def _positions(coords):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        yield coords
        return
    if not isinstance(coords, (list, tuple)):
        raise ValidationError(_("Coördinaten moeten lijsten van getallen zijn."))
    for item in coords:
        yield from _positions(item)


def _is_number(value) -> bool:
    """A finite real number (JSON has no NaN; True is not a coordinate)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def validate_geojson(value) -> None:
    """Accept a GeoJSON geometry in WGS84 (lon, lat), or nothing."""
    if value in (None, ""):
        return
    if (not isinstance(value, dict) or not isinstance(value.get("type"), str)
            or value["type"] not in GEOMETRY_TYPES):
        raise ValidationError(
            _("Geen geldige GeoJSON-geometrie: verwacht type %(types)s.")
            % {"types": ", ".join(sorted(GEOMETRY_TYPES))}
        )
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        raise ValidationError(_("Geen geldige JSON: gebruik alleen gewone getallen "
                                "(geen NaN of oneindig).")) from None
    coords = value.get("coordinates")
    if coords in (None, []):
        raise ValidationError(_("GeoJSON-geometrie zonder coördinaten."))
    found = False
    for position in _positions(coords):
        found = True
        if len(position) < 2:
            raise ValidationError(_("Een positie heeft minstens lengte- en breedtegraad."))
        lon, lat = position[0], position[1]
        if not all(_is_number(n) for n in position):
            raise ValidationError(_("Coördinaten moeten lijsten van getallen zijn."))
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValidationError(
                _("Coördinaat (%(lon)s, %(lat)s) ligt buiten WGS84 (lengtegraad, breedtegraad).")
                % {"lon": lon, "lat": lat}
            )
    if not found:
        raise ValidationError(_("GeoJSON-geometrie zonder coördinaten."))


def point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}
