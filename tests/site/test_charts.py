"""Trend charts: year labels with counts and an unknown bucket, log ticks, and the numbers each
reading quotes."""

import csv
import io

from slm_atlas.site.charts import as_csv, log_ticks, share_chart, size_chart, year_labels


def rows():
    return [
        {"name": "A", "year": 2022, "attention_kind": "MHA", "vocab_size": 50_000},
        {"name": "B", "year": 2024, "attention_kind": "GQA", "vocab_size": 150_000},
        {"name": "C", "year": 2024, "attention_kind": "GQA", "vocab_size": 32_000},
        {"name": "D", "year": 2024, "attention_kind": "MHA", "vocab_size": None},
        {"name": "E", "year": None, "attention_kind": "GQA", "vocab_size": 100_000},
    ]


def test_year_labels_count_models_and_put_unknown_last():
    assert year_labels(rows()) == {"2022": "2022 (n=1)", "2024": "2024 (n=3)", "unknown": "unknown (n=1)"}


def test_share_chart_reads_first_and_last_known_year():
    chart = share_chart(rows(), year_labels(rows()), "attention_kind", "Attention kind")
    assert chart["reading"] == {
        "first": {"year": "2022", "value": "MHA", "share": "100%", "models": 1},
        "last": {"year": "2024", "value": "GQA", "share": "67%", "models": 3},
    }
    assert ["unknown", "GQA", 1, "100%"] in chart["table"]["rows"]
    # the compiled Vega spec orders the x axis by a formula over the labels, unknown last
    order = next(
        t["expr"]
        for d in chart["spec"]["data"]
        for t in d.get("transform", [])
        if t.get("as") == "x_year_label_sort_index"
    )
    assert order.index("2022 (n=1)") < order.index("2024 (n=3)") < order.index("unknown (n=1)")


def test_size_chart_leaves_out_missing_values_and_says_how_many():
    chart = size_chart(rows(), year_labels(rows()), "vocab_size", "Vocabulary size", "vocabulary")
    assert chart["reading"]["missing"] == 1 and chart["reading"]["points"] == 4
    assert chart["table"]["rows"] == [
        ["2022", 1, "50K", "50K", "50K"],
        ["2024", 2, "91K", "32K", "150K"],
        ["unknown", 1, "100K", "100K", "100K"],
    ]
    source = next(d for d in chart["spec"]["data"] if "values" in d)
    assert source["format"] == {"type": "csv", "parse": {"value": "number"}}
    assert [row["name"] for row in csv.DictReader(io.StringIO(source["values"]))] == ["A", "B", "C", "E"]


def test_log_ticks_span_the_values_at_one_and_three():
    assert log_ticks([120e6, 4e9]) == [1e8, 3e8, 1e9, 3e9, 1e10]
    assert log_ticks([None, 0]) == []


def test_chart_data_travels_as_typed_csv():
    packed = as_csv([{"name": "a,b", "n": 1, "ok": True, "x": None}, {"name": "c", "n": 2.5, "ok": False, "x": "t"}])
    assert packed == {
        "values": 'name,n,ok,x\n"a,b",1,true,\nc,2.5,false,t\n',
        "format": {"type": "csv", "parse": {"n": "number", "ok": "boolean"}},
    }
