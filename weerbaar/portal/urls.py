"""The public portal: one municipality per URL prefix, e.g. /bernheze/…; English under /en/.

Each view module owns its routes (relative to /<municipality>/); the role matrix treats
every route in this namespace as public.
"""

from django.urls import include, path

from weerbaar.portal.caching import public_cache
from weerbaar.portal.views import booklets, findpoint, pages, preparedness

app_name = "portal"

municipality_patterns = [
    *pages.urlpatterns,
    *preparedness.urlpatterns,
    *findpoint.urlpatterns,
    *booklets.urlpatterns,
]

for pattern in municipality_patterns:
    pattern.callback = public_cache(pattern.callback)

urlpatterns = [
    *pages.index_patterns,
    path("<slug:municipality>/", include(municipality_patterns)),
]
