"""Public pages are the same for every visitor, so they are cached for a short while.

Only plain GETs without a query string are cached: anything a visitor typed (a postcode, the
calculator's numbers, the household plan) is never kept, not even in the cache.
"""

from functools import wraps

from django.conf import settings
from django.views.decorators.cache import cache_page


def public_cache(view):
    seconds = settings.PORTAL_CACHE_SECONDS
    if seconds <= 0:
        return view
    cached = cache_page(seconds)(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and not request.GET:
            return cached(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return wrapped
