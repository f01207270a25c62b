"""The analysts' contract: a design description (DESIGN.json) applied to columns of data.

Kept in the engine, apart from file reading, so the same contract runs from the command
line, a notebook or a test. Every key except ``estimates`` is optional::

    {"weights": "pw", "strata": "stype", "psu": "dnum", "fpc": "fpc",
     "rake": {"margins": {"stype": {"E": 4421, "H": 755, "M": 1018}},
              "max_iter": 100, "epsilon": 1e-10, "trim": [lower, upper]},
     "confidence": 0.95, "lonely_psu": "fail",
     "estimates": [{"name": "api00", "type": "mean", "variable": "api00"},
                   {"name": "kit", "type": "proportion", "variable": "has_kit",
                    "level": "ja", "by": "kern"}]}
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from weerbaar.engines.survey.calibration import rake
from weerbaar.engines.survey.design import Design, SurveyInputError
from weerbaar.engines.survey.estimates import by_domain, mean, proportion, total

FUNCTIONS = {"mean": mean, "total": total, "proportion": proportion}
DESIGN_KEYS = {"weights", "strata", "psu", "fpc", "rake", "confidence", "estimates", "lonely_psu"}
ESTIMATE_KEYS = {"name", "type", "variable", "level", "by"}
RAKE_KEYS = {"margins", "max_iter", "epsilon", "trim"}


def run_spec(columns: Mapping[str, np.ndarray], spec: object,
             labels: Mapping[str, np.ndarray] | None = None) -> dict:
    """Apply ``spec`` to ``columns`` ({name: values}); returns the JSON-ready result.

    ``labels`` may hold a second, labelled version of a column (SPSS value labels), so a
    ``level`` can be given as the code or as its label.
    """
    if not isinstance(spec, Mapping):
        raise SurveyInputError("ontwerp: verwacht een JSON-object")
    unknown = sorted(set(spec) - DESIGN_KEYS)
    if unknown:
        raise SurveyInputError(f"ontwerp: onbekende sleutel(s) {', '.join(unknown)}; "
                               f"toegestaan: {', '.join(sorted(DESIGN_KEYS))}")
    estimates = spec.get("estimates")
    if not isinstance(estimates, list) or not estimates:
        raise SurveyInputError("ontwerp: 'estimates' moet een niet-lege lijst zijn")
    n = _row_count(columns)

    def column(key: str, where: str):
        name = spec.get(key) if where == "ontwerp" else key
        if not isinstance(name, str):
            raise SurveyInputError(f"{where}: '{key}' moet een kolomnaam (tekst) zijn")
        if name not in columns:
            raise SurveyInputError(f"{where}: kolom '{name}' staat niet in de data "
                                   f"(wel: {', '.join(sorted(columns)[:30])})")
        return np.asarray(columns[name])

    design_columns = {key: column(key, "ontwerp") if spec.get(key) is not None else None
                      for key in ("weights", "strata", "psu", "fpc")}
    if all(v is None for v in design_columns.values()):
        design_columns["weights"] = np.ones(n)
    design = Design(**design_columns, lonely_psu=spec.get("lonely_psu", "fail"))
    result: dict = {}
    if spec.get("rake") is not None:
        design, result["calibration"] = _rake(design, spec["rake"], column)
    confidence = spec.get("confidence", 0.95)
    if not isinstance(confidence, int | float) or isinstance(confidence, bool):
        raise SurveyInputError("ontwerp: 'confidence' moet een getal zijn, bijvoorbeeld 0.95")
    rows = []
    for number, item in enumerate(estimates, start=1):
        rows.extend(_estimate(design, item, number, columns, labels or {}, confidence, column))
    result["estimates"] = rows
    return {"estimates": result["estimates"], **({"calibration": result["calibration"]}
                                                 if "calibration" in result else {})}


def _row_count(columns: Mapping[str, np.ndarray]) -> int:
    lengths = {len(v) for v in columns.values()}
    if not lengths or lengths == {0}:
        raise SurveyInputError("data: geen respondenten")
    if len(lengths) > 1:
        raise SurveyInputError("data: kolommen verschillen in lengte")
    return lengths.pop()


def _rake(design: Design, rake_spec: object, column) -> tuple[Design, dict]:
    if not isinstance(rake_spec, Mapping):
        raise SurveyInputError("ontwerp: 'rake' moet een object zijn")
    unknown = sorted(set(rake_spec) - RAKE_KEYS)
    if unknown:
        raise SurveyInputError(f"rake: onbekende sleutel(s) {', '.join(unknown)}")
    margins = rake_spec.get("margins")
    if not isinstance(margins, Mapping) or not margins:
        raise SurveyInputError("rake: 'margins' moet een object zijn, bijvoorbeeld "
                               '{"kern": {"Heesch": 14000, ...}}')
    prepared = {}
    for name, totals in margins.items():
        if not isinstance(totals, Mapping):
            raise SurveyInputError(f"rake: marge '{name}' moet categorieën met aantallen geven")
        prepared[name] = (_as_text(column(name, f"rake, marge '{name}'")), totals)
    trim = rake_spec.get("trim")
    if trim is not None and (not isinstance(trim, list | tuple) or len(trim) != 2):
        raise SurveyInputError("rake: 'trim' moet [ondergrens, bovengrens] zijn (null voor geen)")
    try:
        max_iter = int(rake_spec.get("max_iter", 100))
        epsilon = float(rake_spec.get("epsilon", 1e-10))
    except (TypeError, ValueError):
        raise SurveyInputError("rake: 'max_iter' en 'epsilon' moeten getallen zijn") from None
    raked = rake(design, prepared, max_iter=max_iter, epsilon=epsilon,
                 trim=tuple(trim) if trim is not None else None)
    return raked.design, raked.report()


def _as_text(values: np.ndarray) -> np.ndarray:
    """Category labels compare as text, so 1 in the data matches "1" in the JSON margins."""
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            out[i] = None
        elif isinstance(value, float) and value.is_integer():
            out[i] = str(int(value))
        else:
            out[i] = str(value)
    return out


def _estimate(design: Design, item: object, number: int, columns, labels, confidence, column):
    where = f"estimates[{number}]"
    if not isinstance(item, Mapping):
        raise SurveyInputError(f"{where}: verwacht een object")
    unknown = sorted(set(item) - ESTIMATE_KEYS)
    if unknown:
        raise SurveyInputError(f"{where}: onbekende sleutel(s) {', '.join(unknown)}")
    kind = item.get("type")
    if kind not in FUNCTIONS:
        raise SurveyInputError(f"{where}: 'type' moet mean, total of proportion zijn")
    name = str(item.get("name") or item.get("variable"))
    variable = item.get("variable")
    values = column(variable, where) if isinstance(variable, str) else column("variable", where)
    if "level" in item:
        values = _indicator(values, labels.get(variable), item["level"], f"{where} ({name})")
    elif kind == "proportion":
        values = _zero_one(values, f"{where} ({name})")
    else:
        values = _numeric(values, f"{where} ({name})")
    func = FUNCTIONS[kind]
    by = item.get("by")
    if by is None:
        estimate = func(design, values, confidence=confidence, name=name)
        return [_row(name, None, estimate)]
    groups = _as_text(column(by, where))
    missing = np.array([g is None for g in groups])
    groups = np.where(missing, "", groups)
    found = by_domain(func, design, values, groups, domain=~missing, confidence=confidence, name=name)
    return [_row(name, label, estimate) for label, estimate in found.items() if label != ""]


def _indicator(values: np.ndarray, labelled: np.ndarray | None, level, where: str) -> np.ndarray:
    """1 where the value (or its label) equals ``level``, 0 elsewhere, NaN where missing."""
    raw = _as_text(values)
    text = _as_text(np.asarray([level]))[0]
    hit = np.array([v == text for v in raw])
    if labelled is not None:
        hit |= np.array([v == text for v in _as_text(labelled)])
    missing = np.array([v is None for v in raw])
    if not hit.any() and not missing.all():
        seen = sorted({v for v in raw if v is not None})[:10]
        raise SurveyInputError(f"{where}: waarde {level!r} komt niet voor (wel: {', '.join(seen)})")
    return np.where(missing, np.nan, hit.astype(float))


def _numeric(values: np.ndarray, where: str) -> np.ndarray:
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        for i, value in enumerate(values):
            try:
                float(value) if value is not None else None
            except (TypeError, ValueError):
                raise SurveyInputError(
                    f"{where}: geen getal bij respondent {i + 1} ({value!r})") from None
        raise


def _zero_one(values: np.ndarray, where: str) -> np.ndarray:
    if values.dtype == bool:
        return values.astype(float)
    numbers = _numeric(values, where + " (een aandeel zonder 'level' vraagt 0/1-waarden)")
    return numbers


def _row(name: str, domain, estimate) -> dict:
    def clean(value):
        return None if value is None or not math.isfinite(value) else float(value)

    return {"name": name, "domain": None if domain is None else str(domain),
            "estimate": clean(estimate.estimate), "se": clean(estimate.se),
            "ci_low": clean(estimate.ci_low), "ci_high": clean(estimate.ci_high),
            "n": int(estimate.n), "df": int(estimate.df)}
