"""Search every column of every table for a value: the proof that erasure left nothing.

Every column is cast to text, so values inside JSON, history tables and the admin log are
found too. Slow on big databases (one query per column), meant for checks, not pages.
"""

from __future__ import annotations

from django.db import connection


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def find_value(value: str) -> list[tuple[str, str, int]]:
    """(table, column, number of rows) wherever ``value`` occurs, case-insensitively."""
    found = []
    quote = connection.ops.quote_name
    text_type = "TEXT"
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                sql = (f"SELECT COUNT(*) FROM {quote(table)} WHERE "
                       f"LOWER(CAST({quote(column.name)} AS {text_type})) LIKE %s ESCAPE '\\'")
                cursor.execute(sql, [_like(value)])
                count = cursor.fetchone()[0]
                if count:
                    found.append((table, column.name, count))
    return found
