"""`slm-atlas fmt`: schema order, comments kept, values unchanged, idempotent; the catalog is canonical."""

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from slm_atlas.catalog.fmt import canonical, catalog_files, model_for
from slm_atlas.cli import main
from slm_atlas.schema.model import ModelRecord
from tests.conftest import REPO, edit

MESSY = """# yaml-language-server: $schema=../../schema/model.schema.json
name: SmolLM-135M   # the makers' spelling
id: smollm-135m
architecture:
  kv_heads: {survey_reported: 9, value: 3, note: the survey lists the query heads}
  layers: 30
scores:
  - results:
      - {shots: null, value: 0.4, benchmark: hellaswag}
    source: some-source
tokens_extra: 1
"""


def test_keys_follow_the_schema_and_comments_stay():
    out = canonical(MESSY, Path("catalog/models/smollm-135m.yaml"), ModelRecord)
    assert (
        out
        == """# yaml-language-server: $schema=../../schema/model.schema.json
id: smollm-135m
name: SmolLM-135M   # the makers' spelling
architecture:
  layers: 30
  kv_heads: {value: 3, survey_reported: 9, note: the survey lists the query heads}
scores:
  - source: some-source
    results:
      - {benchmark: hellaswag, value: 0.4, shots: null}
tokens_extra: 1
"""
    )
    assert canonical(out, Path("x/models/a.yaml"), ModelRecord) == out


def test_the_whole_catalog_is_canonical_and_fmt_check_says_so(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["fmt", "--check"]) == 0
    assert capsys.readouterr().out == f"ok: all {len(catalog_files(REPO / 'catalog'))} files canonical\n"


def test_fmt_check_names_the_file_and_fmt_fixes_it(catalog_dir, base_record, capsys):
    record = catalog_dir / "models" / "smollm-135m.yaml"
    record.write_text(edit(base_record, "id: smollm-135m\nname: SmolLM-135M\n", "name: SmolLM-135M\nid: smollm-135m\n"))
    assert main(["fmt", "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "catalog/models/smollm-135m.yaml: not canonical; run `slm-atlas fmt`",
        "failed: 1 of 7 files not canonical",
    ]
    assert main(["fmt"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "formatted 1 of 7 files"
    assert record.read_text() == base_record


def test_broken_yaml_is_reported_with_its_position(catalog_dir, capsys):
    (catalog_dir / "models" / "smollm-135m.yaml").write_text("id: x\nname: [unclosed\n")
    assert main(["fmt", "--check"]) == 1
    assert capsys.readouterr().err.startswith("error: catalog/models/smollm-135m.yaml:3:1: not valid YAML")


def test_fmt_never_changes_a_value():
    for path in catalog_files(REPO / "catalog"):
        text = path.read_text(encoding="utf-8")
        assert yaml.safe_load(canonical(text, path, model_for(path, REPO / "catalog"))) == yaml.safe_load(text), path


KEYS = st.sampled_from(["value", "note", "source", "survey_reported", "status"])


@settings(max_examples=60, deadline=None)
@given(st.lists(KEYS, min_size=1, max_size=5, unique=True), st.permutations(["id", "name", "family", "kind"]))
def test_any_key_order_formats_to_the_same_text(fact_keys, top_keys):
    values = {
        "value": 3,
        "note": "n",
        "source": "s",
        "survey_reported": 9,
        "status": "reported",
        "id": "a",
        "name": "A",
        "family": "F",
        "kind": "base",
    }
    fact = "{" + ", ".join(f"{k}: {values[k]}" for k in fact_keys) + "}"
    text = "".join(f"{k}: {values[k]}\n" for k in top_keys) + f"architecture:\n  kv_heads: {fact}\n"
    once = canonical(text, Path("m/models/a.yaml"), ModelRecord)
    assert once.startswith("id: a\nname: A\nfamily: F\nkind: base\n")
    assert canonical(once, Path("m/models/a.yaml"), ModelRecord) == once
    assert yaml.safe_load(once) == yaml.safe_load(text)
