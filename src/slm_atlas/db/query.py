"""Run one SQL query against the built database (read-only) and format the result."""

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from .connect import SqlError, read_only, statement_count

MAX_ROWS = 10_000


class QueryError(Exception):
    """The database is missing or the query failed; the message says which."""


class QueryUsageError(QueryError):
    """The query text itself is unusable (empty, several statements): a usage error."""


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    more: bool = False  # the query returned more rows than were kept


def run_query(database: Path, sql: str, max_rows: int = MAX_ROWS) -> QueryResult:
    """One statement against the database, read-only and with no access to other files; at most `max_rows`
    rows are kept (`more` says when there were more)."""
    if not sql.strip():
        raise QueryUsageError('the query is empty; give one SQL statement, e.g. "select * from model_overview limit 5"')
    if not database.exists():
        raise QueryError(f"{database} does not exist; run `slm-atlas build` first")
    try:
        con = read_only(database)
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {database}: {exc}") from None
    try:
        statements = statement_count(con, sql)
        if len(statements) != 1:
            raise QueryUsageError(f"give exactly one SQL statement (found {len(statements)})")
        cursor = con.execute(sql)
        if cursor.description is None:
            return QueryResult([], [])
        rows = cursor.fetchmany(max_rows + 1)
        return QueryResult([d[0] for d in cursor.description], rows[:max_rows], more=len(rows) > max_rows)
    except SqlError as exc:
        raise QueryUsageError(f"the query {exc}") from None
    except duckdb.Error as exc:
        raise QueryError(str(exc).strip()) from None
    except MemoryError:
        raise QueryError(
            f"the result does not fit in memory; add a LIMIT (at most {max_rows:,} rows are kept)"
        ) from None
    finally:
        con.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)


def _numeric(values: list[Any]) -> bool:
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) for v in present)


def as_table(result: QueryResult) -> str:
    """Aligned columns: numbers right, text left, a rule under the header, a row count after."""
    if not result.columns:
        return "(no result)"
    cells = [[_cell(v) for v in r] for r in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    right = [_numeric([r[i] for r in result.rows]) for i in range(len(result.columns))]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right, strict=True)
        ).rstrip()

    out = [line(result.columns), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)


def as_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([[_cell(v) for v in r] for r in result.rows])
    return buffer.getvalue().rstrip("\n")


def as_json(result: QueryResult) -> str:
    records = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
    return json.dumps(records, default=str, ensure_ascii=False, indent=1)


FORMATS = {"table": as_table, "csv": as_csv, "json": as_json}
