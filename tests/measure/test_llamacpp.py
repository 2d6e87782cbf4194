"""The llama.cpp backend: which `llama` shape stands in for a record, and a sweep end to end on
the fixture's SmolLM-135M (skipped without the llamacpp extra, which compiles llama.cpp)."""

import json
import shutil

import pytest

from slm_atlas.catalog.loader import load_catalog
from slm_atlas.measure.families import Unsupported
from slm_atlas.measure.gguf_file import shape
from slm_atlas.measure.runner import Scenario, with_overrides
from tests.conftest import FIXTURES, REPO, edit, entry_from


def test_a_llama_like_record_is_its_own_shape(base_record):
    s = shape(entry_from(base_record).record)
    assert (s.module, s.exact, s.parameters) == ("llama.cpp llama", True, 134_515_008)
    assert (s.layers, s.hidden, s.heads, s.kv_heads, s.head_dim, s.ffn, s.tied) == (30, 576, 9, 3, 64, 1536, True)


def test_a_standard_ffn_becomes_a_gated_one_of_two_thirds_the_width(base_record):
    text = edit(
        edit(base_record, "  ffn_kind: gated\n", "  ffn_kind: standard\n"), "  norm: RMSNorm\n", "  norm: LayerNorm\n"
    )
    s = shape(entry_from(text).record)
    assert s.ffn == 1024 and not s.exact
    assert s.module == "llama.cpp llama (gated FFN of 2/3 the width for the standard FFN; RMSNorm for LayerNorm)"


def test_designs_llama_blocks_cannot_hold_are_unsupported(base_record):
    hybrid = edit(base_record, "  linear_bias: none\n", "  linear_bias: none\n  layer_types: [conv, full-attention]\n")
    with pytest.raises(Unsupported, match=r"^conv layers have no block in llama\.cpp's llama architecture$"):
        shape(entry_from(hybrid).record)
    by_id = {e.record.id: e.record for e in load_catalog(REPO / "catalog").entries}
    with pytest.raises(Unsupported, match="multi-head latent attention"):
        shape(by_id["minicpm3-4b"])


def test_one_token_reads_only_the_experts_it_is_routed_to(tmp_path):
    pytest.importorskip("gguf", reason="the dev extra is not installed")
    from slm_atlas.measure.gguf_file import Shape, tensor_bytes, write_f16

    dense = Shape(2, 16, 2, 1, 8, 24, 32, 64, True, False)
    moe = Shape(2, 16, 2, 1, 8, 24, 32, 64, True, False, experts=4, active_experts=1, expert_ffn=8)
    assert write_f16(dense, tmp_path / "dense.gguf") == tensor_bytes(tmp_path / "dense.gguf").total
    assert tensor_bytes(tmp_path / "dense.gguf")[3:] == (0, 0)
    write_f16(moe, tmp_path / "moe.gguf")
    size = tensor_bytes(tmp_path / "moe.gguf")
    # per layer: gate, up and down of 4 experts of 8 x 16, in f16; a token reads 1 expert of 4
    assert (size.unrouted, size.unrouted_parameters) == (2 * 3 * 4 * 8 * 16 * 2 * 3 // 4, 2 * 3 * 4 * 8 * 16 * 3 // 4)
    # the norms stay F32: two per layer and the final one, 16 wide
    assert (size.table, size.by_type) == (32 * 16 * 2, {"F16": size.total - 5 * 16 * 4, "F32": 5 * 16 * 4})


def test_command_line_lengths_rename_the_scenario():
    quick = Scenario("quick", (64,), 16, 3, 1)
    assert with_overrides(quick, None, None, None, None) is quick
    assert with_overrides(quick, "64,256", 32, None, 0) == Scenario("custom-g32-r3-w0", (64, 256), 32, 3, 0)
    with pytest.raises(ValueError, match="--prompt takes comma-separated token counts such as 64,256, not '64;256'"):
        with_overrides(quick, "64;256", None, None, None)
    with pytest.raises(ValueError, match="must be at least 1"):
        with_overrides(quick, None, None, 0, None)


def test_a_llamacpp_sweep_writes_quantized_results_and_cleans_its_files(tmp_path):
    pytest.importorskip("llama_cpp", reason="the llamacpp extra is not installed (pip install -e '.[llamacpp]')")
    pytest.importorskip("gguf", reason="the llamacpp extra is not installed (pip install -e '.[llamacpp]')")
    from slm_atlas.measure.runner import load_scenario, sweep

    shutil.copytree(FIXTURES / "catalog", tmp_path / "catalog")
    shutil.copytree(FIXTURES / "survey", tmp_path / "survey")
    shutil.copytree(REPO / "measure" / "scenarios", tmp_path / "measure" / "scenarios")
    records = [e.record for e in load_catalog(tmp_path / "catalog").entries]
    cache = tmp_path / "gguf"
    done = sweep(
        records,
        tmp_path / "catalog",
        tmp_path / "measure",
        load_scenario(tmp_path / "measure", "test"),
        ["f16", "q8_0"],
        progress=False,
        backend="llamacpp",
        cache=cache,
    )
    assert (len(done.written), done.failed) == (2, [])
    by_format = {r["dtype"]: r for r in (json.loads(p.read_text()) for p in done.written)}
    f16, q8 = by_format["f16"], by_format["q8_0"]
    assert f16["backend"] == "llama.cpp" and f16["module"] == "llama.cpp llama" and f16["module_exact"] is True
    assert f16["parameters_built"] == 134_515_008
    # F16 holds two bytes per weight but the float32 norms; Q8_0 about 8.5 bits per weight
    assert f16["weight_bytes"] == 2 * 134_515_008 + 2 * (61 * 576)
    assert 0.5 < q8["weight_bytes"] / f16["weight_bytes"] < 0.56
    for result in (f16, q8):
        assert len(result["prefill_ms"]) == len(result["decode_ms_per_token"]) == 2
        assert result["peak_memory_bytes"] > result["weight_bytes"]
        assert result["decode_floor_ms"] > 0 and result["environment"]["use_mmap"] == "false"
        assert "llama_cpp_python" in result["environment"] and "system_info" in result["environment"]
    assert json.loads(q8["environment"]["gguf_tensor_bytes_by_type"])["Q8_0"] > 0
    assert list(cache.rglob("*.gguf")) == []


def test_a_gguf_file_given_as_weights_is_timed_as_it_is_quantized_and_kept(tmp_path):
    pytest.importorskip("llama_cpp", reason="the llamacpp extra is not installed (pip install -e '.[llamacpp]')")
    pytest.importorskip("gguf", reason="the llamacpp extra is not installed (pip install -e '.[llamacpp]')")
    from slm_atlas.measure.gguf_file import write_f16
    from slm_atlas.measure.runner import load_scenario, sweep
    from slm_atlas.measure.weights import choose, digest

    shutil.copytree(FIXTURES / "catalog", tmp_path / "catalog")
    shutil.copytree(REPO / "measure" / "scenarios", tmp_path / "measure" / "scenarios")
    [record] = [e.record for e in load_catalog(tmp_path / "catalog").entries if e.record.id == "smollm-135m"]
    mine = tmp_path / "mine" / "smollm.gguf"
    mine.parent.mkdir()
    write_f16(shape(record), mine, seed=7)
    cache = tmp_path / "gguf"
    done = sweep(
        [record],
        tmp_path / "catalog",
        tmp_path / "measure",
        load_scenario(tmp_path / "measure", "test"),
        ["f16", "q8_0"],
        progress=False,
        backend="llamacpp",
        cache=cache,
        weights=choose(str(mine), [record], "llamacpp", "http://unused"),
    )
    assert done.failed == [] and sorted(p.name for p in done.written) == [
        "smollm-135m__llamacpp__f16__test__p8__local.json",
        "smollm-135m__llamacpp__q8_0__test__p8__local.json",
    ]
    by_format = {r["dtype"]: r for r in (json.loads(p.read_text()) for p in done.written)}
    for result in by_format.values():
        assert (result["weights"], result["model_revision"]) == ("local", "sha256:" + digest([mine]))
        assert (result["module"], result["parameters_built"]) == ("llama.cpp llama (the file's own)", 134_515_008)
        assert result["kv_cache_bytes"] == 2 * 30 * 3 * 64 * (8 + 2) * 2
    assert json.loads(by_format["q8_0"]["environment"]["gguf_tensor_bytes_by_type"])["Q8_0"] > 0
    assert mine.exists() and list(cache.rglob("*.gguf")) == []
