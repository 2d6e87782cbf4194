"""The DDL text: CREATE TABLE statements from the table specs, and the named views' SQL."""

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
