"""GeoJSON validation without GIS system libraries (geometry is stored as WGS84 GeoJSON)."""

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


def validate_geojson(value) -> None:
    """Accept a GeoJSON geometry in WGS84 (lon, lat), or nothing."""
    if value in (None, ""):
        return
    if not isinstance(value, dict) or value.get("type") not in GEOMETRY_TYPES:
        raise ValidationError(
            _("Geen geldige GeoJSON-geometrie: verwacht type %(types)s.")
            % {"types": ", ".join(sorted(GEOMETRY_TYPES))}
        )
    coords = value.get("coordinates")
    if coords in (None, []):
        raise ValidationError(_("GeoJSON-geometrie zonder coördinaten."))
    for position in _positions(coords):
        if len(position) < 2:
            raise ValidationError(_("Een positie heeft minstens lengte- en breedtegraad."))
        lon, lat = position[0], position[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValidationError(
                _("Coördinaat (%(lon)s, %(lat)s) ligt buiten WGS84 (lengtegraad, breedtegraad).")
                % {"lon": lon, "lat": lat}
            )


def point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}
