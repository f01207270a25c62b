"""Staff pages for the planning of noodsteunpunten: coverage, the recommended set, "what if
this building is unavailable" and a printable map.

The crisis organisation reads; only roles that may edit planning.candidatesite (the programme
office) may change a location's status here. Norms are the municipality's own settings and
every page says they are not official.
"""

from __future__ import annotations

import numpy as np
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from weerbaar.accounts.decorators import roles_required
from weerbaar.accounts.models import role_of
from weerbaar.accounts.roles import Access, access_for
from weerbaar.places.models import Municipality
from weerbaar.planning import services
from weerbaar.planning.models import CandidateSite
from weerbaar.workspace.planning_svg import render_planning_map
from weerbaar.workspace.views import _chosen_municipality


def may_edit(user) -> bool:
    return user.is_superuser or access_for(role_of(user), "planning.candidatesite") == Access.EDIT


def _municipality(request) -> tuple[Municipality | None, list[Municipality]]:
    municipalities = list(Municipality.objects.order_by("name"))
    return _chosen_municipality(request, municipalities), municipalities


def _query(municipality: Municipality | None) -> str:
    return f"?gemeente={municipality.cbs_code}" if municipality else ""


@roles_required("workspace:planning")
@require_http_methods(["GET", "POST"])
def planning(request):
    municipality, municipalities = _municipality(request)
    if request.method == "POST":
        return _change_status(request, municipality)
    info = services.overview(municipality) if municipality else None
    everything = None
    if info and info.demand is not None and info.sites:
        usable = [s.id for s in info.sites if s.status != CandidateSite.Status.EXCLUDED]
        everything = services.set_coverage(info.demand, info.sites, services.site_xy(info.sites),
                                           usable, info.norm)
    context = {
        "today": timezone.localdate(), "municipality": municipality,
        "municipalities": municipalities, "info": info, "everything": everything,
        "may_edit": may_edit(request.user), "statuses": CandidateSite.Status.choices,
        "query": _query(municipality),
        "scores": services.scores_of(municipality) if municipality else [],
        "has_buurten": bool(info and info.demand and any(
            n != _("Buurt onbekend") for n in info.demand.neighbourhood)),
    }
    return render(request, "planning/overview.html", context)


def _change_status(request, municipality):
    if not may_edit(request.user):
        raise PermissionDenied
    raw = request.POST.get("locatie", "").strip()
    site = (CandidateSite.objects.filter(pk=int(raw), municipality=municipality).first()
            if raw.isdigit() else None)
    status = request.POST.get("status", "")
    url = reverse("workspace:planning") + _query(municipality)
    if site is None:
        messages.error(request, _("Die locatie bestaat niet (meer) in deze gemeente."))
    elif status not in CandidateSite.Status.values:
        messages.error(request, _("Kies een geldige status voor %(name)s.") % {"name": site.name})
    else:
        site.status = status
        site.save()
        messages.success(request, _("Status van %(name)s is nu ‘%(status)s’.") % {
            "name": site.name, "status": site.get_status_display()})
    return HttpResponseRedirect(url)


@roles_required("workspace:planning_whatif")
def planning_whatif(request):
    municipality, municipalities = _municipality(request)
    info = services.overview(municipality) if municipality else None
    base = "recommended" if request.GET.get("basis") == "aanbevolen" else "current"
    if info and base == "current" and not info.current_sites:
        base = "recommended"
    result, error = None, ""
    raw = request.GET.get("locatie", "").strip()
    if raw:
        if not raw.isdigit() or not any(s.id == int(raw) for s in (info.sites if info else [])):
            error = _("Kies een locatie uit de lijst.")
        else:
            result = services.what_if(municipality, int(raw), base=base)
    context = {"municipality": municipality, "municipalities": municipalities, "info": info,
               "result": result, "error": error, "base": base, "query": _query(municipality),
               "chosen": int(raw) if raw.isdigit() else None}
    return render(request, "planning/whatif.html", context)


SETS = {"aanbevolen": gettext_lazy("Aanbevolen set"), "huidig": gettext_lazy("Huidige noodsteunpunten"),
        "alle": gettext_lazy("Alle bruikbare locaties")}


@roles_required("workspace:planning_map")
def planning_map(request):
    municipality, _all = _municipality(request)
    if municipality is None:
        raise Http404
    info = services.overview(municipality)
    which = request.GET.get("set", "aanbevolen")
    if which not in SETS:
        which = "aanbevolen"
    if which == "aanbevolen":
        chosen = info.recommended_ids
    elif which == "huidig":
        chosen = {s.id for s in info.current_sites}
    else:
        chosen = {s.id for s in info.sites if s.status != CandidateSite.Status.EXCLUDED}
    xy = services.site_xy(info.sites) if info.sites else np.zeros((0, 2))
    numbered = [(i + 1, s, s.id in chosen) for i, s in enumerate(info.sites)]
    coverage = None
    if info.demand is not None and info.sites:
        coverage = services.set_coverage(info.demand, info.sites, xy, [s.id for s in info.sites
                                                                       if s.id in chosen], info.norm)
    loads = {load.site.id: load for load in (coverage.loads if coverage else [])}
    svg = render_planning_map(
        title=_("%(set)s in %(name)s") % {"set": SETS[which], "name": municipality.name},
        demand_xy=info.demand.xy if info.demand else np.zeros((0, 2)),
        demand_weight=info.demand.inhabitants if info.demand else np.zeros(0),
        sites=[(n, s.name, float(xy[n - 1, 0]), float(xy[n - 1, 1]), in_set) for n, s, in_set in numbered],
        radius_m=info.norm.max_distance_m / info.norm.detour_factor,
        synthetic=bool(info.demand and info.demand.synthetic))
    rows = [(n, s, in_set, loads[s.id].residents if s.id in loads else None)
            for n, s, in_set in numbered]
    context = {"municipality": municipality, "info": info, "svg": mark_safe(svg),  # noqa: S308 - built with escape()
               "rows": rows, "coverage": coverage, "which": which,
               "set_label": SETS[which], "sets": SETS, "today": timezone.localdate(),
               "query": _query(municipality)}
    return render(request, "planning/map.html", context)
