"""Login routes. The OIDC callback stays outside the language prefix: the provider knows one
redirect address."""

from django.contrib.auth import views as auth_views
from django.urls import path

from weerbaar.accounts.oidc import OIDCCallbackView, OIDCStartView
from weerbaar.accounts.views import StaffLoginView, TwoFactorSetupView, TwoFactorVerifyView

# Inside i18n_patterns (Dutch unprefixed, English under /en/).
login_patterns = [
    path("login/", StaffLoginView.as_view(), name="login"),
    path("login/code/", TwoFactorVerifyView.as_view(), name="two_factor_verify"),
    path("login/app-koppelen/", TwoFactorSetupView.as_view(), name="two_factor_setup"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The admin's own login form would bypass the OIDC choice: one login page for everything.
    path("beheer/login/", StaffLoginView.as_view(), name="admin_login"),
]

oidc_patterns = [
    path("oidc/start/", OIDCStartView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", OIDCCallbackView.as_view(), name="oidc_authentication_callback"),
]
