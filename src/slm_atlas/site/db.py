"""Read the built database for the site: every query returns plain dicts, ready for templates."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from ..db.connect import read_only


class Reader:
    """A read-only connection to the atlas database with dict-returning queries."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def value(self, sql: str, *params: Any) -> Any:
        row = self.con.execute(sql, list(params)).fetchone()
        return None if row is None else row[0]


@contextmanager
def open_reader(database: Path) -> Iterator[Reader]:
    con = read_only(database)
    try:
        yield Reader(con)
    finally:
        con.close()
