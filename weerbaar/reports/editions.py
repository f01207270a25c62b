"""What goes into a printed edition: plain, frozen data, built field by field.

* ``public_booklet(community)``: the community booklet for residents. Published fields only:
  it is built from an explicit list of public fields, so a template can never reach a private
  one (a key figure appears only as its public channel; no names, numbers, e-mail or address
  of people; key holders and activation protocols are left out).
* ``crisis_edition(municipality, community=None)``: the restricted edition for the crisis
  organisation and emergency services: key figures' direct contacts, vulnerable locations
  with residents and backup autonomy, vital providers' emergency contacts, noodsteunpunt key
  holders and activation protocols. Only the roles in accounts.roles may fetch it and every
  generation is logged (see pdf.py).

Every edition carries its "stand per" date, a version (timestamp and a short hash of its
content: the same data gives the same hash) and who generated it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.network.models import HelpService, InformalNetwork
from weerbaar.network.services import public_channels
from weerbaar.places.models import Community, Municipality
from weerbaar.privacy.consent import key_figure_consents, key_holder_consents
from weerbaar.reports.svgmap import MapPoint, RenderedMap, render_map
from weerbaar.supportpoints.models import SupportPoint
from weerbaar.vital.models import VitalProvider, VulnerableLocation

# The only fields of each model the public booklet reads (a test pins these lists).
PUBLIC_FIELDS = {
    "supportpoints.supportpoint": (
        "name", "building", "address", "latitude", "longitude", "status", "capacity_per_day",
        *SupportPoint.FACILITY_FIELDS),
    "network.helpservice": (
        "name", "description", "for_whom", "location_name", "address", "phone", "email", "url",
        "hours", "languages"),
    "network.informalnetwork": ("name", "kind", "description", "approximate_size"),
    "network.organisation": ("name", "public_phone", "public_email", "website"),
    "network.keyfigure": ("public_channel",),
}


# ---------------------------------------------------------------- shared pieces

@dataclass(frozen=True)
class Facility:
    label: str
    value: bool | None  # None: unknown (shown as "onbekend", never as "no")


@dataclass(frozen=True)
class Flags:
    fictitious: bool = False
    estimate: bool = False


@dataclass(frozen=True)
class PublicSupportPoint:
    number: int
    name: str
    building: str
    address: str
    status: str
    capacity_per_day: int | None
    facilities: tuple[Facility, ...]
    approximate_location: bool
    flags: Flags


@dataclass(frozen=True)
class PublicHelpService:
    name: str
    organisation: str
    description: str
    for_whom: str
    location_name: str
    address: str
    phone: str
    email: str
    url: str
    hours: str
    languages: str
    whole_municipality: bool
    flags: Flags


@dataclass(frozen=True)
class PublicNetwork:
    name: str
    kind: str
    description: str
    approximate_size: int | None
    contact_organisation: str
    contact_phone: str
    contact_email: str
    contact_website: str
    flags: Flags


@dataclass(frozen=True)
class PublicChannel:
    channel: str
    flags: Flags


@dataclass(frozen=True)
class Stamp:
    """Printed on every page: "stand per", version and who generated it."""

    as_of: dt.date
    generated_at: dt.datetime
    generated_by: str
    version: str


@dataclass(frozen=True)
class Booklet:
    municipality: str
    municipality_slug: str
    community: str
    community_slug: str
    postcodes: tuple[str, ...]
    support_points: tuple[PublicSupportPoint, ...]
    help_services: tuple[PublicHelpService, ...]
    networks: tuple[PublicNetwork, ...]
    channels: tuple[PublicChannel, ...]
    map_svg: str
    map_has_location: bool
    stamp: Stamp | None = None


# ---------------------------------------------------------------- crisis pieces

@dataclass(frozen=True)
class KeyFigureContact:
    name: str
    role: str
    phone: str
    email: str
    address: str
    reach_without_phone: str
    public_channel: str
    role_confirmed_on: dt.date | None
    flags: Flags


@dataclass(frozen=True)
class KeyHolderContact:
    name: str
    phone: str
    reach_without_phone: str
    flags: Flags


@dataclass(frozen=True)
class CrisisSupportPoint:
    public: PublicSupportPoint
    backup_autonomy_hours: float | None
    last_exercised_on: dt.date | None
    activation_protocol: str
    key_holders: tuple[KeyHolderContact, ...]


@dataclass(frozen=True)
class DependencyLine:
    service: str
    backup: str
    autonomy: str  # "12 uur", "12–24 uur" or "onbekend"


@dataclass(frozen=True)
class VulnerableSite:
    name: str
    kind: str
    operator: str
    address: str
    residents: int | None
    share_reduced_self_reliance: float | None
    share_not_self_reliant: float | None
    backup_power: bool | None
    backup_autonomy_hours: float | None
    contact: str
    dependencies: tuple[DependencyLine, ...]
    flags: Flags


@dataclass(frozen=True)
class ProviderContact:
    organisation: str
    processes: tuple[str, ...]
    emergency_contact: str
    public_phone: str
    flags: Flags


@dataclass(frozen=True)
class CrisisSection:
    community: str
    community_slug: str
    postcodes: tuple[str, ...]
    key_figures: tuple[KeyFigureContact, ...]
    support_points: tuple[CrisisSupportPoint, ...]
    vulnerable_locations: tuple[VulnerableSite, ...]
    map_svg: str

    @property
    def support_points_public(self) -> tuple[PublicSupportPoint, ...]:
        return tuple(point.public for point in self.support_points)


@dataclass(frozen=True)
class CrisisEdition:
    municipality: str
    municipality_slug: str
    community: str | None  # None: the whole municipality
    community_slug: str | None
    sections: tuple[CrisisSection, ...]
    providers: tuple[ProviderContact, ...]
    stamp: Stamp | None = None
    subject: str = field(default="")

    @property
    def is_whole_municipality(self) -> bool:
        return self.community_slug is None


# ---------------------------------------------------------------- building

def _flags(record) -> Flags:
    return Flags(fictitious=bool(record.is_fictitious), estimate=record.is_estimate)


def _postcodes(community: Community) -> tuple[str, ...]:
    return tuple(pc.strip() for pc in community.postcodes.split(",") if pc.strip())


def _centre(community: Community):
    if community.latitude is None or community.longitude is None:
        return None
    return community.latitude, community.longitude


def _support_points(community: Community):
    return list(community.support_points.order_by("name"))


def status_text(status: str) -> str:
    """The status in plain words: a point that is not equipped says so."""
    texts = {
        SupportPoint.Status.IDEA: _("Idee: nog geen noodsteunpunt."),
        SupportPoint.Status.CANDIDATE: _("Kandidaat: nog niet ingericht."),
        SupportPoint.Status.DESIGNATED: _("Aangewezen, maar nog niet ingericht."),
        SupportPoint.Status.EQUIPPED: _("Ingericht."),
        SupportPoint.Status.EXERCISED: _("Ingericht en geoefend."),
    }
    return texts.get(status, status)


def _public_point(number: int, point: SupportPoint) -> PublicSupportPoint:
    return PublicSupportPoint(
        number=number,
        name=point.name,
        building=point.building,
        address=point.address,
        status=status_text(point.status),
        capacity_per_day=point.capacity_per_day,
        facilities=tuple(Facility(str(SupportPoint._meta.get_field(name).verbose_name),
                                  getattr(point, name)) for name in SupportPoint.FACILITY_FIELDS),
        approximate_location=point.latitude is None or point.longitude is None,
        flags=_flags(point),
    )


def _map(community: Community, points: list[SupportPoint], id_prefix: str) -> RenderedMap:
    return render_map(
        name=community.name,
        points=[MapPoint(i, p.name, p.latitude, p.longitude) for i, p in enumerate(points, 1)],
        centre=_centre(community), geometry=community.geometry, id_prefix=id_prefix)


def _help_services(community: Community) -> tuple[PublicHelpService, ...]:
    services = (HelpService.objects
                .filter(is_published=True)
                .filter(Q(community=community)
                        | Q(community__isnull=True,
                            organisation__municipality_id=community.municipality_id))
                .select_related("organisation").order_by("community_id", "name"))
    return tuple(PublicHelpService(
        name=s.name, organisation=s.organisation.name, description=s.description,
        for_whom=s.for_whom, location_name=s.location_name, address=s.address, phone=s.phone,
        email=s.email, url=s.url, hours=s.hours, languages=s.languages,
        whole_municipality=s.community_id is None, flags=_flags(s),
    ) for s in services)


def _networks(community: Community) -> tuple[PublicNetwork, ...]:
    networks = (InformalNetwork.objects.filter(community=community)
                .select_related("contact_organisation").order_by("name"))
    result = []
    for n in networks:
        org = n.contact_organisation
        result.append(PublicNetwork(
            name=n.name, kind=str(n.get_kind_display()), description=n.description,
            approximate_size=n.approximate_size,
            contact_organisation=org.name if org else "",
            contact_phone=org.public_phone if org else "",
            contact_email=org.public_email if org else "",
            contact_website=org.website if org else "",
            flags=_flags(n)))
    return tuple(result)


def _channels(community: Community) -> tuple[PublicChannel, ...]:
    """Only the public channel of active key figures; never who they are."""
    return tuple(PublicChannel(channel=c.channel,
                               flags=Flags(fictitious=c.is_fictitious, estimate=c.is_estimate))
                 for c in public_channels(community))


def public_booklet(community: Community) -> Booklet:
    points = _support_points(community)
    rendered = _map(community, points, id_prefix=f"kaart-{community.slug}")
    return Booklet(
        municipality=community.municipality.name,
        municipality_slug=community.municipality.slug,
        community=community.name,
        community_slug=community.slug,
        postcodes=_postcodes(community),
        support_points=tuple(_public_point(i, p) for i, p in enumerate(points, 1)),
        help_services=_help_services(community),
        networks=_networks(community),
        channels=_channels(community),
        map_svg=rendered.svg,
        map_has_location=rendered.has_location,
    )


def _hours(low: float | None, high: float | None = None) -> str:
    if low is None:
        return _("onbekend")
    if high is not None and high != low:
        return _("%(low)s–%(high)s uur") % {"low": f"{low:g}", "high": f"{high:g}"}
    return _("%(hours)s uur") % {"hours": f"{low:g}"}


def _consented_contact(key_figure) -> dict[str, str]:
    if key_figure_consents(key_figure):
        return {"phone": key_figure.phone, "email": key_figure.email, "address": key_figure.address}
    return {"phone": "", "email": "", "address": ""}


def _crisis_section(community: Community) -> CrisisSection:
    points = list(community.support_points.order_by("name").prefetch_related("key_holders"))
    rendered = _map(community, points, id_prefix=f"crisiskaart-{community.slug}")
    # No private contact without valid consent (privacy.consent): name and role stay.
    key_figures = tuple(KeyFigureContact(
        name=k.name, role=k.role, **_consented_contact(k),
        reach_without_phone=k.reach_without_phone, public_channel=k.public_channel,
        role_confirmed_on=k.role_confirmed_on, flags=_flags(k),
    ) for k in community.key_figures.filter(is_active=True).select_related("consent_withdrawal")
       .order_by("name"))
    crisis_points = tuple(CrisisSupportPoint(
        public=_public_point(i, p),
        backup_autonomy_hours=p.backup_autonomy_hours,
        last_exercised_on=p.last_exercised_on,
        activation_protocol=p.activation_protocol,
        key_holders=tuple(KeyHolderContact(name=h.name, phone=h.phone if key_holder_consents(h) else "",
                                           reach_without_phone=h.reach_without_phone,
                                           flags=_flags(h))
                          for h in sorted(p.key_holders.all(), key=lambda h: h.name)),
    ) for i, p in enumerate(points, 1))
    locations = (VulnerableLocation.objects.filter(community=community)
                 .select_related("operator").prefetch_related("dependencies").order_by("name"))
    sites = tuple(VulnerableSite(
        name=v.name, kind=str(v.get_kind_display()),
        operator=v.operator.name if v.operator else "", address=v.address,
        residents=v.residents, share_reduced_self_reliance=v.share_reduced_self_reliance,
        share_not_self_reliant=v.share_not_self_reliant, backup_power=v.backup_power,
        backup_autonomy_hours=v.backup_autonomy_hours, contact=v.contact,
        dependencies=tuple(DependencyLine(
            service=str(d.get_service_display()), backup=str(d.get_backup_kind_display()),
            autonomy=_hours(d.autonomy_hours, d.autonomy_hours_max))
            for d in sorted(v.dependencies.all(), key=lambda d: d.service)),
        flags=_flags(v),
    ) for v in locations)
    return CrisisSection(
        community=community.name, community_slug=community.slug,
        postcodes=_postcodes(community), key_figures=key_figures,
        support_points=crisis_points, vulnerable_locations=sites, map_svg=rendered.svg)


def _providers(municipality: Municipality) -> tuple[ProviderContact, ...]:
    providers = (VitalProvider.objects.filter(organisation__municipality=municipality)
                 .select_related("organisation").prefetch_related("processes")
                 .order_by("organisation__name"))
    return tuple(ProviderContact(
        organisation=p.organisation.name,
        processes=tuple(sorted(proc.name for proc in p.processes.all())),
        emergency_contact=p.emergency_contact,
        public_phone=p.organisation.public_phone,
        flags=_flags(p),
    ) for p in providers)


def crisis_edition(municipality: Municipality, community: Community | None = None) -> CrisisEdition:
    communities = [community] if community else list(municipality.communities.order_by("name"))
    return CrisisEdition(
        municipality=municipality.name,
        municipality_slug=municipality.slug,
        community=community.name if community else None,
        community_slug=community.slug if community else None,
        sections=tuple(_crisis_section(c) for c in communities),
        providers=_providers(municipality),
        subject=f"{municipality.slug}/{community.slug}" if community else municipality.slug,
    )


# ---------------------------------------------------------------- stamping

def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def content_hash(edition) -> str:
    """A short hash of what the edition says (not when or by whom it was made)."""
    data = dataclasses.asdict(dataclasses.replace(edition, stamp=None))
    blob = json.dumps(data, sort_keys=True, default=_jsonable, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:8]


def stamped(edition, generated_by: str, now: dt.datetime | None = None):
    """The edition with its stamp: "stand per" date, version and who generated it."""
    now = timezone.localtime(now or timezone.now())
    version = f"{now:%Y%m%d-%H%M}-{content_hash(edition)}"
    return dataclasses.replace(edition, stamp=Stamp(
        as_of=now.date(), generated_at=now, generated_by=generated_by, version=version))


__all__ = [
    "Booklet", "CrisisEdition", "PUBLIC_FIELDS", "Stamp", "crisis_edition", "content_hash",
    "public_booklet", "stamped",
]
