"""Siting of noodsteunpunten: p-median, maximal covering (MCLP) and set covering (LSCP).

Exact answers through HiGHS (``scipy.optimize.milp``) on a radius formulation, and for large
instances a swap local search with a Lagrangian bound, so every answer states a certified gap.
Validated against OR-Library's proven p-median optima. Pure numpy/scipy; see docs/adr/0007.
"""

from weerbaar.engines.siting.covering import solve_lscp, solve_mclp
from weerbaar.engines.siting.errors import SitingInputError
from weerbaar.engines.siting.median import solve_median
from weerbaar.engines.siting.orlib import read_orlib_pmed
from weerbaar.engines.siting.problem import (
    Problem,
    coverage,
    nearest_distance,
    problem_from_costs,
    problem_from_points,
)
from weerbaar.engines.siting.solution import Solution

__all__ = [
    "Problem", "SitingInputError", "Solution", "coverage", "nearest_distance", "problem_from_costs",
    "problem_from_points", "read_orlib_pmed", "solve_lscp", "solve_mclp", "solve_median",
]
