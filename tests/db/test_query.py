from decimal import Decimal

from slm_atlas.db.query import QueryResult, as_csv, as_json, as_table


def test_table_aligns_numbers_right_and_text_left():
    result = QueryResult(["name", "n", "ok"], [("a", 5, True), ("longer", 12345, None)])
    assert as_table(result) == "name        n  ok\n------  -----  ----\na           5  true\nlonger  12345\n(2 rows)"


def test_table_formats_floats_decimals_and_lists():
    result = QueryResult(["x", "d", "l"], [(1 / 3, Decimal("2.50"), ["a", 1])])
    assert as_table(result).splitlines()[2] == "0.333333  2.5  [\"a\", 1]"


def test_csv_and_json():
    result = QueryResult(["a", "b"], [(1, "x,y")])
    assert as_csv(result) == 'a,b\n1,"x,y"'
    assert as_json(result) == '[\n {\n  "a": 1,\n  "b": "x,y"\n }\n]'
