"""Record -> YAML -> load gives the same record, for any valid record."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from slm_atlas.catalog.writer import dump_record
from slm_atlas.catalog.yaml_reader import parse_yaml
from slm_atlas.schema.model import ModelRecord
from tests.conftest import entry_from
from tests.strategies import records


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(records())
def test_record_survives_yaml(record):
    text = dump_record(record)
    loaded = ModelRecord.model_validate(parse_yaml(text, Path("x.yaml")).data)
    assert loaded == record


@settings(max_examples=50, deadline=None)
@given(records())
def test_writing_is_idempotent(record):
    once = dump_record(record)
    again = dump_record(ModelRecord.model_validate(parse_yaml(once, Path("x.yaml")).data))
    assert again == once


def test_the_fixture_record_round_trips(base_record):
    record = entry_from(base_record).record
    assert ModelRecord.model_validate(parse_yaml(dump_record(record), Path("x.yaml")).data) == record


def test_strings_that_look_like_other_types_are_quoted(base_record):
    record = entry_from(base_record).record.model_copy(update={"family": "0E0", "name": "null"})
    text = dump_record(record)
    assert 'family: "0E0"' in text and 'name: "null"' in text
    assert ModelRecord.model_validate(parse_yaml(text, Path("x.yaml")).data) == record
