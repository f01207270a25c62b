"""Every route; language by URL prefix (Dutch unprefixed, English under /en/), never by cookie."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from weerbaar.accounts.urls import login_patterns, oidc_patterns
from weerbaar.core import health

admin.site.site_header = "Weerbaar"
admin.site.site_title = "Weerbaar"
admin.site.index_title = "Registers"

urlpatterns = [
    *oidc_patterns,
    path("health/", health.alive, name="health"),
    path("health/ready/", health.ready, name="health_ready"),
]

urlpatterns += i18n_patterns(
    *login_patterns,
    path("werkruimte/edities/", include("weerbaar.reports.urls")),
    path("werkruimte/audit/", include("weerbaar.audit.urls")),
    path("werkruimte/privacy/", include("weerbaar.privacy.urls")),
    path("werkruimte/", include("weerbaar.workspace.urls")),
    path("beheer/", admin.site.urls),
    path("", include("weerbaar.portal.urls")),
    prefix_default_language=False,
)

handler400 = "weerbaar.core.views.bad_request"
handler403 = "weerbaar.core.views.permission_denied"
handler404 = "weerbaar.core.views.page_not_found"
handler500 = "weerbaar.core.views.server_error"
