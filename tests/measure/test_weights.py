"""Real weights (`--weights PATH`): a transformers checkpoint measured by the torch backend, and
the errors that stop a sweep before it starts."""

import json
import shutil
from types import SimpleNamespace

import pytest

from tests.conftest import FIXTURES, REPO

pytest.importorskip("torch", reason="the measure extra is not installed (pip install -e '.[measure]')")
pytest.importorskip("transformers", reason="the measure extra is not installed (pip install -e '.[measure]')")

from slm_atlas.catalog.loader import load_catalog
from slm_atlas.measure.runner import load_scenario, sweep
from slm_atlas.measure.weights import RANDOM, WeightsError, choose, digest, local


def save_checkpoint(folder, config) -> None:
    """A transformers checkpoint of `config` with random weights, as save_pretrained writes it."""
    import torch
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16).save_pretrained(folder)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("weights")
    shutil.copytree(FIXTURES / "catalog", root / "catalog")
    shutil.copytree(REPO / "measure" / "scenarios", root / "measure" / "scenarios")
    [record] = [e.record for e in load_catalog(root / "catalog").entries if e.record.id == "smollm-135m"]
    return root, record


def test_a_local_checkpoint_is_measured_on_its_own_module_and_filed_beside_the_random_result(workspace):
    from slm_atlas.measure.families import plan

    root, record = workspace
    folder = root / "checkpoint"
    save_checkpoint(folder, plan(record).config)
    weights = choose(str(folder), [record], "torch", "http://unused")
    scenario = load_scenario(root / "measure", "test")
    done = sweep([record], root / "catalog", root / "measure", scenario, ["bf16"], progress=False, weights=weights)
    [path] = done.written
    assert path.name.endswith("__p8__local.json") and done.failed == []
    result = json.loads(path.read_text())
    assert (result["status"], result["weights"]) == ("ok", "local")
    assert result["model_revision"] == "sha256:" + digest([folder / "config.json", folder / "model.safetensors"])
    assert (result["module"], result["module_exact"]) == ("LlamaForCausalLM (the checkpoint's own)", True)
    assert result["parameters_built"] == 134_515_008 and result["weight_bytes"] == 2 * 134_515_008
    assert len(result["decode_ms_per_token"]) == scenario.reps and result["peak_memory_bytes"] > result["weight_bytes"]
    # the random-weight result of the same variant has its own file, and resuming skips the local one
    again = sweep([record], root / "catalog", root / "measure", scenario, ["bf16"], progress=False, weights=weights)
    assert again.skipped == [path] and again.written == []


def test_a_checkpoint_of_another_size_is_an_error_record_naming_both_counts(workspace):
    from transformers import LlamaConfig

    root, record = workspace
    folder = root / "tiny"
    save_checkpoint(
        folder,
        LlamaConfig(
            hidden_size=64,
            intermediate_size=128,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=2,
            vocab_size=512,
            tie_word_embeddings=True,
        ),
    )
    # 512 x 64 tied embeddings + 2 layers x (12,288 attention + 24,576 FFN + 128 norms) + 64: 106,816
    done = sweep(
        [record],
        root / "catalog",
        root / "other",
        load_scenario(root / "measure", "test"),
        ["fp32"],
        progress=False,
        weights=choose(str(folder), [record], "torch", "http://unused"),
    )
    [failed] = done.failed
    result = json.loads(failed.read_text())
    assert result["status"] == "error" and result["weights"] == "local"
    assert result["error"] == (
        f"the checkpoint at {folder} has 106,816 parameters and the record computes 134,515,008:"
        " is it this model's checkpoint?"
    )


def test_weights_that_cannot_be_measured_are_refused_with_the_reason(tmp_path):
    record = SimpleNamespace(id="a", hub_repo="org/a")
    assert choose("random", [record], "torch", "http://unused") == {"a": RANDOM}
    with pytest.raises(
        WeightsError, match=r"^--weights .*empty: not a transformers checkpoint \(no config.json in that folder\)$"
    ):
        local(tmp_path / "empty", "torch")
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(WeightsError, match=r"the folder has config.json but no \*.safetensors or \*.bin weights$"):
        local(tmp_path, "torch")
    with pytest.raises(WeightsError, match=r"llama.cpp measures a GGUF file \(convert a transformers checkpoint"):
        local(tmp_path / "config.json", "llamacpp")
    with pytest.raises(
        WeightsError, match=r"^--weights ckpt: a local checkpoint is one model's; name exactly one model id$"
    ):
        choose("ckpt", [record, SimpleNamespace(id="b", hub_repo="org/b")], "torch", "http://unused")
    with pytest.raises(WeightsError, match=r"^--weights hub: the Hub's repositories hold transformers checkpoints"):
        choose("hub", [record], "llamacpp", "http://unused")


def test_the_local_revision_changes_with_any_byte_of_the_files(tmp_path):
    first, second = tmp_path / "config.json", tmp_path / "model.safetensors"
    first.write_text('{"a": 1}')
    second.write_bytes(b"\x00" * 1000)
    before = digest([first, second])
    assert len(before) == 16 and before == digest([first, second])
    second.write_bytes(b"\x00" * 999 + b"\x01")
    assert digest([first, second]) != before
