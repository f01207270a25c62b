"""Checks that need the whole scenario: every name used is declared, and no cycle is undecidable."""

from __future__ import annotations

from .model import Condition, Scenario
from .yaml_nodes import Reader


def check_references(s: Scenario, r: Reader, lines: dict[str, int] | None = None) -> None:
    """Every name used must be declared; a cycle without any backup or outside supply is undecidable."""
    src = s.source_name

    def err(line: int, msg: str) -> None:
        r.problems.append(f"{src}:{line}: {msg}")

    for sv in s.services.values():
        for p in sv.provided_by:
            if p not in s.assets:
                err(sv.line, f"service {sv.id}: unknown asset '{p}' in provided_by")
    for a in s.assets.values():
        for n in a.needs:
            if n.service is not None and n.service not in s.services:
                err(n.line, f"asset {a.id}: unknown service '{n.service}'")
            if n.asset is not None and n.asset not in s.assets:
                err(n.line, f"asset {a.id}: unknown asset '{n.asset}' in a dependency")
            if isinstance(n.autonomy, str) and n.autonomy not in s.parameters:
                err(n.line, f"asset {a.id}: unknown parameter '{n.autonomy}'")

    def check_condition(c: Condition, owner: str) -> None:
        if c.kind in ("all", "any"):
            for p in c.parts:
                check_condition(p, owner)
        elif c.kind == "asset" and c.target not in s.assets:
            err(c.line, f"{owner}: unknown asset '{c.target}'")
        elif c.kind == "service" and c.target not in s.services:
            err(c.line, f"{owner}: unknown service '{c.target}'")

    for e in s.effects.values():
        check_condition(e.when, f"effect {e.id}")
    for d in s.disruption:
        if d.service is not None and d.service not in s.services:
            err(d.line, f"disruption: unknown service '{d.service}'")
        if d.asset is not None and d.asset not in s.assets:
            err(d.line, f"disruption: unknown asset '{d.asset}'")
    sp_ids = {p.id for p in s.region.support_points} if s.region else None
    for i in s.interventions:
        targets = [*([i.asset] if i.asset else []), *i.order]
        for t in targets:
            if t not in s.assets and t not in s.services:
                err(i.line, f"intervention {i.type}: unknown asset or service '{t}'")
        if i.service is not None and i.service not in s.services:
            err(i.line, f"intervention {i.type}: unknown service '{i.service}'")
        if i.support_point is not None and sp_ids is not None and i.support_point not in sp_ids:
            err(i.line, f"intervention {i.type}: unknown support point '{i.support_point}'")
        if i.type == "fuel_delivery" and not i.asset:
            err(i.line, "intervention fuel_delivery needs 'asset'")
        if i.type == "mobile_generator" and not (i.asset or i.support_point):
            err(i.line, "intervention mobile_generator needs 'asset' or 'support_point'")
        if i.type == "restore" and not (i.asset or i.service):
            err(i.line, "intervention restore needs 'asset' or 'service'")
        if i.type == "restoration_order" and (not i.order or i.hours_each <= 0):
            err(i.line, "intervention restoration_order needs 'order' and a positive 'hours_each'")
    hh_line = (lines or {}).get("households", 0)
    for key, cond in s.household_states.items():
        for kind, target in cond.references():
            if kind == "asset" and target not in s.assets:
                err(cond.line or hh_line, f"households.states.{key}: unknown asset '{target}'")
            # Default household states may name services a scenario does not model: those never fail.
    for cycle, line in undecidable_cycles(s):
        err(
            line,
            "dependency cycle without any backup or outside supply: "
            + " -> ".join(cycle)
            + " (give one of them a backup with autonomy_hours, or an outside dependency)",
        )


def undecidable_cycles(s: Scenario) -> list[tuple[list[str], int]]:
    """Strongly connected groups of nodes linked only by dependencies without backup, with nothing outside.

    In such a group "all up" and "all down" are both consistent, so no failure time can be decided.
    """
    zero: dict[str, list[tuple[str, int]]] = {}
    every: dict[str, set[str]] = {}
    for a in s.assets.values():
        key = "asset:" + a.id
        for n in a.needs:
            up = ("service:" if n.service else "asset:") + n.upstream
            every.setdefault(key, set()).add(up)
            is_zero = n.backup == "none"
            if is_zero:
                zero.setdefault(key, []).append((up, n.line))
    for sv in s.services.values():
        key = "service:" + sv.id
        for p in sv.provided_by:
            every.setdefault(key, set()).add("asset:" + p)
            zero.setdefault(key, []).append(("asset:" + p, sv.line))
    disrupted = {
        ("service:" + d.service) if d.service else ("asset:" + (d.asset or "")) for d in s.disruption
    }
    found = []
    for comp in _scc({k: [u for u, _ in v] for k, v in zero.items()}):
        members = set(comp)
        if len(comp) == 1 and comp[0] not in {u for u, _ in zero.get(comp[0], [])}:
            continue
        outside = any(u not in members for m in comp for u in every.get(m, ()))
        if outside or members & disrupted:
            continue
        line = min((ln for m in comp for _, ln in zero.get(m, [])), default=0)
        found.append(([m.split(":", 1)[1] for m in comp] + [comp[0].split(":", 1)[1]], line))
    return found


def _scc(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components (iterative, so deep graphs do not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    nodes = set(graph) | {v for vs in graph.values() for v in vs}
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph.get(nxt, ()))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                out.append(sorted(comp))
    return out
