"""`slm-atlas new`: a draft record from a published config.json reproduces the catalog's
architecture for every model whose config is in tests/fixtures/configs/ (real copies, see the
README there), and leaves exactly the fields a person must research."""

import json
from datetime import date

import pytest
import yaml

from slm_atlas.catalog.facts import iter_facts
from slm_atlas.catalog.fmt import canonical
from slm_atlas.catalog.scaffold import ScaffoldError, draft, write_draft
from slm_atlas.catalog.validate import validate
from slm_atlas.catalog.yaml_reader import read_yaml
from slm_atlas.cli import main
from slm_atlas.schema.model import ModelRecord
from tests.conftest import FIXTURES, REPO

CONFIGS = sorted((FIXTURES / "configs").glob("*.json"))


def record_values(model_id: str) -> dict:
    record = validate(REPO / "catalog", [REPO / "catalog" / "models" / f"{model_id}.yaml"]).catalog
    entry = next(e for e in record.entries if e.record.id == model_id)
    return {f.field: f.fact.value for f in iter_facts(entry.record) if f.field.startswith("architecture.")}


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.stem)
def test_draft_reproduces_the_catalog_architecture(path):
    config = json.loads(path.read_text())
    record, left = draft(config, path.stem, "a/b", f"{path.stem}-config")
    drafted = {
        f"architecture.{k}": (v["value"] if isinstance(v, dict) else v)
        for k, v in record["architecture"].items()
        if k != "source"
    }
    catalog = record_values(path.stem)
    compared = {field: (value, catalog.get(field)) for field, value in drafted.items() if field in catalog}
    assert {f: pair for f, pair in compared.items() if pair[0] != pair[1]} == {}
    assert len(compared) >= 15  # every core architecture field was drafted and compared
    assert not [f for f in left if f.startswith("architecture.")]
    catalog_record = yaml.safe_load((REPO / "catalog" / "models" / f"{path.stem}.yaml").read_text())
    declared = (
        catalog_record["parameters"]["value"]
        if isinstance(catalog_record["parameters"], dict)
        else catalog_record["parameters"]
    )
    assert abs(record["parameters"]["value"] - int(str(declared).replace("_", ""))) <= 0.03 * int(
        str(declared).replace("_", "")
    )


def test_draft_is_canonical_and_validates_to_exactly_what_is_left(catalog_dir, capsys):
    config = json.loads((FIXTURES / "configs" / "qwen2.5-0.5b.json").read_text())
    result = write_draft(
        catalog_dir,
        config,
        "qwen2.5-0.5b-draft",
        "Qwen/Qwen2.5-0.5B",
        revision="060db6499f32faf8b98477b0a26969ef7d8b9987",
        today=date(2026, 11, 30),
    )
    text = result.path.read_text()
    assert canonical(text, result.path, ModelRecord) == text
    assert result.reference == "qwen2.5-0.5b-draft-config"
    entries = read_yaml(catalog_dir.parent / "survey" / "references.yaml").data["references"]
    assert entries[-1] == {
        "id": "qwen2.5-0.5b-draft-config",
        "kind": "config",
        "title": "Qwen/Qwen2.5-0.5B config.json",
        "url": "https://huggingface.co/Qwen/Qwen2.5-0.5B/blob/060db6499f32faf8b98477b0a26969ef7d8b9987/config.json",
        "accessed": "2026-11-30",
    }
    assert main(["validate", "catalog/models/qwen2.5-0.5b-draft.yaml"]) == 1
    out = capsys.readouterr().out
    fields = sorted({line.split("error[")[1].split("]")[0] for line in out.splitlines() if "error[" in line})
    assert fields == sorted(
        [
            "family",
            "organization",
            "released",
            "license",
            "training.tokens",
            "training.datasets",
            "training.techniques",
            "training.data_openness",
            "notes",
        ]
    )
    assert all("error[" not in line or "still to fill: " in line for line in out.splitlines())
    assert out.splitlines()[-1].startswith("failed: 9 errors in 1 file (to-fill 9)")


def test_unknown_model_type_fails_clearly():
    with pytest.raises(ScaffoldError) as err:
        draft({"model_type": "mamba", "hidden_size": 768}, "x", "a/b", "x-config")
    assert str(err.value).startswith(
        "model_type 'mamba' is not supported (supported: bloom, gemma, gemma2, gpt2, gpt_neox,"
    )


def test_openelm_per_layer_sizes_and_mla():
    openelm = {
        "model_type": "openelm",
        "model_dim": 1280,
        "num_transformer_layers": 2,
        "head_dim": 64,
        "num_query_heads": [12, 16],
        "num_kv_heads": [3, 4],
        "ffn_multipliers": [0.5, 4.0],
        "ffn_dim_divisor": 256,
        "vocab_size": 32000,
        "max_context_length": 2048,
        "share_input_output_layers": True,
        "activation_fn_name": "swish",
        "normalize_qk_projections": True,
        "rope_freq_constant": 10000,
    }
    record, _ = draft(openelm, "o", "a/b", "o-config")
    arch = record["architecture"]
    assert arch["per_layer"] == {"attention_heads": [12, 16], "kv_heads": [3, 4], "intermediate_size": [768, 5120]}
    assert (
        arch["attention_kind"] == "GQA" and arch["qk_norm"] is True and arch["kv_heads"]["status"] == "not_applicable"
    )
    mla = {
        "model_type": "minicpm3",
        "hidden_size": 2560,
        "num_hidden_layers": 62,
        "num_attention_heads": 40,
        "num_key_value_heads": 40,
        "q_lora_rank": 768,
        "kv_lora_rank": 256,
        "qk_nope_head_dim": 64,
        "qk_rope_head_dim": 32,
        "v_head_dim": 64,
        "intermediate_size": 6400,
        "vocab_size": 73448,
        "max_position_embeddings": 32768,
        "hidden_act": "silu",
    }
    arch = draft(mla, "m", "a/b", "m-config")[0]["architecture"]
    assert arch["attention_kind"] == "MLA" and arch["mla"]["kv_lora_rank"] == 256


def test_cli_new_from_config_and_refuses_to_overwrite(catalog_dir, capsys):
    config = FIXTURES / "configs" / "gpt2.json"
    assert main(["new", "--from-config", str(config), "--id", "gpt2-draft", "--hub-repo", "openai-community/gpt2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "wrote catalog/models/gpt2-draft.yaml (architecture from config.json; parameters 124,439,808)"
    assert out[1] == "added gpt2-draft-config to survey/references.yaml"
    assert out[2] == (
        "left to fill (9): family, organization, released, license, training.tokens, training.datasets, "
        "training.techniques, training.data_openness, notes; run `slm-atlas validate catalog/models/gpt2-draft.yaml`"
    )
    assert main(["new", "--from-config", str(config), "--id", "gpt2-draft", "--hub-repo", "openai-community/gpt2"]) == 1
    assert "already exists; pass --force to replace it" in capsys.readouterr().err
