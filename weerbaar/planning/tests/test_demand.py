"""The CBS square-statistics reader on files in the real format: good, suppressed, wrong."""

from pathlib import Path

import numpy as np
import pytest

from weerbaar.planning.demand import (
    GridFormatError,
    gpkg_geometry,
    read_grid,
    read_grid_csv,
    read_grid_gpkg,
    square_centre,
)
from weerbaar.planning.tests import gpkg_builder

DATA = Path(__file__).parent / "data"


def test_square_code_to_centre():
    assert square_centre("E1648N4157", 100) == (164850.0, 415750.0)
    assert square_centre("E1645N4155", 500) == (164750.0, 415750.0)
    with pytest.raises(ValueError):
        square_centre("E1648N4157", 500)  # not on the 500 m grid
    with pytest.raises(ValueError):
        square_centre("1648-4157", 100)


def test_good_csv_file():
    grid = read_grid(DATA / "vierkanten_100m_heesch.csv")
    assert grid.resolution == 100 and len(grid) == 6
    assert grid.ids[1] == "E1648N4157"
    assert grid.xy[1].tolist() == [164850.0, 415750.0]
    # 45 + 120 + 85 + (secret: 0) + 30 + 210
    assert grid.total == 490
    assert grid.suppressed == 1
    assert np.isnan(grid.aged_65_plus[3]) and np.isnan(grid.aged_65_plus[4])
    assert grid.aged_65_plus[5] == 40


def test_suppressed_weight_rule():
    grid = read_grid(DATA / "vierkanten_100m_heesch.csv", suppressed_weight=2.0)
    assert grid.total == 492 and grid.suppressed == 1


def test_semicolon_and_camel_case_columns_of_newer_files():
    text = "crs28992res500m;aantalInwoners\nE1645N4155;1234\nE1650N4155;-99998\n"
    grid = read_grid_csv(text, name="v500.csv")
    assert grid.resolution == 500 and grid.total == 1234 and grid.suppressed == 1
    assert grid.xy[0].tolist() == [164750.0, 415750.0]


@pytest.mark.parametrize(("text", "message"), [
    ("", "leeg"),
    ("   \n", "leeg"),
    ("crs28992res100m,aantal_inwoners\n", "geen vierkanten"),
    ("code,aantal_inwoners\nE1648N4157,5\n", "vierkantcode ontbreekt"),
    ("crs28992res100m,inwoners\nE1648N4157,5\n", "aantal_inwoners ontbreekt"),
    ("crs28992res100m,aantal_inwoners\nE1648N4157,5\nX12,5\n",
     "regel 3, kolom crs28992res100m: 'X12'"),
    ("crs28992res100m,aantal_inwoners\nE1648N4157,veel\n", "regel 2, kolom aantal_inwoners: 'veel'"),
    ("crs28992res100m,aantal_inwoners\nE1648N4157,-5\n", "regel 2, kolom aantal_inwoners: -5"),
    ("crs28992res100m,aantal_inwoners\nE1648N4157,5\nE1648N4157,5\n", "regel 3: vierkant E1648N4157"),
    ("crs28992res100m,aantal_inwoners\nE1648N4157,5,6\n", "regel 2: 3 kolommen"),
])
def test_bad_csv_names_line_and_column(text, message):
    with pytest.raises(GridFormatError, match=message):
        read_grid_csv(text, name="test.csv")


def test_unknown_extension(tmp_path):
    path = tmp_path / "grid.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(GridFormatError, match="onbekend bestandstype"):
        read_grid(path)


ROWS = [
    {"crs28992res100m": "E1648N4157", "aantal_inwoners": 120, "aantal_inwoners_65_jaar_en_ouder": 20},
    {"crs28992res100m": "E1649N4157", "aantal_inwoners": -99997,
     "aantal_inwoners_65_jaar_en_ouder": -99997},
    {"crs28992res100m": "E1648N4158", "aantal_inwoners": 210, "aantal_inwoners_65_jaar_en_ouder": 40},
]


def test_good_geopackage(tmp_path):
    path = gpkg_builder.build(tmp_path / "cbs_vk100.gpkg", ROWS)
    grid = read_grid(path)
    assert grid.ids == ("E1648N4157", "E1649N4157", "E1648N4158")
    assert grid.xy.tolist() == [[164850.0, 415750.0], [164950.0, 415750.0], [164850.0, 415850.0]]
    assert grid.total == 330 and grid.suppressed == 1
    assert grid.aged_65_plus[2] == 40


def test_geometry_blob_round_trip():
    from shapely.geometry import box

    geometry = gpkg_geometry(gpkg_builder.geometry_blob(box(0, 0, 100, 100)))
    assert geometry.area == 10000


def test_geopackage_in_another_crs_is_refused(tmp_path):
    path = gpkg_builder.build(tmp_path / "wgs.gpkg", ROWS, srs_id=4326)
    with pytest.raises(GridFormatError, match="EPSG:4326"):
        read_grid_gpkg(path)


def test_geopackage_wrong_columns_and_rows(tmp_path):
    wrong = [{"crs28992res100m": "E1648N4157", "inwoners": 5}]
    with pytest.raises(GridFormatError, match="aantal_inwoners ontbreekt"):
        read_grid_gpkg(gpkg_builder.build(tmp_path / "a.gpkg", wrong))
    bad = [{"crs28992res100m": "E1648N4157", "aantal_inwoners": 5},
           {"crs28992res100m": "E1648N4157", "aantal_inwoners": 5}]
    with pytest.raises(GridFormatError, match="rij 2: vierkant E1648N4157"):
        read_grid_gpkg(gpkg_builder.build(tmp_path / "b.gpkg", bad))


def test_empty_or_foreign_geopackage(tmp_path):
    empty = tmp_path / "leeg.gpkg"
    empty.write_bytes(b"")
    with pytest.raises(GridFormatError, match="leeg"):
        read_grid_gpkg(empty)
    no_rows = gpkg_builder.build(tmp_path / "nul.gpkg", [])
    with pytest.raises(GridFormatError, match="geen vierkanten"):
        read_grid_gpkg(no_rows)
    other = tmp_path / "ander.gpkg"
    import sqlite3

    sqlite3.connect(other).execute("CREATE TABLE t (a)").connection.commit()
    with pytest.raises(GridFormatError, match="geen GeoPackage"):
        read_grid_gpkg(other)
