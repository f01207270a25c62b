"""The four phases of the VRBN outage table: 0-2, 2-4, 4-24 and 24+ hours after the start."""

from __future__ import annotations

import math

PHASES = ("0-2", "2-4", "4-24", "24+")
_BOUNDS = ((0.0, 2.0, "0-2"), (2.0, 4.0, "2-4"), (4.0, 24.0, "4-24"), (24.0, math.inf, "24+"))


def phase_of(hours: float | None) -> str | None:
    """Phase of an onset: [0,2) "0-2", [2,4) "2-4", [4,24) "4-24", [24,inf) "24+"; None stays None."""
    if hours is None or (isinstance(hours, float) and (math.isnan(hours) or math.isinf(hours))):
        return None
    for low, high, name in _BOUNDS:
        if low <= hours < high:
            return name
    return None
