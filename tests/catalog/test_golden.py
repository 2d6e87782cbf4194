"""Golden corpus: each folder in golden/ holds bad model files and the exact `validate` output.

Run `pytest tests/catalog/test_golden.py --update-golden` to rewrite the expected files after a
deliberate message change, then review the diff.
"""

import shutil
from pathlib import Path

import pytest

from slm_atlas.cli import main
from tests.conftest import make_catalog

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def test_corpus_is_large_enough():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES)
def test_golden_case(case, tmp_path, monkeypatch, capsys, update_golden):
    monkeypatch.chdir(tmp_path)
    catalog = make_catalog(tmp_path)  # the valid fixture record cites every fixture reference
    for path in (GOLDEN / case / "models").iterdir():
        shutil.copy(path, catalog / "models" / path.name)
    code = main(["validate"])
    out = capsys.readouterr().out
    expected = GOLDEN / case / "expected.txt"
    if update_golden:
        expected.write_text(out, encoding="utf-8")
    assert code == 1
    assert out == expected.read_text(encoding="utf-8")
    assert "Traceback" not in out
