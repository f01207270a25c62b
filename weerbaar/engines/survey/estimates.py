"""Means, totals and proportions with design-based standard errors and intervals.

Standard errors come from Taylor linearisation (the design's ``variance`` of the
estimate's influence values). Intervals follow R: ``confint`` (normal) for means and
totals, ``svyciprop(method="logit")`` for proportions — the interval is symmetric on the
logit scale with a t quantile on the design's degrees of freedom, so it never leaves
[0, 1] and is honest for small shares.

Missing values (NaN) are left out the way R's ``na.rm=TRUE`` does: as a domain, so the
standard error still reflects the whole design. A domain is a boolean mask; respondents
outside it keep their place in the design (their PSU and stratum still count).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy import stats

from weerbaar.engines.survey.design import Design, SurveyInputError, as_float, codes_of


@dataclass(frozen=True)
class Estimate:
    """One estimate; ``n`` is the number of respondents it rests on (unweighted)."""

    kind: str  # "mean", "total" or "proportion"
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    n: int
    df: int
    confidence: float = 0.95

    def as_dict(self) -> dict:
        return asdict(self)


def _check_confidence(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise SurveyInputError(f"confidence: moet tussen 0 en 1 liggen (nu {confidence})")
    return confidence


def _values_and_keep(design: Design, values, domain, name: str) -> tuple[np.ndarray, np.ndarray]:
    y = as_float(values, name, design.n)
    if np.isinf(y).any():
        first = int(np.flatnonzero(np.isinf(y))[0]) + 1
        raise SurveyInputError(f"{name}: oneindige waarde bij respondent {first}")
    keep = ~np.isnan(y)
    if domain is not None:
        mask = np.asarray(domain, dtype=bool)
        if mask.shape != (design.n,):
            raise SurveyInputError(f"domein: {mask.size} waarden, verwacht {design.n}")
        keep &= mask
    if not keep.any():
        raise SurveyInputError(f"{name}: geen respondenten met een waarde in dit domein")
    return np.where(keep, y, 0.0), keep


def _normal_interval(estimate: float, se: float, confidence: float) -> tuple[float, float]:
    z = stats.norm.ppf(0.5 + confidence / 2)
    return float(estimate - z * se), float(estimate + z * se)


def total(design: Design, values, *, domain=None, confidence: float = 0.95,
          name: str = "variabele") -> Estimate:
    """Weighted total (R ``svytotal``), normal interval."""
    confidence = _check_confidence(confidence)
    y, keep = _values_and_keep(design, values, domain, name)
    x = design.w * y
    estimate = float(x.sum())
    se = float(np.sqrt(design.variance(x)[0]))
    low, high = _normal_interval(estimate, se, confidence)
    return Estimate("total", estimate, se, low, high, int(keep.sum()),
                    design.degrees_of_freedom(keep), confidence)


def _mean_parts(design: Design, y: np.ndarray, keep: np.ndarray) -> tuple[float, float]:
    w = design.w * keep
    weight_sum = w.sum()
    estimate = float((w * y).sum() / weight_sum)
    x = w * (y - estimate) / weight_sum
    return estimate, float(np.sqrt(design.variance(x)[0]))


def mean(design: Design, values, *, domain=None, confidence: float = 0.95,
         name: str = "variabele") -> Estimate:
    """Weighted mean (R ``svymean``, a ratio linearised), normal interval."""
    confidence = _check_confidence(confidence)
    y, keep = _values_and_keep(design, values, domain, name)
    estimate, se = _mean_parts(design, y, keep)
    low, high = _normal_interval(estimate, se, confidence)
    return Estimate("mean", estimate, se, low, high, int(keep.sum()),
                    design.degrees_of_freedom(keep), confidence)


def logit_interval(p: float, se: float, df: int, confidence: float, n: int) -> tuple[float, float]:
    """R's svyciprop(method="logit"): expit(logit p -/+ t_df * se / (p (1 - p))).

    At p = 0 or 1 the logit is infinite; then the exact (Clopper-Pearson) bound for n
    respondents is used, so "nobody" still gets an upper bound instead of [0, 0].
    """
    alpha = 1 - confidence
    if p <= 0 or p >= 1:
        bound = 1 - (alpha / 2) ** (1 / n)
        return (0.0, bound) if p <= 0 else (1 - bound, 1.0)
    if df <= 0:
        return float("nan"), float("nan")
    quantile = stats.t.ppf(1 - alpha / 2, df)
    centre = np.log(p / (1 - p))
    half = quantile * se / (p * (1 - p))
    return float(_expit(centre - half)), float(_expit(centre + half))


def _expit(v: float) -> float:
    return 1 / (1 + np.exp(-v))


def _binary(values, name: str, n: int) -> np.ndarray:
    y = as_float(values, name, n)
    present = y[~np.isnan(y)]
    if not np.isin(present, (0.0, 1.0)).all():
        bad = np.flatnonzero(~np.isnan(y) & ~np.isin(y, (0.0, 1.0)))[0]
        raise SurveyInputError(f"{name}: een aandeel vraagt 0/1 (ja/nee); respondent {bad + 1} "
                               f"heeft {y[bad]:g}")
    return y


def proportion(design: Design, values, *, domain=None, confidence: float = 0.95,
               name: str = "variabele") -> Estimate:
    """Weighted share of 1s among 0/1 values with R's logit/t interval."""
    confidence = _check_confidence(confidence)
    y, keep = _values_and_keep(design, _binary(values, name, design.n), domain, name)
    estimate, se = _mean_parts(design, y, keep)
    n = int(keep.sum())
    df = design.degrees_of_freedom(keep)
    low, high = logit_interval(estimate, se, df, confidence, n)
    return Estimate("proportion", estimate, se, low, high, n, df, confidence)


def by_domain(func: Callable[..., Estimate], design: Design, values, groups: Sequence | np.ndarray,
              *, domain=None, **kwargs) -> dict:
    """One estimate per group label (R ``svyby``), each a domain of the full design."""
    codes, labels = codes_of(groups, "domein")
    if len(codes) != design.n:
        raise SurveyInputError(f"domein: {len(codes)} waarden, verwacht {design.n}")
    if func in _BATCHED:
        return _batched(func, design, values, codes, labels, domain, **kwargs)
    base = np.ones(design.n, bool) if domain is None else np.asarray(domain, bool)
    return {label.item() if hasattr(label, "item") else label:
            func(design, values, domain=base & (codes == i), **kwargs)
            for i, label in enumerate(labels)}


def _batched(func, design: Design, values, codes: np.ndarray, labels: np.ndarray, domain,
             confidence: float = 0.95, name: str = "variabele") -> dict:
    """Means and proportions of all domains in one pass over the data.

    The influence values of domain d live only on d's rows, so every respondent feeds
    exactly one domain and one call to the design's variance serves them all.
    """
    confidence = _check_confidence(confidence)
    raw = _binary(values, name, design.n) if func is proportion else as_float(values, name, design.n)
    keep = ~np.isnan(raw)
    if domain is not None:
        keep &= np.asarray(domain, bool)
    y = np.where(keep, raw, 0.0)
    n_dom = len(labels)
    w = design.w * keep
    weight_sums = np.bincount(codes, weights=w, minlength=n_dom)
    weighted = np.bincount(codes, weights=w * y, minlength=n_dom)
    counts = np.bincount(codes, weights=keep.astype(float), minlength=n_dom).astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        estimates = weighted / weight_sums
        x = w * (y - estimates[codes]) / weight_sums[codes]
    variances = design.variance(np.where(keep, x, 0.0), codes, n_dom)
    dfs = design.degrees_of_freedom_by(codes, keep, n_dom)
    results = {}
    for i, label in enumerate(labels):
        key = label.item() if hasattr(label, "item") else label
        if counts[i] == 0:
            raise SurveyInputError(f"{name}: geen respondenten met een waarde in domein {key}")
        df = int(dfs[i])
        estimate, se = float(estimates[i]), float(np.sqrt(variances[i]))
        if func is proportion:
            low, high = logit_interval(estimate, se, df, confidence, int(counts[i]))
        else:
            low, high = _normal_interval(estimate, se, confidence)
        results[key] = Estimate(func.__name__, estimate, se, low, high, int(counts[i]), df, confidence)
    return results


_BATCHED = (mean, proportion)
