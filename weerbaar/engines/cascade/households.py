"""Households per buurt over time, as counts: per-run series per group of buurten times buurt totals.

Every household figure is (buurt constant) x (series shared by all buurten of one disruption group), e.g.
unprepared = households x (1 - kit share) x [in need]. Because a quantile of c*X is c times the quantile of
X for c >= 0, p50 over runs is taken on the short series and only then spread over the buurten; a
country of 14,000 buurten costs no more than one group.
"""

from __future__ import annotations

import numpy as np

from .cascade import Times
from .compile import Compiled
from .model import Condition
from .states import hourly, service_window

VISIT_RATE_DEFAULT = 0.05


def _param_samples(c: Compiled, samples: np.ndarray, name: str, default: float | None) -> np.ndarray | None:
    col = c.column_of.get(f"param:{name}")
    if col is None:
        return None if default is None else np.full(samples.shape[0], default)
    return samples[:, col]


def _share_in_need(c: Compiled, name: str, elapsed: np.ndarray) -> np.ndarray:
    """Share of people whose own backup (distribution ``name``) has run out after ``elapsed`` hours."""
    col = c.column_of.get(f"param:{name}")
    if col is None:
        return (elapsed >= 0).astype(float)
    from . import sampling

    return np.where(elapsed >= 0, sampling.cdf(c.dist_table[col], np.maximum(elapsed, 0)), 0.0)


def _elapsed(on: np.ndarray, hours: np.ndarray) -> np.ndarray:
    """Hours since the condition first held (negative before, or when it never held)."""
    first = np.where(on.any(axis=1), on.argmax(axis=1), 10**9)
    return np.where(on, hours[None, :] - first[:, None], -1.0)


def series(c: Compiled, t: Times, samples: np.ndarray) -> dict[str, np.ndarray]:
    """Per-run series (runs, groups, hours + 1) for every household figure and the demand terms."""
    s = c.scenario
    hours = np.arange(c.hours + 1, dtype=float)
    runs, G = samples.shape[0], len(c.groups)
    kit = np.clip(_param_samples(c, samples, "kit_share", 0.0), 0, 1)
    visit = np.maximum(_param_samples(c, samples, "visit_rate_per_hour", VISIT_RATE_DEFAULT), 0)
    out: dict[str, np.ndarray] = {}
    names = list(s.household_states) + [
        "unprepared",
        "reduced_self_reliance_in_need",
        "electricity_dependent_in_need",
        "demand_residents",
        "demand_rsr",
        "demand_ed",
    ]
    for name in names:
        out[name] = np.zeros((runs, G, len(hours)), np.float32)
    power = s.household_states.get("no_power", Condition("service", "electricity", "out"))
    for g in range(G):
        for name, cond in s.household_states.items():
            out[name][:, g] = hourly(c, t, cond, g, hours)
        need = out[s.demand_need][:, g].astype(bool)
        rsr = need * _share_in_need(c, "reduced_self_reliance_backup_hours", _elapsed(need, hours))
        on_power = hourly(c, t, power, g, hours)
        ed = on_power * _share_in_need(c, "electricity_dependent_backup_hours", _elapsed(on_power, hours))
        out["unprepared"][:, g] = (1 - kit)[:, None] * need
        out["reduced_self_reliance_in_need"][:, g] = rsr
        out["electricity_dependent_in_need"][:, g] = ed
        out["demand_residents"][:, g] = (visit * (1 - kit))[:, None] * need
        out["demand_rsr"][:, g] = visit[:, None] * rsr
        out["demand_ed"][:, g] = visit[:, None] * ed
    return out


MULTIPLIER = {"reduced_self_reliance_in_need": "nb_rsr", "electricity_dependent_in_need": "nb_ed"}


def spread(c: Compiled, name: str, p50: np.ndarray) -> np.ndarray:
    """Buurt counts (n_buurten, hours + 1) from the p50 series of each group."""
    if not len(c.nb_group):
        return np.zeros((0, c.hours + 1))
    factor = getattr(c, MULTIPLIER.get(name, "nb_households"))
    return factor[:, None] * p50[c.nb_group]


def vulnerable_backup_end(c: Compiled, t: Times, samples: np.ndarray) -> np.ndarray:
    """(runs, sites): hour at which each vulnerable site's own backup power ends (inf = not here)."""
    d, u = service_window(c, t, "electricity", 0)
    if not len(c.vs_col):
        return np.zeros((samples.shape[0], 0))
    backup = np.where(c.vs_col >= 0, samples[:, np.maximum(c.vs_col, 0)], 0.0)
    end = d[:, None] + backup
    return np.where(end < u[:, None], end, np.inf)


def key_figures(c: Compiled, t: Times) -> tuple[np.ndarray, np.ndarray]:
    """(runs, hours + 1) counts of key figures reachable by phone, and those reachable only in person."""
    region = c.scenario.region
    hours = np.arange(c.hours + 1, dtype=float)
    runs = t.F.shape[0]
    by_phone = np.zeros((runs, len(hours)))
    in_person = np.zeros((runs, len(hours)))
    if region is None or not region.key_figures:
        return by_phone, in_person
    works = {}
    for kind, sid in (("mobile", "telecom_mobile"), ("fixed", "telecom_fixed")):
        d, u = service_window(c, t, sid, 0)
        works[kind] = ~((d[:, None] <= hours) & (hours < u[:, None]))
    combos: dict[tuple[bool, bool, bool], int] = {}
    for kf in region.key_figures:  # only 8 combinations of channels exist: count them, then weigh
        key = ("mobile" in kf.reachable_by, "fixed" in kf.reachable_by, "in_person" in kf.reachable_by)
        combos[key] = combos.get(key, 0) + 1
    for (mobile, fixed, person), count in combos.items():
        phone = (works["mobile"] & mobile) | (works["fixed"] & fixed)
        by_phone += count * phone
        if person:
            in_person += count * ~phone
    return by_phone, in_person
