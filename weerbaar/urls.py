"""Every route; language by URL prefix (Dutch unprefixed, English under /en/), never by cookie."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path

admin.site.site_header = "Weerbaar"
admin.site.site_title = "Weerbaar"
admin.site.index_title = "Registers"

urlpatterns = [
    path("health/", lambda request: HttpResponse("ok", content_type="text/plain"),
         name="health"),
]

urlpatterns += i18n_patterns(
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("werkruimte/edities/", include("weerbaar.reports.urls")),
    path("werkruimte/", include("weerbaar.workspace.urls")),
    path("beheer/", admin.site.urls),
    path("", include("weerbaar.portal.urls")),
    prefix_default_language=False,
)

handler400 = "weerbaar.core.views.bad_request"
handler403 = "weerbaar.core.views.permission_denied"
handler404 = "weerbaar.core.views.page_not_found"
handler500 = "weerbaar.core.views.server_error"
