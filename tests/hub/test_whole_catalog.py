"""`slm-atlas hub refresh --all` over the real catalog against a local fake Hub that answers for
every record's repository: at catalog scale (four workers, a 429 on the way) every record gets a
valid snapshot and the build joins them. The config each repository serves is written from the
record in transformers' common keys, so this checks the refresh and the join, not the model types'
own keys; `test_real_configs_agree_with_their_records` does that with published config.json files."""

import json
import shutil

import duckdb

from slm_atlas.catalog.validate import validate
from slm_atlas.cli import main
from slm_atlas.db.build import build
from tests.conftest import REPO
from tests.hub.conftest import SHA, model_info

ACTIVATION_NAMES = {"SiLU": "silu", "GELU": "gelu", "GELU-tanh": "gelu_pytorch_tanh", "ReLU": "relu"}
NORM_KEYS = {
    "RMSNorm": ("rms_norm_eps", 1e-5),
    "LayerNorm": ("layer_norm_eps", 1e-5),
    "non-parametric LayerNorm": ("layer_norm_type", "default"),
}


def config_from(record) -> dict:
    """A transformers-style config.json stating the record's architecture."""
    arch = record.architecture
    values = {
        "num_hidden_layers": arch.layers.value,
        "hidden_size": arch.hidden_size.value,
        "num_attention_heads": arch.attention_heads.value,
        "num_key_value_heads": arch.kv_heads.value,
        "head_dim": arch.head_dim.value,
        "intermediate_size": arch.intermediate_size.value,
        "vocab_size": arch.vocab_size.value,
        "max_position_embeddings": arch.context_length_tokens.value,
        "tie_word_embeddings": arch.tied_embeddings.value,
        "hidden_act": ACTIVATION_NAMES.get(arch.activation.value),
    }
    key, value = NORM_KEYS[arch.norm.value]
    return {"architectures": ["AnyForCausalLM"], **{k: v for k, v in values.items() if v is not None}, key: value}


def test_every_record_gets_a_snapshot_and_agrees_with_itself(tmp_path, hub, capsys, monkeypatch):
    shutil.copytree(REPO / "survey", tmp_path / "survey")
    shutil.copytree(REPO / "catalog", tmp_path / "catalog", ignore=shutil.ignore_patterns("hub"))
    monkeypatch.chdir(tmp_path)
    records = [e.record for e in validate(tmp_path / "catalog").catalog.entries]
    for record in records:
        info = model_info(record.hub_repo, total=record.parameters.value or 0)
        info["cardData"]["license"] = record.license.value.lower()
        hub.serve(record.hub_repo, info=info, config=config_from(record))
    hub.fail(records[0].hub_repo, 429, headers={"Retry-After": "0"})
    code = main(["hub", "refresh", "--all", "--endpoint", hub.endpoint, "--workers", "4"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[-1] == f"{len(records)} of {len(records)} snapshots refreshed from {hub.endpoint}; 0 failed"
    snapshots = sorted((tmp_path / "catalog" / "hub").glob("*.json"))
    assert sorted(p.stem for p in snapshots) == sorted(r.id for r in records)
    assert {json.loads(p.read_text())["sha"] for p in snapshots} == {SHA}
    database = tmp_path / "atlas.duckdb"
    report = build(tmp_path / "catalog", database, None)
    assert report.rows["hub_snapshots"] == len(records)
    con = duckdb.connect(str(database), read_only=True)
    assert con.execute("select * from hub_disagreements").fetchall() == []
    per_field = dict(
        con.execute("select field, count(*) from hub_checks where \"check\" = 'config' group by field").fetchall()
    )
    assert per_field["architecture.layers"] == len(records)
    assert per_field["architecture.norm"] == len(records)
    # BitNet's squared ReLU has no word in the vocabulary (activation null, not_applicable): nothing to compare
    assert per_field["architecture.activation"] == sum(1 for r in records if r.architecture.activation.value)


def test_real_configs_agree_with_their_records(tmp_path, hub, capsys, monkeypatch):
    """Each published config.json in tests/fixtures/configs/ (one per model type: gpt2, llama, phi, qwen2), served as
    its model's repository's, agrees with the record on every field the vocabulary reads from it."""
    from tests.conftest import FIXTURES

    shutil.copytree(REPO / "survey", tmp_path / "survey")
    shutil.copytree(REPO / "catalog", tmp_path / "catalog", ignore=shutil.ignore_patterns("hub"))
    monkeypatch.chdir(tmp_path)
    by_id = {e.record.id: e.record for e in validate(tmp_path / "catalog").catalog.entries}
    configs = {p.stem: json.loads(p.read_text()) for p in sorted((FIXTURES / "configs").glob("*.json"))}
    assert sorted({c["model_type"] for c in configs.values()}) == ["gpt2", "llama", "phi", "qwen2"]
    for model_id, config in configs.items():
        record = by_id[model_id]
        hub.serve(record.hub_repo, info=model_info(record.hub_repo, total=record.parameters.value or 0), config=config)
    assert main(["hub", "refresh", *configs, "--endpoint", hub.endpoint]) == 0
    capsys.readouterr()
    database = tmp_path / "atlas.duckdb"
    build(tmp_path / "catalog", database, None)
    con = duckdb.connect(str(database), read_only=True)
    checked = con.execute(
        "select model_id, field, hub_key, agrees from hub_checks where \"check\" = 'config' order by model_id, field"
    ).fetchall()
    assert [row for row in checked if not row[3]] == []
    fields = {m: {f for model, f, _, _ in checked if model == m} for m in configs}
    core = {
        "architecture.layers",
        "architecture.hidden_size",
        "architecture.attention_heads",
        "architecture.kv_heads",
        "architecture.vocab_size",
        "architecture.context_length_tokens",
        "architecture.activation",
        "architecture.norm",
        "architecture.intermediate_size",
        "architecture.tied_embeddings",
    }
    assert {m: sorted(core - f) for m, f in fields.items()} == {m: [] for m in configs}
    keys = {(m, f): k for m, f, k, _ in checked}
    assert keys[("gpt2", "architecture.layers")] == "n_layer"  # each type's own key, not a common one
    assert keys[("phi-2", "architecture.activation")] == "hidden_act"
    assert keys[("qwen2.5-0.5b", "architecture.kv_heads")] == "num_key_value_heads"
