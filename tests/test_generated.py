"""The committed generated files are what the Pydantic models generate now."""

import json

from slm_atlas.generated import generated_files, stale_generated
from tests.conftest import REPO


def test_committed_generated_files_are_fresh():
    assert stale_generated(REPO) == []


def test_model_schema_accepts_the_short_form_of_facts():
    schema = json.loads(generated_files()["schema/model.schema.json"])
    layers = schema["properties"]["architecture"]["$ref"].split("/")[-1]
    layers_ref = schema["$defs"][layers]["properties"]["layers"]["$ref"].split("/")[-1]
    options = schema["$defs"][layers_ref]["anyOf"]
    assert options[0] == {"exclusiveMinimum": 0, "maximum": 10_000, "type": "integer"}
    assert options[1]["type"] == "object" and "value" in options[1]["properties"]
    assert schema["$comment"].endswith("run `slm-atlas schema`")


def test_ddl_has_a_banner_and_every_table():
    ddl = generated_files()["schema/tables.sql"]
    assert ddl.startswith("-- generated from the Pydantic models")
    assert "CREATE TABLE architecture (" in ddl and "CREATE VIEW survey_differences AS" in ddl


def test_every_real_record_passes_the_editor_schema():
    from jsonschema import Draft202012Validator

    from slm_atlas.catalog.yaml_reader import read_yaml

    validator = Draft202012Validator(json.loads(generated_files()["schema/model.schema.json"]))
    paths = sorted((REPO / "catalog" / "models").glob("*.yaml"))
    assert len(paths) >= 69  # the survey's records are all present; new records never break this
    failing = {
        p.name: next(iter(validator.iter_errors(read_yaml(p).data))).message
        for p in paths
        if not validator.is_valid(read_yaml(p).data)
    }
    assert failing == {}
    broken = read_yaml(paths[0]).data | {"layerz": 3}
    assert [e.message for e in validator.iter_errors(broken)] == [
        "Additional properties are not allowed ('layerz' was unexpected)"
    ]
