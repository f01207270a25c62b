"""The progress report (voortgangsrapportage, end 2026) and final report (eindrapportage,
end 2027) of seed §3.7, as plain data for one municipality, report kind and date.

Built from the registers only, so the HTML page and the PDF say the same thing and a test
can read the figures without parsing HTML. Unknown amounts stay unknown: a sum over records
of which some have no amount says so instead of silently counting them as 0.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weerbaar.core.models import Confidence, Provenance
from weerbaar.places.models import Municipality
from weerbaar.planning.services import siting_summary
from weerbaar.programme import indicators
from weerbaar.programme.indicators import IndicatorResult, format_share
from weerbaar.programme.models import (
    ActionLine,
    BudgetLine,
    EvaluationMoment,
    LinkedProject,
    ProgrammeLine,
    ProgrammePlan,
    ProgrammeRole,
    ReportKind,
    ReportSection,
    WorkStatus,
)

# URL slug -> kind; Dutch because the URL is what staff see and type.
KIND_SLUGS = {"voortgangsrapportage": ReportKind.PROGRESS, "eindrapportage": ReportKind.FINAL}
SLUG_OF = {kind: slug for slug, kind in KIND_SLUGS.items()}

# Seed §3.7: "Eind 2026 Voortgangsrapportage", "Eind 2027 Eindrapportage". Used when the
# evaluation calendar has no moment for the kind.
DEFAULT_REFERENCE = {ReportKind.PROGRESS: dt.date(2026, 12, 31),
                     ReportKind.FINAL: dt.date(2027, 12, 31)}

_EPSILON = 1e-9


# ---------------------------------------------------------------- formatting


def format_euro(value: Decimal | None) -> str:
    """Dutch style, whole euros unless there are cents: "€ 23.532", "€ 1.234,50"."""
    if value is None:
        return _("onbekend")
    cents = value.quantize(Decimal("0.01")) != value.quantize(Decimal("1"))
    text = f"{value:,.2f}" if cents else f"{value:,.0f}"
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {text}"


def format_interval(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return ""
    return _("95%%-bi: %(low)s–%(high)s") % {
        "low": int(low * 100 + 0.5), "high": format_share(high)}


def _flags(record: Provenance) -> dict[str, bool]:
    return {"fictitious": record.is_fictitious,
            "estimate": record.confidence == Confidence.ESTIMATE}


# ---------------------------------------------------------------- the pieces


@dataclass(frozen=True)
class Amount:
    """A sum over records of which some may have no amount (unknown, not zero)."""

    known: Decimal
    unknown: int
    count: int

    @classmethod
    def of(cls, values: list[Decimal | None]) -> Amount:
        known = sum((v for v in values if v is not None), Decimal(0))
        return cls(known=known, unknown=sum(v is None for v in values), count=len(values))

    @property
    def value(self) -> Decimal | None:
        """The total when every part is known, else None."""
        return None if self.unknown else self.known

    @property
    def display(self) -> str:
        if self.count == 0:
            return "—"
        if self.unknown == self.count:
            return _("onbekend")
        if self.unknown:
            return ngettext("%(amount)s (en %(n)d post onbekend)",
                            "%(amount)s (en %(n)d posten onbekend)", self.unknown) % {
                "amount": format_euro(self.known), "n": self.unknown}
        return format_euro(self.known)


def spent_share(budgeted: Decimal, spent: Amount) -> float | None:
    if spent.value is None or budgeted <= 0:
        return None
    return float(spent.value / budgeted)


@dataclass(frozen=True)
class BudgetRow:
    year: int
    topic: str
    kind: str
    line: str
    budgeted: Decimal
    committed: Decimal | None
    spent: Decimal | None
    note: str
    flags: dict

    @property
    def budgeted_display(self) -> str:
        return format_euro(self.budgeted)

    @property
    def committed_display(self) -> str:
        return format_euro(self.committed)

    @property
    def spent_display(self) -> str:
        return format_euro(self.spent)

    @property
    def share_display(self) -> str:
        share = spent_share(self.budgeted, Amount.of([self.spent]))
        return _("onbekend") if share is None else format_share(share)


@dataclass(frozen=True)
class BudgetTotal:
    label: str
    budgeted: Decimal
    committed: Amount
    spent: Amount

    @property
    def budgeted_display(self) -> str:
        return format_euro(self.budgeted)

    @property
    def spent_share(self) -> float | None:
        return spent_share(self.budgeted, self.spent)

    @property
    def share_display(self) -> str:
        share = self.spent_share
        return _("onbekend") if share is None else format_share(share)

    @classmethod
    def of(cls, label: str, rows: list[BudgetRow]) -> BudgetTotal:
        return cls(label=label, budgeted=sum((r.budgeted for r in rows), Decimal(0)),
                   committed=Amount.of([r.committed for r in rows]),
                   spent=Amount.of([r.spent for r in rows]))


@dataclass(frozen=True)
class BudgetYear:
    year: int
    rows: tuple[BudgetRow, ...]
    total: BudgetTotal


@dataclass(frozen=True)
class Budget:
    years: tuple[BudgetYear, ...]
    total: BudgetTotal


@dataclass(frozen=True)
class WaveRow:
    name: str
    fieldwork_end: dt.date
    value: str
    interval: str
    respondents: int


@dataclass(frozen=True)
class SubgoalRow:
    code: str
    text: str
    measured: bool
    measured_by: str
    value: str
    fraction: str
    interval: str  # "95%-bi: 41–53 %" for survey results, else ""
    target: str
    deadline: dt.date | None
    status: str
    status_class: str
    waves: tuple[WaveRow, ...]
    reached: bool | None  # final report: target reached on the report date (None: cannot judge)
    reached_note: str = ""

    @property
    def reached_display(self) -> str:
        if self.reached is None:
            return _("Niet te beoordelen")
        return _("Ja") if self.reached else _("Nee")


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class ActionRow:
    period: str
    text: str
    owner: str
    status: str
    status_label: str
    subgoals: tuple[str, ...]
    flags: dict


@dataclass(frozen=True)
class ProjectRow:
    name: str
    description: str
    team: str
    status: str
    status_label: str
    lines: tuple[str, ...]
    flags: dict


@dataclass(frozen=True)
class TextSection:
    heading: str
    text: str
    flags: dict


@dataclass(frozen=True)
class LineReport:
    number: str
    name: str
    main_goal: str
    anchor: str
    subgoals: tuple[SubgoalRow, ...]
    actions: tuple[ActionRow, ...]
    status_counts: tuple[StatusCount, ...]
    projects: tuple[ProjectRow, ...]
    sections: tuple[TextSection, ...]


@dataclass(frozen=True)
class EvaluationRow:
    period: str
    planned_on: dt.date
    kind: str
    description: str
    audience: str
    done_on: dt.date | None
    state: str
    done: bool
    overdue: bool
    flags: dict


@dataclass(frozen=True)
class RoleRow:
    name: str
    holder: str
    responsibilities: str


@dataclass(frozen=True)
class ProgrammeReport:
    municipality: str
    municipality_code: str
    kind: str
    slug: str
    title: str
    is_final: bool
    report_date: dt.date
    reference_date: dt.date
    generated_on: dt.date
    plan_title: str
    plan_aim: str
    lines: tuple[LineReport, ...]
    general_projects: tuple[ProjectRow, ...]
    sections: tuple[TextSection, ...]
    roles: tuple[RoleRow, ...]
    evaluation: tuple[EvaluationRow, ...]
    budget: Budget | None  # None: hidden for this reader
    status_counts: tuple[StatusCount, ...]
    fictitious_registers: tuple[str, ...] = field(default=())
    siting: object | None = None  # weerbaar.planning.services.SitingSummary (noodsteunpunten)

    @property
    def has_fictitious(self) -> bool:
        return bool(self.fictitious_registers)

    @property
    def has_programme(self) -> bool:
        return bool(self.lines)


# ---------------------------------------------------------------- dates


def reference_date(municipality: Municipality | None, kind: str, on: dt.date) -> dt.date:
    """The planned date of the report in the evaluation calendar: the first one on or after
    ``on``, else the last one; the seed's date when the calendar has none."""
    planned = []
    if municipality is not None:
        planned = list(EvaluationMoment.objects.filter(municipality=municipality, report_kind=kind)
                       .order_by("planned_on").values_list("planned_on", flat=True))
    if not planned:
        return DEFAULT_REFERENCE[ReportKind(kind)]
    return next((day for day in planned if day >= on), planned[-1])


def default_report_date(municipality: Municipality | None, kind: str, today: dt.date) -> dt.date:
    """Today, but never after the report's reference date: a report made later still reports
    on its own moment (the progress report on end 2026), one made earlier is a concept."""
    return min(today, reference_date(municipality, kind, today))


# ---------------------------------------------------------------- building


def _subgoal_row(result: IndicatorResult, final: bool) -> SubgoalRow:
    reached, note = None, ""
    if final and result.value is not None and result.target is not None:
        reached = result.value >= result.target - _EPSILON
        if result.ci_low is not None and result.ci_high is not None:
            if reached and result.ci_low < result.target - _EPSILON:
                note = _("De ondergrens van het betrouwbaarheidsinterval ligt onder de "
                         "streefwaarde.")
            elif not reached and result.ci_high >= result.target - _EPSILON:
                note = _("De streefwaarde ligt binnen het betrouwbaarheidsinterval.")
    waves = tuple(
        WaveRow(name=w.wave, fieldwork_end=w.fieldwork_end, value=format_share(w.value),
                interval=format_interval(w.ci_low, w.ci_high), respondents=w.respondents)
        for w in (result.waves or []))
    return SubgoalRow(
        code=result.code, text=result.subgoal_text or result.title, measured=result.measured,
        measured_by=result.measured_by, value=result.value_display,
        fraction=result.fraction_display, interval=format_interval(result.ci_low, result.ci_high),
        target=result.target_display, deadline=result.deadline, status=result.status_label,
        status_class=result.status_class, waves=waves, reached=reached, reached_note=note)


def _counts(statuses: list[str]) -> tuple[StatusCount, ...]:
    return tuple(StatusCount(status=value, label=str(label), count=statuses.count(value))
                 for value, label in WorkStatus.choices)


def _project_row(project: LinkedProject) -> ProjectRow:
    return ProjectRow(
        name=project.name, description=project.description,
        team=project.responsible_team or _("onbekend"), status=project.status,
        status_label=project.get_status_display(),
        lines=tuple(line.number for line in project.lines.all()), flags=_flags(project))


def _text(section: ReportSection) -> TextSection:
    return TextSection(heading=section.heading_display, text=section.text, flags=_flags(section))


def _budget(municipality: Municipality) -> Budget:
    by_year: dict[int, list[BudgetRow]] = defaultdict(list)
    for line in (BudgetLine.objects.filter(municipality=municipality).select_related("line")
                 .order_by("year", "id")):
        by_year[line.year].append(BudgetRow(
            year=line.year, topic=line.topic, kind=line.get_kind_display(),
            line=line.line.number if line.line else "", budgeted=line.budgeted,
            committed=line.committed, spent=line.spent, note=line.note, flags=_flags(line)))
    years = tuple(BudgetYear(year=year, rows=tuple(rows),
                             total=BudgetTotal.of(_("Totaal %(year)s") % {"year": year}, rows))
                  for year, rows in sorted(by_year.items()))
    everything = [row for rows in by_year.values() for row in rows]
    return Budget(years=years, total=BudgetTotal.of(_("Totaal alle jaren"), everything))


def _evaluation(municipality: Municipality, on: dt.date) -> tuple[EvaluationRow, ...]:
    rows = []
    for moment in EvaluationMoment.objects.filter(municipality=municipality).order_by(
            "planned_on", "id"):
        done = moment.done_on is not None and moment.done_on <= on
        overdue = not done and moment.planned_on < on
        if done:
            state = _("Uitgevoerd op %(date)s") % {"date": date_format(moment.done_on, "j F Y")}
        elif overdue:
            state = _("Termijn verstreken, nog niet uitgevoerd")
        else:
            state = _("Gepland")
        rows.append(EvaluationRow(
            period=moment.planned_period or date_format(moment.planned_on, "j F Y"),
            planned_on=moment.planned_on, kind=moment.get_kind_display(),
            description=moment.description,
            audience=moment.get_audience_display() if moment.audience else "—",
            done_on=moment.done_on if done else None, state=state, done=done, overdue=overdue,
            flags=_flags(moment)))
    return tuple(rows)


# Ways from a register record to its municipality, tried in order.
_MUNICIPALITY_PATHS = (
    "municipality", "community__municipality", "line__municipality",
    "organisation__municipality", "version__municipality", "support_point__community__municipality",
    "asset__municipality", "plan__owner__municipality",
)


def fictitious_registers(municipality: Municipality, skip: set[str] = frozenset()) -> list[str]:
    """The registers (plural names) holding fictitious records of this municipality.

    The report's figures come from all registers (the indicators read key figures, networks,
    survey data …), so every Provenance model counts, not only the programme's own. A model
    with no way to a municipality is checked as a whole: better a banner too many than one
    too few.

    One query with an EXISTS per register; its SQL depends only on the models, so it is
    compiled once per process (compiling thirty subqueries cost more than running them).
    """
    models, sql, params = _fictitious_query(connection.alias, frozenset(skip))
    if not models:
        return []
    params = [municipality.pk if _is_sentinel(p) else p for p in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:  # the municipality itself is gone
        return []
    return sorted(str(model._meta.verbose_name_plural)  # in the language of this request
                  for model, found in zip(models, row, strict=True) if found)


# Stands for the municipality's primary key in the compiled query's parameters (no real key).
_MUNICIPALITY_SENTINEL = -918273645


def _is_sentinel(param) -> bool:
    return type(param) is int and param == _MUNICIPALITY_SENTINEL


@functools.cache
def _fictitious_query(alias: str, skip: frozenset[str]) -> tuple[list, str, list]:
    """(models, SQL, parameters) of the query behind fictitious_registers: one column per
    model, whether it has fictitious records of the municipality."""
    models, checks = [], []
    for model in apps.get_models():
        if (not issubclass(model, Provenance) or model._meta.label in skip
                or model.__name__.startswith("Historical")):
            continue
        fictitious = model.objects.filter(is_fictitious=True)
        if model is Municipality:
            scoped = fictitious.filter(pk=OuterRef("pk"))
        else:
            scoped = None
            for path in _MUNICIPALITY_PATHS:
                try:
                    scoped = fictitious.filter(**{path: OuterRef("pk")})
                    break
                except FieldError:
                    continue
        models.append(model)
        checks.append(Exists(scoped if scoped is not None else fictitious))
    if not checks:
        return [], "", []
    query = Municipality.objects.using(alias).filter(pk=_MUNICIPALITY_SENTINEL).annotate(
        **{f"register_{i}": check for i, check in enumerate(checks)}).values_list(
        *(f"register_{i}" for i in range(len(checks)))).query
    sql, params = query.get_compiler(alias).as_sql()
    if sum(map(_is_sentinel, params)) != 1:  # the key must appear exactly once, as the filter
        raise RuntimeError("fictitious_registers: unexpected query parameters")
    return models, sql, list(params)


def build_report(municipality: Municipality | None, kind: str, report_date: dt.date, *,
                 today: dt.date, include_budget: bool = True) -> ProgrammeReport:
    """The report of ``kind`` for ``municipality`` on ``report_date`` (indicators are judged on
    that date; actions, projects and texts are the registers as they stand ``today``)."""
    kind = ReportKind(kind)
    final = kind == ReportKind.FINAL
    reference = reference_date(municipality, kind, report_date)
    title = _("%(kind)s %(year)s") % {"kind": kind.label, "year": reference.year}
    empty = ProgrammeReport(
        municipality=municipality.name if municipality else "",
        municipality_code=municipality.cbs_code if municipality else "", kind=kind.value,
        slug=SLUG_OF[kind], title=title, is_final=final, report_date=report_date,
        reference_date=reference, generated_on=today, plan_title="", plan_aim="", lines=(),
        general_projects=(), sections=(), roles=(), evaluation=(), budget=None,
        status_counts=_counts([]))
    if municipality is None:
        return empty

    plan = ProgrammePlan.objects.filter(municipality=municipality).order_by("-starts_on").first()
    subgoals = indicators.subgoals_of(municipality)
    results = {r.code: r for r in indicators.subgoal_overview(municipality, report_date,
                                                                subgoals=subgoals)}
    subgoal_lines = {code: s.line_id for code, s in subgoals.items()}
    actions_by_line: dict[int, list[ActionLine]] = defaultdict(list)
    for action in (ActionLine.objects.filter(line__municipality=municipality)
                   .select_related("organisation").prefetch_related("subgoals")
                   .order_by("line_id", "period", "position", "id")):
        actions_by_line[action.line_id].append(action)
    projects = list(LinkedProject.objects.filter(municipality=municipality)
                    .prefetch_related("lines").order_by("name"))
    # Each project's row once, however many lines it serves.
    project_rows = [(_project_row(p), {pl.id for pl in p.lines.all()}) for p in projects]
    sections = list(ReportSection.objects.filter(
        municipality=municipality, report_kind=kind, report_year=reference.year)
        .order_by("line_id", "position", "id"))

    lines, all_statuses = [], []
    for line in ProgrammeLine.objects.filter(municipality=municipality).order_by("id"):
        actions = actions_by_line[line.id]
        all_statuses += [a.status for a in actions]
        lines.append(LineReport(
            number=line.number, name=line.name, main_goal=line.main_goal,
            anchor=f"lijn-{line.number}",
            subgoals=tuple(_subgoal_row(results[code], final) for code, line_id
                           in subgoal_lines.items() if line_id == line.id and code in results),
            actions=tuple(ActionRow(
                period=a.period, text=a.text,
                owner=a.owner or (a.organisation.name if a.organisation else _("onbekend")),
                status=a.status, status_label=a.get_status_display(),
                subgoals=tuple(sorted(s.code for s in a.subgoals.all())), flags=_flags(a))
                for a in actions),
            status_counts=_counts([a.status for a in actions]),
            projects=tuple(row for row, line_ids in project_rows if line.id in line_ids),
            sections=tuple(_text(s) for s in sections if s.line_id == line.id)))

    skip = set() if include_budget else {BudgetLine._meta.label}
    return dataclasses.replace(
        empty,
        plan_title=plan.title if plan else "", plan_aim=plan.aim if plan else "",
        lines=tuple(lines),
        general_projects=tuple(row for row, line_ids in project_rows if not line_ids),
        sections=tuple(_text(s) for s in sections if s.line_id is None),
        roles=tuple(RoleRow(name=r.name, holder=r.holder, responsibilities=r.responsibilities)
                    for r in ProgrammeRole.objects.filter(municipality=municipality)),
        evaluation=_evaluation(municipality, report_date),
        budget=_budget(municipality) if include_budget else None,
        status_counts=_counts(all_statuses),
        fictitious_registers=tuple(fictitious_registers(municipality, skip)),
        siting=siting_summary(municipality))
