"""Template filters for survey results (the interval of an IndicatorResult)."""

from django import template

from weerbaar.monitor.services import interval_display

register = template.Library()


@register.filter
def interval(result) -> str:
    """"41–49 %" for anything with ci_low / ci_high; "" when there is no interval."""
    low, high = getattr(result, "ci_low", None), getattr(result, "ci_high", None)
    if low is None or high is None:
        return ""
    return interval_display(low, high)
