from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from weerbaar.core import views as core_views

admin.site.site_header = "Weerbaar"
admin.site.site_title = "Weerbaar"
admin.site.index_title = "Registers"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="workspace:dashboard"), name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("health/", lambda request: HttpResponse("ok", content_type="text/plain"),
         name="health"),
    path("werkruimte/", include("weerbaar.workspace.urls")),
    path("beheer/", admin.site.urls),
]

handler400 = "weerbaar.core.views.bad_request"
handler403 = "weerbaar.core.views.permission_denied"
handler404 = "weerbaar.core.views.page_not_found"
handler500 = "weerbaar.core.views.server_error"
