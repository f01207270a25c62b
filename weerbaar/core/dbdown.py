"""When the database is unreachable, every page answers a friendly 503, never a trace.

A failing database surfaces as django.db OperationalError or InterfaceError, raised in a
view (process_exception) or in another middleware, e.g. the session saving its row after
the view. Django turns the latter into a 500 response before it reaches us, so a
got_request_exception receiver marks the request and the middleware swaps that 500 for the
503 page. The page is rendered from a stand-alone template without a request context: no
session, no user, no query. It points to the static export and the printed editions,
which the web server keeps serving from disk (docs/deploy/nginx.conf.example).
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 120
DATABASE_ERRORS = (OperationalError, InterfaceError)
_MARK = "_weerbaar_database_down"


def is_database_down_error(error: BaseException | None) -> bool:
    """True for the errors a lost or refused database connection raises."""
    return isinstance(error, DATABASE_ERRORS)


def database_down_response() -> HttpResponse:
    """The 503 page; it must not need the database, a session or a logged-in user."""
    context = {"static_site_url": settings.OFFLINE_SITE_URL,
               "editions_url": settings.OFFLINE_EDITIONS_URL,
               "retry_minutes": RETRY_AFTER_SECONDS // 60}
    try:
        body = render_to_string("errors/503.html", context)
    except Exception:  # the page for a broken system must itself never break
        body = ("De website is tijdelijk niet beschikbaar. Probeer het over een paar minuten "
                "opnieuw.\nThe website is temporarily unavailable. Please try again in a few "
                "minutes.\n")
        response = HttpResponse(body, status=503, content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@receiver(got_request_exception, dispatch_uid="weerbaar.core.dbdown.mark")
def _mark_database_down(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """Called by Django while it handles an uncaught exception (sys.exc_info() is set)."""
    if request is not None and is_database_down_error(sys.exc_info()[1]):
        setattr(request, _MARK, True)


class DatabaseDownMiddleware:
    """Place near the top of MIDDLEWARE, so it sees what the inner middleware raised."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, _MARK, False) and response.status_code >= 500:
            return self._down(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_down_error(exception):
            return self._down(request)
        return None

    def _down(self, request: HttpRequest) -> HttpResponse:
        logger.error("database unreachable; answered 503 for %s", request.path)
        return database_down_response()
