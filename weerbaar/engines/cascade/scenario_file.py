"""Scenario files (YAML): parse, check every reference and every cycle, and report all problems with lines.

The format is described in docs/scenario-bestanden.md.
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import Node

from .checks import check_references
from .model import (
    BACKUPS,
    HOUSEHOLD_STATES_DEFAULT,
    Asset,
    Condition,
    Disruption,
    Distribution,
    Effect,
    IIMSpec,
    Intervention,
    KeyFigureContact,
    Need,
    Neighbourhood,
    Parameter,
    Region,
    Scenario,
    ScenarioError,
    Service,
    SupportPointSite,
    VulnerableSite,
)
from .yaml_nodes import Reader

TOP_KEYS = (
    "name",
    "title",
    "description",
    "hours",
    "sources",
    "parameters",
    "services",
    "assets",
    "effects",
    "disruption",
    "interventions",
    "households",
    "iim",
    "region",
)
ASSET_STATES = ("failed", "on_backup", "restored")
SERVICE_STATES = ("out", "restored")
INTERVENTIONS = ("fuel_delivery", "mobile_generator", "restore", "restoration_order")

LIBRARY = Path(__file__).resolve().parents[2] / "scenarios" / "library"


def builtin_names() -> list[str]:
    """Names of the scenario files shipped in weerbaar/scenarios/library."""
    return sorted(p.stem for p in LIBRARY.glob("*.yaml"))


def load_builtin(name: str) -> Scenario:
    names = builtin_names()
    if name not in names:
        raise ScenarioError([f"{name}:0: unknown scenario '{name}'; available: {', '.join(names)}"])
    path = LIBRARY / f"{name}.yaml"
    return load_scenario(path.read_text(encoding="utf-8"), source=f"{name}.yaml")


def load_scenario(text: str, source: str = "<scenario>") -> Scenario:
    """Parse and validate a scenario; raise ScenarioError listing every problem found."""
    r = Reader(source)
    root = r.compose(text)
    r.raise_if_problems()
    if root is None:
        raise ScenarioError([f"{source}:1: the file is empty"])
    top = r.mapping(root, "scenario", allowed=TOP_KEYS, required=("name", "title"))
    params = _parameters(r, top.get("parameters"))
    pnames = set(params)
    services = _services(r, top.get("services"))
    assets = _assets(r, top.get("assets"), pnames)
    effects = {}
    for key_id, node in _items(r, top.get("effects"), "effects"):
        f = r.mapping(
            node, f"effect {key_id}", allowed=("sector", "text", "when"), required=("sector", "text", "when")
        )
        when = _condition(r, f.get("when"), f"effect {key_id}.when")
        if when is not None:
            effects[key_id] = Effect(
                key_id,
                r.text(f.get("sector"), f"effect {key_id}.sector"),
                r.text(f.get("text"), f"effect {key_id}.text"),
                when,
                r.line(node),
            )
    disruption = tuple(_disruption(r, n) for n in r.sequence(top.get("disruption"), "disruption"))
    interventions = tuple(_intervention(r, n) for n in r.sequence(top.get("interventions"), "interventions"))
    hh = r.mapping(top.get("households"), "households", allowed=("states", "demand_need"))
    states = dict(HOUSEHOLD_STATES_DEFAULT)
    for key_id, node in _items(r, hh.get("states"), "households.states"):
        cond = _condition(r, node, f"households.states.{key_id}")
        if cond is not None:
            states[key_id] = cond
    demand_need = r.text(hh.get("demand_need"), "households.demand_need", "no_power")
    if demand_need not in states:
        r.error(hh.get("demand_need"), f"households.demand_need: unknown household state '{demand_need}'")
    hours = r.number(top.get("hours"), "hours", default=72, minimum=1)
    if hours is not None and hours != int(hours):
        r.error(top.get("hours"), "hours must be a whole number")
    scenario = Scenario(
        name=r.text(top.get("name"), "name", "scenario"),
        title=r.text(top.get("title"), "title", ""),
        description=r.text(top.get("description"), "description", ""),
        hours=int(hours or 72),
        services=services,
        assets=assets,
        effects=effects,
        disruption=tuple(d for d in disruption if d is not None),
        interventions=tuple(i for i in interventions if i is not None),
        parameters=params,
        region=_region(r, top.get("region")) if "region" in top else None,
        sources=tuple(r.text(n, "sources[]") for n in r.sequence(top.get("sources"), "sources")),
        household_states=states,
        demand_need=demand_need,
        iim=_iim(r, top.get("iim")) if "iim" in top else None,
        source_name=source,
    )
    lines = {
        "hours": r.line(top.get("hours")),
        "households": r.line(top.get("households")),
    }
    check_references(scenario, r, lines)
    r.raise_if_problems()
    return scenario


def _items(r: Reader, node: Node | None, what: str) -> list[tuple[str, Node]]:
    return list(r.mapping(node, what).items())


def _parameters(r: Reader, node: Node | None) -> dict[str, Parameter]:
    out = {}
    for pid, pnode in _items(r, node, "parameters"):
        f = r.mapping(
            pnode,
            f"parameter {pid}",
            allowed=("value", "source", "assumption", "description"),
            required=("value",),
        )
        if "value" not in f:
            continue
        value = r.distribution(f["value"], f"parameter {pid}.value")
        if isinstance(value, str):
            r.error(f["value"], f"parameter {pid}.value cannot refer to another parameter")
            continue
        if value is not None:
            out[pid] = Parameter(
                pid,
                value,
                r.text(f.get("source"), "source", ""),
                r.text(f.get("assumption"), "assumption", ""),
                r.text(f.get("description"), "description", ""),
            )
    return out


def _services(r: Reader, node: Node | None) -> dict[str, Service]:
    out = {}
    for sid, snode in _items(r, node, "services"):
        if r.plain(snode) is None:
            out[sid] = Service(sid, sid, line=r.line(snode))
            continue
        f = r.mapping(
            snode, f"service {sid}", allowed=("name", "provided_by", "mode", "source", "assumption")
        )
        providers = tuple(
            r.text(n, f"service {sid}.provided_by[]")
            for n in r.sequence(f.get("provided_by"), f"service {sid}.provided_by")
        )
        mode = r.text(f.get("mode"), f"service {sid}.mode", "all")
        if mode not in ("all", "any"):
            r.error(f.get("mode"), f"service {sid}.mode must be 'all' or 'any', got '{mode}'")
        out[sid] = Service(sid, r.text(f.get("name"), "name", sid), providers, mode, r.line(snode))
    return out


def _assets(r: Reader, node: Node | None, params: set[str]) -> dict[str, Asset]:
    out = {}
    for aid, anode in _items(r, node, "assets"):
        f = r.mapping(
            anode,
            f"asset {aid}",
            allowed=("name", "sector", "needs", "area", "restart_hours", "source", "assumption"),
            required=("sector",),
        )
        needs = []
        for i, nnode in enumerate(r.sequence(f.get("needs"), f"asset {aid}.needs")):
            what = f"asset {aid}.needs[{i}]"
            n = r.mapping(
                nnode, what, allowed=("service", "asset", "backup", "autonomy_hours", "source", "assumption")
            )
            if ("service" in n) == ("asset" in n):
                r.error(nnode, f"{what}: give exactly one of 'service' or 'asset'")
                continue
            backup = r.text(n.get("backup"), f"{what}.backup", "none")
            if backup not in BACKUPS:
                r.error(n.get("backup"), f"{what}.backup must be one of {', '.join(BACKUPS)}, got '{backup}'")
            autonomy: Distribution | str | None = Distribution("fixed", (0.0,))
            if "autonomy_hours" in n:
                autonomy = r.distribution(n["autonomy_hours"], f"{what}.autonomy_hours", params)
            elif backup != "none":
                r.error(nnode, f"{what}: backup '{backup}' needs autonomy_hours")
            if autonomy is None:
                continue
            needs.append(
                Need(
                    service=r.text(n.get("service"), f"{what}.service") if "service" in n else None,
                    asset=r.text(n.get("asset"), f"{what}.asset") if "asset" in n else None,
                    backup=backup,
                    autonomy=autonomy,
                    source=r.text(n.get("source"), "source", ""),
                    assumption=r.text(n.get("assumption"), "assumption", ""),
                    line=r.line(nnode),
                )
            )
        area = r.text(f.get("area"), f"asset {aid}.area") if "area" in f else None
        out[aid] = Asset(
            aid,
            r.text(f.get("name"), f"asset {aid}.name", aid),
            r.text(f.get("sector"), f"asset {aid}.sector", ""),
            tuple(needs),
            area,
            r.number(f.get("restart_hours"), f"asset {aid}.restart_hours") or 0.0,
            r.line(anode),
        )
    return out


def _condition(r: Reader, node: Node | None, what: str) -> Condition | None:
    if node is None:
        return None
    f = r.mapping(node, what, allowed=("asset", "service", "state", "all", "any"))
    line = r.line(node)
    if "all" in f or "any" in f:
        if len(f) != 1:
            r.error(node, f"{what}: 'all' or 'any' stands alone")
            return None
        kind = "all" if "all" in f else "any"
        parts = [_condition(r, n, f"{what}.{kind}[]") for n in r.sequence(f[kind], f"{what}.{kind}")]
        if not parts:
            r.error(node, f"{what}.{kind} needs at least one condition")
        if any(p is None for p in parts) or not parts:
            return None
        return Condition(kind, parts=tuple(parts), line=line)
    if ("asset" in f) == ("service" in f):
        r.error(node, f"{what}: give exactly one of 'asset', 'service', 'all', 'any'")
        return None
    kind = "asset" if "asset" in f else "service"
    states = ASSET_STATES if kind == "asset" else SERVICE_STATES
    state = r.text(f.get("state"), f"{what}.state", states[0])
    if state not in states:
        r.error(
            f.get("state"), f"{what}.state for a {kind} must be one of {', '.join(states)}, got '{state}'"
        )
        return None
    return Condition(kind, r.text(f[kind], f"{what}.{kind}"), state, line=line)


def _where(r: Reader, node: Node | None, what: str) -> tuple[str, ...]:
    if node is None:
        return ()
    value = r.plain(node)
    if value == "all":
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(r.text(n, f"{what}[]") for n in r.sequence(node, what))


def _disruption(r: Reader, node: Node) -> Disruption | None:
    line = r.line(node)
    f = r.mapping(
        node,
        f"disruption (line {line})",
        allowed=("service", "asset", "where", "start_hours", "duration_hours", "source", "assumption"),
    )
    if ("service" in f) == ("asset" in f):
        r.error(node, "disruption: give exactly one of 'service' or 'asset'")
        return None
    return Disruption(
        service=r.text(f.get("service"), "disruption.service") if "service" in f else None,
        asset=r.text(f.get("asset"), "disruption.asset") if "asset" in f else None,
        where=_where(r, f.get("where"), "disruption.where"),
        start_hours=r.number(f.get("start_hours"), "disruption.start_hours") or 0.0,
        duration_hours=r.number(
            f.get("duration_hours"), "disruption.duration_hours", default=None, allow_null=True
        ),
        line=line,
    )


def _intervention(r: Reader, node: Node) -> Intervention | None:
    f = r.mapping(
        node,
        "intervention",
        allowed=(
            "type",
            "at_hours",
            "asset",
            "service",
            "support_point",
            "adds_hours",
            "order",
            "hours_each",
            "source",
            "assumption",
        ),
        required=("type",),
    )
    kind = r.text(f.get("type"), "intervention.type", "")
    if kind not in INTERVENTIONS:
        if "type" in f:
            r.error(
                f.get("type"), f"intervention.type must be one of {', '.join(INTERVENTIONS)}, got '{kind}'"
            )
        return None
    return Intervention(
        type=kind,
        at_hours=r.number(f.get("at_hours"), "intervention.at_hours") or 0.0,
        asset=r.text(f.get("asset"), "intervention.asset") if "asset" in f else None,
        service=r.text(f.get("service"), "intervention.service") if "service" in f else None,
        support_point=r.text(f.get("support_point"), "intervention.support_point")
        if "support_point" in f
        else None,
        adds_hours=r.number(f.get("adds_hours"), "intervention.adds_hours") or 0.0,
        order=tuple(
            r.text(n, "intervention.order[]") for n in r.sequence(f.get("order"), "intervention.order")
        ),
        hours_each=r.number(f.get("hours_each"), "intervention.hours_each") or 0.0,
        line=r.line(node),
    )


def _iim(r: Reader, node: Node | None) -> IIMSpec | None:
    f = r.mapping(
        node,
        "iim",
        allowed=("sectors", "A", "c", "K", "days", "source", "assumption"),
        required=("sectors", "A", "c"),
    )
    sectors = tuple(r.text(n, "iim.sectors[]") for n in r.sequence(f.get("sectors"), "iim.sectors"))
    n = len(sectors)
    rows = [
        tuple(r.number(x, "iim.A", minimum=0.0) or 0.0 for x in r.sequence(row, "iim.A[]"))
        for row in r.sequence(f.get("A"), "iim.A")
    ]
    c = tuple(r.number(x, "iim.c", minimum=0.0) or 0.0 for x in r.sequence(f.get("c"), "iim.c"))
    k = tuple(r.number(x, "iim.K", minimum=0.0) or 0.0 for x in r.sequence(f.get("K"), "iim.K")) or None
    if len(rows) != n or any(len(row) != n for row in rows):
        r.error(f.get("A"), f"iim.A must be a {n} x {n} matrix (one row and column per sector)")
    if len(c) != n:
        r.error(f.get("c"), f"iim.c must have {n} values (one per sector)")
    if k is not None and len(k) != n:
        r.error(f.get("K"), f"iim.K must have {n} values (one per sector)")
    days = r.number(f.get("days"), "iim.days", default=30, minimum=1)
    return IIMSpec(sectors, tuple(rows), c, k, int(days or 30))


NUMBERS = {
    "x": None,
    "y": None,
    "households": 0.0,
    "residents": 0.0,
    "reduced_self_reliance": 0.0,
    "electricity_dependent": 0.0,
    "capacity_per_hour": 0.0,
    "opens_at_hours": 0.0,
}
REGION_FIELDS = {
    "neighbourhoods": (
        (
            "id",
            "name",
            "community",
            "x",
            "y",
            "households",
            "residents",
            "reduced_self_reliance",
            "electricity_dependent",
        ),
        ("id",),
    ),
    "support_points": (
        ("id", "name", "community", "x", "y", "capacity_per_hour", "backup_hours", "opens_at_hours"),
        ("id", "capacity_per_hour"),
    ),
    "vulnerable_sites": (("id", "name", "residents", "backup_hours"), ("id",)),
    "key_figures": (("id", "community", "reachable_by"), ("id",)),
}
CHANNELS = ("mobile", "fixed", "in_person")


def _region(r: Reader, node: Node | None) -> Region:
    """An example region inside a file (tests, notebooks); the app builds regions from its registers."""
    f = r.mapping(node, "region", allowed=(*REGION_FIELDS, "municipality"))
    rows: dict[str, list[dict]] = {}
    for key, (fields, required) in REGION_FIELDS.items():
        rows[key] = []
        for n in r.sequence(f.get(key), f"region.{key}"):
            m = r.mapping(n, f"region.{key}[]", allowed=fields, required=required)
            if "id" not in m:
                continue
            d: dict = {"id": str(r.plain(m["id"]))}
            for k, v in m.items():
                what = f"region.{key}[{d['id']}].{k}"
                if k in NUMBERS:
                    d[k] = r.number(v, what, default=0.0, minimum=NUMBERS[k])
                elif k == "backup_hours":
                    value = r.plain(v)
                    dist = None if value is None else r.distribution(v, what)
                    d[k] = dist if isinstance(dist, Distribution) else None
                elif k == "reachable_by":
                    d[k] = tuple(r.text(x, what) for x in r.sequence(v, what))
                    for bad in set(d[k]) - set(CHANNELS):
                        r.error(v, f"{what}: unknown channel '{bad}' (use {', '.join(CHANNELS)})")
                elif k != "id":
                    d[k] = str(r.plain(v))
            rows[key].append(d)
    nb = [
        Neighbourhood(
            d["id"],
            d.get("name", d["id"]),
            d.get("community", ""),
            d.get("x", 0.0),
            d.get("y", 0.0),
            int(d.get("households", 0)),
            int(d.get("residents", 0)),
            int(d.get("reduced_self_reliance", 0)),
            int(d.get("electricity_dependent", 0)),
        )
        for d in rows["neighbourhoods"]
    ]
    sp = [
        SupportPointSite(
            d["id"],
            d.get("name", d["id"]),
            d.get("community", ""),
            d.get("x", 0.0),
            d.get("y", 0.0),
            d.get("capacity_per_hour", 0.0),
            d.get("backup_hours"),
            d.get("opens_at_hours", 0.0),
        )
        for d in rows["support_points"]
    ]
    vs = [
        VulnerableSite(d["id"], d.get("name", d["id"]), int(d.get("residents", 0)), d.get("backup_hours"))
        for d in rows["vulnerable_sites"]
    ]
    kf = [
        KeyFigureContact(d["id"], d.get("community", ""), d.get("reachable_by", ("mobile",)))
        for d in rows["key_figures"]
    ]
    return Region(nb, sp, vs, kf, str(r.plain(f["municipality"])) if "municipality" in f else "")
