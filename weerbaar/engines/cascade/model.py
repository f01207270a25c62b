"""Plain, frozen data objects of the cascade engine: what a scenario file describes and what a run returns.

Everything here is data; the behaviour lives in ``simulate`` and friends so that the objects can be
pickled to worker processes or a Dask cluster unchanged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np

BACKUPS = ("none", "battery", "generator", "storage", "other")


class ScenarioError(ValueError):
    """A scenario (file or override) is wrong. ``problems`` holds every problem as "source:line: message"."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Distribution:
    """An uncertain quantity. A single run uses the median; Monte Carlo runs draw by inverse CDF."""

    kind: str  # fixed | triangular | uniform | normal (truncated at ``low``, default 0)
    args: tuple[float, ...]

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Values at the quantiles ``u`` (the engine's only way to draw, so draws are reproducible)."""
        from . import sampling

        u = np.asarray(u, dtype=float)
        return sampling.ppf(sampling.table([self]), u.reshape(-1, 1)).reshape(u.shape)

    def cdf(self, x: np.ndarray) -> np.ndarray:
        """Share of a population whose value is at most ``x`` (used for people's own backups)."""
        from . import sampling

        return sampling.cdf(sampling.table([self])[0], x)

    @property
    def median(self) -> float:
        return float(self.ppf(np.array([0.5]))[0])

    def to_yaml(self) -> Any:
        return self.args[0] if self.kind == "fixed" else {self.kind: list(self.args)}


def fixed(value: float) -> Distribution:
    return Distribution("fixed", (float(value),))


@dataclass(frozen=True)
class Parameter:
    id: str
    value: Distribution
    source: str = ""
    assumption: str = ""
    description: str = ""


@dataclass(frozen=True)
class Service:
    id: str
    name: str = ""
    provided_by: tuple[str, ...] = ()
    mode: str = "all"  # all: out when any provider fails; any: out when every provider fails
    line: int = 0


@dataclass(frozen=True)
class Need:
    """One dependency of an asset on a service or another asset, bridged by a backup for some hours."""

    service: str | None = None
    asset: str | None = None
    backup: str = "none"
    autonomy: Distribution | str = field(default_factory=lambda: fixed(0.0))  # str = parameter id
    source: str = ""
    assumption: str = ""
    line: int = 0

    @property
    def upstream(self) -> str:
        return self.service or self.asset or ""


@dataclass(frozen=True)
class Asset:
    id: str
    name: str
    sector: str
    needs: tuple[Need, ...] = ()
    area: str | None = None  # municipality, kern or buurt id; None = serves the whole scenario area
    restart_hours: float = 0.0
    line: int = 0


@dataclass(frozen=True)
class Condition:
    """Effect trigger: a state of an asset or service, or all/any of nested conditions."""

    kind: str  # asset | service | all | any
    target: str = ""
    state: str = ""  # asset: failed | on_backup | restored ; service: out | restored
    parts: tuple[Condition, ...] = ()
    line: int = 0

    def describe(self) -> str:
        if self.kind in ("all", "any"):
            return f"{self.kind}(" + ", ".join(p.describe() for p in self.parts) + ")"
        return f"{self.kind} {self.target} {self.state}"

    def references(self) -> set[tuple[str, str]]:
        if self.kind in ("all", "any"):
            return set().union(*(p.references() for p in self.parts))
        return {(self.kind, self.target)}


@dataclass(frozen=True)
class Effect:
    id: str
    sector: str
    text: str
    when: Condition
    line: int = 0


@dataclass(frozen=True)
class Disruption:
    """A service or damaged asset out from ``start_hours`` for ``duration_hours`` (None: beyond horizon)."""

    service: str | None = None
    asset: str | None = None
    where: tuple[str, ...] = ()  # empty = everywhere in the scenario area
    start_hours: float = 0.0
    duration_hours: float | None = None
    line: int = 0


@dataclass(frozen=True)
class Intervention:
    """fuel_delivery | mobile_generator | restore | restoration_order (see docs/scenario-bestanden.md)."""

    type: str
    at_hours: float = 0.0
    asset: str | None = None
    service: str | None = None
    support_point: str | None = None
    adds_hours: float = 0.0
    order: tuple[str, ...] = ()
    hours_each: float = 0.0
    line: int = 0


@dataclass(frozen=True)
class IIMSpec:
    """Sector-level Inoperability Input-Output model for multi-day disruptions."""

    sectors: tuple[str, ...]
    A: tuple[tuple[float, ...], ...]
    c: tuple[float, ...]
    K: tuple[float, ...] | None = None
    days: int = 30


@dataclass(frozen=True)
class Neighbourhood:
    id: str
    name: str
    community: str
    x: float
    y: float
    households: int
    residents: int
    reduced_self_reliance: int = 0
    electricity_dependent: int = 0


@dataclass(frozen=True)
class SupportPointSite:
    id: str
    name: str
    community: str
    x: float
    y: float
    capacity_per_hour: float
    backup_hours: float | Distribution | None = None
    opens_at_hours: float = 0.0


@dataclass(frozen=True)
class VulnerableSite:
    id: str
    name: str
    residents: int
    backup_hours: float | Distribution | None = None


@dataclass(frozen=True)
class KeyFigureContact:
    id: str
    community: str
    reachable_by: tuple[str, ...] = ("mobile",)


@dataclass(frozen=True)
class Region:
    neighbourhoods: list[Neighbourhood] = field(default_factory=list)
    support_points: list[SupportPointSite] = field(default_factory=list)
    vulnerable_sites: list[VulnerableSite] = field(default_factory=list)
    key_figures: list[KeyFigureContact] = field(default_factory=list)
    municipality: str = ""


HOUSEHOLD_STATES_DEFAULT: dict[str, Condition] = {
    "no_power": Condition("any", parts=(Condition("service", "electricity", "out"),)),
    "no_heating": Condition(
        "any", parts=(Condition("service", "electricity", "out"), Condition("service", "gas", "out"))
    ),
    "no_water_pressure": Condition("any", parts=(Condition("service", "drinking_water", "out"),)),
    "no_phone": Condition(
        "all",
        parts=(Condition("service", "telecom_fixed", "out"), Condition("service", "telecom_mobile", "out")),
    ),
    "no_112": Condition("any", parts=(Condition("service", "emergency_112", "out"),)),
}


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    description: str = ""
    hours: int = 72
    services: dict[str, Service] = field(default_factory=dict)
    assets: dict[str, Asset] = field(default_factory=dict)
    effects: dict[str, Effect] = field(default_factory=dict)
    disruption: tuple[Disruption, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    parameters: dict[str, Parameter] = field(default_factory=dict)
    region: Region | None = None
    sources: tuple[str, ...] = ()
    household_states: dict[str, Condition] = field(default_factory=lambda: dict(HOUSEHOLD_STATES_DEFAULT))
    demand_need: str = "no_power"
    iim: IIMSpec | None = None
    source_name: str = "<scenario>"

    def with_region(self, region: Region) -> Scenario:
        return dataclasses.replace(self, region=region)

    def with_overrides(self, values: dict[str, str]) -> Scenario:
        from .overrides import apply_overrides

        return apply_overrides(self, values)

    def parameter_value(self, name: str) -> Distribution:
        return self.parameters[name].value
