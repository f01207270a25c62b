"""Comparing estimates: change between two survey waves, and "have we reached the target?"."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from weerbaar.engines.survey.design import SurveyInputError
from weerbaar.engines.survey.estimates import Estimate


@dataclass(frozen=True)
class Difference:
    """later - earlier, for two independent samples (two waves drawn separately)."""

    estimate: float
    se: float
    ci_low: float
    ci_high: float
    confidence: float

    @property
    def significant(self) -> bool:
        """The interval excludes 0: the change is more than sampling noise."""
        return self.ci_low > 0 or self.ci_high < 0


def difference(later: Estimate, earlier: Estimate, confidence: float = 0.95) -> Difference:
    """Change between waves; independent samples, so the variances add (normal interval)."""
    if later.kind != earlier.kind:
        raise SurveyInputError(f"verschil: {later.kind} en {earlier.kind} zijn niet te vergelijken")
    if not 0 < confidence < 1:
        raise SurveyInputError("confidence: moet tussen 0 en 1 liggen")
    estimate = later.estimate - earlier.estimate
    se = float(np.hypot(later.se, earlier.se))
    z = stats.norm.ppf(0.5 + confidence / 2)
    return Difference(estimate, se, estimate - z * se, estimate + z * se, confidence)


@dataclass(frozen=True)
class TargetTest:
    """One-sided test of H0 "at most the target" (greater) or "at least" (less)."""

    target: float
    statistic: float
    p_value: float
    df: int
    alternative: str

    def reached(self, alpha: float = 0.05) -> bool:
        """Evidence (at level alpha) that the population value is past the target."""
        return self.alternative == "greater" and self.p_value < alpha


def test_target(estimate: Estimate, target: float, alternative: str = "greater") -> TargetTest:
    """t test of the estimate against a target with the design's degrees of freedom.

    "greater": is the population value above the target (the programme's question at the
    deadline)? "less": is it below it (an early warning)?
    """
    if alternative not in ("greater", "less"):
        raise SurveyInputError("alternative: kies greater of less")
    if estimate.se <= 0:
        side = estimate.estimate > target if alternative == "greater" else estimate.estimate < target
        return TargetTest(target, float("inf") if side else float("-inf"), 0.0 if side else 1.0,
                          estimate.df, alternative)
    statistic = (estimate.estimate - target) / estimate.se
    distribution = stats.t(estimate.df) if estimate.df > 0 else stats.norm()
    p_value = distribution.sf(statistic) if alternative == "greater" else distribution.cdf(statistic)
    return TargetTest(target, float(statistic), float(p_value), estimate.df, alternative)


test_target.__test__ = False  # not a pytest test despite its name
