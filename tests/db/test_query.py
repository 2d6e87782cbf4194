from decimal import Decimal

from slm_atlas.db.query import QueryResult, as_csv, as_json, as_table


def test_table_aligns_numbers_right_and_text_left():
    result = QueryResult(["name", "n", "ok"], [("a", 5, True), ("longer", 12345, None)])
    assert as_table(result) == "name        n  ok\n------  -----  ----\na           5  true\nlonger  12345\n(2 rows)"


def test_table_formats_floats_decimals_and_lists():
    result = QueryResult(["x", "d", "l"], [(1 / 3, Decimal("2.50"), ["a", 1])])
    assert as_table(result).splitlines()[2] == '0.333333  2.5  ["a", 1]'


def test_csv_and_json():
    result = QueryResult(["a", "b"], [(1, "x,y")])
    assert as_csv(result) == 'a,b\n1,"x,y"'
    assert as_json(result) == '[\n {\n  "a": 1,\n  "b": "x,y"\n }\n]'


# --- `slm-atlas sql` reads the database and nothing else ------------------------------------------

import pytest  # noqa: E402

from slm_atlas.cli import main  # noqa: E402


@pytest.fixture
def built(catalog_dir):
    assert main(["build"]) == 0
    return catalog_dir.parent / "build"


@pytest.mark.parametrize(
    ("query", "code", "message"),
    [
        ("", 2, 'error: the query is empty; give one SQL statement, e.g. "select * from model_overview limit 5"'),
        ("   ", 2, 'error: the query is empty; give one SQL statement, e.g. "select * from model_overview limit 5"'),
        ("select 1; select 2", 2, "error: give exactly one SQL statement (found 2)"),
        (
            "select * from",
            2,
            'error: the query is not SQL DuckDB can parse (Parser Error: syntax error at or near "from")',
        ),
        (
            "select * from read_csv('/etc/passwd')",
            1,
            'error: Permission Error: Cannot access file "/etc/passwd" - file system operations are'
            " disabled by configuration",
        ),
        ("attach 'other.duckdb'", 1, "error: Permission Error: Cannot access file"),
        (
            "set enable_external_access = true",
            1,
            'error: Invalid Input Error: Cannot change configuration option "enable_external_access"',
        ),
        ("install httpfs", 1, "error: Permission Error: Cannot access directory"),
    ],
)
def test_sql_refuses_what_is_not_one_reading_statement(built, capsys, query, code, message):
    assert main(["sql", query]) == code
    assert capsys.readouterr().err.startswith(message)


def test_sql_cannot_write_a_file(built, capsys):
    target = built / "export" / "models.csv"
    before = target.read_bytes()
    assert main(["sql", f"copy (select 1 as pwned) to '{target}' (format csv)"]) == 1
    assert "Permission Error" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert main(["sql", f"copy (select 1) to '{built / 'new.csv'}'"]) == 1
    assert not (built / "new.csv").exists()


def test_a_result_too_large_to_print_is_cut_and_said(built, capsys):
    assert main(["sql", "select * from range(30000000)", "--format", "csv"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 10_001 and lines[0] == "range" and lines[-1] == "9999"
    assert captured.err.strip() == (
        "error: the query returns more than 10,000 rows; only the first 10,000 are shown. Add a LIMIT"
        " (or OFFSET to page), or raise --max-rows"
    )
    assert main(["sql", "select * from range(5)", "--max-rows", "5"]) == 0
    assert main(["sql", "select 1", "--max-rows", "0"]) == 2
    assert capsys.readouterr().err.strip() == "error: --max-rows must be between 1 and 1,000,000 (got 0)"
