"""Design-based survey estimation: weights, strata, clusters, fpc, raking, intervals.

Pure numpy/scipy, validated number for number against R's ``survey`` package (the api
data, see the tests), so the programme's survey indicators carry honest intervals.
"""

from weerbaar.engines.survey.calibration import RakeResult, rake
from weerbaar.engines.survey.comparison import Difference, TargetTest, difference, test_target
from weerbaar.engines.survey.design import Design, SurveyInputError
from weerbaar.engines.survey.estimates import Estimate, by_domain, mean, proportion, total

__all__ = [
    "Design", "Difference", "Estimate", "RakeResult", "SurveyInputError", "TargetTest",
    "by_domain", "difference", "mean", "proportion", "rake", "test_target", "total",
]
