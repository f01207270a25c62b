"""What the doors show of the survey: per indicator the waves, trend, target test, status,
chart and domain tables, and the IndicatorResult the "Zijn we op koers?" table uses.

The status uses the programme's one rule (programme.indicators.status_for), but along the
path from the baseline wave to the target instead of from 0 at the programme start: a
survey has a measured starting point, and "0 % on 1 January 2026" would make every first
survey look on course. See docs/indicatoren.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from weerbaar.engines.survey import SurveyInputError, difference, test_target
from weerbaar.monitor.charts import ChartPoint, wave_chart
from weerbaar.monitor.estimates import (
    CONFIDENCE,
    DEFINITIONS,
    DIMENSIONS,
    INDICATOR_CODES,
    RELIABLE_MIN,
    SHOWN_MIN,
    Cell,
    IndicatorWave,
    WaveResult,
    estimate_municipality,
)
from weerbaar.programme.indicators import (
    PROGRAMME_START,
    TITLES,
    IndicatorResult,
    Status,
    WavePoint,
    expected_on,
    format_share,
    status_for,
    subgoals_of,
)
from weerbaar.programme.models import Subgoal


def expected_from_baseline(baseline: float, baseline_day: date, target: float, deadline: date,
                           day: date) -> float:
    """Where a straight path from the baseline wave to the target stands on ``day``."""
    if day >= deadline:
        return target
    if day <= baseline_day:
        return baseline
    return baseline + (target - baseline) * (day - baseline_day).days / (deadline - baseline_day).days


def survey_status(value: float | None, baseline: tuple[date, float] | None, target: float | None,
                  deadline: date | None, today: date) -> Status:
    """status_for along the baseline path: the value is shifted by the distance between the
    two paths, so thresholds, margin and the after-the-deadline rule stay exactly the same."""
    if value is None or target is None or deadline is None or baseline is None:
        return status_for(value, target, deadline, today)
    day, base = baseline
    if day >= deadline:
        return status_for(value, target, deadline, today)
    shift = expected_on(target, deadline, today) - expected_from_baseline(base, day, target,
                                                                           deadline, today)
    return status_for(value + shift, target, deadline, today)


def points(value: float) -> str:
    """A difference in whole percentage points, with its sign."""
    number = round(value * 100)
    return f"{'+' if number > 0 else ''}{number}"


def interval_display(low: float | None, high: float | None) -> str:
    if low is None or high is None or low != low or high != high:
        return "—"
    return f"{int(low * 100 + 0.5)}–{int(high * 100 + 0.5)} %"


def p_display(p: float) -> str:
    return "< 0,001" if p < 0.001 else f"{p:.3f}".replace(".", ",")


@dataclass
class DomainRow:
    label: str
    value_display: str
    interval_display: str
    n_display: str
    flag: str  # "", "onbetrouwbaar" or "onderdrukt"

    @classmethod
    def of(cls, cell: Cell) -> DomainRow:
        if cell.n == 0:
            return cls(cell.label, "—", "—", "0", _("geen respondenten"))
        if cell.suppressed or cell.value is None:
            return cls(cell.label, "—", "—", _("minder dan %(n)s") % {"n": SHOWN_MIN},
                       _("onderdrukt"))
        return cls(cell.label, format_share(cell.value), interval_display(cell.ci_low, cell.ci_high),
                   str(cell.n), _("onbetrouwbaar") if cell.unreliable else "")


@dataclass
class DomainTable:
    key: str
    title: str
    rows: list[DomainRow]


@dataclass
class SurveyPanel:
    """Everything the dashboard shows for one survey indicator."""

    result: IndicatorResult
    series: list[IndicatorWave]
    chart_svg: str
    table_rows: list[dict]
    domain_tables: list[DomainTable]
    latest_wave: str
    weighting_notes: list[str] = field(default_factory=list)
    trend_text: str = ""
    target_text: str = ""


def _trend(series: list[IndicatorWave]) -> str:
    shown = [s for s in series if s.overall.value is not None]
    if len(shown) < 2:
        return ""
    later, earlier = shown[-1], shown[-2]
    try:
        change = difference(later.overall.estimate, earlier.overall.estimate, confidence=CONFIDENCE)
    except SurveyInputError:
        return ""
    verdict = (_("dat is meer dan toeval (het interval bevat geen 0)") if change.significant
               else _("dat kan toeval zijn (het interval bevat 0)"))
    return _("Verschil tussen %(earlier)s en %(later)s: %(diff)s procentpunt (95%%-interval "
             "%(low)s tot %(high)s); %(verdict)s.") % {
        "earlier": earlier.wave.name, "later": later.wave.name, "diff": points(change.estimate),
        "low": points(change.ci_low), "high": points(change.ci_high), "verdict": verdict}


def _target_test(latest: IndicatorWave | None, target: float | None) -> str:
    if latest is None or latest.overall.value is None or target is None:
        return ""
    try:
        test = test_target(latest.overall.estimate, target, alternative="greater")
    except SurveyInputError:
        return ""
    values = {"target": format_share(target), "p": p_display(test.p_value),
              "wave": latest.wave.name}
    if test.reached():
        return _("Toets tegen de streefwaarde %(target)s (%(wave)s): p = %(p)s; aangetoond dat "
                 "de streefwaarde is gehaald.") % values
    return _("Toets tegen de streefwaarde %(target)s (%(wave)s): p = %(p)s; (nog) niet "
             "aangetoond dat de streefwaarde is gehaald.") % values


def _panel(code: str, series: list[IndicatorWave], wave_results: dict[int, WaveResult],
           subgoal: Subgoal | None, today: date) -> SurveyPanel:
    target = subgoal.target_share if subgoal else None
    deadline = subgoal.deadline if subgoal else None
    shown = [s for s in series if s.overall.value is not None]
    latest = shown[-1] if shown else None
    base = shown[0] if shown else None
    baseline = (base.wave.fieldwork_end, base.overall.value) if base else None
    value = latest.overall.value if latest else None
    if baseline and target is not None and deadline is not None and baseline[0] < deadline:
        expected = expected_from_baseline(baseline[1], baseline[0], target, deadline, today)
    else:
        expected = expected_on(target, deadline, today) if target is not None and deadline else None
    waves = [WavePoint(wave=s.wave.name, fieldwork_end=s.wave.fieldwork_end, value=s.overall.value,
                       ci_low=s.overall.ci_low, ci_high=s.overall.ci_high, respondents=s.overall.n)
             for s in series]
    last = series[-1]
    notes = []
    if latest is None:
        notes.append(_("Te weinig respondenten (minder dan %(n)s) om een uitkomst te tonen.")
                     % {"n": SHOWN_MIN})
    elif latest.overall.unreliable:
        notes.append(_("Onbetrouwbaar: minder dan %(n)s respondenten.") % {"n": RELIABLE_MIN})
    if any(s.wave.is_fictitious for s in series):
        notes.append(_("Let op: fictieve voorbeeldgegevens (demo), geen echte meting."))
    trend_text, target_text = _trend(series), _target_test(latest, target)
    result = IndicatorResult(
        code=code, title=str(TITLES.get(code, code)), explanation=str(DEFINITIONS[code]),
        measured_by=Subgoal.MeasuredBy.SURVEY, value=value, numerator=None, denominator=None,
        target=target, deadline=deadline, expected_now=expected,
        status=survey_status(value, baseline, target, deadline, today),
        subgoal_text=subgoal.text if subgoal else "",
        notes=[n for n in (*notes, trend_text, target_text) if n],
        ci_low=latest.overall.ci_low if latest else None,
        ci_high=latest.overall.ci_high if latest else None, waves=waves)
    chart_points = [ChartPoint(s.wave.fieldwork_end, s.wave.name, s.overall.value, s.overall.ci_low,
                               s.overall.ci_high, s.overall.unreliable) for s in shown]
    path = None
    if baseline and target is not None and deadline is not None and baseline[0] < deadline:
        path = (baseline, (deadline, target))
    description = "; ".join(
        f"{s.wave.name}: {format_share(s.overall.value)} "
        f"({_('95%-interval')} {interval_display(s.overall.ci_low, s.overall.ci_high)})"
        for s in shown)
    if target is not None:
        description += "; " + _("streefwaarde %(target)s") % {"target": format_share(target)}
    chart = wave_chart(chart_points, ident=f"grafiek-{code}", title=f"{code} {result.title}",
                       start=PROGRAMME_START, end=deadline or today, target=target, path=path,
                       description=description)
    table_rows = []
    for s in series:
        on_path = (expected_from_baseline(baseline[1], baseline[0], target, deadline,
                                          s.wave.fieldwork_end) if path else None)
        table_rows.append({
            "wave": s.wave.name, "day": s.wave.fieldwork_end,
            "value": format_share(s.overall.value, empty="—"),
            "interval": interval_display(s.overall.ci_low, s.overall.ci_high),
            "n": str(s.overall.n) if s.overall.n >= SHOWN_MIN else _("minder dan %(n)s") % {
                "n": SHOWN_MIN},
            "path": format_share(on_path, empty="—"),
            "flag": (_("onderdrukt") if s.overall.suppressed else
                     _("onbetrouwbaar") if s.overall.unreliable else ""),
        })
    domain_tables = [DomainTable(key, str(DIMENSIONS[key]), [DomainRow.of(c) for c in cells])
                     for key, cells in last.domains.items()]
    # mark_safe: charts.wave_chart escapes every text it puts into the SVG.
    return SurveyPanel(result=result, series=series, chart_svg=mark_safe(chart),
                       table_rows=table_rows, domain_tables=domain_tables,
                       latest_wave=last.wave.name,
                       weighting_notes=list(wave_results[last.wave.pk].notes),
                       trend_text=trend_text, target_text=target_text)


def weighting_summary(result: WaveResult) -> str:
    margins = {"kern": _("kern"), "leeftijd": _("leeftijdsgroep")}
    if not result.raked_on:
        return _("niet gewogen naar bevolkingscijfers")
    return _("gewogen naar %(margins)s") % {
        "margins": _(" en ").join(str(margins.get(m, m)) for m in result.raked_on)}


@dataclass
class SurveyOverview:
    panels: list[SurveyPanel] = field(default_factory=list)
    waves: list[str] = field(default_factory=list)  # one caption per wave, oldest first

    @property
    def results(self) -> dict[str, IndicatorResult]:
        """code -> IndicatorResult for programme.indicators.subgoal_overview."""
        return {panel.result.code: panel.result for panel in self.panels}


def survey_overview(municipality, today: date | None = None) -> SurveyOverview:
    """One panel per survey indicator that any wave of the municipality measures."""
    today = today or timezone.localdate()
    wave_results = estimate_municipality(municipality)
    if not wave_results:
        return SurveyOverview()
    subgoals = subgoals_of(municipality)
    by_wave = {r.wave.pk: r for r in wave_results}
    panels = []
    for code in INDICATOR_CODES:
        series = [r.indicators[code] for r in wave_results if code in r.indicators]
        if series:
            panels.append(_panel(code, series, by_wave, subgoals.get(code), today))
    return SurveyOverview(panels, [wave_caption(r) for r in wave_results])


def survey_indicator_results(municipality, today: date | None = None) -> dict[str, IndicatorResult]:
    """code -> IndicatorResult for every survey indicator with data (empty without waves)."""
    return survey_overview(municipality, today).results


def wave_caption(result: WaveResult) -> str:
    wave = result.wave
    return _("%(name)s: veldwerk %(start)s tot en met %(end)s, %(n)s respondenten, %(weighting)s.") % {
        "name": wave.name, "start": date_format(wave.fieldwork_start, "j F Y"),
        "end": date_format(wave.fieldwork_end, "j F Y"), "n": result.respondents,
        "weighting": weighting_summary(result)}
