"""A build killed at any moment leaves the previous outputs whole: the site is never missing, and the
database and its exports always come from the same build. The next build cleans up what the killed
one left and publishes normally."""

import json
import os
import signal
import subprocess
import sys
import time

import duckdb

from tests.site.conftest import evil_record


def ids_of(build) -> tuple[list[str], list[str], list[str]]:
    con = duckdb.connect(str(build / "slm-atlas.duckdb"), read_only=True)
    try:
        in_database = sorted(r[0] for r in con.execute("select id from model_overview").fetchall())
    finally:
        con.close()
    in_json = sorted(m["id"] for m in json.loads((build / "export" / "models.json").read_text(encoding="utf-8")))
    in_csv = sorted(
        line.split(",")[0] for line in (build / "export" / "models.csv").read_text(encoding="utf-8").splitlines()[1:]
    )
    return in_database, in_json, in_csv


def site_command(root):
    return subprocess.Popen(
        [sys.executable, "-c", "import sys; from slm_atlas.cli import main; sys.exit(main(['site']))"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_kills_never_leave_a_missing_or_mixed_output(fixture_root):
    build = fixture_root / "build"
    assert site_command(fixture_root).wait(timeout=300) == 0
    first_models = ids_of(build)[0]
    record = fixture_root / "catalog" / "models" / "evil-two.yaml"
    text = (
        evil_record().replace("id: evil-script", "id: evil-two").replace("hub_repo: evil/script", "hub_repo: evil/two")
    )
    record.write_text(text.replace("601B", "602B"), encoding="utf-8")
    started = time.monotonic()
    full = subprocess.run(
        [sys.executable, "-c", "import sys; from slm_atlas.cli import main; sys.exit(main(['build']))"],
        cwd=fixture_root,
        capture_output=True,
    ).returncode
    assert full == 0
    record.write_text(text.replace("601B", "603B"), encoding="utf-8")  # each run below has new inputs again
    whole = time.monotonic() - started
    for step in range(10):
        process = site_command(fixture_root)
        time.sleep(0.2 + step * max(whole, 1.0) / 4)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert (build / "site" / "index.html").is_file(), step
        assert (build / "site" / "search" / "search_index.json").is_file(), step
        in_database, in_json, in_csv = ids_of(build)
        assert in_database == in_json == in_csv, step  # one build's unit, whichever it is
        assert in_database in (first_models, sorted([*first_models, "evil-two"])), step
        record.write_text(text.replace("601B", f"6{10 + step}B"), encoding="utf-8")
    assert site_command(fixture_root).wait(timeout=300) == 0
    assert ids_of(build)[0] == sorted([*first_models, "evil-two"])
    for unit in ("docs", "site", "slm-atlas.duckdb"):
        assert len(os.listdir(build / f".{unit}.versions")) == 1, unit  # what the killed builds left is gone
    assert not [p for p in build.iterdir() if ".link-" in p.name or ".before-links-" in p.name]


KILL_AT_RENAME = """
import os, signal, sys
from slm_atlas.cli import main
target, calls = int(sys.argv[1]), [0]
def killing(real):
    def rename(*args, **kwargs):
        calls[0] += 1
        if calls[0] == target:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return rename
os.replace, os.rename = killing(os.replace), killing(os.rename)
code = main(['site'])
print(calls[0])
sys.exit(code)
"""


def test_a_kill_at_every_rename_leaves_whole_outputs(fixture_root):
    """The build killed at each of its renames in turn (the moments a swap could leave a gap)."""
    build = fixture_root / "build"

    def run(target: int) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", KILL_AT_RENAME, str(target)], cwd=fixture_root, capture_output=True, text=True
        )

    first = run(0)
    assert first.returncode == 0, first.stderr
    models = ids_of(build)[0]
    record = fixture_root / "catalog" / "models" / "evil-two.yaml"
    text = (
        evil_record().replace("id: evil-script", "id: evil-two").replace("hub_repo: evil/script", "hub_repo: evil/two")
    )
    record.write_text(text.replace("601B", "650B"), encoding="utf-8")  # records must differ from evil-script's
    second = run(0)
    assert second.returncode == 0, second.stdout + second.stderr
    renames = int(second.stdout.split()[-1])  # a whole second build, counting its renames
    assert renames >= 3
    for target in range(1, renames + 1):
        record.write_text(text.replace("601B", f"{700 + target}B"), encoding="utf-8")  # new inputs: a real rebuild
        assert run(target).returncode == -signal.SIGKILL
        assert (build / "site" / "index.html").is_file(), target
        in_database, in_json, in_csv = ids_of(build)
        assert in_database == in_json == in_csv, target
        assert set(models) <= set(in_database), target
