"""The CBS KWB client on recorded responses: the real cbsodata client runs, only the HTTP
transport answers from recorded/cbs_kwb/ (see its README: hand-written in the real format)."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from requests.adapters import BaseAdapter

from weerbaar.places import cbs_kwb
from weerbaar.places.cbs_kwb import CbsKwbError, clean_value, fetch, indicator_table, parse_rows

RECORDED = Path(__file__).parent / "recorded" / "cbs_kwb"


class RecordedFeed(BaseAdapter):
    """Serves /ODataFeed/odata/<table>/<name> from recorded/cbs_kwb/<table>/<name>.json."""

    def __init__(self, fail: bool = False):
        super().__init__()
        self.urls: list[str] = []
        self.fail = fail

    def send(self, request, **kwargs):
        self.urls.append(request.url)
        response = requests.Response()
        response.request, response.url = request, request.url
        parts = urlsplit(request.url).path.split("/")
        table, name = parts[3], parts[4] or "index"
        path = RECORDED / table / f"{name}.json"
        if self.fail or not path.exists():
            response.status_code = 500 if self.fail else 404
            response._content = b'{"odata.error": {"code": "", "message": {"value": "error"}}}'
            return response
        response.status_code = 200
        response._content = path.read_bytes()
        return response

    def close(self):
        pass


@pytest.fixture
def feed(monkeypatch):
    import cbsodata.cbsodata3 as module

    adapter = RecordedFeed()

    class RecordedSession(requests.Session):
        def __init__(self):
            super().__init__()
            self.mount("https://", adapter)
            self.mount("http://", adapter)

    monkeypatch.setattr(module, "Session", RecordedSession)
    return adapter


def test_fetch_reads_the_buurten_of_one_municipality(feed):
    result = fetch("GM1721")
    assert result.table_id == "85618NED"
    assert result.missing == []
    assert result.columns["inhabitants"] == "AantalInwoners_5"
    assert result.columns["wmo_per_1000"] == "WmoClientenRelatief_96"
    assert [r.code for r in result.records] == ["BU17210000", "BU17210001", "BU17210109",
                                                 "BU17210200"]
    first = result.records[0]
    # cbsodata replaces the dimension key by its title; the code comes from Codering.
    assert first.name == "Voorbeeldbuurt Heesch-Centrum"
    assert first.municipality_name == "Bernheze"
    assert (first.inhabitants, first.aged_65_plus, first.households) == (2345, 610, 1120)
    rural = result.records[2]
    assert rural.low_income_percent is None and rural.wmo_per_1000 is None
    # The request asked CBS for this municipality's buurten and only the mapped columns.
    data_url = next(u for u in feed.urls if "/TypedDataSet" in u)
    query = parse_qs(urlsplit(data_url).query)
    assert query["$filter"] == ["startswith(WijkenEnBuurten,'BU1721')"]
    assert "AantalInwoners_5" in query["$select"][0].split(",")


def test_indicator_table_from_recorded_records(feed):
    table = indicator_table(fetch("GM1721").records)
    assert table.loc["BU17210000", "share_65_plus"] == pytest.approx(610 / 2345)
    assert table.loc["BU17210000", "share_single_person"] == pytest.approx(450 / 1120)
    assert table.loc["BU17210000", "share_low_income"] == pytest.approx(0.071)
    assert table.loc["BU17210001", "share_disability_benefit"] == pytest.approx(80 / 3150)
    assert table.loc["BU17210109", ["share_low_income", "wmo_per_1000"]].isna().all()
    # Feeds the engine directly.
    from weerbaar.engines.vulnerability import DEFAULT_THEMES, compute_svi

    svi = compute_svi(table, DEFAULT_THEMES)
    assert "share_80_plus" in svi.dropped and "share_single_65_plus" in svi.dropped
    assert svi.table["overall"].notna().sum() == 3  # the rural buurt misses income and Wmo


def test_http_error_becomes_a_clear_error(monkeypatch):
    import cbsodata.cbsodata3 as module

    adapter = RecordedFeed(fail=True)

    class FailingSession(requests.Session):
        def __init__(self):
            super().__init__()
            self.mount("https://", adapter)

    monkeypatch.setattr(module, "Session", FailingSession)
    with pytest.raises(CbsKwbError, match="tabel 85618NED niet opgehaald"):
        fetch("GM1721")


def test_unknown_table_is_named(feed):
    with pytest.raises(CbsKwbError, match="99999NED"):
        fetch("GM1721", table_id="99999NED")


def test_bad_municipality_code_and_year():
    with pytest.raises(CbsKwbError, match="GMxxxx"):
        fetch("Bernheze")
    with pytest.raises(CbsKwbError, match="1999"):
        fetch("GM1721", year=1999)


class FakeClient:
    """For the column rule only: a table that lacks some stems."""

    def __init__(self, properties, rows):
        self.properties, self.rows = properties, rows

    def get_meta(self, table_id, name):
        return self.properties

    def get_data(self, table_id, filters=None, select=None):
        return self.rows


def test_missing_columns_are_reported_and_left_unknown():
    props = json.loads((RECORDED / "85618NED" / "DataProperties.json").read_text())["value"]
    props = [p for p in props if not p["Key"].startswith(("WmoClienten", "HuishoudensMetEen"))]
    rows = json.loads((RECORDED / "85618NED" / "TypedDataSet.json").read_text())["value"]
    result = fetch("GM1721", client=FakeClient(props, rows))
    assert result.missing == ["low_income_percent", "wmo_per_1000"]
    assert all(r.wmo_per_1000 is None for r in result.records)
    without_code = [p for p in props if not p["Key"].startswith("Codering")]
    with pytest.raises(CbsKwbError, match="Codering ontbreekt"):
        fetch("GM1721", client=FakeClient(without_code, rows))


def test_untyped_values_and_padding():
    assert clean_value("       .") is None
    assert clean_value("  1234 ") == 1234
    assert clean_value(None) is None
    assert clean_value("Buurt     ", text=True) == "Buurt"
    rows = [{"WijkenEnBuurten": "Wijk 00", "Codering_3": "WK172100  ", "AantalInwoners_5": "900"},
            {"WijkenEnBuurten": "Dorp", "Codering_3": "BU17210000", "AantalInwoners_5": "     ."}]
    records = parse_rows(rows, {"code": "Codering_3", "inhabitants": "AantalInwoners_5"})
    assert [(r.code, r.inhabitants) for r in records] == [("BU17210000", None)]


def test_known_tables():
    assert cbs_kwb.TABLES[2023] == "85618NED" and cbs_kwb.TABLES[2021] == "85039NED"
