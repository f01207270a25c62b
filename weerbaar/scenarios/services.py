"""Running a scenario on a municipality's registers, for the doors (pages, CLI, exercises).

A run is deterministic for (scenario, region, parameters, runs, seed), so its result is kept
in the cache under a key made of exactly those; new register data changes the region and so
the key, and a result can never be stale.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import time
from dataclasses import asdict, dataclass, field, is_dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from weerbaar.engines.cascade import Result, Scenario, ScenarioError, load_builtin, simulate
from weerbaar.monitor.estimates import estimate_municipality
from weerbaar.places.models import Municipality
from weerbaar.scenarios.region import RegionFromRegisters, region_from_registers

KIT_SHARE_KEY = "parameters.kit_share"
CACHE_SECONDS = 60 * 60
MAX_RUNS = 1000
RUN_CHOICES = (1, 200)


@dataclass(frozen=True)
class KitShare:
    value: float
    source: str  # a sentence for the page: where the share comes from
    from_survey: bool


@dataclass
class ScenarioRun:
    scenario: Scenario
    result: Result
    runs: int
    seed: int
    municipality: Municipality | None
    region: RegionFromRegisters | None
    kit_share: KitShare | None
    overrides: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    cached: bool = False


def kit_share_from_survey(municipality: Municipality) -> KitShare | None:
    """I-3 (kit and plan) of the latest wave that measured it, as the share of prepared
    households; a lower bound for 'has a kit', which is what the engine needs."""
    for wave_result in reversed(estimate_municipality(municipality)):
        indicator = wave_result.indicators.get("I-3")
        if indicator is not None and indicator.overall.value is not None:
            wave = wave_result.wave
            fictitious = _(" (fictieve demo-meting)") if wave.is_fictitious else ""
            return KitShare(
                value=round(float(indicator.overall.value), 4), from_survey=True,
                source=_("Enquête %(wave)s%(fictitious)s, subdoel I-3 (noodpakket én noodplan): "
                         "%(share)s.") % {"wave": wave.name, "fictitious": fictitious,
                                          "share": f"{indicator.overall.value * 100:.0f} %"})
    return None


def default_municipality() -> Municipality | None:
    return Municipality.objects.order_by("name").first()


def _plain(value):
    if is_dataclass(value):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _cache_key(name: str, region: RegionFromRegisters | None, overrides: dict, runs: int,
               seed: int) -> str:
    payload = json.dumps({"scenario": name, "region": _plain(region.region) if region else None,
                          "overrides": sorted(overrides.items()), "runs": runs, "seed": seed},
                         sort_keys=True, default=str)
    return "scenario-run:" + hashlib.sha256(payload.encode()).hexdigest()


def load(name: str) -> Scenario:
    """A built-in scenario by name (ScenarioError when unknown)."""
    return load_builtin(name)


def run_scenario(scenario: Scenario | str, municipality: Municipality | None = None, *,
                 runs: int = 1, seed: int = 0, overrides: dict[str, str] | None = None,
                 use_registers: bool = True, use_cache: bool = True) -> ScenarioRun:
    """Run ``scenario`` on the municipality's registers (or without a region when there is
    no municipality). The survey's I-3 share is the kit share unless ``overrides`` sets it.

    Raises ScenarioError for an unknown scenario or a bad override."""
    if isinstance(scenario, str):
        scenario = load(scenario)
    if not 1 <= runs <= MAX_RUNS:
        raise ScenarioError([f"--runs: {runs} ligt niet tussen 1 en {MAX_RUNS}"])
    overrides = dict(overrides or {})
    region = kit = None
    if municipality is not None and use_registers:
        kit = kit_share_from_survey(municipality)
    effective = dict(overrides)
    if KIT_SHARE_KEY not in effective and kit is not None:
        effective[KIT_SHARE_KEY] = str(kit.value)
    elif KIT_SHARE_KEY in effective:
        kit = None  # the caller's value wins; the page says so
    configured = scenario.with_overrides(effective) if effective else scenario
    if municipality is not None and use_registers:
        region = region_from_registers(municipality, configured)  # shares after --set
        if region.empty:
            region = None
    if region is not None:
        configured = configured.with_region(region.region)
    key = _cache_key(scenario.name, region, effective, runs, seed)
    started = time.perf_counter()
    cached = cache.get(key) if use_cache else None
    if cached is not None:
        result = pickle.loads(cached)
    else:
        result = simulate(configured, runs=runs, seed=seed)
        if use_cache:
            cache.set(key, pickle.dumps(result), CACHE_SECONDS)
    return ScenarioRun(scenario=configured, result=result, runs=runs, seed=seed,
                       municipality=municipality if region is not None else None, region=region,
                       kit_share=kit, overrides=overrides,
                       seconds=time.perf_counter() - started, cached=cached is not None)


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    """``key=value`` strings -> dict; ScenarioError naming every bad pair."""
    found, problems = {}, []
    for number, pair in enumerate(pairs, start=1):
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            problems.append(f"--set {number}: '{pair}' is geen sleutel=waarde")
            continue
        found[key.strip()] = value.strip()
    if problems:
        raise ScenarioError(problems)
    return found
