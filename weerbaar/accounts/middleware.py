"""Security middleware: Permissions-Policy header and the second factor for password logins."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from weerbaar.accounts.roles import is_public_route

PASSWORD_BACKENDS = {"django.contrib.auth.backends.ModelBackend"}
# Routes an account that still owes its second factor may open.
TWO_FACTOR_ROUTES = {"two_factor_verify", "two_factor_setup", "logout", "login"}


class PermissionsPolicyMiddleware:
    """Switch off browser features no Weerbaar page uses (camera, location, payment, …)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def owes_second_factor(request: HttpRequest) -> bool:
    """A local password login without a verified one-time code, while 2FA is required.

    OIDC logins are exempt: the identity provider is where the municipality enforces MFA.
    """
    user = getattr(request, "user", None)
    if not settings.WEERBAAR_REQUIRE_2FA or user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)  # set by django_otp's middleware
    if callable(is_verified) and is_verified():
        return False
    return request.session.get(BACKEND_SESSION_KEY) in PASSWORD_BACKENDS


def second_factor_url(request: HttpRequest, next_url: str) -> str:
    from django_otp import user_has_device

    name = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class TwoFactorRequiredMiddleware:
    """Deny by default: until the code is verified, only public and 2FA routes open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not owes_second_factor(request):
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in TWO_FACTOR_ROUTES or (is_public_route(name) and not name.startswith("admin:")):
            return None
        return HttpResponseRedirect(second_factor_url(request, request.get_full_path()))
