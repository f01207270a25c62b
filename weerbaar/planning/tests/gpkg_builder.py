"""Build a small GeoPackage in the layout of CBS's square statistics (for tests only)."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

from shapely.geometry import box


def geometry_blob(geometry, srs_id: int = 28992) -> bytes:
    """Standard GeoPackage geometry: 'GP', version 0, flags (little endian, 2-D envelope), srs,
    envelope, WKB."""
    minx, miny, maxx, maxy = geometry.bounds
    flags = 0b0000_0011  # envelope code 1 (minx, maxx, miny, maxy), little endian
    header = b"GP" + bytes([0, flags]) + struct.pack("<i", srs_id)
    return header + struct.pack("<4d", minx, maxx, miny, maxy) + geometry.wkb


def build(path: Path, rows: list[dict], *, srs_id: int = 28992, resolution: int = 100,
          id_column: str = "crs28992res100m", table: str = "vierkant_100m") -> Path:
    """rows: dicts with the id column and counts; geometry made from the code."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
    con.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY "
                "KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, "
                "definition TEXT NOT NULL, description TEXT)")
    con.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('Amersfoort / RD New', ?, 'EPSG', ?, "
                "'PROJCS[\"Amersfoort / RD New\"]', NULL)", (srs_id, srs_id))
    con.execute("CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, "
                "identifier TEXT, description TEXT, last_change DATETIME, min_x DOUBLE, "
                "min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)")
    con.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT "
                "NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT "
                "NOT NULL, m TINYINT NOT NULL)")
    keys = [k for k in rows[0] if k != id_column] if rows else ["aantal_inwoners"]
    cols = ", ".join(f'"{k}" INTEGER' for k in keys)
    con.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON, '
                f'"{id_column}" TEXT, {cols})')
    con.execute("INSERT INTO gpkg_contents VALUES (?, 'features', ?, '', '2024-01-01', NULL, NULL, "
                "NULL, NULL, ?)", (table, table, srs_id))
    con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)",
                (table, srs_id))
    for row in rows:
        code = row[id_column]
        x0, y0 = int(code[1:5]) * 100, int(code[6:10]) * 100
        blob = geometry_blob(box(x0, y0, x0 + resolution, y0 + resolution), srs_id)
        names = ", ".join(f'"{k}"' for k in keys)
        marks = ", ".join("?" for _ in keys)
        con.execute(f'INSERT INTO "{table}" (geom, "{id_column}", {names}) VALUES (?, ?, {marks})',
                    (blob, code, *[row[k] for k in keys]))
    con.commit()
    con.close()
    return path
