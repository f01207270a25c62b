"""A tiny site for the crawler tests: it does not depend on the portal's pages."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path

HOME = """<!doctype html><html lang="nl"><head><title>Thuis</title>
<link rel="stylesheet" href="/static/weerbaar/tokens.css">
<style>main { background: url('/static/weerbaar/site.css'); }</style></head><body>
<a href="/testgemeente/a/">A</a> <a href="a/#deel">relatief</a>
<a href="/testgemeente/b">doorverwijzing</a> <a href="/en/testgemeente/">English</a>
<a href="https://example.org/">extern</a> <a href="http://testserver/testgemeente/a/">absoluut</a>
<a href="/testgemeente/a/?q=1">zoekvraag</a> <a href="mailto:x@example.org">mail</a>
<a href="/testgemeente/agenda.ics">agenda</a> <a href="/">root</a>
<form action="/testgemeente/zoek/" method="get"><input name="q"></form>
<div data-base="/testgemeente/zoek/"></div><a href="#boven">boven</a>
</body></html>"""

PAGE = """<!doctype html><html lang="{lang}"><head><title>{title}</title>
<link rel="stylesheet" href="/static/weerbaar/tokens.css"></head><body>
<a href="/testgemeente/">thuis</a> <a href="/en/testgemeente/a/">en</a> {extra}</body></html>"""


def home(request):
    return HttpResponse(HOME)


def page(request, title="A", lang="nl", extra=""):
    return HttpResponse(PAGE.format(title=title, lang=lang, extra=extra))


urlpatterns = [
    path("testgemeente/", home),
    path("testgemeente/a/", page),
    path("testgemeente/b", lambda request: redirect("/testgemeente/c/")),
    path("testgemeente/c/", page, {"title": "C"}),
    path("testgemeente/zoek/", page, {"title": "Zoek", "extra": '<a href="/testgemeente/kapot/">x</a>'}),
    path("testgemeente/agenda.ics", lambda request: HttpResponse("BEGIN:VCALENDAR",
                                                                  content_type="text/calendar")),
    path("en/testgemeente/", page, {"title": "Home", "lang": "en"}),
    path("en/testgemeente/a/", page, {"title": "A", "lang": "en"}),
    path("", lambda request: HttpResponse("<html><body><a href='/andere/'>x</a></body></html>")),
]
