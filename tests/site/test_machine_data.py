"""Hub snapshots and measurements reach the model page and the Runtime page once the database
holds them; before that, each page says so instead of drawing empty charts."""

import csv
import io
import json

from tests.site.conftest import build_in, shown

SNAPSHOT = {
    "model_id": "smollm-135m",
    "hub_repo": "HuggingFaceTB/SmolLM-135M",
    "endpoint": "http://127.0.0.1:9",
    "status": "ok",
    "checked_at": "2026-11-01T10:00:00Z",
    "fetched_at": "2026-11-01T10:00:00Z",
    "sha": "1d461723eec654e65efdc40cf49301c89c0c92f4",
    "downloads": 123456,
    "likes": 789,
    "license": "apache-2.0",
    "library_name": "transformers",
    "pipeline_tag": "text-generation",
    "safetensors_parameters": 134515008,
    "config": {"num_hidden_layers": 30, "hidden_size": 576, "num_attention_heads": 9, "num_key_value_heads": 9},
}


def measurement(dtype: str, decode: list[float], **more) -> dict:
    return {
        **more,
        "model_id": "smollm-135m",
        "run_id": f"run-{dtype}",
        "measured_at": "2026-11-02T08:00:00Z",
        "model_revision": "random-weights",
        "machine": "Test CPU 2-core",
        "device": "cpu",
        "backend": "transformers",
        "backend_version": "5.24.0",
        "dtype": dtype,
        "threads": 2,
        "batch_size": 1,
        "prompt_tokens": 64,
        "generated_tokens": 32,
        "prefill_ms": [40.0, 42.0, 41.0],
        "decode_ms_per_token": decode,
        "peak_memory_bytes": 612_000_000,
    }


def test_empty_states_before_any_machine_data(fixture_root):
    build_in(fixture_root)
    site = fixture_root / "build" / "site"
    model = shown(site / "models" / "smollm-135m.html")
    assert (
        "No Hub snapshot yet. A maintainer with Hub access fetches one with <code>slm-atlas hub refresh "
        "smollm-135m</code>" in model
    )
    assert "Not measured yet" in model
    runtime = shown(site / "runtime.html")
    assert "No measurements yet." in runtime and "data-chart=" not in runtime


def test_snapshot_and_measurements_are_drawn(fixture_root):
    hub = fixture_root / "catalog" / "hub"
    hub.mkdir()
    (hub / "smollm-135m.json").write_text(json.dumps(SNAPSHOT))
    results = fixture_root / "measure" / "results" / "test-cpu"
    results.mkdir(parents=True)
    (results / "smollm-135m__bf16.json").write_text(
        json.dumps(
            measurement(
                "bfloat16", [20.0, 23.0, 21.5], weights="random", module="Llama (mean widths)", module_exact=False
            )
        )
    )
    (results / "smollm-135m__int8.json").write_text(
        json.dumps(
            measurement(
                "int8",
                [10.0, 11.0, 12.0],
                weights="local",
                module="LlamaForCausalLM (the checkpoint's own)",
                module_exact=True,
            )
        )
    )
    build_in(fixture_root)
    site = fixture_root / "build" / "site"
    model = shown(site / "models" / "smollm-135m.html")
    assert "<code>1d461723eec654e65efdc40cf49301c89c0c92f4</code>" in model
    assert "<td>123,456</td>" in model and "No Hub snapshot yet" not in model
    assert "as the Hub (http://127.0.0.1:9) answered on 2026-11-01 10:00:00+00:00" in model
    assert "(1 of 7 disagree; config.json read at <code>1d461723eec6</code>)" in model
    assert (
        '<tr class="atlas-differs"><th scope="row">KV heads</th><td><code>num_key_value_heads</code></td>'
        "<td>9</td><td>3</td><td>no</td></tr>"
    ) in model
    assert (
        "<td>bfloat16</td><td>random (stand-in: Llama (mean widths))</td><td>64 / 32</td><td>41</td><td>21.5</td>"
        "<td>584 MiB</td><td>3</td>"
    ) in model
    assert "<td>int8</td><td>local</td><td>64 / 32</td>" in model
    runtime = shown(site / "runtime.html")
    assert runtime.count('class="atlas-chart__plot"') == 3
    assert "<td>Test CPU 2-core</td><td>cpu</td><td>our runs</td><td>1</td><td>2</td><td>transformers</td>" in runtime
    spec = json.loads(runtime.split('id="runtime-decode-ms-per-token-median-spec">')[1].split("</script>")[0])
    source = next(d for d in spec["data"] if "values" in d)
    assert sorted(float(row["value"]) for row in csv.DictReader(io.StringIO(source["values"]))) == [11.0, 21.5]


def test_a_failed_refresh_shows_its_status_and_the_last_good_values(fixture_root):
    hub = fixture_root / "catalog" / "hub"
    hub.mkdir()
    failed = {
        **SNAPSHOT,
        "status": "not_found",
        "status_detail": "repository not found (404): renamed, removed or private",
        "checked_at": "2026-11-20T10:00:00Z",
    }
    (hub / "smollm-135m.json").write_text(json.dumps(failed))
    build_in(fixture_root)
    model = shown(fixture_root / "build" / "site" / "models" / "smollm-135m.html")
    assert (
        "The last try (2026-11-20 10:00:00+00:00) failed: <strong>not found</strong>, repository not found (404): "
        "renamed, removed or private. The values below are from the last good answer."
    ) in model
    assert "<td>123,456</td>" in model


def test_survey_numbers_are_shown_beside_ours_and_marked(fixture_root):
    from slm_atlas.survey.runtime_figures import import_runtime
    from tests.survey.test_runtime_figures import DATA

    data = fixture_root / "survey" / "runtime" / "values.csv"
    data.parent.mkdir()
    data.write_text(DATA)
    import_runtime(data, fixture_root / "catalog", fixture_root / "measure")
    results = fixture_root / "measure" / "results" / "test-cpu"
    results.mkdir(parents=True)
    (results / "smollm-135m__bf16.json").write_text(
        json.dumps(
            measurement(
                "bfloat16", [20.0, 23.0, 21.5], weights="random", module="Llama (mean widths)", module_exact=False
            )
        )
    )
    build_in(fixture_root)
    site = fixture_root / "build" / "site"
    runtime = shown(site / "runtime.html")
    assert (
        "<td>Jetson Orin NX 16GB</td><td>cuda</td><td>slm-survey</td><td>1</td><td>1</td><td>llama.cpp</td>" in runtime
    )
    assert "<td>Test CPU 2-core</td><td>cpu</td><td>our runs</td><td>1</td><td>1</td><td>transformers</td>" in runtime
    assert (
        '<th scope="col">llama.cpp q4_k_m on Jetson Orin NX 16GB (slm-survey)</th>'
        '<th scope="col">transformers bfloat16 on Test CPU 2-core, prompt 64</th>'
    ) in runtime
    assert "<td>12.87</td><td>21.5</td></tr>" in runtime
    assert "Fewer than 3 models were measured both by us and on a survey device" in runtime
    assert (
        "<td>Jetson Orin NX 16GB</td><td>slm-survey</td><td>llama.cpp unknown (survey)</td><td>q4_k_m</td>"
        "<td>not stated / not stated</td><td>23.73</td><td>12.87</td>"
    ) in runtime
    spec = json.loads(runtime.split('id="runtime-versus-survey-spec">')[1].split("</script>")[0])
    source = next(d for d in spec["data"] if "values" in d)
    assert [(r["survey"], r["ours"]) for r in csv.DictReader(io.StringIO(source["values"]))] == [("12.87", "21.5")]
    model = shown(site / "models" / "smollm-135m.html")
    assert "<td>q4_k_m</td><td>hub</td><td>not stated / not stated</td><td>23.73</td><td>12.87</td>" in model


def test_settings_that_ran_no_timing_show_their_reason_on_both_pages(fixture_root):
    results = fixture_root / "measure" / "results" / "test-cpu"
    results.mkdir(parents=True)
    (results / "smollm-135m__bf16.json").write_text(json.dumps(measurement("bfloat16", [20.0, 23.0, 21.5])))
    reason = "per-layer inputs (Gemma 3n) have no block in llama.cpp's llama architecture"
    for dtype in ("q8_0", "f16"):
        (results / f"smollm-135m__{dtype}.json").write_text(
            json.dumps(
                measurement(dtype, [], status="unsupported", error=reason, run_id=f"run-{dtype}")
                | {"backend": "llama.cpp", "backend_version": "0.3.36"}
            )
        )
    memory = "not enough memory: building needs about 37.5 GiB, 22.6 GiB is available"
    (results / "smollm-135m__int8.json").write_text(json.dumps(measurement("int8", [], status="error", error=memory)))
    build_in(fixture_root)
    site = fixture_root / "build" / "site"
    model = shown(site / "models" / "smollm-135m.html")
    assert "<td>bfloat16</td><td>not stated</td><td>64 / 32</td><td>41</td><td>21.5</td>" in model
    # one row per engine and reason, its formats in the view's order
    assert (
        "<td>Test CPU 2-core (cpu)</td><td>llama.cpp 0.3.36</td><td>f16, q8_0</td><td>unsupported</td>"
        "<td>per-layer inputs (Gemma 3n) have no block in llama.cpp's llama architecture</td>"
    ) in model
    assert f"<td>transformers 5.24.0</td><td>int8</td><td>error</td><td>{memory}</td>" in model
    assert "Not measured yet" not in model
    runtime = shown(site / "runtime.html")
    assert "1 model has settings that ran no timing" in runtime
    assert (
        '<td><a href="models/smollm-135m.html">SmolLM-135M</a></td><td>Test CPU 2-core (cpu)</td>'
        "<td>llama.cpp 0.3.36</td><td>f16, q8_0</td><td>unsupported</td>"
    ) in runtime
