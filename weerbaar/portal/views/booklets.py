"""Public pages: booklets (routes relative to /<municipality>/).

The public community booklet as PDF: published fields only (reports.editions.public_booklet),
no personal data, no cookies, nothing stored about the visitor.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_safe

from weerbaar.places.models import Community
from weerbaar.portal.views.common import municipality_or_404
from weerbaar.reports.pdf import booklet_pdf


@require_safe
def booklet(request, municipality: str, community: str):
    place = municipality_or_404(municipality)
    kern = get_object_or_404(Community, municipality=place, slug=community)
    printed = booklet_pdf(kern)
    response = HttpResponse(printed.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{printed.filename}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


urlpatterns: list = [
    path("boekje/<slug:community>.pdf", booklet, name="booklet"),
]
