"""A simple, server-rendered SVG map of one kern: no tiles, no external requests.

The kern outline is drawn when its geometry is known, else a plain frame around the centre.
Support points are numbered markers at their own coordinates; without coordinates they stand
around the kern centre and are drawn dashed ("ligging bij benadering"). Distances are
computed in RD New (EPSG:28992), so the scale bar is in metres. The SVG carries a <title>
and <desc> and role="img"; the page puts a numbered list beside it with the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WIDTH = 600
MAP_HEIGHT = 400
LEGEND_ROW = 30
PADDING = 36
MIN_SPAN_M = 1500.0  # a map never shows less than this many metres across
MARKER_R = 12
NICE_LENGTHS_M = (50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000)


@dataclass(frozen=True)
class MapPoint:
    number: int
    label: str
    latitude: float | None = None
    longitude: float | None = None

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class MapMarker:
    number: int
    label: str
    approximate: bool  # placed at (around) the kern centre, not at its own coordinates


@dataclass(frozen=True)
class RenderedMap:
    svg: str
    markers: tuple[MapMarker, ...]
    has_outline: bool
    has_location: bool  # False: neither outline, centre nor any coordinates are known


@lru_cache(maxsize=1)
def _transformer():
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


def to_rd(latitude: float, longitude: float) -> tuple[float, float]:
    """WGS84 latitude/longitude to RD New x/y in metres."""
    x, y = _transformer().transform(longitude, latitude)
    return float(x), float(y)


def _rings(geometry: dict | None) -> list[list[tuple[float, float]]]:
    """Exterior and interior rings of a (Multi)Polygon, or lines, as lists of (lon, lat)."""
    if not geometry:
        return []
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return [[(p[0], p[1]) for p in ring] for ring in coords]
    if kind == "MultiPolygon":
        return [[(p[0], p[1]) for p in ring] for polygon in coords for ring in polygon]
    if kind == "LineString":
        return [[(p[0], p[1]) for p in coords]]
    if kind == "MultiLineString":
        return [[(p[0], p[1]) for p in line] for line in coords]
    return []


def _nice_length(metres_per_px: float, max_px: float) -> int | None:
    best = None
    for length in NICE_LENGTHS_M:
        if length / metres_per_px <= max_px:
            best = length
    return best


def _format_length(metres: int) -> str:
    if metres >= 1000:
        km = metres / 1000
        return f"{km:g} km".replace(".", ",")
    return f"{metres} m"


def render_map(*, name: str, points: list[MapPoint], centre: tuple[float, float] | None = None,
               geometry: dict | None = None, id_prefix: str = "kaart") -> RenderedMap:
    """Render the map of one kern.

    name: the kern's name (in the title); centre: (latitude, longitude) or None;
    geometry: the kern's GeoJSON outline (WGS84) or None; id_prefix: unique per page.
    """
    rings_rd = [[to_rd(lat, lon) for lon, lat in ring] for ring in _rings(geometry)]
    rings_rd = [ring for ring in rings_rd if len(ring) >= 2]
    centre_rd = to_rd(*centre) if centre else None
    located = {p.number: to_rd(p.latitude, p.longitude) for p in points if p.has_location}

    anchor_xy = [xy for ring in rings_rd for xy in ring] + list(located.values())
    if centre_rd:
        anchor_xy.append(centre_rd)
    has_location = bool(anchor_xy)

    inner_w, inner_h = WIDTH - 2 * PADDING, MAP_HEIGHT - 2 * PADDING
    if has_location:
        xs, ys = [x for x, _y in anchor_xy], [y for _x, y in anchor_xy]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        span_x = max(max(xs) - min(xs), MIN_SPAN_M) * 1.15
        span_y = max(max(ys) - min(ys), MIN_SPAN_M * inner_h / inner_w) * 1.15
        metres_per_px = max(span_x / inner_w, span_y / inner_h)

        def project(xy: tuple[float, float]) -> tuple[float, float]:
            return (WIDTH / 2 + (xy[0] - cx) / metres_per_px,
                    MAP_HEIGHT / 2 - (xy[1] - cy) / metres_per_px)
    else:
        metres_per_px = None

        def project(xy):  # pragma: no cover - never called without a location
            raise ValueError

    # Where each marker goes: its own coordinates, or around the centre (approximate).
    unlocated = [p for p in points if not p.has_location]
    hub = project(centre_rd) if centre_rd else (WIDTH / 2, MAP_HEIGHT / 2)
    positions: dict[int, tuple[float, float]] = {p.number: project(xy) for p, xy in
                                                 ((p, located[p.number]) for p in points
                                                  if p.number in located)}
    if len(unlocated) == 1:
        positions[unlocated[0].number] = (hub[0], hub[1] - 2.4 * MARKER_R)
    else:
        ring_r = max(2.6 * MARKER_R, len(unlocated) * 2.6 * MARKER_R / (2 * math.pi))
        for i, p in enumerate(unlocated):
            angle = -math.pi / 2 + 2 * math.pi * i / max(len(unlocated), 1)
            positions[p.number] = (hub[0] + ring_r * math.cos(angle),
                                   hub[1] + ring_r * math.sin(angle))

    markers = tuple(MapMarker(p.number, p.label, approximate=not p.has_location) for p in points)
    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-beschrijving"
    title = _("Kaart van %(name)s met de noodsteunpunten") % {"name": name}
    desc = _describe(name, points, bool(rings_rd), centre_rd is not None, has_location)

    legend, legend_rows = _legend(bool(rings_rd), centre_rd is not None,
                                  any(m.approximate for m in markers))
    height = MAP_HEIGHT + 34 + legend_rows * LEGEND_ROW
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kaart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{MAP_HEIGHT - 1}" fill="#ffffff" '
        f'stroke="#1a1a1a" stroke-width="1"/>',
    ]
    for ring in rings_rd:
        d = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}"
                     for i, (x, y) in enumerate(project(xy) for xy in ring))
        out.append(f'<path d="{d} Z" fill="#f3f5f7" stroke="#00548a" stroke-width="2"/>')
    if centre_rd:
        x, y = hub
        out.append(f'<path d="M{x - 6:.1f},{y:.1f} L{x + 6:.1f},{y:.1f} M{x:.1f},{y - 6:.1f} '
                   f'L{x:.1f},{y + 6:.1f}" stroke="#1a1a1a" stroke-width="2"/>')
    if not has_location:
        unknown = escape(_("Ligging van de kern onbekend"))
        out.append(f'<text x="{WIDTH / 2}" y="{PADDING}" text-anchor="middle" font-size="15" '
                   f'fill="#1a1a1a">{unknown}</text>')

    for marker in markers:
        x, y = positions[marker.number]
        out.append(_marker(x, y, marker.number, marker.approximate))

    # North arrow (RD grid north is true north to within a degree here).
    nx, ny = WIDTH - PADDING + 8, PADDING - 14
    # Translators: the letter for north on the map.
    north = escape(_("N"))
    out.append(f'<path d="M{nx},{ny} L{nx - 7},{ny + 18} L{nx},{ny + 13} L{nx + 7},{ny + 18} Z" '
               f'fill="#1a1a1a"/>')
    out.append(f'<text x="{nx}" y="{ny + 32}" text-anchor="middle" font-size="13" '
               f'fill="#1a1a1a">{north}</text>')

    if metres_per_px:
        length = _nice_length(metres_per_px, inner_w * 0.35)
        if length:
            px = length / metres_per_px
            sx, sy = PADDING - 20, MAP_HEIGHT - 16
            out.append(f'<path d="M{sx},{sy - 6} L{sx},{sy} L{sx + px:.1f},{sy} L{sx + px:.1f},{sy - 6}" '
                       f'fill="none" stroke="#1a1a1a" stroke-width="2"/>')
            out.append(f'<text x="{sx + px / 2:.1f}" y="{sy - 8}" text-anchor="middle" '
                       f'font-size="15" fill="#1a1a1a">{escape(_format_length(length))}</text>')

    out.append(legend)
    out.append("</svg>")
    return RenderedMap(svg="\n".join(out), markers=markers, has_outline=bool(rings_rd),
                       has_location=has_location)


def _marker(x: float, y: float, number: int, approximate: bool) -> str:
    dash = ' stroke-dasharray="4 3"' if approximate else ""
    fill, text_fill = ("#ffffff", "#00548a") if approximate else ("#00548a", "#ffffff")
    return (f'<g class="marker"><circle cx="{x:.1f}" cy="{y:.1f}" r="{MARKER_R}" fill="{fill}" '
            f'stroke="#00548a" stroke-width="2.5"{dash}/>'
            f'<text x="{x:.1f}" y="{y + 5:.1f}" text-anchor="middle" font-size="14" '
            f'font-weight="bold" fill="{text_fill}">{number}</text></g>')


def _legend(outline: bool, centre: bool, approximate: bool) -> tuple[str, int]:
    top = MAP_HEIGHT + 14
    rows = [(_marker(18, 0, 1, False), _("Noodsteunpunt, met het nummer uit de lijst"))]
    if approximate:
        rows.append((_marker(18, 0, 2, True),
                     _("Ligging bij benadering: getekend bij het centrum")))
    if outline:
        rows.append(('<rect x="8" y="-7" width="20" height="14" fill="#f3f5f7" stroke="#00548a" '
                     'stroke-width="2"/>', _("Grens van de kern")))
    if centre:
        rows.append(('<path d="M12,0 L24,0 M18,-6 L18,6" stroke="#1a1a1a" stroke-width="2"/>',
                     _("Centrum van de kern")))
    heading = escape(_("Legenda"))
    parts = [f'<g class="legenda" transform="translate(0 {top})">',
             f'<text x="8" y="4" font-size="16" font-weight="bold" fill="#1a1a1a">{heading}</text>']
    for i, (symbol, text) in enumerate(rows):
        parts.append(f'<g transform="translate(8 {28 + i * LEGEND_ROW})">{symbol}'
                     f'<text x="38" y="5" font-size="15" fill="#1a1a1a">{escape(text)}</text></g>')
    parts.append("</g>")
    return "".join(parts), len(rows)


def _describe(name: str, points: list[MapPoint], outline: bool, centre: bool,
              has_location: bool) -> str:
    count = len(points)
    parts = [ngettext("Kaart van %(name)s met %(count)s noodsteunpunt.",
                      "Kaart van %(name)s met %(count)s noodsteunpunten.", count)
             % {"name": name, "count": count}]
    if not has_location:
        parts.append(_("De ligging van de kern is niet bekend; de kaart toont alleen de nummers."))
    elif outline:
        parts.append(_("De lijn is de grens van de kern."))
    else:
        parts.append(_("De grens van de kern is niet bekend; het kruis is het centrum."))
    approximate = sum(1 for p in points if not p.has_location)
    if approximate and has_location:
        parts.append(ngettext(
            "%(count)s punt heeft geen coördinaten en staat bij benadering bij het centrum.",
            "%(count)s punten hebben geen coördinaten en staan bij benadering bij het centrum.",
            approximate) % {"count": approximate})
    parts.append(_("De genummerde lijst bij de kaart geeft naam en adres van elk punt."))
    return " ".join(parts)
