"""Server-rendered SVG charts: no JavaScript, readable in print, and the same numbers as the
data table beside them (the table is what screen readers use; the SVG has a title and desc)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


@dataclass(frozen=True)
class ChartPoint:
    day: date
    label: str
    value: float
    low: float | None = None
    high: float | None = None
    unreliable: bool = False


def _percent(value: float) -> str:
    return f"{int(value * 100 + 0.5)} %"


def wave_chart(points: list[ChartPoint], *, ident: str, title: str, start: date, end: date,
               target: float | None = None, path: tuple[tuple[date, float], tuple[date, float]] | None = None,
               description: str = "") -> str:
    """A point chart of the waves with interval whiskers, the target line and the path.

    ``ident`` makes the element ids unique on the page; ``start``/``end`` bound the time
    axis (programme start to deadline); ``path`` is the straight line from the baseline wave
    to the target.
    """
    end = max([end, *(p.day for p in points)])
    start = min([start, *(p.day for p in points)])
    span = max((end - start).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return round(LEFT + plot_w * (day - start).days / span, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - min(max(value, 0.0), 1.0)), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}" '
                     'stroke="#d0d0d0" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end" '
                     f'font-size="11" fill="#333">{_percent(tick)}</text>')
    for year in range(start.year + (start.month > 1 or start.day > 1), end.year + 1):
        day = date(year, 1, 1)
        parts.append(f'<line x1="{x(day)}" x2="{x(day)}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" '
                     'stroke="#e4e4e4" stroke-width="1"/>')
        parts.append(f'<text x="{x(day)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                     f'font-size="11" fill="#333">{year}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="#333"/>')
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" '
                 f'y2="{HEIGHT - BOTTOM}" stroke="#333"/>')
    if target is not None:
        parts.append(f'<line class="target" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(target)}" '
                     f'y2="{y(target)}" stroke="#1a7f37" stroke-width="2" stroke-dasharray="6 4"/>')
        parts.append(f'<text x="{WIDTH - RIGHT}" y="{y(target) - 5}" text-anchor="end" '
                     f'font-size="11" fill="#1a5c2a">{escape(_("streefwaarde"))} '
                     f'{_percent(target)}</text>')
    if path is not None:
        (d0, v0), (d1, v1) = path
        parts.append(f'<line class="path" x1="{x(d0)}" y1="{y(v0)}" x2="{x(d1)}" y2="{y(v1)}" '
                     'stroke="#555" stroke-width="1.5" stroke-dasharray="2 3"/>')
    for point in points:
        cx, cy = x(point.day), y(point.value)
        if point.low is not None and point.high is not None:
            lo, hi = y(point.low), y(point.high)
            parts.append(f'<line class="whisker" x1="{cx}" x2="{cx}" y1="{hi}" y2="{lo}" '
                         'stroke="#0b4f8a" stroke-width="2"/>')
            for end_y in (lo, hi):
                parts.append(f'<line x1="{cx - 5}" x2="{cx + 5}" y1="{end_y}" y2="{end_y}" '
                             'stroke="#0b4f8a" stroke-width="2"/>')
        fill = "#ffffff" if point.unreliable else "#0b4f8a"
        parts.append(f'<circle class="wave" cx="{cx}" cy="{cy}" r="5" fill="{fill}" '
                     f'stroke="#0b4f8a" stroke-width="2"><title>{escape(point.label)}: '
                     f'{_percent(point.value)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)

