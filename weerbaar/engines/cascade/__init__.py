"""Cascade engine: what fails when in a long disruption, for services, assets, households and noodsteunpunten.

Pure Python (numpy, scipy, PyYAML); no Django. See docs/adr/0006-cascade-engine.md and
docs/scenario-bestanden.md.
"""

from .iim import iim_dynamic, iim_static
from .model import (
    Distribution,
    KeyFigureContact,
    Neighbourhood,
    Parameter,
    Region,
    Scenario,
    ScenarioError,
    SupportPointSite,
    VulnerableSite,
)
from .phases import PHASES, phase_of
from .results import AssetResult, EffectResult, Result, SupportPointResult
from .scenario_file import builtin_names, load_builtin, load_scenario
from .simulate import simulate

__all__ = [
    "PHASES",
    "AssetResult",
    "Distribution",
    "EffectResult",
    "KeyFigureContact",
    "Neighbourhood",
    "Parameter",
    "Region",
    "Result",
    "Scenario",
    "ScenarioError",
    "SupportPointResult",
    "SupportPointSite",
    "VulnerableSite",
    "builtin_names",
    "iim_dynamic",
    "iim_static",
    "load_builtin",
    "load_scenario",
    "phase_of",
    "simulate",
]
