"""Is the programme on course? The register-based subgoal indicators (seed §3.2, §3.7).

Eight of the twelve subgoals can be measured from the registers themselves (II-1, II-2,
III-1, III-2, III-3, IV-1, IV-2, IV-3); the other four need a resident or helper survey and
are reported as "not measured yet" until the survey engine delivers them.

Every function here is a pure read over the ORM with an explicit ``today``, so a progress
report can be recomputed for any date and tests need no clock. The definitions are the ones
in ``docs/indicatoren.md``; change both together.

Two rules hold for every indicator:

* An empty denominator gives ``None`` ("geen gegevens"), never 0 % or 100 %: "nothing
  registered" must not read as "all done" or as "nothing done".
* "Current" (actueel) means dated at most ``settings.WEERBAAR_CURRENCY_MONTHS`` months
  (default 12) before today and not in the future, the same window the continuity plans use.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from weerbaar.network.models import InformalNetwork, KeyFigure, Organisation, Publication
from weerbaar.places.models import Community, Municipality
from weerbaar.programme.models import GlossaryEndorsement, GlossaryVersion, RoleCard, Subgoal
from weerbaar.vital.models import (
    ContinuityMeasure,
    ContinuityPlan,
    VitalAsset,
    VitalProcess,
    VulnerableLocation,
)

# The programme plan runs 2026–2027 ("Samen naar een weerbare en veerkrachtige samenleving
# 2026-2027", seed title page and §3.7: first survey "begin 2026"). Progress towards every
# subgoal is measured along a straight path starting here at 0.
PROGRAMME_START = date(2026, 1, 1)

# How far below the expected path a value may lie and still count as "needs attention"
# instead of "off track": 15 percentage points, about a quarter of the programme's pace.
AT_RISK_MARGIN = 0.15

# Float comparisons on the boundaries (exactly on the path, exactly 0.15 below).
_EPSILON = 1e-9


class Status(StrEnum):
    """On course or not; the value doubles as the CSS class suffix (status-<value>)."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    NOT_MEASURED = "not_measured"
    NO_TARGET = "no_target"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])

    @property
    def css_class(self) -> str:
        # The last three all mean "we cannot judge yet" and share one style.
        if self in (Status.NOT_MEASURED, Status.NO_TARGET):
            return "status-no_data"
        return f"status-{self.value}"


STATUS_LABELS = {
    Status.ON_TRACK: gettext_lazy("Op koers"),
    Status.AT_RISK: gettext_lazy("Aandacht nodig"),
    Status.OFF_TRACK: gettext_lazy("Niet op koers"),
    Status.NO_DATA: gettext_lazy("Geen gegevens"),
    Status.NOT_MEASURED: gettext_lazy("Nog geen meting"),
    Status.NO_TARGET: gettext_lazy("Geen streefwaarde ingevoerd"),
}


class Breakdown(StrEnum):
    """What the per-community rows of an indicator hold, so a door knows which columns to show."""

    NONE = "none"
    YES_NO = "yes_no"  # II-1: does the community meet all parts, and which are missing
    COUNT = "count"  # II-2: how many active, confirmed key figures
    SHARE = "share"  # III-2, III-3: n of m items in the community


@dataclass(frozen=True)
class CommunityResult:
    """One community's (or "hele gemeente") part of an indicator."""

    name: str
    value: float | None = None  # the community's own share; 1.0 / 0.0 for yes/no
    numerator: int | None = None
    denominator: int | None = None
    count: int | None = None  # II-2
    met: bool | None = None  # II-1, II-2
    missing: tuple[str, ...] = ()  # II-1: the parts still missing
    detail: str = ""

    @property
    def value_display(self) -> str:
        return format_share(self.value)


@dataclass(frozen=True)
class WavePoint:
    """A survey-based indicator in one survey wave (weighted estimate with its interval)."""

    wave: str  # the wave's name, e.g. "Nulmeting 2026"
    fieldwork_end: date
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    respondents: int = 0  # respondents in the indicator's population (denominator), unweighted


@dataclass(frozen=True)
class IndicatorResult:
    """One subgoal measured against its target and the path towards it."""

    code: str
    title: str
    explanation: str
    measured_by: str  # Subgoal.MeasuredBy value: "register" or "survey"
    value: float | None
    numerator: int | None
    denominator: int | None
    target: float | None
    deadline: date | None
    expected_now: float | None
    status: Status
    subgoal_text: str = ""
    breakdown: Breakdown = Breakdown.NONE
    per_community: list[CommunityResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Survey-based indicators only: the latest wave's interval and every wave in time order.
    ci_low: float | None = None
    ci_high: float | None = None
    waves: list[WavePoint] = field(default_factory=list)

    @property
    def measured(self) -> bool:
        return self.status != Status.NOT_MEASURED

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def status_class(self) -> str:
        return self.status.css_class

    @property
    def value_display(self) -> str:
        if self.status == Status.NOT_MEASURED:
            return str(STATUS_LABELS[Status.NOT_MEASURED])
        return format_share(self.value)

    @property
    def fraction_display(self) -> str:
        if self.numerator is None or not self.denominator:
            return ""  # "0 van 0" says nothing the words "geen gegevens" do not
        return _("%(n)d van %(m)d") % {"n": self.numerator, "m": self.denominator}

    @property
    def target_display(self) -> str:
        return format_share(self.target, empty="—")

    @property
    def expected_display(self) -> str:
        return format_share(self.expected_now, empty="—")


def format_share(value: float | None, empty: str | None = None) -> str:
    """The one number format of every door: whole percentages, Dutch style ("50 %")."""
    if value is None:
        return _("geen gegevens") if empty is None else empty
    return f"{int(value * 100 + 0.5)} %"


# --- the status rule --------------------------------------------------------------------------


def expected_on(target: float, deadline: date, today: date) -> float:
    """Where a straight path from 0 at PROGRAMME_START to target at the deadline stands today."""
    if today >= deadline:
        return target
    if today <= PROGRAMME_START:
        return 0.0
    return target * (today - PROGRAMME_START).days / (deadline - PROGRAMME_START).days


def status_for(value: float | None, target: float | None, deadline: date | None,
               today: date) -> Status:
    """Judge a value against the path; see docs/indicatoren.md for why a linear path.

    On or above the path: on track. At most AT_RISK_MARGIN below: needs attention. Further
    below: off track. From the deadline on, only reaching the target counts.
    """
    if value is None:
        return Status.NO_DATA
    if target is None or deadline is None:
        return Status.NO_TARGET
    if today > deadline:
        return Status.ON_TRACK if value >= target - _EPSILON else Status.OFF_TRACK
    expected = expected_on(target, deadline, today)
    if value >= expected - _EPSILON:
        return Status.ON_TRACK
    if value >= expected - AT_RISK_MARGIN - _EPSILON:
        return Status.AT_RISK
    return Status.OFF_TRACK


def is_current(day: date | None, today: date) -> bool:
    """Dated within the currency window before today (same formula as ContinuityPlan.status_on)."""
    if day is None or day > today:
        return False
    return day + relativedelta(months=settings.WEERBAAR_CURRENCY_MONTHS) >= today


def share(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


# --- definitions ------------------------------------------------------------------------------

TITLES = {
    "I-1": gettext_lazy("Inwoners weten waar zij terecht kunnen met een hulpvraag"),
    "I-2": gettext_lazy("Inwoners weten wat van hen wordt verwacht bij een verstoring"),
    "I-3": gettext_lazy("Zelfstandige huishoudens hebben een noodpakket en noodplan"),
    "II-1": gettext_lazy("Sociaal weefsel in kaart, digitaal en op papier te raadplegen"),
    "II-2": gettext_lazy("Elke kern heeft sleutelfiguren"),
    "II-3": gettext_lazy("Informele hulpverleners weten wat van hen wordt verwacht"),
    "III-1": gettext_lazy("Gemeentelijke vitale processen met beheers- en noodmaatregelen"),
    "III-2": gettext_lazy("Vitale infrastructuur en kwetsbare locaties in beeld en erkend"),
    "III-3": gettext_lazy("Vitale infrastructuur en kwetsbare locaties met actueel continuïteitsplan"),
    "IV-1": gettext_lazy("Integrale opgave vastgelegd bij partners"),
    "IV-2": gettext_lazy("Eén vastgesteld begrippenkader, onderschreven door partners"),
    "IV-3": gettext_lazy("Partners kennen hun rol bij een verstoring"),
}

EXPLANATIONS = {
    "II-1": gettext_lazy(
        "Aandeel kernen waar het sociaal weefsel in kaart is gebracht (minstens één informeel "
        "netwerk met een datum 'in kaart gebracht') én waar een actuele digitale én een actuele "
        "gedrukte uitgave is verschenen."),
    "II-2": gettext_lazy(
        "Aandeel kernen met minstens één actieve sleutelfiguur (rol niet beëindigd) van wie de "
        "rol actueel is bevestigd."),
    "III-1": gettext_lazy(
        "Aandeel interne gemeentelijke vitale processen met een continuïteitsplan dat minstens "
        "één beheersmaatregel én één noodmaatregel bevat."),
    "III-2": gettext_lazy(
        "Aandeel van alle vitale voorzieningen en kwetsbare verblijflocaties in de gemeente dat "
        "door de aanbieder is erkend."),
    "III-3": gettext_lazy(
        "Aandeel van dezelfde vitale voorzieningen en kwetsbare verblijflocaties met een actueel "
        "continuïteitsplan (actueel herzien en de eigen herzieningsdatum niet verstreken)."),
    "IV-1": gettext_lazy(
        "Aandeel partnerorganisaties dat de integrale opgave heeft vastgelegd in visie, beleid "
        "of werkwijze."),
    "IV-2": gettext_lazy(
        "Aandeel partnerorganisaties dat de laatst vastgestelde versie van het begrippenkader "
        "heeft onderschreven; 0 % zolang er geen versie is vastgesteld."),
    "IV-3": gettext_lazy(
        "Aandeel partnerorganisaties met minstens één rolkaart die de partner heeft erkend."),
    "survey": gettext_lazy(
        "Wordt gemeten met een enquête; de uitkomsten verschijnen hier na de eerste meting."),
}


# --- the register indicators ------------------------------------------------------------------


@dataclass(frozen=True)
class _Measured:
    value: float | None
    numerator: int | None
    denominator: int | None
    breakdown: Breakdown = Breakdown.NONE
    per_community: list[CommunityResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _ratio(numerator: int, denominator: int, **kwargs) -> _Measured:
    return _Measured(share(numerator, denominator), numerator, denominator, **kwargs)


class _Reads:
    """What several indicators read, read once per computation: the kernen (II-1, II-2,
    III-2, III-3), the vital items (III-2, III-3) and the partner counts (IV-1, IV-2, IV-3)."""

    def __init__(self, municipality: Municipality):
        self.municipality = municipality

    @cached_property
    def communities(self) -> list[Community]:
        return list(self.municipality.communities.order_by("name"))

    @cached_property
    def vital_items(self) -> list[tuple[int | None, bool, ContinuityPlan | None]]:
        return _vital_items(self.municipality)

    @cached_property
    def partner_counts(self) -> dict[str, int]:
        """{"total": partners, "documented": partners with the integral task documented}."""
        return _partners(self.municipality).aggregate(
            total=Count("id"),
            documented=Count("id", filter=Q(integral_task_documented_on__isnull=False)))


def _social_fabric(municipality: Municipality, today: date, reads: _Reads) -> _Measured:
    """II-1: mapped, and consultable digitally and on paper, per community."""
    communities = reads.communities
    mapped = set(InformalNetwork.objects
                 .filter(community__municipality=municipality, mapped_on__isnull=False)
                 .values_list("community_id", flat=True))
    current = defaultdict(set)  # community id -> kinds with a current edition
    for community_id, kind, published_on in (
            Publication.objects.filter(community__municipality=municipality)
            .values_list("community_id", "kind", "published_on")):
        if is_current(published_on, today):
            current[community_id].add(kind)
    rows, met_count = [], 0
    for community in communities:
        missing = []
        if community.id not in mapped:
            missing.append(_("sociaal weefsel niet in kaart gebracht"))
        if Publication.Kind.DIGITAL not in current[community.id]:
            missing.append(_("geen actuele digitale uitgave"))
        if Publication.Kind.PRINTED not in current[community.id]:
            missing.append(_("geen actuele gedrukte uitgave"))
        met = not missing
        met_count += met
        detail = _("Compleet") if met else _("Ontbreekt: %(parts)s") % {"parts": "; ".join(missing)}
        rows.append(CommunityResult(name=community.name, value=1.0 if met else 0.0,
                                    met=met, missing=tuple(missing), detail=detail))
    return _ratio(met_count, len(communities), breakdown=Breakdown.YES_NO, per_community=rows)


def _key_figures(municipality: Municipality, today: date, reads: _Reads) -> _Measured:
    """II-2: at least one active key figure whose role was confirmed recently, per community."""
    communities = reads.communities
    counts: dict[int, int] = defaultdict(int)
    for community_id, confirmed_on in (
            KeyFigure.objects
            .filter(community__municipality=municipality, is_active=True)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
            .values_list("community_id", "role_confirmed_on")):
        if is_current(confirmed_on, today):
            counts[community_id] += 1
    rows, met_count = [], 0
    for community in communities:
        count = counts[community.id]
        met = count > 0
        met_count += met
        rows.append(CommunityResult(
            name=community.name, value=1.0 if met else 0.0, count=count, met=met,
            detail=ngettext("%(count)d actieve, bevestigde sleutelfiguur",
                            "%(count)d actieve, bevestigde sleutelfiguren", count) % {"count": count}))
    return _ratio(met_count, len(communities), breakdown=Breakdown.COUNT, per_community=rows)


def _internal_processes(municipality: Municipality, today: date, reads: _Reads) -> _Measured:
    """III-1: internal vital processes whose plan has both a control and an emergency measure."""
    processes = set(VitalProcess.objects
                    .filter(municipality=municipality, category=VitalProcess.Category.INTERNAL)
                    .values_list("id", flat=True))
    # One query for the plans and their measures (a plan without measures gives kind None).
    with_plan: set[int] = set()
    kinds: dict[int, set[str]] = defaultdict(set)
    for process_id, kind in (ContinuityPlan.objects.filter(process_id__in=processes)
                             .values_list("process_id", "measures__kind")):
        with_plan.add(process_id)
        if kind is not None:
            kinds[process_id].add(kind)
    both = {ContinuityMeasure.Kind.CONTROL, ContinuityMeasure.Kind.EMERGENCY}
    done = {p for p in processes if both <= kinds[p]}
    notes = []
    if without_plan := len(processes - with_plan):
        notes.append(ngettext("%(n)d proces zonder continuïteitsplan",
                              "%(n)d processen zonder continuïteitsplan", without_plan)
                     % {"n": without_plan})
    if incomplete := len(with_plan - done):
        notes.append(ngettext("%(n)d plan zonder beheers- én noodmaatregel",
                              "%(n)d plannen zonder beheers- én noodmaatregel", incomplete)
                     % {"n": incomplete})
    return _ratio(len(done), len(processes), notes=notes)


def _vital_items(municipality: Municipality) -> list[tuple[int | None, bool, ContinuityPlan | None]]:
    """The items of III-2 and III-3: (community id, acknowledged, plan) per asset and location;
    the plan carries only its id and review dates (enough for status_on).

    Assets without a community serve the whole municipality (community id None, shown as
    "hele gemeente"); vulnerable locations always lie in a community.
    """
    items = []
    for subjects in (
            VitalAsset.objects.filter(municipality=municipality),
            VulnerableLocation.objects.filter(community__municipality=municipality)):
        # The plan comes along in the same query (a reverse one-to-one, NULLs when missing),
        # with just the fields ContinuityPlan.status_on reads.
        for community_id, acknowledged_on, plan_id, reviewed_on, next_review_on in (
                subjects.values_list("community_id", "acknowledged_on", "continuity_plan__id",
                                     "continuity_plan__last_reviewed_on",
                                     "continuity_plan__next_review_on")):
            plan = (ContinuityPlan(id=plan_id, last_reviewed_on=reviewed_on,
                                   next_review_on=next_review_on)
                    if plan_id is not None else None)
            items.append((community_id, acknowledged_on is not None, plan))
    return items


def _per_community(municipality: Municipality, items: list[tuple[int | None, bool]],
                   word: str, communities: list[Community] | None = None) -> list[CommunityResult]:
    """n-of-m rows for every community of the municipality, then "hele gemeente" if it has items.

    An asset may name a community of another municipality (nothing forbids it); it still
    gets its own row rather than silently vanishing.
    """
    totals: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    for community_id, ok in items:
        totals[community_id][0] += ok
        totals[community_id][1] += 1
    if communities is None:
        communities = list(municipality.communities.order_by("name"))
    names = {community.id: community.name for community in communities}
    strays = [c for c in totals if c is not None and c not in names]
    names.update(Community.objects.filter(id__in=strays).order_by("name").values_list("id", "name"))
    rows = [_share_row(name, *totals.get(community_id, (0, 0)), word)
            for community_id, name in names.items()]
    if None in totals:
        rows.append(_share_row(_("Hele gemeente"), *totals[None], word))
    return rows


def _share_row(name: str, n: int, m: int, word: str) -> CommunityResult:
    detail = (_("%(n)d van %(m)d %(word)s") % {"n": n, "m": m, "word": word} if m
              else _("Geen voorzieningen of locaties geregistreerd"))
    return CommunityResult(name=name, value=share(n, m), numerator=n, denominator=m,
                           detail=detail)


def _acknowledged(municipality: Municipality, today: date, reads: _Reads) -> _Measured:
    """III-2: vital assets and vulnerable locations acknowledged by their provider."""
    items = [(community_id, ack) for community_id, ack, _plan in reads.vital_items]
    done = sum(ok for _c, ok in items)
    return _ratio(done, len(items), breakdown=Breakdown.SHARE,
                  per_community=_per_community(municipality, items, _("erkend"),
                                               reads.communities))


def _current_plans(municipality: Municipality, today: date, reads: _Reads) -> _Measured:
    """III-3: the same items with a continuity plan that is current today."""
    items = [(community_id,
              plan is not None and plan.status_on(today) == ContinuityPlan.Status.CURRENT)
             for community_id, _ack, plan in reads.vital_items]
    done = sum(ok for _c, ok in items)
    return _ratio(done, len(items), breakdown=Breakdown.SHARE,
                  per_community=_per_community(municipality, items, _("met actueel plan"),
                                               reads.communities))


def _partners(municipality: Municipality):
    return Organisation.objects.filter(municipality=municipality, is_partner=True)


def _integral_task(municipality: Municipality, today: date, reads: _Reads) -> _Measured:
    """IV-1: partners that documented the integral task in vision, policy or way of working."""
    counts = reads.partner_counts
    return _ratio(counts["documented"], counts["total"])


def _glossary(municipality: Municipality, today: date, reads: _Reads) -> _Measured:
    """IV-2: is the glossary adopted, and how many partners endorsed the latest adopted version?

    A draft newer than the adopted version does not reset the count: professionals keep
    using the adopted one until the draft is adopted. Nothing adopted yet counts as 0 %.
    """
    versions = list(GlossaryVersion.objects.filter(municipality=municipality))  # a handful
    latest = max(versions, key=lambda v: v.id, default=None)
    adopted = max((v for v in versions if v.adopted_on is not None),
                  key=lambda v: (v.adopted_on, v.id), default=None)
    partners = _partners(municipality)
    total = reads.partner_counts["total"]
    notes = []
    if latest is None:
        notes.append(_("Er is nog geen begrippenkader ingevoerd."))
    elif latest.is_adopted:
        notes.append(_("De laatste versie (%(number)s) is vastgesteld op %(date)s.")
                     % {"number": latest.number, "date": date_format(latest.adopted_on, "j F Y")})
    else:
        notes.append(_("De laatste versie (%(number)s) is nog niet vastgesteld.")
                     % {"number": latest.number})
    if adopted is None:
        if total:
            notes.append(_("Er is nog geen versie vastgesteld; daarom telt dit subdoel als 0 %."))
        return _Measured(0.0 if total else None, 0, total, notes=notes)
    if adopted != latest:
        notes.append(_("Geteld wordt de laatst vastgestelde versie (%(number)s).")
                     % {"number": adopted.number})
    done = (GlossaryEndorsement.objects.filter(version=adopted, organisation__in=partners)
            .values("organisation").distinct().count())
    return _ratio(done, total, notes=notes)


def _role_cards(municipality: Municipality, today: date, reads: _Reads) -> _Measured:
    """IV-3: partners with at least one role card they acknowledged."""
    partners = _partners(municipality)
    acknowledged = set(RoleCard.objects.filter(organisation__in=partners,
                                               acknowledged_on__isnull=False)
                       .values_list("organisation_id", flat=True))
    return _ratio(len(acknowledged), reads.partner_counts["total"])


_MEASURES = {
    "II-1": _social_fabric,
    "II-2": _key_figures,
    "III-1": _internal_processes,
    "III-2": _acknowledged,
    "III-3": _current_plans,
    "IV-1": _integral_task,
    "IV-2": _glossary,
    "IV-3": _role_cards,
}
REGISTER_CODES = tuple(_MEASURES)


def _code_key(code: str) -> tuple[int, str]:
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4}
    line, _sep, number = code.partition("-")
    return roman.get(line, 99), number.zfill(3)


def subgoals_of(municipality: Municipality) -> dict[str, Subgoal]:
    """The municipality's subgoal rows by code, in programme order."""
    rows = Subgoal.objects.filter(line__municipality=municipality)
    return {s.code: s for s in sorted(rows, key=lambda s: _code_key(s.code))}


def _result(code: str, measured: _Measured, subgoal: Subgoal | None, today: date) -> IndicatorResult:
    target = subgoal.target_share if subgoal else None
    deadline = subgoal.deadline if subgoal else None
    expected = expected_on(target, deadline, today) if subgoal else None
    return IndicatorResult(
        code=code, title=str(TITLES[code]), explanation=str(EXPLANATIONS[code]),
        measured_by=Subgoal.MeasuredBy.REGISTER, value=measured.value, numerator=measured.numerator,
        denominator=measured.denominator, target=target, deadline=deadline,
        expected_now=expected, status=status_for(measured.value, target, deadline, today),
        subgoal_text=subgoal.text if subgoal else "", breakdown=measured.breakdown,
        per_community=measured.per_community, notes=measured.notes)


def compute_register_indicators(municipality: Municipality,
                                today: date | None = None, *,
                                subgoals: dict[str, Subgoal] | None = None,
                                ) -> list[IndicatorResult]:
    """The eight register indicators for one municipality, judged against its Subgoal rows.

    An indicator whose Subgoal row is missing is still computed (status "no target"), so a
    half-loaded programme shows what the registers say rather than hiding it. Always read
    fresh from the registers (nothing is kept between calls); ``subgoals`` is
    subgoals_of(municipality) when the caller already has it.
    """
    today = today or timezone.localdate()
    if subgoals is None:
        subgoals = subgoals_of(municipality)
    reads = _Reads(municipality)
    return [_result(code, measure(municipality, today, reads), subgoals.get(code), today)
            for code, measure in _MEASURES.items()]


def _not_measured(subgoal: Subgoal, today: date) -> IndicatorResult:
    title = TITLES.get(subgoal.code, subgoal.text)
    explanation = EXPLANATIONS["survey"] if subgoal.measured_by == Subgoal.MeasuredBy.SURVEY else _(
        "Voor dit subdoel is nog geen berekening beschikbaar.")
    return IndicatorResult(
        code=subgoal.code, title=str(title), explanation=str(explanation), measured_by=subgoal.measured_by,
        value=None, numerator=None, denominator=None, target=subgoal.target_share,
        deadline=subgoal.deadline,
        expected_now=expected_on(subgoal.target_share, subgoal.deadline, today),
        status=Status.NOT_MEASURED, subgoal_text=subgoal.text)


def subgoal_overview(municipality: Municipality, today: date | None = None,
                     computed: list[IndicatorResult] | None = None,
                     survey_results: dict[str, IndicatorResult] | None = None,
                     subgoals: dict[str, Subgoal] | None = None,
                     ) -> list[IndicatorResult]:
    """Every Subgoal row of the municipality in programme order, measured where the registers
    or a survey wave allow and "nog geen meting" otherwise; the table a progress report
    (§3.7) starts from.

    Pass ``computed`` (from compute_register_indicators, same day), ``survey_results``
    (from weerbaar.monitor.services, same day) and ``subgoals`` (subgoals_of) to avoid
    computing or reading twice.
    """
    today = today or timezone.localdate()
    if subgoals is None:
        subgoals = subgoals_of(municipality)
    if computed is None:
        computed = compute_register_indicators(municipality, today, subgoals=subgoals)
    if survey_results is None:
        from weerbaar.monitor.services import survey_indicator_results  # monitor imports us

        survey_results = survey_indicator_results(municipality, today)
    by_code = {**survey_results, **{r.code: r for r in computed}}
    return [by_code[code] if code in by_code else _not_measured(subgoal, today)
            for code, subgoal in subgoals.items()]
