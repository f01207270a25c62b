"""What every solver returns: the chosen sites, the value and a certified bound."""

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Solution:
    """A set of open sites with its value and a proven bound.

    For the minimising objectives (``median``, ``lscp``) ``lower_bound`` is proven and
    ``upper_bound`` equals ``value``; for ``mclp`` (maximise covered weight) ``upper_bound`` is
    proven and ``lower_bound`` equals ``value``. ``gap`` is the relative distance between value
    and the proven bound: 0 means the value is proven optimal (within solver tolerance).
    """

    objective: str
    value: float
    open: list
    assignment: np.ndarray
    optimal: bool
    lower_bound: float
    upper_bound: float
    gap: float
    seconds: float
    method: str
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The CLI's JSON contract (plus ``value`` and, for mclp, ``upper_bound``)."""
        out = {"objective": self.objective, "value": _num(self.value),
               "open": [_plain(i) for i in self.open], "optimal": bool(self.optimal),
               "lower_bound": _num(self.lower_bound), "gap": _num(self.gap),
               "seconds": round(float(self.seconds), 4), "method": self.method}
        if self.objective == "mclp":
            out["upper_bound"] = _num(self.upper_bound)
        return out


def relative_gap(value: float, bound: float) -> float:
    """|value − bound| / |value|, 0 when both are 0; never negative."""
    if value == bound:
        return 0.0
    scale = max(abs(value), abs(bound), 1e-12)
    return max(0.0, abs(value - bound) / scale)


def _num(x: float) -> float | int:
    x = float(x)
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def _plain(v):
    return v.item() if isinstance(v, np.generic) else v
