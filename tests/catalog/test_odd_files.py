"""Files in catalog/models/ that are not plain record files: each is reported with its path, none is
skipped silently, and none hangs or reads without end (a FIFO, a link to /dev/zero, a link loop)."""

import os

from slm_atlas.cli import main


def test_odd_entries_are_each_reported(catalog_dir, capsys):
    models = catalog_dir / "models"
    os.mkfifo(models / "fifo.yaml")
    os.symlink("/dev/zero", models / "zero.yaml")
    os.symlink("loop-b.yaml", models / "loop-a.yaml")
    os.symlink("loop-a.yaml", models / "loop-b.yaml")
    for name in ("wrong.yml", "WRONG.YAML", "no-suffix"):
        (models / name).write_text("id: x\n", encoding="utf-8")
    (models / "folder").mkdir()
    (models / "binary.yaml").write_bytes(b"\x00\xff\xfe")
    assert main(["validate"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "catalog/models/WRONG.YAML:1:1: error[file]: not a record file: records end in .yaml; rename it to WRONG.yaml"
        " or move it out of catalog/models/",
        "catalog/models/binary.yaml:1:2: error[file]: file is not valid UTF-8",
        "catalog/models/fifo.yaml:1:1: error[file]: a FIFO (named pipe), not a regular file",
        "catalog/models/folder:1:1: error[file]: a folder; catalog/models/ holds only record files, <id>.yaml",
        "catalog/models/loop-a.yaml:1:1: error[file]: a loop of symbolic links",
        "catalog/models/loop-b.yaml:1:1: error[file]: a loop of symbolic links",
        "catalog/models/no-suffix:1:1: error[file]: not a record file: records end in .yaml; rename it to "
        "no-suffix.yaml"
        " or move it out of catalog/models/",
        "catalog/models/wrong.yml:1:1: error[file]: not a record file: records end in .yaml; rename it to wrong.yaml"
        " or move it out of catalog/models/",
        "catalog/models/zero.yaml:1:1: error[file]: a device, not a regular file",
        "failed: 9 errors in 9 files (file 9); checked 6 model files (1 valid) and 6 lists",
    ]


def test_fmt_reports_what_it_cannot_read(catalog_dir, capsys):
    models = catalog_dir / "models"
    (models / "binary.yaml").write_bytes(b"id: x\n\xff\xfe")
    (models / "deep.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    os.symlink("loop-b.yaml", models / "loop-a.yaml")
    os.symlink("loop-a.yaml", models / "loop-b.yaml")
    expected = {
        "binary.yaml": "error: catalog/models/binary.yaml:2: not UTF-8 text (a binary file?); catalog files are UTF-8 "
        "YAML",
        "deep.yaml": "error: catalog/models/deep.yaml: nested too deeply to format (no catalog file nests more than a "
        "few levels)",
        "loop-a.yaml": "error: catalog/models/loop-a.yaml: cannot read: a loop of symbolic links",
    }
    for name, message in expected.items():
        assert main(["fmt", f"catalog/models/{name}"]) == 1
        assert capsys.readouterr().err.strip() == message


def test_a_killed_writers_temporary_file_is_ignored_then_removed(catalog_dir, capsys):
    models = catalog_dir / "models"
    left = models / ".smollm-135m.yaml.tmp-999999999-0a1b2c3d"  # a process id no process has
    left.write_text("id: half-writ", encoding="utf-8")
    assert main(["validate"]) == 0
    assert main(["fmt", "--check"]) == 0 and left.exists()  # a check changes nothing
    assert main(["fmt"]) == 0
    assert not left.exists()


def test_one_bad_list_entry_is_one_error_not_a_cascade(tmp_path, monkeypatch, capsys):
    """The real catalog with one reference's URL broken: that entry is the only error; the records
    citing it are not reported again, and the list's other entries still resolve."""
    import shutil

    from tests.conftest import REPO

    shutil.copytree(REPO / "catalog", tmp_path / "catalog", ignore=shutil.ignore_patterns("hub"))
    shutil.copytree(REPO / "survey", tmp_path / "survey")
    references = tmp_path / "survey" / "references.yaml"
    text = references.read_text(encoding="utf-8")
    old = 'url: "https://arxiv.org/abs/2409.15790v1"'
    assert text.count(old) == 1
    references.write_text(text.replace(old, 'url: "ftp://arxiv.org/abs/2409.15790v1"'), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"survey/references.yaml:{line}:10: error[references[0].url]: 'ftp://arxiv.org/abs/2409.15790v1'"
        " does not match the pattern ^https?://\\S+$"
    )
    assert len(out) == 2 and out[1].startswith("failed: 1 error in 1 file (schema 1)")
