"""How django-axes sees a login attempt: the client's address behind trusted proxies only.

X-Forwarded-For can be forged by anyone; it is read only when LOGIN_TRUSTED_PROXY_COUNT says
how many of our own proxies append to it, and then the address the outermost trusted proxy
saw is used (counting from the right).
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    count = settings.LOGIN_TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def username_of(request: HttpRequest, credentials: dict | None) -> str | None:
    """Usernames are case-insensitive for lockout, so 'Anna' and 'anna' share one counter."""
    username = (credentials or {}).get("username")
    if username is None and request is not None and request.method == "POST":
        username = request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else username


def lockout_response(request: HttpRequest, original_response, credentials):
    """The friendly Dutch page (HTTP 429) that django-axes shows to a locked-out login."""
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, {"cooloff_minutes": minutes},
                  status=429)
