"""The DDL text: CREATE TABLE statements from the table specs, and the named views' SQL."""

import re
from importlib import resources

from .tables import TABLES, Table


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_table(table: Table) -> str:
    lines = [f"    {c.ddl()}" for c in table.columns]
    if table.key:
        lines.append(f"    PRIMARY KEY ({', '.join(table.key)})")
    body = ",\n".join(lines)
    return f"CREATE TABLE {table.name} (\n{body}\n);"


def comments(table: Table) -> list[str]:
    """COMMENT ON statements, so `duckdb_columns()` describes every column."""
    out = [f"COMMENT ON TABLE {table.name} IS {_quote(table.description)};"]
    out += [f"COMMENT ON COLUMN {table.name}.{c.quoted} IS {_quote(c.description)};" for c in table.columns]
    return out


def view_files() -> list[tuple[str, str]]:
    """(name, SQL) of every named view, in file-name order (a view may use an earlier one)."""
    folder = resources.files("slm_atlas.db") / "views"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [(f.name[:-4].split("-", 1)[1], f.read_text(encoding="utf-8")) for f in files]


# A select-list line that ends in `-- text` describes the column it names (the last identifier
# before the comma, or the name after AS).
_COLUMN_COMMENT = re.compile(r'^\s+(?:.*\bAS\s+)?(?:\w+\.)?"?(\w+)"?,?\s+--\s*(.+?)\s*$', re.IGNORECASE)


def view_comments(name: str, sql: str) -> tuple[str, dict[str, str]]:
    """A view's description (its file's leading `--` lines) and the columns its lines describe."""
    lines = sql.splitlines()
    head = []
    for line in lines:
        if not line.startswith("--"):
            break
        head.append(line[2:].strip())
    columns = {m[1]: m[2] for line in lines[len(head) :] if (m := _COLUMN_COMMENT.match(line))}
    return " ".join(head), columns


def view_comment_statements(view_columns: dict[str, list[str]]) -> list[str]:
    """COMMENT ON statements for every view and each of its columns (`view_columns`: the columns
    DuckDB reports). A column its view does not describe takes the description of the first
    table column of that name."""
    inherited: dict[str, str] = {}
    for table in TABLES.values():
        for spec in table.columns:
            inherited.setdefault(spec.name, spec.description)
    out = []
    for name, sql in view_files():
        description, described = view_comments(name, sql)
        out.append(f"COMMENT ON VIEW {name} IS {_quote(description)};")
        for column in view_columns.get(name, []):
            text = described.get(column) or inherited.get(column)
            if text:
                out.append(f'COMMENT ON COLUMN {name}."{column}" IS {_quote(text)};')
    return out


def table_statements() -> list[str]:
    out: list[str] = []
    for table in TABLES.values():
        out.append(create_table(table))
        out += comments(table)
    return out


def schema_sql() -> str:
    """Every table and view, as one script (the body of schema/tables.sql)."""
    parts = [create_table(t) for t in TABLES.values()]
    parts += [sql.strip() for _, sql in view_files()]
    return "\n\n".join(parts) + "\n"
