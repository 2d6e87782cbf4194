"""The real catalog, tested as data: it validates, it builds, and the README's queries answer."""

import re
from collections import Counter

import duckdb
import pytest

from slm_atlas.catalog.facts import iter_facts
from slm_atlas.catalog.parameters import compute_parameters
from slm_atlas.catalog.validate import validate
from slm_atlas.cli import parser
from slm_atlas.db.build import build
from tests.conftest import REPO


@pytest.fixture(scope="module")
def result():
    return validate(REPO / "catalog")


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "atlas.duckdb"
    build(REPO / "catalog", out, None)
    return duckdb.connect(str(out), read_only=True)


def test_real_catalog_has_no_errors(result):
    assert [d.text() for d in result.diagnostics] == []


def test_every_null_says_why(result):
    for entry in result.catalog.entries:
        for located in iter_facts(entry.record):
            if getattr(located.fact, "value", 0) is None and located.loc != ("architecture", "ffn_ratio"):
                assert located.fact.status in ("undisclosed", "not_applicable"), (entry.record.id, located.field)
                assert located.fact.note, (entry.record.id, located.field)


def test_declared_and_computed_parameters_agree_or_are_exempt(result):
    for entry in result.catalog.entries:
        record = entry.record
        computed = compute_parameters(record.architecture)
        if record.parameters.value is None or record.parameter_check_exemption:
            continue
        assert computed is not None, record.id
        assert abs(computed.total - record.parameters.value) <= 0.03 * record.parameters.value, record.id


def test_survey_membership_is_marked_reconstructed(result):
    groups = Counter(e.record.survey.group for e in result.catalog.entries if e.record.survey)
    assert all(e.record.survey.reconstructed for e in result.catalog.entries if e.record.survey)
    assert groups == {"survey-v1": 59, "survey-evaluated": 8, "survey-leaderboard": 2}


def readme_block(marker: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\s*```\w*\n(.*?)```", text, re.S)
    assert match, marker
    return match.group(1)


def test_readme_sql_examples_answer(database):
    statements = [s.strip() for s in readme_block("sql-examples").split(";") if s.strip()]
    assert len(statements) == 7
    for statement in statements:
        rows = database.execute(statement).fetchall()
        assert rows, statement


def test_readme_commands_name_real_subcommands():
    commands = set(parser()._subparsers._group_actions[0].choices)
    documented = set(re.findall(r"\| `slm-atlas (\w+)", (REPO / "README.md").read_text()))
    assert documented == commands
    assert readme_block("test-command").strip().endswith(".venv/bin/pytest")
    assert "slm-atlas site" in readme_block("main-command")
