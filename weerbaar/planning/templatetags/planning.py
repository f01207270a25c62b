"""Number formats of the planning pages: Dutch style, unknown shown as "—"."""

from django import template

register = template.Library()


@register.filter
def pct(value) -> str:
    if value is None:
        return "—"
    return f"{int(float(value) * 100 + 0.5)} %"


@register.filter
def num(value) -> str:
    if value is None:
        return "—"
    return f"{int(round(float(value))):,}".replace(",", ".")


@register.filter
def km(value) -> str:
    if value is None or value == float("inf"):
        return "—"
    return f"{float(value) / 1000:.1f} km".replace(".", ",")


@register.filter
def decimal2(value) -> str:
    if value is None:
        return "—"
    return f"{float(value):.2f}".replace(".", ",")
