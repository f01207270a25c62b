"""Health checks for a load balancer or monitoring: is the application up, is it ready?

``/health/`` says the application process answers (no database query, so it stays cheap and
says nothing about the database). ``/health/ready/`` also asks the database for one row: a
balancer that routes on it stops sending traffic to an instance that can only answer 503.
Neither says more than "ok" or "database unreachable": nothing about versions or hosts.
"""

from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse

from weerbaar.core.dbdown import RETRY_AFTER_SECONDS, is_database_down_error

logger = logging.getLogger(__name__)


def _plain(text: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(text, content_type="text/plain; charset=utf-8", status=status)
    response["Cache-Control"] = "no-store"
    return response


def alive(request: HttpRequest) -> HttpResponse:
    return _plain("ok")


def ready(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means not ready; only a lost database is expected
        if not is_database_down_error(error):
            logger.exception("readiness check failed")
        response = _plain("database unreachable", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _plain("ok")
