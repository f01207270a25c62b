"""The municipality's registers as the cascade engine's region: counts and places, no people.

* Spatial units: CBS buurten with population figures; a kern without such buurten (the
  demo has no buurten yet) is one unit at its centre, with the kern's own figures.
* Households unknown: inhabitants / 2.14 (national mean household size, CBS 2021).
* People with reduced self-reliance and electricity-dependent people: the registers hold no
  such counts per area, so they are residents times the scenario's parameters
  ``reduced_self_reliance_share`` and ``electricity_dependent_share`` (their median when a
  distribution is given; each with its assumption in the scenario file, stated on the page).
  A scenario without them counts nobody in these groups, and the page says so.
* Noodsteunpunten: ideas are left out; capacity per day spread over the opening hours below;
  backup hours from the register (no backup power, or unknown: 0 hours).
* Key figures: only how each can be reached (mobile, fixed line, in person), with an
  anonymous id per kern; never a name or a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from shapely.geometry import shape

from weerbaar.engines.cascade import (
    KeyFigureContact,
    Neighbourhood,
    Region,
    Scenario,
    SupportPointSite,
    VulnerableSite,
)
from weerbaar.network.models import KeyFigure
from weerbaar.places.distance import to_rd
from weerbaar.places.models import Community, Municipality, PopulationStatistic
from weerbaar.supportpoints.models import SupportPoint
from weerbaar.supportpoints.nearest import point_position
from weerbaar.vital.models import Dependency, VulnerableLocation

PERSONS_PER_HOUSEHOLD = 2.14  # NL 2021: 17,475,415 inhabitants / 8,043,443 households (CBS)
SHARE_PARAMETERS = {  # count on the unit -> the scenario parameter that gives its share
    "reduced_self_reliance": "reduced_self_reliance_share",
    "electricity_dependent": "electricity_dependent_share",
}
SUPPORT_POINT_OPEN_HOURS = 12  # a noodsteunpunt's capacity per day is served in 12 hours
DEFAULT_CAPACITY_PER_HOUR = 50  # assumption for a point whose capacity is not registered


@dataclass
class RegionFromRegisters:
    region: Region
    notes: list[str] = field(default_factory=list)  # every assumption that was needed
    units: list[dict] = field(default_factory=list)  # id -> name, kern, residents (for pages)

    @property
    def empty(self) -> bool:
        return not self.units


def _latest(statistics) -> PopulationStatistic | None:
    for stat in sorted(statistics, key=lambda s: -s.year):
        if stat.inhabitants:
            return stat
    return None


def _centre(geometry: dict | None, lat: float | None, lon: float | None) -> tuple[float, float] | None:
    """RD New (x, y) of a point, or of a geometry's centroid (GeoJSON is lon, lat)."""
    if lat is not None and lon is not None:
        return to_rd(lat, lon)
    if geometry:
        try:
            centroid = shape(geometry).centroid
        except (ValueError, TypeError, AttributeError):
            return None
        if not centroid.is_empty:
            return to_rd(centroid.y, centroid.x)
    return None


def group_shares(scenario: Scenario | None) -> dict[str, float | None]:
    """Share of residents per group from the scenario's parameters (None: not given)."""
    shares: dict[str, float | None] = {}
    for group, pid in SHARE_PARAMETERS.items():
        parameter = scenario.parameters.get(pid) if scenario is not None else None
        shares[group] = None if parameter is None else min(max(parameter.value.median, 0.0), 1.0)
    return shares


def _counts(residents: int, households: int | None, shares: dict[str, float | None]) -> dict:
    return {
        "residents": residents,
        "households": households if households else round(residents / PERSONS_PER_HOUSEHOLD),
        **{group: round(residents * (share or 0.0)) for group, share in shares.items()},
    }


def _units(municipality: Municipality, notes: list[str],
           shares: dict[str, float | None]) -> tuple[list[Neighbourhood], list[dict]]:
    units, shown = [], []
    estimated_households = False
    communities = (Community.objects.filter(municipality=municipality)
                   .prefetch_related("statistics", "neighbourhoods__statistics").order_by("name"))
    for community in communities:
        buurten = []
        for buurt in community.neighbourhoods.all():
            stat = _latest(buurt.statistics.all())
            centre = _centre(buurt.geometry, None, None)
            if stat is not None and centre is not None:
                buurten.append((buurt.cbs_code, buurt.name, stat, centre))
        if not buurten:
            stat = _latest(community.statistics.all())
            centre = _centre(community.geometry, community.latitude, community.longitude)
            if stat is None or centre is None:
                notes.append(_("Kern %(name)s telt niet mee: geen inwonertal of geen ligging in "
                               "de registers.") % {"name": community.name})
                continue
            buurten = [(f"kern-{community.slug}", community.name, stat, centre)]
        for ident, name, stat, (x, y) in buurten:
            counts = _counts(stat.inhabitants, stat.households, shares)
            estimated_households |= not stat.households
            units.append(Neighbourhood(id=ident, name=name, community=community.name, x=x, y=y,
                                       **counts))
            shown.append({"id": ident, "name": name, "community": community.name,
                          "year": stat.year, **counts})
    if estimated_households:
        notes.append(_("Waar het aantal huishoudens ontbreekt, is het geschat als inwoners / "
                       "%(size)s (landelijk gemiddelde, CBS 2021).") % {
                           "size": f"{PERSONS_PER_HOUSEHOLD:.2f}".replace(".", ",")})
    if units:
        reduced, power = shares["reduced_self_reliance"], shares["electricity_dependent"]
        if reduced is not None and power is not None:
            notes.append(_("Aanname uit het scenario: %(reduced)s van de inwoners is verminderd "
                           "zelfredzaam en %(power)s is voor medische apparatuur afhankelijk van "
                           "stroom; de registers kennen deze aantallen per gebied niet.") % {
                               "reduced": _percent(reduced), "power": _percent(power)})
        if reduced is None:
            notes.append(_("Het scenario noemt geen aandeel verminderd zelfredzamen "
                           "(reduced_self_reliance_share); zij tellen niet mee."))
        if power is None:
            notes.append(_("Het scenario noemt geen aandeel mensen dat voor medische apparatuur "
                           "afhankelijk is van stroom (electricity_dependent_share); zij tellen "
                           "niet mee."))
    return units, shown


def _percent(share: float) -> str:
    return f"{share * 100:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " %"


def _support_points(municipality: Municipality, notes: list[str]) -> list[SupportPointSite]:
    sites, default_capacity, unknown_backup = [], [], []
    points = (SupportPoint.objects.filter(community__municipality=municipality)
              .exclude(status=SupportPoint.Status.IDEA).select_related("community")
              .order_by("community__name", "name"))
    for number, point in enumerate(points, start=1):
        position = point_position(point)
        if position is None:
            notes.append(_("Noodsteunpunt %(name)s telt niet mee: geen ligging.") % {
                "name": point.name})
            continue
        x, y = to_rd(position[0], position[1])
        if point.capacity_per_day:
            capacity = point.capacity_per_day / SUPPORT_POINT_OPEN_HOURS
        else:
            capacity = DEFAULT_CAPACITY_PER_HOUR
            default_capacity.append(point.name)
        backup = 0.0
        if point.backup_power and point.backup_autonomy_hours is not None:
            backup = float(point.backup_autonomy_hours)
        elif point.backup_power is None or (point.backup_power and point.backup_autonomy_hours is None):
            unknown_backup.append(point.name)
        sites.append(SupportPointSite(id=f"nsp-{number}", name=point.name,
                                      community=point.community.name, x=x, y=y,
                                      capacity_per_hour=round(capacity, 1), backup_hours=backup))
    if default_capacity:
        notes.append(_("Capaciteit onbekend, aangenomen %(n)s mensen per uur: %(names)s.") % {
            "n": DEFAULT_CAPACITY_PER_HOUR, "names": ", ".join(default_capacity)})
    if unknown_backup:
        notes.append(_("Noodstroom of autonomie onbekend, gerekend als geen noodstroom: "
                       "%(names)s.") % {"names": ", ".join(unknown_backup)})
    if sites:
        notes.append(_("Capaciteit per uur = capaciteit per dag / %(hours)s openingsuren.") % {
            "hours": SUPPORT_POINT_OPEN_HOURS})
    return sites


def _vulnerable_sites(municipality: Municipality, notes: list[str]) -> list[VulnerableSite]:
    sites, unknown = [], []
    power = {dep.vulnerable_location_id: dep for dep in Dependency.objects.filter(
        vulnerable_location__community__municipality=municipality, service="electricity")}
    locations = (VulnerableLocation.objects.filter(community__municipality=municipality)
                 .select_related("community").order_by("community__name", "name"))
    for number, location in enumerate(locations, start=1):
        dependency = power.get(location.pk)
        if dependency is not None and dependency.autonomy_hours is not None:
            backup = float(dependency.autonomy_hours)
        elif location.backup_power and location.backup_autonomy_hours is not None:
            backup = float(location.backup_autonomy_hours)
        else:
            backup = 0.0
            if location.backup_power is not False:
                unknown.append(location.name)
        sites.append(VulnerableSite(id=f"kvl-{number}", name=location.name,
                                    residents=location.residents or 0, backup_hours=backup))
    if unknown:
        notes.append(_("Autonomie van de noodstroom onbekend, gerekend als 0 uur: "
                       "%(names)s.") % {"names": ", ".join(unknown)})
    return sites


def _key_figures(municipality: Municipality) -> list[KeyFigureContact]:
    """How each active key figure can be reached; an 06 number counts as mobile."""
    contacts, per_community = [], {}
    figures = (KeyFigure.objects.filter(community__municipality=municipality, is_active=True)
               .filter(Q(ended_on__isnull=True)).select_related("community")
               .order_by("community__name", "pk"))
    for figure in figures:
        number = per_community[figure.community_id] = per_community.get(figure.community_id, 0) + 1
        phone = figure.phone.replace(" ", "").replace("-", "")
        reachable = []
        if phone.startswith(("06", "+316")):
            reachable.append("mobile")
        elif phone:
            reachable.append("fixed")
        if figure.reach_without_phone.strip():
            reachable.append("in_person")
        contacts.append(KeyFigureContact(id=f"sf-{figure.community.slug}-{number}",
                                         community=figure.community.name,
                                         reachable_by=tuple(reachable)))
    return contacts


def region_from_registers(municipality: Municipality,
                          scenario: Scenario | None = None) -> RegionFromRegisters:
    """The region for ``scenario`` (its group shares; see the module docstring)."""
    notes: list[str] = []
    units, shown = _units(municipality, notes, group_shares(scenario))
    region = Region(
        neighbourhoods=units,
        support_points=_support_points(municipality, notes),
        vulnerable_sites=_vulnerable_sites(municipality, notes),
        key_figures=_key_figures(municipality),
        municipality=municipality.name,
    )
    return RegionFromRegisters(region=region, notes=notes, units=shown)
