"""What the scenario page shows of a run: the timeline per sector like the seed's table
(§3.2, VRBN), load per noodsteunpunt, households per kern, vulnerable locations and key
figures, as plain rows for accessible tables, with the SVG charts beside them."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.scenarios.services import ScenarioRun
from weerbaar.workspace.scenario_charts import line_chart

PHASES = ("0-2", "2-4", "4-24", "24+")
PHASE_LABELS = {"0-2": gettext_lazy("0-2 uur"), "2-4": gettext_lazy("2-4 uur"),
                "4-24": gettext_lazy("4-24 uur"), "24+": gettext_lazy("Na 24 uur")}
# The seed's row order; sectors of other scenarios follow in order of appearance.
SEED_SECTORS = ("Bevolkingszorg", "Brandweer", "GHOR", "Politie", "Meldkamer", "Enexis",
                "Gasunie", "RWS droog", "RWS nat", "Waterschap", "Brabant Water", "ProRail",
                "Telecom", "Tankstations", "Algemeen")
SAMPLE_HOURS = (0, 2, 4, 8, 12, 24, 48, 72)
MEASURE_LABELS = {
    "no_power": gettext_lazy("zonder stroom"),
    "no_heating": gettext_lazy("zonder verwarming"),
    "no_water_pressure": gettext_lazy("zonder waterdruk"),
    "no_phone": gettext_lazy("zonder telefoon"),
    "no_112": gettext_lazy("zonder 112"),
    "without_power": gettext_lazy("zonder stroom"),
    "without_heating": gettext_lazy("zonder verwarming"),
    "without_water_pressure": gettext_lazy("zonder waterdruk"),
    "without_water": gettext_lazy("zonder drinkwater"),
    "without_phone": gettext_lazy("zonder telefoon"),
    "without_112": gettext_lazy("zonder 112"),
    "unprepared": gettext_lazy("onvoorbereid (zonder noodpakket)"),
    "reduced_self_reliance_in_need": gettext_lazy("verminderd zelfredzamen met hulpvraag"),
    "electricity_dependent_in_need": gettext_lazy("stroomafhankelijken met hulpvraag"),
    "by_phone": gettext_lazy("telefonisch bereikbaar"),
    "in_person_only": gettext_lazy("alleen persoonlijk bereikbaar"),
    "phone": gettext_lazy("telefonisch bereikbaar"),
    "mobile": gettext_lazy("mobiel bereikbaar"),
    "fixed": gettext_lazy("vast bereikbaar"),
    "in_person": gettext_lazy("alleen persoonlijk bereikbaar"),
}


PEOPLE_COUNTS = {"reduced_self_reliance_in_need", "electricity_dependent_in_need"}  # not households


def measure_label(key: str) -> str:
    return str(MEASURE_LABELS.get(key, key.replace("_", " ")))


def hours_text(value) -> str:
    if value is None or value != value:
        return "—"
    return f"{float(value):.1f}".rstrip("0").rstrip(".").replace(".", ",")


@dataclass
class TimelineCell:
    effects: list[dict] = field(default_factory=list)


@dataclass
class TimelineRow:
    sector: str
    cells: list[TimelineCell]


def timeline(run: ScenarioRun) -> tuple[list[TimelineRow], list[dict]]:
    """Rows = sectors, columns = phases; effects that never start are returned apart."""
    order = {name.lower(): number for number, name in enumerate(SEED_SECTORS)}
    sectors: dict[str, list] = {}
    never = []
    for effect in run.result.effects:
        sectors.setdefault(effect.sector, [])
        item = {"id": effect.id, "text": effect.text, "onset": hours_text(effect.onset_hours),
                "p10": hours_text(getattr(effect, "onset_p10", None)),
                "p90": hours_text(getattr(effect, "onset_p90", None)),
                "trigger": getattr(effect, "trigger", ""), "phase": effect.phase}
        if effect.phase in PHASES:
            sectors[effect.sector].append(item)
        else:
            never.append({**item, "sector": effect.sector})
    names = sorted(sectors, key=lambda s: (order.get(s.lower(), len(order)), list(sectors).index(s)))
    rows = []
    for name in names:
        cells = [TimelineCell(sorted((e for e in sectors[name] if e["phase"] == phase),
                                     key=lambda e: float(e["onset"].replace(",", "."))))
                 for phase in PHASES]
        rows.append(TimelineRow(name, cells))
    return rows, never


def support_points(run: ScenarioRun) -> list[dict]:
    names = {}
    if run.region is not None:
        names = {site.id: (site.name, site.community) for site in run.region.region.support_points}
    shown = []
    for number, point in enumerate(run.result.support_points, start=1):
        demand = [float(v) for v in np.asarray(point.demand_by_hour).ravel()]
        name, community = names.get(point.id, (getattr(point, "name", point.id), ""))
        capacity = float(point.capacity_per_hour)
        description = _("Vraag per uur tegenover de capaciteit van %(cap)s mensen per uur; "
                        "hoogste vraag %(peak)s per uur; %(over)s uur overbelast.") % {
            "cap": hours_text(capacity), "peak": hours_text(point.peak_demand_per_hour),
            "over": hours_text(point.overloaded_hours)}
        chart = line_chart([(_("vraag per uur"), demand)], ident=f"nsp-{number}",
                           title=_("Belasting noodsteunpunt %(name)s") % {"name": name},
                           description=description,
                           reference=(_("capaciteit %(cap)s per uur") % {"cap": hours_text(capacity)},
                                      capacity))
        shown.append({
            "id": point.id, "name": name, "community": community, "capacity": hours_text(capacity),
            "peak": hours_text(point.peak_demand_per_hour),
            "overloaded": hours_text(point.overloaded_hours),
            "backup_ends": hours_text(getattr(point, "backup_ends_at_hours", None)),
            "chart": chart, "hourly": [(hour, hours_text(value), value > capacity)
                                       for hour, value in enumerate(demand)],
        })
    return shown


def _samples(length: int) -> list[int]:
    return [hour for hour in SAMPLE_HOURS if hour < length] or [0]


def households(run: ScenarioRun) -> dict:
    """Per measure a table (kern x sample hours) and one chart of the municipality's totals."""
    result = run.result
    if not result.households:
        return {}
    communities = {}
    if run.region is not None:
        communities = {unit.id: unit.community for unit in run.region.region.neighbourhoods}
    ids = list(result.neighbourhood_ids)
    kernen = list(dict.fromkeys(communities.get(i, i) for i in ids))
    tables, series = [], []
    length = 1
    for key, matrix in result.households.items():
        if key.startswith("demand_"):  # the engine's demand terms, shown per noodsteunpunt
            continue
        matrix = np.atleast_2d(np.asarray(matrix, dtype=float))
        length = matrix.shape[1]
        samples = _samples(length)
        rows = []
        for kern in kernen:
            mask = np.array([communities.get(i, i) == kern for i in ids])
            total = matrix[mask].sum(axis=0) if mask.any() else np.zeros(length)
            rows.append((kern, [f"{round(total[h]):,}".replace(",", ".") for h in samples]))
        overall = matrix.sum(axis=0)
        rows.append((_("Hele gemeente"), [f"{round(overall[h]):,}".replace(",", ".")
                                          for h in samples]))
        label = measure_label(key)
        caption = (_("%(what)s, per kern") % {"what": capfirst(label)} if key in PEOPLE_COUNTS
                   else _("Huishoudens %(what)s, per kern") % {"what": label})
        tables.append({"key": key, "label": label, "caption": caption, "rows": rows})
        series.append((measure_label(key), [float(v) for v in overall]))
    samples = _samples(length)
    chart = line_chart(series, ident="huishoudens",
                       title=_("Huishoudens in de gemeente over de tijd"),
                       description="; ".join(f"{label}: {round(values[-1])} " + _("na %(h)s uur") % {
                           "h": len(values) - 1} for label, values in series))
    return {"tables": tables, "samples": samples, "chart": chart, "legend": [s[0] for s in series]}


def vulnerable_sites(run: ScenarioRun) -> list[dict]:
    """Each location with its registered backup hours and the hour its backup ends in the run
    (p10–p90 with Monte Carlo runs); '—' = the backup does not run out within the horizon."""
    backups = {}
    if run.region is not None:
        backups = {site.id: site.backup_hours for site in run.region.region.vulnerable_sites}
    rows = []
    for site in run.result.vulnerable_sites:
        ends = hours_text(site.get("backup_ends_at_hours"))
        if run.runs > 1 and site.get("p10") is not None:
            ends += f" ({hours_text(site.get('p10'))}–{hours_text(site.get('p90'))})"
        rows.append({"name": site.get("name", site.get("id", "")),
                     "residents": site.get("residents", "—"),
                     "backup": hours_text(backups.get(site.get("id"))), "ends": ends})
    return rows


def key_figures(run: ScenarioRun) -> dict:
    data = run.result.key_figures or {}
    if not data:
        return {}
    length = max(len(np.asarray(v).ravel()) for v in data.values())
    samples = _samples(length)
    rows = [(measure_label(key), [hours_text(np.asarray(values).ravel()[h]) for h in samples])
            for key, values in data.items()]
    return {"samples": samples, "rows": rows}
