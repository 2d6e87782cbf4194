"""Schema errors in a contributor's words: missing fields say what they take, config.json keys name the field."""

from pathlib import Path

from pydantic import ValidationError

from slm_atlas.catalog.messages import diagnostics_from
from slm_atlas.catalog.yaml_reader import parse_yaml
from slm_atlas.schema.model import ModelRecord
from tests.conftest import edit


def texts(text: str) -> list[str]:
    doc = parse_yaml(text, Path("catalog/models/smollm-135m.yaml"))
    try:
        ModelRecord.model_validate(doc.data)
    except ValidationError as exc:
        return [d.text() for d in diagnostics_from(exc, doc, ModelRecord)]
    return []


def test_valid_record_has_no_messages(base_record):
    assert texts(base_record) == []


def test_missing_literal_field_points_at_its_block_and_names_the_allowed_values(base_record):
    text = edit(base_record, "  attention_kind: {value: GQA, survey_reported: GQA}\n", "")
    assert texts(text) == [
        "catalog/models/smollm-135m.yaml:27:1: error[architecture.attention_kind]: "
        "required field 'attention_kind' is missing; one of 'MHA', 'GQA', 'MQA', 'MLA'"
    ]


def test_missing_count_field_names_its_type(base_record):
    text = edit(base_record, "  layers: {value: 30, survey_reported: 30}\n", "")
    assert texts(text) == [
        "catalog/models/smollm-135m.yaml:27:1: error[architecture.layers]: required field 'layers' is missing; a whole "
        "number"
    ]


def test_config_json_key_suggests_the_record_field(base_record):
    text = edit(base_record, "  kv_heads: 3\n", "  num_key_value_heads: 3\n")
    assert texts(text) == [
        "catalog/models/smollm-135m.yaml:27:1: error[architecture.kv_heads]: required field 'kv_heads' is missing; a "
        "whole number",
        "catalog/models/smollm-135m.yaml:32:3: error[architecture.num_key_value_heads]: unknown field "
        "'num_key_value_heads'\n"
        "  hint: 'num_key_value_heads' is a config.json key; the record calls it 'kv_heads'",
    ]


def test_config_json_key_in_another_block_names_the_full_field(base_record):
    text = edit(base_record, "architecture:\n", "n_embd: 576\narchitecture:\n")
    [message] = texts(text)
    assert message.endswith(
        "unknown field 'n_embd'\n  hint: 'n_embd' is a config.json key; the record calls it 'architecture.hidden_size'"
    )
