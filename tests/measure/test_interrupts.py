"""An interrupted sweep records nothing as done that did not finish, leaves no worker behind, and
resumes next time; Ctrl-C or SIGTERM ends the command with one line and exit 130."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO

pytest.importorskip("torch", reason="the measure extra is not installed (pip install -e '.[measure]')")

from slm_atlas.measure.runner import Interrupted, run_variant


@pytest.mark.parametrize(("stop", "how"), [("SIGINT", "SIGINT"), ("SIGTERM", "SIGTERM"), ("SIGHUP", "SIGHUP")])
def test_a_stopped_worker_is_an_interruption_not_a_result(stop, how):
    with pytest.raises(Interrupted) as err:
        run_variant({"signal": stop}, timeout=60, worker="tests.measure.stopped_worker")
    assert str(err.value) == f"the worker was stopped ({how}); nothing was recorded for it: run again to resume"


def test_a_killed_worker_is_still_a_recorded_error():
    """SIGKILL is what the kernel's out-of-memory killer sends: that run failed, and says so."""
    result = run_variant({"signal": "SIGKILL"}, timeout=60, worker="tests.measure.stopped_worker")
    assert result == {"status": "error", "error": "worker exited -9 (killed: out of memory?): no output"}


def _workers_of(root: Path) -> list[int]:
    """Process ids of measure workers running in `root`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
            where = os.readlink(entry / "cwd")
        except OSError:
            continue
        if "slm_atlas.measure.worker" in command and where == str(root):
            found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Whether a process exists and is not a zombie (one that exited but was not yet reaped)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


@pytest.fixture
def measure_root(tmp_path):
    shutil.copytree(FIXTURES / "catalog", tmp_path / "catalog")
    shutil.copytree(FIXTURES / "survey", tmp_path / "survey")
    shutil.copytree(REPO / "measure" / "scenarios", tmp_path / "measure" / "scenarios")
    return tmp_path


def _sweep(root: Path) -> subprocess.Popen:
    command = "import sys; from slm_atlas.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen(
        [sys.executable, "-c", command, "measure", "run", "smollm-135m", "--scenario", "test", "--formats", "fp32"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_sweep_stops_its_worker_records_nothing_and_resumes(measure_root, stop):
    sweep = _sweep(measure_root)
    try:
        deadline = time.monotonic() + 300  # the sweep measures the machine's roofline before its first worker
        while not _workers_of(measure_root) and time.monotonic() < deadline and sweep.poll() is None:
            time.sleep(0.05)
        workers = _workers_of(measure_root)
        assert workers, "the sweep never started a worker"
        sweep.send_signal(stop)
        out, err = sweep.communicate(timeout=60)
    finally:
        if sweep.poll() is None:
            sweep.kill()
    assert sweep.returncode == 130, err
    assert err.strip().splitlines()[-1] == "interrupted: nothing half-written was left; run the command again to finish"
    time.sleep(0.5)
    assert [pid for pid in workers if _running(pid)] == []  # no orphan outlives the sweep
    results = measure_root / "measure" / "results"
    assert not [p for p in results.rglob("*") if p.is_file()] if results.exists() else True
    again = _sweep(measure_root)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert out.strip().splitlines()[-1] == "1 measured, 0 failed or unsupported (recorded), 0 already done"
    [written] = [p for p in results.rglob("*.json")]
    assert json.loads(written.read_text())["status"] == "ok"
    assert os.path.basename(written).startswith("smollm-135m__torch__fp32__test__p8")
