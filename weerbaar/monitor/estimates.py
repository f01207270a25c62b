"""From a wave's respondents to weighted indicator estimates with intervals (seed §3.7).

For each wave: build the engine design (file weights or 1, strata and clusters if the
codebook maps them), rake a residents' wave to the population margins the `places`
statistics support, then estimate every survey indicator overall and per domain. The
definitions and the choice of margins are in docs/indicatoren.md; change both together.

Nothing is cached in the database. Each worker process keeps recent results in memory, keyed
by a hash of everything the estimate reads (the wave, its respondents, the kernen and the
population statistics, the language): a re-import or new statistics change the key, so a
result can never be stale, and the dashboard no longer re-rakes on every request.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from weerbaar.engines.survey import Design, Estimate, SurveyInputError, by_domain, proportion, rake
from weerbaar.monitor.models import AgeGroup, HouseholdType, Sex, SurveyWave
from weerbaar.places.models import Community, PopulationStatistic

# Small domains (one place for both rules). Fewer than RELIABLE_MIN respondents: the number
# is shown but marked "onbetrouwbaar"; fewer than SHOWN_MIN: no number anywhere (privacy:
# with a handful of respondents an answer could be traced to a person).
RELIABLE_MIN = 50
SHOWN_MIN = 10
CONFIDENCE = 0.95

INDICATOR_CODES = ("I-1", "I-2", "I-3", "II-3")
RESIDENT_CODES = ("I-1", "I-2", "I-3")

DEFINITIONS = {
    "I-1": gettext_lazy("Gewogen aandeel inwoners dat ‘ja’ antwoordt op de vraag of zij weten "
                        "waar zij terecht kunnen met een hulp- of ondersteuningsvraag."),
    "I-2": gettext_lazy("Gewogen aandeel inwoners dat ‘ja’ antwoordt op de vraag of zij weten "
                        "wat van hen wordt verwacht bij een verstoring."),
    "I-3": gettext_lazy("Gewogen aandeel respondenten in een zelfstandig huishouden (niet in een "
                        "instelling) met een noodpakket én een noodplan."),
    "II-3": gettext_lazy("Gewogen aandeel informele hulpverleners dat ‘ja’ antwoordt op de vraag "
                         "of zij weten wat van hen wordt verwacht rond verminderd zelfredzamen, "
                         "ook tijdens een verstoring."),
}

DIMENSIONS = {
    "kern": gettext_lazy("Kern"),
    "age_group": gettext_lazy("Leeftijdsgroep"),
    "sex": gettext_lazy("Geslacht"),
    "household_type": gettext_lazy("Soort huishouden"),
}

FIELDS = ("respondent_id", "community_id", "age_group", "sex", "household_type",
          "informal_helper", "knows_where_help", "knows_what_expected", "has_kit", "has_plan",
          "helper_knows_expected", "weight", "stratum", "psu")


class Reliability:
    OK = "ok"
    UNRELIABLE = "unreliable"
    SUPPRESSED = "suppressed"


def reliability_of(n: int) -> str:
    if n < SHOWN_MIN:
        return Reliability.SUPPRESSED
    if n < RELIABLE_MIN:
        return Reliability.UNRELIABLE
    return Reliability.OK


@dataclass(frozen=True)
class Cell:
    """One domain (or the whole population) of one indicator in one wave."""

    label: str
    n: int  # respondents in the domain with an answer (unweighted)
    estimate: Estimate | None  # None when suppressed or nobody answered

    @property
    def reliability(self) -> str:
        return reliability_of(self.n)

    @property
    def suppressed(self) -> bool:
        return self.reliability == Reliability.SUPPRESSED

    @property
    def unreliable(self) -> bool:
        return self.reliability == Reliability.UNRELIABLE

    @property
    def value(self) -> float | None:
        return None if self.suppressed or self.estimate is None else self.estimate.estimate

    @property
    def ci_low(self) -> float | None:
        return None if self.value is None else self.estimate.ci_low

    @property
    def ci_high(self) -> float | None:
        return None if self.value is None else self.estimate.ci_high


@dataclass
class IndicatorWave:
    code: str
    wave: SurveyWave
    overall: Cell
    domains: dict[str, list[Cell]] = field(default_factory=dict)


@dataclass
class WaveResult:
    wave: SurveyWave
    respondents: int
    raked_on: list[str] = field(default_factory=list)  # margin names, empty = not raked
    notes: list[str] = field(default_factory=list)
    indicators: dict[str, IndicatorWave] = field(default_factory=dict)
    rake_report: dict | None = None


# --------------------------------------------------------------------------- data


def load_columns(wave: SurveyWave) -> dict[str, np.ndarray]:
    """The wave's respondents as one array per field (object arrays keep None)."""
    rows = list(wave.responses.order_by("id").values_list(*FIELDS))
    return {name: np.array([row[i] for row in rows], dtype=object)
            for i, name in enumerate(FIELDS)}


def _yes_no(values: np.ndarray) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def indicator_data(wave: SurveyWave, columns: dict[str, np.ndarray]) -> dict[str, tuple]:
    """code -> (0/1/NaN values, population mask) for the indicators this wave can measure."""
    n = len(columns["respondent_id"])
    everyone = np.ones(n, bool)
    data = {}
    if wave.population == SurveyWave.Population.RESIDENTS:
        data["I-1"] = (_yes_no(columns["knows_where_help"]), everyone)
        data["I-2"] = (_yes_no(columns["knows_what_expected"]), everyone)
        kit, plan = _yes_no(columns["has_kit"]), _yes_no(columns["has_plan"])
        # kit AND plan: no when either is no; unknown when one is unknown and neither is no.
        both = np.where((kit == 0) | (plan == 0), 0.0, np.where(np.isnan(kit) | np.isnan(plan),
                                                                np.nan, 1.0))
        independent = columns["household_type"] != HouseholdType.INSTITUTIONAL
        data["I-3"] = (both, independent)
        helpers = np.array([v is True for v in columns["informal_helper"]])
    else:  # a survey among helpers: everyone is a helper unless they said otherwise
        helpers = np.array([v is not False for v in columns["informal_helper"]])
    data["II-3"] = (_yes_no(columns["helper_knows_expected"]), helpers)
    return {code: (values, mask) for code, (values, mask) in data.items()
            if (mask & ~np.isnan(values)).any()}


# --------------------------------------------------------------------------- weighting


def _latest(statistics, year: int):
    """The statistic of ``year`` or the latest year before it (None when there is none)."""
    return statistics.filter(year__lte=year).order_by("-year").first()


def kern_margin(wave: SurveyWave, columns, notes: list[str]):
    """(labels, {community id: inhabitants}) or None with a note saying why not."""
    ids = columns["community_id"]
    if any(v is None for v in ids):
        notes.append(_("Niet gewogen naar kern: niet elke respondent heeft een kern."))
        return None
    year = wave.fieldwork_end.year
    present = set(ids.tolist())
    totals, lacking, absent = {}, [], []
    for community in Community.objects.filter(municipality=wave.municipality).order_by("name"):
        stat = _latest(PopulationStatistic.objects.filter(community=community,
                                                          inhabitants__isnull=False), year)
        if community.id in present:
            if stat is None:
                lacking.append(community.name)
            else:
                totals[str(community.id)] = float(stat.inhabitants)
        elif stat is not None:
            absent.append(community.name)
    if lacking:
        notes.append(_("Niet gewogen naar kern: geen bevolkingscijfer (%(year)s of eerder) voor "
                       "%(kernen)s.") % {"year": year, "kernen": ", ".join(lacking)})
        return None
    if absent:
        notes.append(_("Geen respondenten in %(kernen)s; die kernen tellen niet mee in de weging.")
                     % {"kernen": ", ".join(absent)})
    return np.array([str(v) for v in ids], dtype=object), totals


def age_margin(wave: SurveyWave, columns, notes: list[str]):
    """(labels, {group: residents}) from the municipality's 0-14, 65+ and 80+ counts, or None.

    The statistics support three groups: 15-64 (inhabitants - 0-14 - 65+), 65-79 and 80+;
    65+ stays one group when a questionnaire does not split it or 80+ is unknown.
    """
    groups = columns["age_group"]
    if not any(groups):
        return None  # the codebook maps no age group: nothing to say
    if any(not g for g in groups):
        notes.append(_("Niet gewogen naar leeftijd: niet elke respondent heeft een leeftijdsgroep."))
        return None
    stat = _latest(PopulationStatistic.objects.filter(
        municipality=wave.municipality, inhabitants__isnull=False, aged_0_14__isnull=False,
        aged_65_plus__isnull=False), wave.fieldwork_end.year)
    if stat is None:
        notes.append(_("Niet gewogen naar leeftijd: de bevolkingscijfers van de gemeente noemen "
                       "geen aantallen 0-14 en 65+."))
        return None
    under = float(stat.inhabitants - stat.aged_0_14 - stat.aged_65_plus)
    old = {AgeGroup.FROM_65_TO_79, AgeGroup.FROM_80, AgeGroup.FROM_65}
    labels = np.array(["<65" if g not in old else g for g in groups], dtype=object)
    present = set(labels.tolist())
    split = (stat.aged_80_plus is not None and AgeGroup.FROM_65 not in present
             and {AgeGroup.FROM_65_TO_79, AgeGroup.FROM_80} <= present)
    if split:
        totals = {"<65": under, AgeGroup.FROM_65_TO_79: float(stat.aged_65_plus - stat.aged_80_plus),
                  AgeGroup.FROM_80: float(stat.aged_80_plus)}
    else:
        labels = np.array(["65+" if g in old else g for g in labels], dtype=object)
        totals = {"<65": under, "65+": float(stat.aged_65_plus)}
    if set(labels.tolist()) != set(totals):
        notes.append(_("Niet gewogen naar leeftijd: niet elke leeftijdsgroep heeft respondenten."))
        return None
    return labels, totals


def build_design(columns) -> Design:
    strata = columns["stratum"] if any(columns["stratum"]) else None
    psu = columns["psu"] if any(columns["psu"]) else None
    return Design(weights=np.asarray(columns["weight"], dtype=float), strata=strata, psu=psu,
                  lonely_psu="adjust")


def weight(wave: SurveyWave, columns, result: WaveResult) -> Design:
    """The design, raked to kern and age margins where the statistics allow (else as is)."""
    design = build_design(columns)
    if wave.population != SurveyWave.Population.RESIDENTS:
        result.notes.append(_("Niet gewogen naar bevolkingscijfers: er zijn geen cijfers over "
                              "informele hulpverleners. Alleen de gewichten uit het bestand tellen."))
        return design
    margins = {}
    kern = kern_margin(wave, columns, result.notes)
    if kern is not None:
        margins["kern"] = kern
    age = age_margin(wave, columns, result.notes)
    if age is not None:
        labels, totals = age
        if kern is not None:  # the margins must share one total: take the kern total
            scale = sum(kern[1].values()) / sum(totals.values())
            totals = {k: v * scale for k, v in totals.items()}
        margins["leeftijd"] = (labels, totals)
    if not margins:
        result.notes.append(_("Niet gewogen naar bevolkingscijfers (zie hierboven); de schatting "
                              "gebruikt alleen de gewichten uit het bestand."))
        return design
    try:
        raked = rake(design, margins)
    except SurveyInputError as error:
        result.notes.append(_("Niet gewogen naar bevolkingscijfers: %(reason)s.") % {
            "reason": str(error)})
        return design
    result.raked_on = list(margins)
    result.rake_report = raked.report()
    result.notes.extend(raked.notes)
    return raked.design


# --------------------------------------------------------------------------- estimating


def _domain_labels(wave: SurveyWave, columns) -> dict[str, tuple[np.ndarray, list[tuple[str, str]]]]:
    """dimension -> (label per respondent, [(label, display)] in display order)."""
    names = dict(Community.objects.filter(municipality=wave.municipality).order_by("name")
                 .values_list("id", "name"))
    dims = {"kern": (np.array([str(v) if v is not None else "" for v in columns["community_id"]],
                              dtype=object),
                     [(str(pk), name) for pk, name in names.items()])}
    for name, choices in (("age_group", AgeGroup), ("sex", Sex), ("household_type", HouseholdType)):
        values = np.array([v or "" for v in columns[name]], dtype=object)
        if any(values):
            dims[name] = (values, [(value, str(label)) for value, label in choices.choices])
    return dims


def _cells(design: Design, values, keep, labels, order) -> list[Cell]:
    counts = {label: int(np.count_nonzero(keep & (labels == label))) for label, _d in order}
    estimable = [label for label, _d in order if counts[label] >= SHOWN_MIN]
    estimates = {}
    if estimable:
        # Respondents outside the kept rows are excluded by ``domain``; their label only
        # has to be one that exists among the kept rows.
        filler = estimable[0]
        groups = np.where(np.isin(labels, estimable) & keep, labels, filler)
        mask = keep & np.isin(labels, estimable)
        estimates = by_domain(proportion, design, values, groups, domain=mask,
                              confidence=CONFIDENCE)
    return [Cell(display, counts[label], estimates.get(label)) for label, display in order]


_RESULTS: OrderedDict[str, WaveResult] = OrderedDict()
_RESULTS_LOCK = threading.Lock()
_RESULTS_KEPT = 32


def inputs_key(wave: SurveyWave, columns: dict[str, np.ndarray]) -> str:
    """A hash of everything ``estimate_wave`` reads, so equal keys mean equal results."""
    digest = hashlib.sha256()
    municipality = wave.municipality_id
    parts = (
        get_language(),
        [getattr(wave, f.attname) for f in wave._meta.concrete_fields],
        [columns[name].tolist() for name in FIELDS],
        list(Community.objects.filter(municipality=municipality).order_by("id")
             .values_list("id", "name")),
        list(PopulationStatistic.objects.filter(
            Q(municipality=municipality) | Q(community__municipality=municipality))
             .order_by("id").values_list(*(f.attname for f in
                                           PopulationStatistic._meta.concrete_fields))),
    )
    for part in parts:
        digest.update(repr(part).encode())
    return digest.hexdigest()


def estimate_wave(wave: SurveyWave) -> WaveResult:
    """Every survey indicator this wave measures, overall and per domain (kept per process)."""
    columns = load_columns(wave)
    key = inputs_key(wave, columns)
    with _RESULTS_LOCK:
        if key in _RESULTS:
            _RESULTS.move_to_end(key)
            return _RESULTS[key]
    result = _estimate(wave, columns)
    with _RESULTS_LOCK:
        _RESULTS[key] = result
        while len(_RESULTS) > _RESULTS_KEPT:
            _RESULTS.popitem(last=False)
    return result


def _estimate(wave: SurveyWave, columns: dict[str, np.ndarray]) -> WaveResult:
    n = len(columns["respondent_id"])
    result = WaveResult(wave=wave, respondents=n)
    if n == 0:
        result.notes.append(_("Deze meting heeft (nog) geen respondenten."))
        return result
    design = weight(wave, columns, result)
    dims = _domain_labels(wave, columns)
    for code, (values, population) in indicator_data(wave, columns).items():
        keep = population & ~np.isnan(values)
        count = int(keep.sum())
        overall = None
        if count >= SHOWN_MIN:
            overall = proportion(design, values, domain=keep, confidence=CONFIDENCE)
        item = IndicatorWave(code, wave, Cell(str(_("Hele gemeente")), count, overall))
        for dim, (labels, order) in dims.items():
            if dim != "kern":
                order = [(label, display) for label, display in order
                         if np.any(population & (labels == label))]
            item.domains[dim] = _cells(design, values, keep, labels, order)
        result.indicators[code] = item
    return result


def estimate_municipality(municipality) -> list[WaveResult]:
    """Every wave of the municipality with respondents, oldest fieldwork first."""
    waves = (SurveyWave.objects.filter(municipality=municipality)
             .select_related("municipality").order_by("fieldwork_end", "id"))
    return [estimate_wave(wave) for wave in waves if wave.responses.exists()]
