"""Connections that read the built database and nothing else.

Every reader of the database (`sql`, `tables`, `findings`, `stale`, the site build) opens it
through `read_only`: the file is opened read-only, DuckDB's access to any other file is switched
off (no `read_csv('/etc/passwd')`, no `COPY ... TO`, no `ATTACH`, no extension installs), the
configuration is locked so no query can switch it back, and memory is capped. SQL that comes from
files (a finding's query, a chart's) must moreover be exactly one SELECT statement: it is parsed
by DuckDB itself and run as written, never spliced into other SQL.
"""

from pathlib import Path

import duckdb

MEMORY_LIMIT = "4GiB"
CONFIG: dict[str, str | bool] = {
    "enable_external_access": False,
    "lock_configuration": True,
    "memory_limit": MEMORY_LIMIT,
}


class SqlError(Exception):
    """A query that may not run here (does not parse, not one statement, not a SELECT); the message completes
    "the query ..."."""


def read_only(database: Path) -> duckdb.DuckDBPyConnection:
    """The database at `database`, read-only and unable to touch any other file. Raises duckdb.Error."""
    return duckdb.connect(str(database), read_only=True, config=dict(CONFIG))


def statement_count(con: duckdb.DuckDBPyConnection, sql: str) -> list:
    """DuckDB's own parse of `sql` into statements; SqlError when it does not parse."""
    try:
        return con.extract_statements(sql)
    except duckdb.Error as exc:
        raise SqlError(f"is not SQL DuckDB can parse ({str(exc).strip().splitlines()[0]})") from None


def one_select(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """`sql` when it is exactly one SELECT statement (trailing `;` allowed); SqlError otherwise."""
    statements = statement_count(con, sql)
    if len(statements) != 1:
        raise SqlError(f"must be exactly one SQL statement (found {len(statements)})")
    if statements[0].type != duckdb.StatementType.SELECT:
        raise SqlError(f"must be a SELECT query (found a {statements[0].type.name} statement)")
    return sql


def define_scope(con: duckdb.DuckDBPyConnection, name: str, select: str) -> None:
    """A temporary view only this connection sees (the database file stays untouched)."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {select}")
