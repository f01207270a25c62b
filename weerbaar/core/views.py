"""Friendly error pages: a visitor never sees a stack trace."""

from django.shortcuts import render


def _error(request, status: int, template: str):
    try:
        return render(request, template, status=status)
    except Exception:  # the error page itself must never fail
        from django.http import HttpResponse

        return HttpResponse("Er ging iets mis. Something went wrong.", status=status,
                            content_type="text/plain; charset=utf-8")


def bad_request(request, exception=None):
    return _error(request, 400, "errors/400.html")


def permission_denied(request, exception=None):
    return _error(request, 403, "errors/403.html")


def page_not_found(request, exception=None):
    return _error(request, 404, "errors/404.html")


def server_error(request):
    return _error(request, 500, "errors/500.html")
