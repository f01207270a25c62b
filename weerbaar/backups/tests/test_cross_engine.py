"""Round trip between engines with the demo data: SQLite -> PostgreSQL -> SQLite.

Each side is a separate `weerbaar` process on its own database (h_backup2 on the PostgreSQL
server; SQLite files in tmp_path). The restored database is backed up again and
every row of every table (history and audit tables included) must be equal.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from weerbaar.backups.archive import read_archive

ROOT = Path(__file__).resolve().parents[3]


def postgres_url(name: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    base = url if url.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres"
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="module")
def postgres():
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(postgres_url("postgres").replace("postgres://", "postgresql://"),
                                autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable: {exc}")

    def fresh(name: str) -> str:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        return postgres_url(name)

    yield fresh
    admin.close()


def weerbaar(database_url: str, tmp_path: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update(DATABASE_URL=database_url, WEERBAAR_VAR_DIR=str(tmp_path),
               DJANGO_SETTINGS_MODULE="weerbaar.settings")
    result = subprocess.run([sys.executable, "-m", "weerbaar.cli", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"weerbaar {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def same_rows(before, after) -> None:
    rows = {entry["model"]: entry["rows"] for entry in before.manifest["tables"]}
    assert rows == {entry["model"]: entry["rows"] for entry in after.manifest["tables"]}
    assert rows["network.keyfigure"] > 0 and rows["network.historicalkeyfigure"] > 0
    assert rows["audit.auditevent"] > 0 and rows["auth.user"] > 0
    differing = [(member, a, b) for member in before.rows
                 for a, b in zip(before.rows[member], after.rows[member], strict=True) if a != b]
    assert differing == []


def restore_and_back_up(target: str, archive: Path, again: Path, tmp_path: Path) -> None:
    # A freshly migrated database counts as empty: no --replace needed.
    assert "Hersteld" in weerbaar(target, tmp_path, "restore", str(archive))
    assert weerbaar(target, tmp_path, "audit", "verify").startswith("OK, ")
    weerbaar(target, tmp_path, "backup", str(again))


def test_sqlite_to_postgresql_to_sqlite(postgres, tmp_path):
    """Demo data loaded on SQLite -> PostgreSQL -> a second SQLite database, every row equal.

    The second leg restores an archive written by PostgreSQL, so values as PostgreSQL returns
    them (timestamps, decimals, JSON) are read back into SQLite.
    """
    source, final = tmp_path / "bron.sqlite3", tmp_path / "doel.sqlite3"
    weerbaar(f"sqlite:///{source}", tmp_path, "migrate", "--verbosity", "0")
    shutil.copyfile(source, final)  # an empty, migrated database for the last leg
    weerbaar(f"sqlite:///{source}", tmp_path, "load-demo")
    from_sqlite, from_postgres, back_in_sqlite = (tmp_path / f"{name}.tar.gz" for name in ("a", "b", "c"))
    weerbaar(f"sqlite:///{source}", tmp_path, "backup", str(from_sqlite))

    target = postgres("h_backup2")
    weerbaar(target, tmp_path, "migrate", "--verbosity", "0")
    restore_and_back_up(target, from_sqlite, from_postgres, tmp_path)
    restore_and_back_up(f"sqlite:///{final}", from_postgres, back_in_sqlite, tmp_path)

    archives = [read_archive(path) for path in (from_sqlite, from_postgres, back_in_sqlite)]
    assert [archive.manifest["database_vendor"] for archive in archives] == ["sqlite", "postgresql", "sqlite"]
    same_rows(archives[0], archives[1])
    same_rows(archives[1], archives[2])
