"""What every public page shares: the municipality from the URL and the page context.

The public portal shows published fields only, stores nothing about visitors, sets no
cookies and loads nothing from other hosts.
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from weerbaar.places.models import Municipality


def municipality_or_404(slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug)


def page_context(municipality: Municipality, **extra) -> dict:
    """Context for portal/base.html: the municipality, its kernen and the 'stand per' date."""
    return {
        "municipality": municipality,
        "communities": municipality.communities.order_by("name"),
        "as_of": timezone.localdate(),
        **extra,
    }
