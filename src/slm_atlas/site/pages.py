"""The data of every page, read from the database and shaped for its template.

Each function takes a `Reader` and returns the context of one template (or of every model page
at once, so a catalog of thousands of models costs a handful of queries, not thousands).
"""

import json
from collections import defaultdict
from typing import Any

from ..formatting import value_text
from .db import Reader
from .runtime import not_run

# The model table's filters: (URL key, model_overview column, label), in display order.
FILTERS = (
    ("family", "family", "Family"),
    ("organization", "organization", "Organization"),
    ("year", "year", "Year"),
    ("cohort", "cohort", "Cohort"),
    ("size", "size_class", "Size"),
    ("attention", "attention_kind", "Attention"),
    ("ffn", "ffn_kind", "FFN"),
    ("activation", "activation", "Activation"),
    ("norm", "norm", "Norm"),
    ("position", "position_encoding", "Position encoding"),
    ("license", "license", "Licence"),
    ("data", "data_openness", "Data"),
    ("survey", "survey_group", "Survey group"),
)
SIZE_ORDER = ("<0.1B", "0.1-0.5B", "0.5-1B", "1-2B", "2-3B", "3-5B", ">5B", "unknown")
UNKNOWN = "unknown"
NOT_IN_SURVEY = "not in the survey"


def facet(column: str, value: Any) -> str:
    """The text a filter matches for one cell: unknown years and sizes get a labelled bucket."""
    if value is None:
        return NOT_IN_SURVEY if column == "survey_group" else UNKNOWN
    return str(value)


def names(r: Reader) -> dict[str, str]:
    """Display names of every id a record value may hold (datasets, techniques, licences)."""
    out = {}
    for table in ("datasets", "techniques", "licenses"):
        out.update({row["id"]: row["name"] for row in r.rows(f"SELECT id, name FROM {table}")})
    return out


def overview(r: Reader) -> list[dict[str, Any]]:
    rows = r.rows("SELECT * FROM model_overview ORDER BY lower(name), id")
    for row in rows:
        row["facets"] = {key: facet(column, row[column]) for key, column, _ in FILTERS}
    return rows


def home(r: Reader) -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "version": version("slm-atlas"),
        "counts": {
            "models": r.value("SELECT count(*) FROM models"),
            "surveyed": r.value("SELECT count(*) FROM models WHERE survey_group IS NOT NULL"),
            "values": r.value("SELECT count(*) FROM provenance WHERE value IS NOT NULL"),
            "scores": r.value("SELECT count(*) FROM scores"),
            "sources": r.value(
                "SELECT count(DISTINCT source) FROM provenance WHERE source NOT IN ('derived', 'measured')"
            ),
            "differences": r.value("SELECT count(*) FROM survey_differences"),
            "measurements": r.value("SELECT count(*) FROM measurements"),
            "snapshots": r.value("SELECT count(DISTINCT model_id) FROM hub_snapshots"),
        },
        "years": r.rows("SELECT min(year) AS first, max(year) AS last FROM model_overview")[0],
    }


def models_table(r: Reader) -> dict[str, Any]:
    rows = overview(r)
    options = {}
    for key, _column, label in FILTERS:
        values = {row["facets"][key] for row in rows}
        order = SIZE_ORDER.index if key == "size" else (lambda v: (v in (UNKNOWN, NOT_IN_SURVEY), v.lower()))
        options[key] = {"label": label, "values": sorted(values, key=order)}
    return {"rows": rows, "filters": options}


def _grouped(rows: list[dict[str, Any]], key: str = "model_id") -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return out


def model_pages(r: Reader) -> list[dict[str, Any]]:
    """The context of every model page, with the fields the compare page fetches."""
    lookup = names(r)
    records = {row["id"]: row for row in r.rows("SELECT * FROM models")}
    facts = _grouped(
        r.rows(
            "SELECT p.*, f.label, f.section, f.description, f.ordinal FROM provenance AS p LEFT JOIN fields AS f USING "
            "(field) "
            "ORDER BY p.model_id, f.ordinal NULLS LAST, p.field"
        )
    )
    scores = _grouped(
        r.rows(
            "SELECT s.*, b.name AS benchmark_name, b.kind AS benchmark_kind FROM scores AS s "
            "LEFT JOIN benchmarks AS b ON b.id = s.benchmark ORDER BY s.model_id, s.source, b.kind DESC, b.name, "
            "s.shots"
        )
    )
    nearest = _grouped(r.rows("SELECT * FROM nearest_models"))
    hub = {row["model_id"]: row for row in r.rows("SELECT * FROM hub_latest")}
    checks = _grouped(
        r.rows(
            "SELECT c.*, f.label FROM hub_checks AS c LEFT JOIN fields AS f USING (field) ORDER BY c.model_id, "
            'c."check", f.ordinal'
        )
    )
    runtime = _grouped(r.rows("SELECT * FROM runtime"))
    failed = _grouped(not_run(r.rows("SELECT * FROM runtime_not_run")))
    pages = []
    for row in overview(r):
        model_facts = facts.get(row["id"], [])
        for fact in model_facts:
            fact["text"] = value_text(fact["field"], fact["value"], lookup)
            fact["survey_text"] = value_text(fact["field"], fact["survey_reported"], {})
        sections: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for fact in model_facts:
            sections[fact["section"] or "other"].append(fact)
        pages.append(
            {
                "model": row,
                "record": records[row["id"]],
                "sections": dict(sections),
                "differences": [f for f in model_facts if f["survey_differs"]],
                "score_blocks": _score_blocks(scores.get(row["id"], [])),
                "nearest": nearest.get(row["id"], []),
                "hub": hub.get(row["id"]),
                "hub_checks": checks.get(row["id"], []),
                "runtime": runtime.get(row["id"], []),
                "not_run": failed.get(row["id"], []),
            }
        )
    return pages


def _score_blocks(scores: list[dict[str, Any]]) -> list[dict[str, Any]]:
    blocks: dict[str, dict[str, Any]] = {}
    for score in scores:
        block = blocks.setdefault(score["source"], {"source": score["source"], "results": [], "notes": []})
        block["results"].append(score)
        if score["note"] and score["note"] not in block["notes"]:
            block["notes"].append(score["note"])
    return list(blocks.values())


def compare_data(page: dict[str, Any]) -> dict[str, Any]:
    """One model's values as the compare page fetches them (data/models/<id>.json)."""
    fields = [
        {
            "field": f["field"],
            "label": f["label"] or f["field"],
            "section": f["section"] or "other",
            "ordinal": f["ordinal"],
            "text": f["text"],
            "status": f["status"],
            "source": f["source"],
        }
        for facts in page["sections"].values()
        for f in facts
    ]
    return {"id": page["model"]["id"], "name": page["model"]["name"], "fields": fields}


def compare_index(r: Reader) -> list[dict[str, Any]]:
    return r.rows("SELECT id, name, parameters FROM models ORDER BY lower(name), id")


def audit(r: Reader) -> dict[str, Any]:
    lookup = names(r)
    rows = r.rows(
        "SELECT d.*, f.label FROM survey_differences AS d LEFT JOIN fields AS f USING (field) ORDER BY d.model_id, "
        "f.ordinal"
    )
    for row in rows:
        row["survey_text"] = value_text(row["field"], row["survey_reported"], {})
        row["atlas_text"] = value_text(row["field"], row["atlas_value"], lookup)
    by_field: dict[str, int] = defaultdict(int)
    for row in rows:
        by_field[row["label"] or row["field"]] += 1
    return {
        "rows": rows,
        "by_field": sorted(by_field.items(), key=lambda item: (-item[1], item[0])),
        "models": len({row["model_id"] for row in rows}),
        "fields": sorted({row["label"] or row["field"] for row in rows}),
    }


def lists(r: Reader) -> dict[str, Any]:
    """Datasets, techniques and organizations, each with the models that use them."""
    datasets = r.rows("SELECT * FROM datasets ORDER BY lower(name)")
    users = _grouped(
        r.rows(
            "SELECT md.dataset_id, md.role, m.id, m.name FROM model_datasets AS md JOIN models AS m ON m.id = "
            "md.model_id "
            "ORDER BY lower(m.name)"
        ),
        "dataset_id",
    )
    for dataset in datasets:
        dataset["models"] = users.get(dataset["id"], [])
    techniques = r.rows("SELECT * FROM techniques ORDER BY lower(name)")
    used = _grouped(
        r.rows(
            "SELECT mt.technique_id, m.id, m.name FROM model_techniques AS mt JOIN models AS m ON m.id = mt.model_id "
            "ORDER BY lower(m.name)"
        ),
        "technique_id",
    )
    for technique in techniques:
        technique["models"] = used.get(technique["id"], [])
    organizations = r.rows("SELECT * FROM organizations ORDER BY lower(name)")
    made = _grouped(
        r.rows("SELECT id, name, organization_id, year FROM model_overview ORDER BY lower(name)"), "organization_id"
    )
    for organization in organizations:
        organization["models"] = made.get(organization["id"], [])
    return {"datasets": datasets, "techniques": techniques, "organizations": organizations}


def sources(r: Reader) -> list[dict[str, Any]]:
    rows = r.rows(
        "SELECT s.*, count(DISTINCT p.model_id) AS models, count(p.model_id) AS cited "
        "FROM sources AS s LEFT JOIN provenance AS p ON p.source = s.id GROUP BY ALL ORDER BY s.kind, s.id"
    )
    return rows


def data_reference(r: Reader) -> dict[str, Any]:
    """Every table and view with its description and columns, from the database's own comments."""
    objects = r.rows(
        "SELECT table_name AS name, 'table' AS kind, comment, estimated_size AS rows FROM duckdb_tables() "
        "UNION ALL SELECT view_name, 'view', comment, NULL FROM duckdb_views() WHERE NOT internal ORDER BY kind, name"
    )
    columns = _grouped(
        r.rows(
            "SELECT table_name, column_name AS name, data_type AS type, comment FROM duckdb_columns() "
            "WHERE NOT internal ORDER BY table_name, column_index"
        ),
        "table_name",
    )
    for item in objects:
        item["columns"] = columns.get(item["name"], [])
        if item["kind"] == "table":
            item["rows"] = r.value(f'SELECT count(*) FROM "{item["name"]}"')
    return {"objects": objects}


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))


def example_result(r: Reader, sql: str, limit: int = 10) -> dict[str, Any]:
    """An example query's columns and first rows, computed at build time."""
    cursor = r.con.execute(sql)
    return {"columns": [d[0] for d in cursor.description], "rows": cursor.fetchmany(limit)}
