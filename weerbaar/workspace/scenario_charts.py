"""Server-rendered SVG line charts for a scenario run (house style of monitor.charts): no
JavaScript, readable in print, a title and desc for assistive technology, and always a data
table with the same numbers beside them on the page."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
# Distinguishable for colour-blind readers (Okabe-Ito) and dashed as a second cue.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000,
                 20000, 50000, 100000):
        if value <= step * 4:
            return float(step * 4)
    return float(value * 1.1)


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def line_chart(series: Sequence[tuple[str, Sequence[float]]], *, ident: str, title: str,
               description: str, reference: tuple[str, float] | None = None) -> SafeString:
    """Lines over hours 0..n; ``reference`` is a labelled horizontal line (a capacity)."""
    hours = max((len(values) for _label, values in series), default=1) - 1
    hours = max(hours, 1)
    top = max([*(max(values, default=0) for _label, values in series),
               reference[1] if reference else 0])
    y_max = _nice_max(float(top))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(hour: float) -> float:
        return round(LEFT + plot_w * hour / hours, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - min(max(value, 0.0), y_max) / y_max), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    for tick in range(5):
        value = y_max * tick / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value)}" y2="{y(value)}" '
                     'stroke="#d0d0d0" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(value) + 4}" text-anchor="end" font-size="11" '
                     f'fill="#333">{_number(value)}</text>')
    step = 12 if hours > 36 else 6 if hours > 12 else 2
    for hour in range(0, hours + 1, step):
        parts.append(f'<text x="{x(hour)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                     f'font-size="11" fill="#333">{hour}</text>')
    parts.append(f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end" font-size="11" '
                 f'fill="#333">{escape(_("uren na het begin"))}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="#333"/>')
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" '
                 f'y2="{HEIGHT - BOTTOM}" stroke="#333"/>')
    if reference is not None:
        label, value = reference
        parts.append(f'<line class="capacity" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value)}" '
                     f'y2="{y(value)}" stroke="#1a7f37" stroke-width="2" stroke-dasharray="6 4"/>')
        parts.append(f'<text x="{WIDTH - RIGHT}" y="{y(value) - 5}" text-anchor="end" '
                     f'font-size="11" fill="#1a5c2a">{escape(label)}</text>')
    for number, (label, values) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        dash = DASHES[number % len(DASHES)]
        points = " ".join(f"{x(hour)},{y(float(value))}" for hour, value in enumerate(values))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polyline class="series" fill="none" stroke="{colour}" stroke-width="2"'
                     f'{dash_attr} points="{points}"><title>{escape(label)}</title></polyline>')
    parts.append("</svg>")
    # mark_safe: every text above went through escape().
    return mark_safe("".join(parts))
