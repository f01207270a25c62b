"""``--set key=value`` overrides of a loaded scenario (dotted keys), checked like the file itself."""

from __future__ import annotations

import dataclasses

import yaml

from .model import Distribution, Scenario, ScenarioError
from .yaml_nodes import Reader


def _value(key: str, text: str, what: str) -> Distribution:
    r = Reader(f"--set {key}")
    node = r.compose(text)
    if node is None:
        raise ScenarioError(r.problems or [f"--set {key}:0: no value given"])
    value = r.distribution(node, what)
    if r.problems or not isinstance(value, Distribution):
        raise ScenarioError(
            [p.replace(":1: ", ": ") for p in r.problems]
            or [f"--set {key}: {what} must be a number or a distribution"]
        )
    return value


def _number(key: str, text: str, minimum: float = 0.0) -> float:
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        value = None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise ScenarioError([f"--set {key}: must be a number of at least {minimum:g}, got '{text}'"])
    return float(value)


def apply_overrides(s: Scenario, values: dict[str, str]) -> Scenario:
    """Return a copy of ``s`` with each dotted key set; every bad key or value is reported together."""
    problems: list[str] = []
    for key, text in values.items():
        try:
            s = _apply_one(s, key, str(text))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)
    return s


def _apply_one(s: Scenario, key: str, text: str) -> Scenario:
    parts = key.split(".")
    if parts == ["hours"]:
        hours = _number(key, text, 1)
        if hours != int(hours):
            raise ScenarioError([f"--set {key}: must be a whole number of hours, got '{text}'"])
        return dataclasses.replace(s, hours=int(hours))
    if parts[0] == "parameters" and len(parts) in (2, 3) and parts[-1 if len(parts) == 3 else 1]:
        pid = parts[1]
        if pid not in s.parameters or (len(parts) == 3 and parts[2] != "value"):
            raise ScenarioError(
                [f"--set {key}: unknown parameter '{pid}'; known: " + ", ".join(sorted(s.parameters))]
            )
        param = dataclasses.replace(s.parameters[pid], value=_value(key, text, f"parameter {pid}"))
        return dataclasses.replace(s, parameters={**s.parameters, pid: param})
    if parts[0] == "assets" and len(parts) >= 3:
        aid = parts[1]
        if aid not in s.assets:
            raise ScenarioError([f"--set {key}: unknown asset '{aid}'"])
        asset = s.assets[aid]
        if parts[2:] == ["autonomy_hours"]:
            if not any(n.backup != "none" for n in asset.needs):
                raise ScenarioError([f"--set {key}: asset '{aid}' has no backup to set an autonomy for"])
            dist = _value(key, text, "autonomy_hours")
            needs = tuple(
                dataclasses.replace(n, autonomy=dist) if n.backup != "none" else n for n in asset.needs
            )
            asset = dataclasses.replace(asset, needs=needs)
        elif len(parts) == 5 and parts[2] == "needs" and parts[4] == "autonomy_hours":
            try:
                i = int(parts[3])
                need = asset.needs[i]
            except (ValueError, IndexError):
                raise ScenarioError([f"--set {key}: asset '{aid}' has no need number {parts[3]}"]) from None
            needs = list(asset.needs)
            needs[i] = dataclasses.replace(
                need,
                autonomy=_value(key, text, "autonomy_hours"),
                backup=need.backup if need.backup != "none" else "other",
            )
            asset = dataclasses.replace(asset, needs=tuple(needs))
        elif parts[2:] == ["restart_hours"]:
            asset = dataclasses.replace(asset, restart_hours=_number(key, text))
        else:
            raise ScenarioError(
                [
                    f"--set {key}: unknown asset field '{'.'.join(parts[2:])}' "
                    "(autonomy_hours, needs.N.autonomy_hours, restart_hours)"
                ]
            )
        return dataclasses.replace(s, assets={**s.assets, aid: asset})
    if parts[0] == "disruption" and len(parts) == 3 and parts[2] in ("start_hours", "duration_hours"):
        try:
            i = int(parts[1])
            d = s.disruption[i]
        except (ValueError, IndexError):
            raise ScenarioError([f"--set {key}: there is no disruption number {parts[1]}"]) from None
        value = (
            None
            if parts[2] == "duration_hours" and text.strip() in ("null", "none", "")
            else _number(key, text)
        )
        items = list(s.disruption)
        items[i] = dataclasses.replace(d, **{parts[2]: value})
        return dataclasses.replace(s, disruption=tuple(items))
    raise ScenarioError(
        [
            f"--set {key}: unknown key (use hours, parameters.ID, assets.ID.autonomy_hours, "
            "assets.ID.needs.N.autonomy_hours, assets.ID.restart_hours, disruption.N.start_hours, "
            "disruption.N.duration_hours)"
        ]
    )
