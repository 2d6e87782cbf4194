"""`slm-atlas new` with hostile or broken input: every one is a message with exit 1 (the data) or 2
(a flag), and nothing is written anywhere — not outside catalog/models/, not even there."""

import json
import os
from pathlib import Path

import pytest

from slm_atlas.catalog.yaml_reader import read_yaml
from slm_atlas.cli import main
from tests.conftest import FIXTURES

QWEN = json.loads((FIXTURES / "configs" / "qwen2.5-0.5b.json").read_text(encoding="utf-8"))


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (and beside it, where `../..` would land) with its content."""
    return {str(p.relative_to(root.parent)): p.read_bytes() for p in sorted(root.parent.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            ["--id", "../../etc/x", "--hub-repo", "a/b"],
            "error: --id: '../../etc/x' is not a valid id: use lower-case letters, digits, and single '-' or '.' "
            "between them",
        ),
        (
            ["--id", "/abs/path", "--hub-repo", "a/b"],
            "error: --id: '/abs/path' is not a valid id: use lower-case letters, digits, and single '-' or '.' between "
            "them",
        ),
        (
            ["--id", "../organizations", "--hub-repo", "a/b", "--force"],
            "error: --id: '../organizations' is not a valid id: use lower-case letters, digits, and single '-' or '.' "
            "between them",
        ),
        (
            ["--id", "ok", "--hub-repo", "noslash"],
            "error: --hub-repo: 'noslash' is not a Hub repository id: OWNER/NAME, letters, digits, '-', '_' and '.'",
        ),
        (
            ["--id", "ok", "--hub-repo", 'a/b"\n  - id: injected'],
            "error: --hub-repo: 'a/b\"\n  - id: injected' is not a Hub repository id: OWNER/NAME, letters, digits, "
            "'-', '_' and '.'",
        ),
    ],
)
def test_bad_flags_are_usage_errors_and_write_nothing(catalog_dir, capsys, tmp_path, flags, message):
    config = tmp_path / "config.json"
    config.write_text(json.dumps(QWEN), encoding="utf-8")
    before = tree(tmp_path)
    assert main(["new", "--from-config", str(config), *flags]) == 2
    assert capsys.readouterr().err.strip() == message
    assert tree(tmp_path) == before


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ([1, 2], "config.json must be a JSON object (a mapping of keys to values), not a list"),
        (None, "config.json must be a JSON object (a mapping of keys to values), not null"),
        (
            {**QWEN, "num_hidden_layers": 10**30},
            "config.json key 'num_hidden_layers' holds 1000000000000000000000000000000: not a size a model has",
        ),
        ({**QWEN, "num_attention_heads": 0}, "config.json key 'num_attention_heads' is 0: a model has at least one"),
        ({**QWEN, "rope_theta": "1e6"}, "config.json key 'rope_theta' must be a number (got text: '1e6')"),
        (
            {**QWEN, "partial_rotary_factor": "half"},
            "config.json key 'partial_rotary_factor' must be a number (got text: 'half')",
        ),
        (
            {**QWEN, "num_hidden_layers": True},
            "config.json key 'num_hidden_layers' must be a whole number (got true/false: 'True')",
        ),
    ],
)
def test_unusable_config_values_are_named_and_write_nothing(catalog_dir, capsys, tmp_path, config, message):
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    before = tree(tmp_path)
    assert main(["new", "--from-config", str(path), "--id", "drafted", "--hub-repo", "a/b"]) == 1
    assert capsys.readouterr().err.strip() == f"error: the config cannot be drafted from:\n  {message}"
    assert tree(tmp_path) == before


def test_unreadable_configs_are_messages(catalog_dir, capsys, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for path, message in (
        (deep, f"error: {deep} is not JSON: nested too deeply"),
        (Path("/dev/zero"), "error: cannot read /dev/zero: a device, not a regular file"),
        (fifo, f"error: cannot read {fifo}: a FIFO (named pipe), not a regular file"),
    ):
        assert main(["new", "--from-config", str(path), "--id", "drafted", "--hub-repo", "a/b"]) == 1
        assert capsys.readouterr().err.strip() == message


def test_the_reference_is_added_as_data_and_comments_are_kept(catalog_dir, capsys, tmp_path):
    references = catalog_dir.parent / "survey" / "references.yaml"
    original = references.read_text(encoding="utf-8")
    assert original.startswith("#")  # the fixture file opens with comments, which must survive
    config = tmp_path / "config.json"
    config.write_text(json.dumps(QWEN), encoding="utf-8")
    assert main(["new", "--from-config", str(config), "--id", "drafted", "--hub-repo", "a/b"]) == 0
    text = references.read_text(encoding="utf-8")
    assert text.startswith(original.split("references:")[0])  # the leading comments, unchanged
    entries = read_yaml(references).data["references"]
    assert [e["id"] for e in entries].count("drafted-config") == 1
    assert entries[-1]["url"] == "https://huggingface.co/a/b/blob/main/config.json"
    # a second draft of another id does not repeat the first entry
    assert main(["new", "--from-config", str(config), "--id", "drafted", "--hub-repo", "a/b", "--force"]) == 0
    assert [e["id"] for e in read_yaml(references).data["references"]].count("drafted-config") == 1
    assert main(["validate", "catalog/models/drafted.yaml"]) == 1  # only TO FILL placeholders are left
    assert "error[references" not in capsys.readouterr().out
