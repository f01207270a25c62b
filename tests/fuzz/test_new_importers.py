"""Fuzzing the newer readers: scenario YAML (weerbaar.engines.cascade), CBS square statistics
(weerbaar.planning.demand) and CBS Kerncijfers wijken en buurten (weerbaar.places.cbs_kwb).
Each returns its result or raises its own error naming what is wrong; nothing else."""

from __future__ import annotations

import csv
import io
import math

from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.fuzz.strategies import CELLS, NASTY_TEXT, cell_as_text, damaged
from weerbaar.engines.cascade.model import ScenarioError
from weerbaar.engines.cascade.scenario_file import LIBRARY, load_scenario
from weerbaar.places.cbs_kwb import STEMS, CbsKwbError, KwbResult, fetch
from weerbaar.planning.demand import GridDemand, GridFormatError, read_grid_csv

# ------------------------------------------------------------------ scenario YAML

LIBRARY_TEXTS = {path.name: path.read_text(encoding="utf-8") for path in sorted(LIBRARY.glob("*.yaml"))}
YAML_SNIPPETS = ["", "~", "[]", "{}", "- a\n- b", "a: &x [*x]", "!!python/object:os.system ls",
                 "key: [unclosed", "\t- tab", "name: 1e999", "hours: -1", "hours: .nan",
                 "hours: 72.5", "? complex\n: key", "a: b\na: c", "%YAML 9.9\n---", "\x00",
                 "name: x\ntitle: y", "&a a: *a", "<<: *undefined"]


@st.composite
def scenario_texts(draw) -> str:
    """A library scenario with lines deleted, duplicated, truncated or replaced, or junk."""
    if not LIBRARY_TEXTS or draw(st.integers(0, 5)) == 0:
        return draw(st.one_of(st.sampled_from(YAML_SNIPPETS), st.text(max_size=200)))
    lines = LIBRARY_TEXTS[draw(st.sampled_from(sorted(LIBRARY_TEXTS)))].splitlines()
    for _ in range(draw(st.integers(0, 4))):
        if not lines:
            break
        position = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "value", "indent", "snippet"]))
        line = lines[position]
        if action == "delete":
            del lines[position]
        elif action == "duplicate":
            lines.insert(position, line)
        elif action == "value" and ":" in line:
            key = line.split(":", 1)[0]
            value = draw(st.sampled_from(NASTY_TEXT + ["-5", "1e400", "[1, 2]", "{a: 1}", "null",
                                                       "true", "'72'", ".inf", "0"]))
            lines[position] = f"{key}: {value}"
        elif action == "indent":
            lines[position] = " " * draw(st.integers(0, 7)) + line.lstrip()
        else:
            lines.insert(position, draw(st.sampled_from(YAML_SNIPPETS)))
    text = "\n".join(lines)
    if draw(st.integers(0, 4)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
    return text


@settings(max_examples=80)
@given(text=scenario_texts())
def test_scenario_yaml(text):
    try:
        load_scenario(text, source="fuzz.yaml")
    except ScenarioError as error:
        event("refused")
        assert error.problems
        for problem in error.problems:
            assert problem.startswith("fuzz.yaml:"), problem
            assert "Traceback" not in problem
    else:
        event("loaded")


def test_library_scenarios_still_load():
    """The mutation source is sound: every library scenario loads unchanged."""
    assert LIBRARY_TEXTS
    for name, text in LIBRARY_TEXTS.items():
        load_scenario(text, source=name)


# ------------------------------------------------------------------ CBS square statistics

GRID_CODE = st.one_of(
    st.builds(lambda x, y: f"E{x * 5:04d}N{y * 5:04d}", st.integers(0, 560), st.integers(600, 1260)),
    st.builds(lambda x, y: f"E{x * 5:04d}N{y * 5:04d}", st.integers(0, 560), st.integers(600, 1260)),
    st.sampled_from(["E1625N4120", "e1625n4120", "E162N4120", "N4120E1625", "", "E1625N41200"]))
GRID_COUNT = st.one_of(*[st.integers(0, 5000).map(str)] * 6, st.integers(-99999, 10**6).map(str),
                       st.sampled_from(
    ["-99997", "-99995", "", "5,5", "nan", "inf", "1e309", "-1", "veel", "0"]), CELLS.map(cell_as_text))


@st.composite
def grid_csv(draw) -> bytes:
    id_column = draw(st.sampled_from(["crs28992res100m", "crs28992res500m", "c28992r100",
                                      "CRS28992RES100M", "vierkant"]))
    header = [id_column, "aantal_inwoners", "aantal_inwoners_65_jaar_en_ouder"]
    header = draw(st.permutations(header))
    if draw(st.integers(0, 4)) == 0:
        header = header[:-1]
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        row = {id_column: draw(GRID_CODE)}
        row.update({h: draw(GRID_COUNT) for h in header if h != id_column})
        cells = [row.get(h, "") for h in header]
        if draw(st.integers(0, 9)) == 0:
            cells = cells[:-1]
        rows.append(cells)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";"])))
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return draw(damaged(out.getvalue().encode(encoding, errors="replace")))


@settings(max_examples=80)
@given(data=grid_csv())
def test_cbs_grid_csv(data):
    try:
        grid = read_grid_csv(data, name="vierkanten.csv")
    except GridFormatError as error:
        event("refused")
        assert str(error).startswith("vierkanten.csv"), str(error)
    else:
        event("read")
        assert isinstance(grid, GridDemand) and len(grid) > 0
        assert grid.xy.shape == (len(grid), 2)
        assert all(math.isfinite(v) and v >= 0 for v in grid.inhabitants)


# ------------------------------------------------------------------ CBS Kerncijfers (KWB)

JSON_CELL = st.one_of(st.none(), st.text(max_size=12), st.integers(), st.floats(),
                      st.booleans(), st.sampled_from([".", "x", "  12 ", "BU99990001", "GM9999"]),
                      st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                            st.integers(), max_size=1))


class FakeCbsClient:
    """What cbsodata returns (DataProperties and rows), here generated; no network."""

    def __init__(self, properties, rows):
        self.properties, self.rows = properties, rows

    def get_meta(self, table_id, name):
        return self.properties

    def get_data(self, table_id, filters=None, select=None):
        return self.rows


@st.composite
def kwb_tables(draw):
    keys = [f"{stem}{draw(st.sampled_from(['', '_1', '_42']))}" for stem in STEMS.values()]
    keys = draw(st.lists(st.sampled_from(keys), max_size=len(keys), unique=True))
    properties = [{"Key": key} for key in keys] + draw(st.lists(
        st.dictionaries(st.sampled_from(["Key", "Title"]), JSON_CELL, max_size=2), max_size=2))
    rows = draw(st.lists(st.dictionaries(st.sampled_from([*keys, "WijkenEnBuurten"]), JSON_CELL,
                                         max_size=len(keys) + 1), max_size=5))
    return properties, rows


@settings(max_examples=60)
@given(table=kwb_tables())
def test_cbs_kwb_tables(table):
    properties, rows = table
    try:
        result = fetch("GM9999", table_id="85984NED", client=FakeCbsClient(properties, rows))
    except CbsKwbError as error:
        event("refused")
        assert str(error)
    else:
        event("read")
        assert isinstance(result, KwbResult)
        assert all(record.code.startswith("BU9999") for record in result.records)

