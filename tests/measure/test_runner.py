"""The runner end to end on the fixture catalog's smallest model (SmolLM-135M, random weights,
a tiny scenario), and the invariants every result must keep."""

import json
import shutil

import pytest

from tests.conftest import FIXTURES, REPO

pytest.importorskip("torch", reason="the measure extra is not installed (pip install -e '.[measure]')")
pytest.importorskip("transformers", reason="the measure extra is not installed (pip install -e '.[measure]')")

from slm_atlas.catalog.loader import load_catalog
from slm_atlas.measure.families import Unsupported, plan
from slm_atlas.measure.runner import load_scenario, sweep


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    root = tmp_path_factory.mktemp("measure")
    shutil.copytree(FIXTURES / "catalog", root / "catalog")
    shutil.copytree(FIXTURES / "survey", root / "survey")
    shutil.copytree(REPO / "measure" / "scenarios", root / "measure" / "scenarios")
    records = [e.record for e in load_catalog(root / "catalog").entries]
    scenario = load_scenario(root / "measure", "test")
    done = sweep(records, root / "catalog", root / "measure", scenario, ["bf16", "int8"], progress=False)
    return root, records, scenario, done


def results(done) -> list[dict]:
    return [json.loads(p.read_text()) for p in done.written]


def test_every_variant_is_written_with_samples_environment_and_floors(swept):
    root, _, scenario, done = swept
    assert (len(done.written), done.failed, done.skipped) == (2, [], [])
    for result in results(done):
        assert result["status"] == "ok" and result["weights"] == "random" and result["module"] == "Llama"
        assert len(result["prefill_ms"]) == len(result["decode_ms_per_token"]) == scenario.reps
        assert all(t > 0 for t in result["prefill_ms"] + result["decode_ms_per_token"])
        assert result["peak_memory_bytes"] > result["weight_bytes"] > 0
        assert result["parameters_built"] == 134_515_008  # the record's exact count: the tied head is not doubled
        # prefill's floor is 2 FLOPs per active parameter and prompt token at the machine's matmul rate
        floor = 2 * 134_515_008 * result["prompt_tokens"] / result["matmul_flops_per_s"] * 1000
        assert result["prefill_floor_ms"] == pytest.approx(floor) and result["decode_floor_ms"] > 0
        assert result["decode_ms_per_token"][0] > result["decode_floor_ms"] * 0.5
        assert set(result["environment"]) >= {"python", "torch", "transformers", "os", "git", "runner", "load_average"}
        assert len(result["environment"]["load_average"].split()) == 3
    by_format = {r["dtype"]: r for r in results(done)}
    assert by_format["bf16"]["weight_bytes"] == 2 * 134_515_008
    # the decode floor from the record by hand: SmolLM-135M's tied head reads the whole table, so a token reads every
    # bf16 weight, plus a KV cache of 2 (K, V) x 30 layers x 3 heads x 64 wide x (8 + 2) positions x 2 bytes
    bf16 = by_format["bf16"]
    kv = 2 * 30 * 3 * 64 * (scenario.prompts[0] + scenario.gen) * 2
    assert bf16["kv_cache_bytes"] == kv
    assert bf16["decode_floor_ms"] == pytest.approx((2 * 134_515_008 + kv) / bf16["bandwidth_bytes_per_s"] * 1000)
    assert by_format["int8"]["weight_bytes"] < by_format["bf16"]["weight_bytes"]
    hardware = list((root / "measure" / "hardware").glob("*.yaml"))
    assert len(hardware) == 1 and done.written[0].parent.name == hardware[0].stem


def test_a_second_sweep_resumes_and_a_failing_model_leaves_an_error_record(swept):
    root, records, scenario, first = swept
    again = sweep(
        records,
        root / "catalog",
        root / "measure",
        scenario,
        ["bf16", "int8", "fp32"],
        progress=False,
        fail={"smollm-135m": "simulated out of memory"},
    )
    assert sorted(again.skipped) == sorted(first.written)
    [failed] = again.failed
    record = json.loads(failed.read_text())
    assert record["status"] == "error" and record["dtype"] == "fp32"
    assert record["error"].startswith("worker exited 1: RuntimeError: simulated out of memory")
    assert record["prefill_ms"] == [] and record["decode_floor_ms"] is None


def test_the_build_loads_results_and_the_runtime_view_keeps_successes(swept, tmp_path):
    import duckdb

    from slm_atlas.db.build import build

    root, *_ = swept
    out = tmp_path / "db.duckdb"
    build(root / "catalog", out, None)
    con = duckdb.connect(str(out), read_only=True)
    assert con.execute("select count(*), count(*) filter (where status = 'ok') from measurements").fetchone() == (3, 2)
    rows = con.execute("select dtype, samples, decode_over_floor > 0.5 from runtime order by dtype").fetchall()
    assert rows == [("bf16", 2, True), ("int8", 2, True)]


def test_designs_without_a_stand_in_are_unsupported_not_guessed():
    catalog = load_catalog(REPO / "catalog")
    by_id = {e.record.id: e.record for e in catalog.entries}
    with pytest.raises(Unsupported, match=r"^recurrent, ssm layers have no stand-in module here yet$"):
        plan(by_id["phi-4-mini-flash-reasoning"])
    with pytest.raises(Unsupported, match=r"^per-layer inputs have no stand-in module here yet$"):
        plan(by_id["gemma-3n-e2b"])
    assert plan(by_id["openelm-270m"]).module == "Llama (mean of the per-layer widths; no QK-norm)"
    assert plan(by_id["pythia-160m"]).module == "GPTNeoX" and plan(by_id["bloom-560m"]).module == "Bloom"
    assert plan(by_id["gpt2"]).module == "GPT2"


def test_unknown_scenario_names_the_known_ones(tmp_path):
    shutil.copytree(REPO / "measure" / "scenarios", tmp_path / "scenarios")
    with pytest.raises(ValueError, match=r"no scenario 'nope' .* \(known: default, quick, test\)"):
        load_scenario(tmp_path, "nope")


def test_a_decoded_token_reads_every_weight_but_the_input_table():
    from slm_atlas.measure.roofline import decode_read_bytes

    by_id = {e.record.id: e.record for e in load_catalog(REPO / "catalog").entries}
    smollm, pythia, gpt2 = (
        by_id["smollm-135m"].architecture,
        by_id["pythia-160m"].architecture,
        by_id["gpt2"].architecture,
    )
    table = 49152 * 576
    assert decode_read_bytes(smollm, "bf16", 2 * 134_515_008) == 2 * 134_515_008  # tied: the head reads the table
    assert decode_read_bytes(smollm, "int8", 10**9) == 10**9 - 4 * table  # int8 quantized a copy for the head
    untied = 50304 * 768
    assert decode_read_bytes(pythia, "bf16", 2 * 162_322_944) == 2 * 162_322_944 - 2 * untied
    positions = 1024 * 768  # learned positions: a token reads one row
    assert decode_read_bytes(gpt2, "fp32", 4 * 124_439_808) == 4 * 124_439_808 - 4 * positions


def test_a_worker_reports_its_own_peak_memory_not_the_sweep_processs():
    """Linux carries getrusage's ru_maxrss across exec: a worker started by a 300 MiB process would
    report at least 300 MiB. The high-water mark of its own address space does not."""
    import subprocess
    import sys

    ballast = bytearray(300 * 2**20)
    ballast[::4096] = b"\x01" * len(ballast[::4096])  # touch every page: resident, not just reserved
    child = (
        "from slm_atlas.measure.hardware import peak_rss_bytes\n"
        "block = bytearray(64 * 2**20); block[::4096] = b'\\x01' * len(block[::4096])\n"
        "print(peak_rss_bytes())"
    )
    peak = int(subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True).stdout)
    assert 64 * 2**20 < peak < 200 * 2**20
    del ballast


# transformers warns that fused SSM kernels are absent and that FalconH1 will rename past_key_values
# (in 5.40; the measure extra pins 5.24)
@pytest.mark.filterwarnings("ignore::UserWarning", "ignore::FutureWarning")
@pytest.mark.parametrize("model_type", ["recurrent_gemma", "falcon_h1", "minicpm3"])
def test_recurrent_hybrid_and_latent_attention_models_time_through_their_own_state(model_type):
    """RecurrentGemma is driven by positions (it keeps its state inside), Falcon-H1 through its
    hybrid cache, MiniCPM3 through the usual one: each gives one positive sample per repetition."""
    import torch
    import transformers as tf

    from slm_atlas.measure.timing import run

    config = {
        "recurrent_gemma": lambda: tf.RecurrentGemmaConfig(
            num_hidden_layers=3,
            vocab_size=512,
            hidden_size=64,
            lru_width=64,
            intermediate_size=256,
            num_attention_heads=2,
            num_key_value_heads=1,
            attention_window_size=32,
        ),
        "falcon_h1": lambda: tf.FalconH1Config(
            vocab_size=512,
            hidden_size=64,
            intermediate_size=128,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=2,
            head_dim=16,
            mamba_d_ssm=64,
            mamba_n_heads=4,
            mamba_d_head=16,
            mamba_d_state=16,
            mamba_chunk_size=16,
        ),
        "minicpm3": lambda: tf.MiniCPM3Config(
            vocab_size=512,
            hidden_size=64,
            intermediate_size=128,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=4,
            q_lora_rank=32,
            kv_lora_rank=16,
            qk_nope_head_dim=16,
            qk_rope_head_dim=8,
            v_head_dim=16,
        ),
    }[model_type]()
    torch.manual_seed(0)
    samples = run(tf.AutoModelForCausalLM.from_config(config).eval(), 512, 16, 4, 2, 1, "cpu")
    assert len(samples.prefill_ms) == len(samples.decode_ms_per_token) == 2
    assert all(t > 0 for t in samples.prefill_ms + samples.decode_ms_per_token)


def test_griffin_falcon_h1_and_minicpm3_build_on_their_own_blocks_with_the_records_counts():
    import torch
    from transformers import AutoModelForCausalLM

    entries = {
        e.record.id: e.record
        for e in load_catalog(REPO / "catalog").entries
        if e.record.id in ("recurrentgemma-2b", "falcon-h1-0.5b-base", "minicpm3-4b")
    }
    for model_id, module, count in (
        ("recurrentgemma-2b", "RecurrentGemma", 2_682_862_080),
        ("minicpm3-4b", "MiniCPM3", 4_073_875_968),
        ("falcon-h1-0.5b-base", "FalconH1 (PyTorch SSM scan)", 521_411_104),
    ):
        built = plan(entries[model_id])
        with torch.device("meta"):
            model = AutoModelForCausalLM.from_config(built.config)
        assert (built.module, built.exact, sum(p.numel() for p in model.parameters())) == (module, True, count)
