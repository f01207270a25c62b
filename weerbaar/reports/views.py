"""Restricted crisis editions for the crisis organisation and emergency services.

Only the roles declared in accounts.roles VIEW_ACCESS may open these routes (programme
bureau and crisis organisation); partners and key figures get 403, anonymous visitors the
login page. Every generated edition is logged (reports.pdf.crisis_pdf).
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from weerbaar.accounts.decorators import roles_required
from weerbaar.accounts.models import role_of
from weerbaar.accounts.roles import Role
from weerbaar.places.models import Community, Municipality
from weerbaar.reports import pdf


def generated_by(user) -> str:
    """Who generated an edition, as printed on it and logged: account and role."""
    name = user.get_full_name() or user.get_username()
    role = role_of(user)
    if role:
        return f"{name} ({Role(role).label})"
    return f"{name} (beheerder)" if user.is_superuser else name


def _edition_list(request):
    municipalities = Municipality.objects.order_by("name").prefetch_related("communities")
    return render(request, "reports/index.html", {"municipalities": municipalities})


@roles_required("reports:index")
def index(request):
    return _edition_list(request)


@never_cache
@roles_required("reports:crisis")
def crisis(request, municipality: str | None = None, community: str | None = None):
    """The crisis edition as PDF: the whole municipality, or one kern. Without a
    municipality (the bare route) the list of editions."""
    if municipality is None:
        return _edition_list(request)
    place = get_object_or_404(Municipality, slug=municipality)
    kern = get_object_or_404(Community, municipality=place, slug=community) if community else None
    # Why: optional ?reden= (the editions list asks for it); recorded in the audit trail.
    printed = pdf.crisis_pdf(place, kern, generated_by(request.user), via=f"web {request.path}",
                             user=request.user, reason=request.GET.get("reden", "")[:300])
    response = HttpResponse(printed.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{printed.filename}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
