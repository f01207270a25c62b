"""Raking: adjust weights until the weighted sample matches known population margins.

Same algorithm and stopping rule as R's ``rake()`` (iterative post-stratification on each
margin in turn; stop when no cell of the joint table of all margin variables moved by
``epsilon`` or more; an ``epsilon`` below 1 is a fraction of the total weight), so that
analysts can check our numbers against theirs. Optional trimming keeps extreme weights
between bounds and rakes again, so one respondent cannot speak for a whole village.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from weerbaar.engines.survey.design import Calibration, Design, SurveyInputError, codes_of

Margins = Mapping[str, tuple[Sequence | np.ndarray, Mapping]]


@dataclass(frozen=True)
class RakeResult:
    """The calibrated design and an honest account of how the calibration went."""

    design: Design
    converged: bool
    iterations: int  # full cycles over all margins
    max_change: float  # largest change of a joint-table cell in the last cycle
    margin_gaps: dict[str, dict[str, float]]  # weighted sample total minus population total
    trimmed: int = 0  # respondents whose weight sits on a trimming bound
    trim_rounds: int = 0
    notes: list[str] = field(default_factory=list)

    def report(self) -> dict:
        """A JSON-ready convergence report."""
        weights = self.design.w
        return {
            "converged": self.converged,
            "iterations": self.iterations,
            "max_change": self.max_change,
            "largest_margin_gap": max(
                (abs(g) for gaps in self.margin_gaps.values() for g in gaps.values()), default=0.0),
            "trimmed": self.trimmed,
            "trim_rounds": self.trim_rounds,
            "weight_min": float(weights.min()),
            "weight_max": float(weights.max()),
            "weight_sum": float(weights.sum()),
            "design_effect_of_weights": float(len(weights) * (weights ** 2).sum() / weights.sum() ** 2),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class _Margin:
    name: str
    codes: np.ndarray
    labels: np.ndarray
    population: np.ndarray


def _margins(design: Design, margins: Margins) -> list[_Margin]:
    if not margins:
        raise SurveyInputError("rake: geen marges opgegeven")
    prepared = []
    for name, spec in margins.items():
        try:
            values, totals = spec
        except (TypeError, ValueError):
            raise SurveyInputError(
                f"marge {name}: verwacht (kolom met waarden, {{categorie: populatie}})") from None
        if len(values) != design.n:
            raise SurveyInputError(f"marge {name}: {len(values)} waarden, verwacht {design.n}")
        codes, labels = codes_of(values, f"marge {name}")
        text_totals = {str(k): v for k, v in dict(totals).items()}
        missing = [str(label) for label in labels if str(label) not in text_totals]
        if missing:
            raise SurveyInputError(
                f"marge {name}: geen populatieaantal voor {', '.join(missing)} "
                "(wel in de steekproef)")
        extra = sorted(set(text_totals) - {str(label) for label in labels})
        extra = [k for k in extra if _number(name, k, text_totals[k]) > 0]
        if extra:
            raise SurveyInputError(
                f"marge {name}: {', '.join(extra)} komt in de populatie voor maar niet in de "
                "steekproef; voeg categorieën samen")
        population = np.array([_number(name, str(label), text_totals[str(label)])
                               for label in labels])
        prepared.append(_Margin(name, codes, labels, population))
    totals = [m.population.sum() for m in prepared]
    if max(totals) - min(totals) > 1e-6 * max(totals):
        raise SurveyInputError(
            "rake: de marges tellen niet op tot hetzelfde populatietotaal ("
            + ", ".join(f"{m.name} {t:g}" for m, t in zip(prepared, totals, strict=True)) + ")")
    return prepared


def _number(margin: str, label: str, value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise SurveyInputError(f"marge {margin}, {label}: geen getal ({value!r})") from None
    if not np.isfinite(number) or number < 0:
        raise SurveyInputError(f"marge {margin}, {label}: moet een getal van 0 of meer zijn")
    return number


def rake(design: Design, margins: Margins, *, max_iter: int = 100, epsilon: float = 1e-10,
         trim: tuple[float | None, float | None] | None = None, trim_rounds: int = 20) -> RakeResult:
    """Rake ``design`` to the population ``margins`` ({name: (labels, {label: total})}).

    ``trim`` = (lower, upper) absolute weight bounds (either may be None): after raking,
    weights outside are set to the bound and raking runs again, up to ``trim_rounds``
    times; the result says how many weights end on a bound.
    """
    if max_iter < 1:
        raise SurveyInputError("rake: max_iter moet minstens 1 zijn")
    if epsilon <= 0:
        raise SurveyInputError("rake: epsilon moet groter dan 0 zijn")
    prepared = _margins(design, margins)
    w = design.w.copy()
    tolerance = epsilon * w.sum() if epsilon < 1 else epsilon
    joint = _joint_codes(prepared)
    converged, iterations, change, psw = _rake_loop(w, prepared, joint, max_iter, tolerance)
    notes, trimmed, rounds = [], 0, 0
    if trim is not None:
        lower, upper = trim
        if lower is not None and upper is not None and lower > upper:
            raise SurveyInputError("rake: ondergrens van het trimmen ligt boven de bovengrens")
        for rounds in range(1, trim_rounds + 1):  # noqa: B007 - reported below
            clipped = np.clip(w, lower, upper)
            if np.allclose(clipped, w, rtol=1e-9, atol=0):
                break
            w[:] = clipped
            converged, more, change, psw = _rake_loop(w, prepared, joint, max_iter, tolerance)
            iterations += more
        low = np.isclose(w, lower) if lower is not None else np.zeros(len(w), bool)
        high = np.isclose(w, upper) if upper is not None else np.zeros(len(w), bool)
        outside = ((w < lower * (1 - 1e-9)) if lower is not None else False) | (
            (w > upper * (1 + 1e-9)) if upper is not None else False)
        trimmed = int((low | high).sum())
        if np.any(outside):
            notes.append("Na het trimmen liggen nog gewichten buiten de grenzen: de marges en de "
                         "grenzen zijn niet tegelijk haalbaar.")
    if not converged:
        notes.append(f"Niet geconvergeerd na {iterations} iteraties (grootste wijziging {change:g}).")
    gaps = {}
    for margin in prepared:
        sample = np.bincount(margin.codes, weights=w, minlength=len(margin.labels))
        gaps[margin.name] = {str(label): float(s - p) for label, s, p in
                             zip(margin.labels, sample, margin.population, strict=True)}
    calibration = Calibration(codes=tuple(m.codes for m in prepared),
                              sizes=tuple(len(m.labels) for m in prepared), weights=tuple(psw))
    return RakeResult(design=design.with_weights(w, calibration), converged=converged,
                      iterations=iterations, max_change=float(change), margin_gaps=gaps,
                      trimmed=trimmed, trim_rounds=rounds, notes=notes)


def _joint_codes(margins: list[_Margin]) -> tuple[np.ndarray, int]:
    """One code per cell of the cross-table of all margin variables (R's svytable(ff))."""
    joint = np.zeros(len(margins[0].codes), dtype=np.int64)
    for margin in margins:
        joint = joint * len(margin.labels) + margin.codes
    _cells, compact = np.unique(joint, return_inverse=True)
    return compact, len(_cells)


def _rake_loop(w: np.ndarray, margins: list[_Margin], joint: tuple[np.ndarray, int],
               max_iter: int, tolerance: float):
    """R's loop, updating ``w`` in place; returns (converged, cycles, change, psw per margin)."""
    cells, n_cells = joint
    old = np.bincount(cells, weights=w, minlength=n_cells)
    psw: list[np.ndarray] = []
    change = np.inf
    for cycle in range(1, max_iter + 1):
        psw = []
        for margin in margins:
            sample = np.bincount(margin.codes, weights=w, minlength=len(margin.labels))
            w *= (margin.population / sample)[margin.codes]
            psw.append(w.copy())
        new = np.bincount(cells, weights=w, minlength=n_cells)
        change = float(np.abs(old - new).max())
        if change < tolerance:
            return True, cycle, change, psw
        old = new
    return False, max_iter, change, psw
