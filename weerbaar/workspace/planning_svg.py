"""A printable, server-rendered SVG map of a municipality's noodsteunpunt planning.

Residents (demand points) are grey dots whose area follows their number; each location is a
numbered marker, filled when it is in the shown set and open when it is not; a dashed circle
around every point of the set shows the norm's distance (as the crow flies: the maximum
distance divided by the detour factor). No tiles, no external requests; the page puts a table
with the same numbers beside the map for screen readers and print.
"""

from __future__ import annotations

from html import escape

import numpy as np
from django.utils.translation import gettext as _

from weerbaar.reports.svgmap import _format_length, _marker, _nice_length

WIDTH = 640
MAP_HEIGHT = 520
PADDING = 30


def render_planning_map(*, title: str, demand_xy: np.ndarray, demand_weight: np.ndarray,
                        sites: list[tuple[int, str, float, float, bool]], radius_m: float,
                        synthetic: bool, id_prefix: str = "planningskaart") -> str:
    """sites: (number, name, x, y, in_set) in RD New metres."""
    xs = [s[2] for s in sites] + (demand_xy[:, 0].tolist() if len(demand_xy) else [])
    ys = [s[3] for s in sites] + (demand_xy[:, 1].tolist() if len(demand_xy) else [])
    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-beschrijving"
    chosen = sum(1 for s in sites if s[4])
    desc = _("%(sites)s locaties, waarvan %(chosen)s in deze set; %(points)s vraagpunten. "
             "De cirkels tonen de ingestelde afstand hemelsbreed.") % {
        "sites": len(sites), "chosen": chosen, "points": len(demand_xy)}
    if synthetic:
        desc += " " + _("De vraagpunten zijn synthetisch (verzonnen voor de demo).")
    height = MAP_HEIGHT + 120
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="kaart" viewBox="0 0 {WIDTH} {height}" '
           f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{title_id} {desc_id}" '
           f'font-family="DejaVu Sans, Arial, sans-serif">',
           f'<title id="{title_id}">{escape(title)}</title>',
           f'<desc id="{desc_id}">{escape(desc)}</desc>',
           f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{MAP_HEIGHT - 1}" fill="#ffffff" '
           f'stroke="#1a1a1a"/>']
    if not xs:
        out.append(f'<text x="{WIDTH / 2}" y="{MAP_HEIGHT / 2}" text-anchor="middle" font-size="15">'
                   f'{escape(_("Geen locaties en geen vraagpunten"))}</text></svg>')
        return "\n".join(out)
    inner_w, inner_h = WIDTH - 2 * PADDING, MAP_HEIGHT - 2 * PADDING
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    span = max((max(xs) - min(xs)) / inner_w, (max(ys) - min(ys)) / inner_h, 1500 / inner_w) * 1.08
    mpp = span  # metres per pixel

    def project(x: float, y: float) -> tuple[float, float]:
        return WIDTH / 2 + (x - cx) / mpp, MAP_HEIGHT / 2 - (y - cy) / mpp

    top = float(demand_weight.max()) if len(demand_weight) else 1.0
    for (x, y), w in zip(demand_xy, demand_weight, strict=True):
        px, py = project(x, y)
        r = 1.2 + 3.5 * (float(w) / top) ** 0.5 if top > 0 else 1.2
        out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{r:.1f}" fill="#6b6b6b" fill-opacity="0.55"/>')
    for _number, _name, x, y, in_set in sites:
        if in_set:
            px, py = project(x, y)
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{radius_m / mpp:.1f}" fill="none" '
                       f'stroke="#00548a" stroke-width="1.5" stroke-dasharray="6 4"/>')
    for number, _name, x, y, in_set in sites:
        px, py = project(x, y)
        out.append(_marker(px, py, number, approximate=not in_set))
    length = _nice_length(mpp, inner_w * 0.3)
    if length:
        px_len = length / mpp
        sx, sy = PADDING - 10, MAP_HEIGHT - 14
        out.append(f'<path d="M{sx},{sy - 6} L{sx},{sy} L{sx + px_len:.1f},{sy} L{sx + px_len:.1f},'
                   f'{sy - 6}" fill="none" stroke="#1a1a1a" stroke-width="2"/>')
        out.append(f'<text x="{sx + px_len / 2:.1f}" y="{sy - 8}" text-anchor="middle" font-size="14" '
                   f'fill="#1a1a1a">{escape(_format_length(length))}</text>')
    rows = [(_marker(18, 0, 1, False), _("Locatie in deze set, met het nummer uit de tabel")),
            (_marker(18, 0, 2, True), _("Locatie buiten deze set")),
            ('<circle cx="18" cy="0" r="4" fill="#6b6b6b" fill-opacity="0.55"/>',
             _("Inwoners (groter = meer)") + (" — " + _("synthetisch") if synthetic else "")),
            ('<path d="M6,0 L30,0" stroke="#00548a" stroke-width="1.5" stroke-dasharray="6 4"/>',
             _("Ingestelde afstand (hemelsbreed)"))]
    out.append(f'<g class="legenda" transform="translate(0 {MAP_HEIGHT + 16})">')
    for i, (symbol, text) in enumerate(rows):
        out.append(f'<g transform="translate(8 {10 + i * 26})">{symbol}<text x="38" y="5" '
                   f'font-size="14" fill="#1a1a1a">{escape(text)}</text></g>')
    out.append("</g></svg>")
    return "\n".join(out)
