"""Reading YAML node trees while keeping line numbers, and collecting every problem instead of the first."""

from __future__ import annotations

import math
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .model import Distribution, ScenarioError

DISTRIBUTIONS = {"triangular": 3, "uniform": 2, "normal": (2, 3, 4)}


class Reader:
    """Turns YAML nodes into Python values; every mistake is recorded as "source:line: message"."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[str] = []

    def error(self, node: Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        self.problems.append(f"{self.source}:{line}: {message}")

    @staticmethod
    def line(node: Node | None) -> int:
        return node.start_mark.line + 1 if node is not None else 0

    def compose(self, text: str) -> Node | None:
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 0
            self.problems.append(f"{self.source}:{line}: not valid YAML: {exc.problem or exc}")
        except yaml.YAMLError as exc:
            self.problems.append(f"{self.source}:0: not valid YAML: {exc}")
        return None

    def raise_if_problems(self) -> None:
        if self.problems:
            raise ScenarioError(self.problems)

    def plain(self, node: Node) -> Any:
        return SafeConstructor().construct_object(node, deep=True)

    def mapping(
        self,
        node: Node | None,
        what: str,
        allowed: tuple[str, ...] | None = None,
        required: tuple[str, ...] = (),
    ) -> dict[str, Node]:
        if node is None:
            return {}
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping (key: value)")
            return {}
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = str(self.plain(key_node))
            if key in out:
                self.error(key_node, f"{what}: key '{key}' appears twice")
            if allowed is not None and key not in allowed:
                self.error(key_node, f"{what}: unknown key '{key}' (allowed: {', '.join(allowed)})")
                continue
            out[key] = value_node
        for key in required:
            if key not in out:
                self.error(node, f"{what}: missing required key '{key}'")
        return out

    def sequence(self, node: Node | None, what: str) -> list[Node]:
        if node is None:
            return []
        if isinstance(node, ScalarNode) and self.plain(node) is None:
            return []
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list")
            return []
        return list(node.value)

    def text(self, node: Node | None, what: str, default: str = "") -> str:
        if node is None:
            return default
        value = self.plain(node)
        if not isinstance(value, str) or not value.strip():
            self.error(node, f"{what} must be a non-empty text")
            return default
        return value.strip()

    def number(
        self,
        node: Node | None,
        what: str,
        default: float | None = 0.0,
        minimum: float | None = 0.0,
        allow_null: bool = False,
    ) -> float | None:
        if node is None:
            return default
        value = self.plain(node)
        if value is None and allow_null:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            self.error(node, f"{what} must be a number, got {_shown(value)}")
            return default
        if minimum is not None and value < minimum:
            self.error(node, f"{what} must be at least {minimum:g}, got {value:g}")
            return default
        return float(value)

    def distribution(
        self, node: Node, what: str, params: set[str] | None = None
    ) -> Distribution | str | None:
        """A number, {triangular: [lo, mode, hi]}, {uniform: [lo, hi]}, {normal: [mean, sd]}, {param: id}."""
        if isinstance(node, ScalarNode):
            value = self.number(node, what, default=None)
            return None if value is None else Distribution("fixed", (value,))
        entries = self.mapping(node, what, allowed=(*DISTRIBUTIONS, "param", "fixed"))
        if len(entries) != 1:
            if entries:
                self.error(node, f"{what}: give exactly one of triangular, uniform, normal, fixed, param")
            return None
        kind, value_node = next(iter(entries.items()))
        if kind == "param":
            name = self.text(value_node, f"{what}.param")
            if params is not None and name not in params:
                self.error(value_node, f"{what}: unknown parameter '{name}'")
            return name
        if kind == "fixed":
            value = self.number(value_node, f"{what}.fixed", default=None)
            return None if value is None else Distribution("fixed", (value,))
        items = self.sequence(value_node, f"{what}.{kind}")
        if isinstance(value_node, MappingNode) and kind == "normal":
            fields = self.mapping(
                value_node, f"{what}.normal", allowed=("mean", "sd", "low", "high"), required=("mean", "sd")
            )
            items = [fields[k] for k in ("mean", "sd", "low", "high") if k in fields]
        counts = DISTRIBUTIONS[kind]
        counts = counts if isinstance(counts, tuple) else (counts,)
        if len(items) not in counts:
            self.error(value_node, f"{what}.{kind} needs {' or '.join(map(str, counts))} numbers")
            return None
        low = None if kind == "normal" else 0.0
        numbers = [self.number(item, f"{what}.{kind}", default=None, minimum=low) for item in items]
        if any(n is None for n in numbers):
            return None
        if kind == "triangular" and not numbers[0] <= numbers[1] <= numbers[2]:
            self.error(value_node, f"{what}.triangular must be [low, mode, high] with low <= mode <= high")
            return None
        if kind == "uniform" and numbers[0] > numbers[1]:
            self.error(value_node, f"{what}.uniform must be [low, high] with low <= high")
            return None
        if kind == "normal" and numbers[1] < 0:
            self.error(value_node, f"{what}.normal: the standard deviation must not be negative")
            return None
        return Distribution(kind, tuple(numbers))


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)
