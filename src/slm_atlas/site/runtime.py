"""The Runtime page's data: latency and memory against parameters, formats and machines.

Drawn only from the `runtime` view (medians of the raw samples in `measurements`) and the
`runtime_rank_agreement` view (Spearman's rank correlation between our machines and the survey's
devices, computed by the database build); with no rows the page says so instead of drawing empty
axes. Rows with a `source` are the survey's published numbers, shown beside ours, never mixed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..formatting import size
from .charts import HEIGHT, WIDTH, compile_spec, log_axis
from .db import Reader

if TYPE_CHECKING:
    pass

METRICS = (
    ("prefill_ms_median", "Prefill (first token)", "prefill time (ms)"),
    ("decode_ms_per_token_median", "Decode", "decode time per token (ms)"),
    ("peak_memory_bytes", "Peak memory", "peak memory (bytes)"),
)


def _setting(row: dict[str, Any]) -> str:
    text = f"{row['backend']} {row['dtype']} on {row['machine']}"
    return f"{text} ({row['source']})" if row.get("source") else text


def _ours(row: dict[str, Any]) -> str:
    lengths = f", prompt {row['prompt_tokens']}" if row.get("prompt_tokens") else ""
    return f"{row['backend']} {row['dtype']} on {row['machine']}{lengths}"


def versus(rows: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, list[str], list[dict[str, Any]]]:
    """Decode time per token of each model on our machines against the survey's devices: a chart
    (x theirs, y ours, one colour per our setting), its column names and a table row per model."""
    import altair as alt

    theirs = {
        (r["model_id"], _setting(r)): r for r in rows if r["source"] and r["decode_ms_per_token_median"] is not None
    }
    ours = {
        (r["model_id"], _ours(r)): r for r in rows if not r["source"] and r["decode_ms_per_token_median"] is not None
    }
    reference = sorted({s for _, s in theirs})
    mine = sorted({s for _, s in ours})
    models = sorted(
        {m for m, _ in theirs}, key=lambda m: next(r["parameters"] or 0 for (i, _), r in theirs.items() if i == m)
    )
    table = []
    for model in models:
        some = next(r for (i, _), r in theirs.items() if i == model)
        table.append(
            {
                "model_id": model,
                "name": some["name"],
                "parameters": some["parameters"],
                "values": [
                    (theirs.get((model, s)) or ours.get((model, s)) or {}).get("decode_ms_per_token_median")
                    for s in reference + mine
                ],
            }
        )
    data = [
        {
            "name": t["name"],
            "survey": t["decode_ms_per_token_median"],
            "ours": o["decode_ms_per_token_median"],
            "survey_setting": ts,
            "setting": os_,
        }
        for (m, ts), t in theirs.items()
        for (n, os_), o in ours.items()
        if m == n
    ]
    if not data:
        return None, reference + mine, table
    chart = (
        alt.Chart(alt.Data(values=data), title="Decode time per token: our machines against the survey's")
        .mark_point(filled=True, size=60)
        .encode(
            x=alt.X(
                "survey:Q",
                scale=alt.Scale(type="log"),
                axis=log_axis("survey's device (ms per token)", [d["survey"] for d in data]),
            ),
            y=alt.Y(
                "ours:Q",
                scale=alt.Scale(type="log"),
                axis=log_axis("our machine (ms per token)", [d["ours"] for d in data]),
            ),
            color=alt.Color("setting:N", title="our backend, format, machine"),
            shape=alt.Shape("survey_setting:N", title="the survey's setting"),
            tooltip=[
                alt.Tooltip("name:N", title="model"),
                "setting:N",
                alt.Tooltip("ours:Q", format=",.4~g", title="ours (ms)"),
                "survey_setting:N",
                alt.Tooltip("survey:Q", format=",.4~g", title="survey (ms)"),
            ],
        )
        .properties(width=WIDTH, height=HEIGHT)
    )
    spec = {
        "id": "runtime-versus-survey",
        "title": "Our machines against the survey's devices",
        "spec": compile_spec(chart.to_dict()),
        "points": len(data),
    }
    return spec, reference + mine, table


def scatter(rows: list[dict[str, Any]], column: str, title: str, axis: str) -> dict[str, Any]:
    import altair as alt

    data = [
        {
            "name": r["name"],
            "parameters": r["parameters"],
            "value": r[column],
            "setting": _setting(r),
            "prompt": r["prompt_tokens"],
        }
        for r in rows
        if r[column] is not None and r["parameters"]
    ]
    chart = (
        alt.Chart(alt.Data(values=data), title=f"{title} against parameters")
        .mark_point(filled=True, size=60)
        .encode(
            x=alt.X(
                "parameters:Q",
                scale=alt.Scale(type="log"),
                axis=log_axis("parameters", [d["parameters"] for d in data]),
            ),
            y=alt.Y("value:Q", scale=alt.Scale(type="log"), axis=log_axis(axis, [d["value"] for d in data])),
            color=alt.Color("setting:N", title="backend, format, machine"),
            tooltip=[
                alt.Tooltip("name:N", title="model"),
                "setting:N",
                alt.Tooltip("value:Q", format=",.4~g", title=axis),
                "prompt:Q",
            ],
        )
        .properties(width=WIDTH, height=HEIGHT)
    )
    return {
        "id": f"runtime-{column.replace('_', '-')}",
        "title": title,
        "spec": compile_spec(chart.to_dict()),
        "points": len(data),
    }


def not_run(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Settings that ran no timing, one row per model, machine, engine and reason, with its formats."""
    grouped: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        key = (row["model_id"], row["machine"], row["backend"], row["status"], row["error"])
        entry = grouped.setdefault(key, {**row, "formats": []})
        if row["dtype"] not in entry["formats"]:
            entry["formats"].append(row["dtype"])
    return list(grouped.values())


def context(r: Reader) -> dict[str, Any]:
    rows = r.rows("SELECT * FROM runtime")
    failed = not_run(r.rows("SELECT * FROM runtime_not_run"))
    if not rows:
        return {
            "rows": [],
            "charts": [],
            "machines": [],
            "versus": None,
            "versus_columns": [],
            "versus_rows": [],
            "agreement": [],
            "not_run": failed,
        }
    for row in rows:
        row["memory_text"] = size(row["peak_memory_bytes"])
    machines = r.rows(
        "SELECT machine, device, source, count(DISTINCT model_id) AS models, count(*) AS runs, "
        "list(DISTINCT backend ORDER BY backend) AS backends FROM runtime GROUP BY ALL ORDER BY source NULLS FIRST, "
        "machine"
    )
    agreement = r.rows("SELECT * FROM runtime_rank_agreement")
    chart, columns, table = versus(rows)
    return {
        "rows": rows,
        "charts": [scatter(rows, *metric) for metric in METRICS],
        "machines": machines,
        "versus": chart,
        "versus_columns": columns,
        "versus_rows": table,
        "agreement": agreement,
        "not_run": failed,
    }
