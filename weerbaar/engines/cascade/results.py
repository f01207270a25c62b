"""What a simulation returns, and its JSON form for ``weerbaar simulate --json``."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np


def _num(x: float | None) -> float | None:
    if x is None or (isinstance(x, float) and (math.isinf(x) or math.isnan(x))):
        return None
    return round(float(x), 3)


@dataclass
class EffectResult:
    id: str
    sector: str
    text: str
    onset_hours: float | None
    phase: str | None
    onset_p10: float | None
    onset_p90: float | None
    trigger: str


@dataclass
class AssetResult:
    id: str
    name: str
    sector: str
    fails_at_hours: float | None
    restored_at_hours: float | None
    p10: dict[str, float | None] = field(default_factory=dict)  # fails_at_hours, restored_at_hours
    p90: dict[str, float | None] = field(default_factory=dict)


@dataclass
class SupportPointResult:
    id: str
    capacity_per_hour: float
    peak_demand_per_hour: float
    overloaded_hours: float
    backup_ends_at_hours: float | None
    demand_by_hour: np.ndarray
    peak_demand_per_hour_p10: float = 0.0
    peak_demand_per_hour_p90: float = 0.0
    overloaded_hours_p10: float = 0.0
    overloaded_hours_p90: float = 0.0
    backup_ends_at_hours_p10: float | None = None
    backup_ends_at_hours_p90: float | None = None


@dataclass
class Result:
    scenario: str
    runs: int
    hours: int
    effects: list[EffectResult]
    assets: list[AssetResult]
    support_points: list[SupportPointResult]
    households: dict[str, np.ndarray]
    neighbourhood_ids: list[str]
    vulnerable_sites: list[dict]
    key_figures: dict[str, np.ndarray]
    unserved_demand_by_hour: np.ndarray | None = None
    iim: dict | None = None
    iterations: int = 0

    def to_json(self) -> dict:
        """The CLI contract; with runs > 1 every onset/load is the p50 and *_p10 / *_p90 fields are added."""
        many = self.runs > 1
        effects = []
        for e in self.effects:
            row = {
                "id": e.id,
                "sector": e.sector,
                "text": e.text,
                "onset_hours": _num(e.onset_hours),
                "phase": e.phase,
            }
            if many:
                row |= {"onset_hours_p10": _num(e.onset_p10), "onset_hours_p90": _num(e.onset_p90)}
            effects.append(row)
        assets = []
        for a in self.assets:
            row = {
                "id": a.id,
                "fails_at_hours": _num(a.fails_at_hours),
                "restored_at_hours": _num(a.restored_at_hours),
            }
            if many:
                for q, values in (("p10", a.p10), ("p90", a.p90)):
                    row |= {f"{k}_{q}": _num(v) for k, v in values.items()}
            assets.append(row)
        points = []
        for p in self.support_points:
            row = {
                "id": p.id,
                "capacity_per_hour": _num(p.capacity_per_hour),
                "peak_demand_per_hour": _num(p.peak_demand_per_hour),
                "overloaded_hours": _num(p.overloaded_hours),
            }
            if many:
                row |= {
                    k: _num(getattr(p, k))
                    for k in (
                        "peak_demand_per_hour_p10",
                        "peak_demand_per_hour_p90",
                        "overloaded_hours_p10",
                        "overloaded_hours_p90",
                    )
                }
            points.append(row)
        return {"scenario": self.scenario, "effects": effects, "assets": assets, "support_points": points}
