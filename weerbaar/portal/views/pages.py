"""Public information pages: the portal index, a municipality's home, a page per kern, where
to get help, "wat te doen bij…", the accessibility statement and the privacy page.

Routes in `urlpatterns` are relative to /<municipality>/; `index_patterns` sit at the portal
root. Only published fields reach a template: key figures are read as their public channel
alone (``values_list``), so a name, phone number or address cannot leak by a template slip.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from weerbaar.network.models import HelpService, Organisation
from weerbaar.network.services import public_channels
from weerbaar.places.models import Community, Municipality
from weerbaar.portal import content
from weerbaar.portal.views.common import municipality_or_404, page_context
from weerbaar.supportpoints.models import SupportPoint

# Facilities shown as "what is there"; wheelchair access gets its own line.
SHOWN_FACILITIES = tuple(f for f in SupportPoint.FACILITY_FIELDS if f != "wheelchair_accessible")
READY = {SupportPoint.Status.EQUIPPED, SupportPoint.Status.EXERCISED}


def status_in_words(point: SupportPoint) -> str:
    """The status as a sentence: a point that is not equipped says so plainly."""
    status = SupportPoint.Status
    if point.status == status.IDEA:
        return _("Idee. Dit gebouw is nog geen noodsteunpunt en is nog niet ingericht.")
    if point.status == status.CANDIDATE:
        return _("Kandidaat. Nog niet ingericht: de gemeente onderzoekt of dit gebouw een "
                 "noodsteunpunt kan worden.")
    if point.status == status.DESIGNATED:
        return _("Aangewezen als noodsteunpunt, maar nog niet ingericht.")
    if point.status == status.EQUIPPED:
        return _("Ingericht als noodsteunpunt.")
    return _("Ingericht als noodsteunpunt en geoefend.")


def yes_no_unknown(value: bool | None) -> str:
    if value is None:
        return _("onbekend")
    return _("ja") if value else _("nee")


@dataclass
class PointView:
    """What the public sees of one noodsteunpunt."""

    point: SupportPoint
    status_text: str
    ready: bool
    wheelchair: str
    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def point_view(point: SupportPoint) -> PointView:
    view = PointView(point=point, status_text=status_in_words(point), ready=point.status in READY,
                     wheelchair=yes_no_unknown(point.wheelchair_accessible))
    for name in SHOWN_FACILITIES:
        label = capfirst(SupportPoint._meta.get_field(name).verbose_name)
        value = getattr(point, name)
        (view.unknown if value is None else view.present if value else view.absent).append(label)
    return view


def municipality_office(municipality: Municipality) -> Organisation | None:
    """The municipality's own organisation (kind government), for 'how to reach us'."""
    offices = Organisation.objects.filter(municipality=municipality,
                                          kind=Organisation.Kind.GOVERNMENT)
    return (offices.filter(name__icontains=municipality.name).first() or offices.first())


def published_help(municipality: Municipality):
    return (HelpService.objects.filter(is_published=True, organisation__municipality=municipality)
            .select_related("organisation", "community").order_by("name"))


def index(request):
    """The portal root: the municipalities; with one municipality, straight to its home."""
    municipalities = list(Municipality.objects.order_by("name"))
    if len(municipalities) == 1:
        return redirect("portal:home", municipality=municipalities[0].slug)
    return render(request, "portal/pages/index.html",
                  {"municipalities": municipalities, "as_of": timezone.localdate()})


def home(request, municipality):
    municipality = municipality_or_404(municipality)
    points = SupportPoint.objects.filter(community__municipality=municipality)
    context = page_context(
        municipality,
        disruptions=content.disruptions(),
        points_total=points.count(),
        points_ready=points.filter(status__in=READY).count(),
        general_help=published_help(municipality).filter(community__isnull=True),
    )
    return render(request, "portal/pages/home.html", context)


def community(request, municipality, community):
    municipality = municipality_or_404(municipality)
    community = get_object_or_404(Community, municipality=municipality, slug=community)
    services = published_help(municipality).filter(Q(community=community) | Q(community__isnull=True))
    context = page_context(
        municipality,
        community=community,
        points=[point_view(p) for p in community.support_points.order_by("name")],
        local_help=[s for s in services if s.community_id],
        general_help=[s for s in services if not s.community_id],
        networks=community.informal_networks.select_related("contact_organisation").order_by("name"),
        key_figure_channels=public_channels(community),
        office=municipality_office(municipality),
    )
    return render(request, "portal/pages/community.html", context)


def help_page(request, municipality):
    municipality = municipality_or_404(municipality)
    services = list(published_help(municipality))
    by_community = {}
    for service in services:
        if service.community_id:
            by_community.setdefault(service.community, []).append(service)
    context = page_context(
        municipality,
        general_help=[s for s in services if not s.community_id],
        local_help=sorted(by_community.items(), key=lambda pair: pair[0].name),
        office=municipality_office(municipality),
    )
    return render(request, "portal/pages/help.html", context)


def disruptions(request, municipality):
    municipality = municipality_or_404(municipality)
    return render(request, "portal/pages/disruptions.html",
                  page_context(municipality, disruptions=content.disruptions()))


def disruption(request, municipality, disruption):
    municipality = municipality_or_404(municipality)
    found = content.get_disruption(disruption)
    if found is None:
        raise Http404
    return render(request, "portal/pages/disruption.html",
                  page_context(municipality, disruption=found,
                               others=[d for d in content.disruptions() if d.slug != found.slug]))


def accessibility(request, municipality):
    municipality = municipality_or_404(municipality)
    return render(request, "portal/pages/accessibility.html",
                  page_context(municipality, office=municipality_office(municipality)))


def privacy(request, municipality):
    municipality = municipality_or_404(municipality)
    return render(request, "portal/pages/privacy.html",
                  page_context(municipality, office=municipality_office(municipality)))


index_patterns = [
    path("", index, name="index"),
]

urlpatterns = [
    path("", home, name="home"),
    path("kernen/<slug:community>/", community, name="community"),
    path("hulp/", help_page, name="help"),
    path("wat-te-doen/", disruptions, name="disruptions"),
    path("wat-te-doen/<slug:disruption>/", disruption, name="disruption"),
    path("toegankelijkheid/", accessibility, name="accessibility"),
    path("privacy/", privacy, name="privacy"),
]
