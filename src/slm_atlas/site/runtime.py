"""The Runtime page's data: latency and memory against parameters, formats and machines.

Drawn only from the `runtime` view (medians of the raw samples in `measurements`); with no rows
the page says so instead of drawing empty axes.
"""

from typing import Any

import altair as alt

from .charts import HEIGHT, WIDTH, compile_spec, log_axis
from .db import Reader
from .formatting import human

METRICS = (
    ("prefill_ms_median", "Prefill (first token)", "prefill time (ms)"),
    ("decode_ms_per_token_median", "Decode", "decode time per token (ms)"),
    ("peak_memory_bytes", "Peak memory", "peak memory (bytes)"),
)


def _setting(row: dict[str, Any]) -> str:
    return f"{row['backend']} {row['dtype']} on {row['machine']}"


def scatter(rows: list[dict[str, Any]], column: str, title: str, axis: str) -> dict[str, Any]:
    data = [{"name": r["name"], "parameters": r["parameters"], "value": r[column], "setting": _setting(r),
             "prompt": r["prompt_tokens"]} for r in rows if r[column] is not None and r["parameters"]]
    chart = alt.Chart(alt.Data(values=data), title=f"{title} against parameters").mark_point(filled=True, size=60).encode(
        x=alt.X("parameters:Q", scale=alt.Scale(type="log"), axis=log_axis("parameters", [d["parameters"] for d in data])),
        y=alt.Y("value:Q", scale=alt.Scale(type="log"), axis=log_axis(axis, [d["value"] for d in data])),
        color=alt.Color("setting:N", title="backend, format, machine"),
        tooltip=[alt.Tooltip("name:N", title="model"), "setting:N", alt.Tooltip("value:Q", format=",.4~g", title=axis), "prompt:Q"],
    ).properties(width=WIDTH, height=HEIGHT)
    return {"id": f"runtime-{column.replace('_', '-')}", "title": title, "spec": compile_spec(chart.to_dict()), "points": len(data)}


def context(r: Reader) -> dict[str, Any]:
    rows = r.rows("SELECT * FROM runtime")
    if not rows:
        return {"rows": [], "charts": [], "machines": []}
    for row in rows:
        row["memory_text"] = human(row["peak_memory_bytes"])
    machines = r.rows(
        "SELECT machine, device, count(DISTINCT model_id) AS models, count(*) AS runs, "
        "list(DISTINCT backend ORDER BY backend) AS backends FROM runtime GROUP BY ALL ORDER BY machine"
    )
    return {"rows": rows, "charts": [scatter(rows, *metric) for metric in METRICS], "machines": machines}
