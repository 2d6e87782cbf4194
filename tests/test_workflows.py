"""The GitHub workflows cannot run here: each is parsed, and every `slm-atlas` command it runs
must exist and accept its flags."""

import shlex

import pytest
import yaml

from slm_atlas.cli import parser
from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def commands(workflow: dict) -> list[list[str]]:
    """The argument lists of every `slm-atlas` invocation in the workflow's run steps."""
    found = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            for line in step.get("run", "").splitlines():
                lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
                lexer.whitespace_split = True
                words = list(lexer)
                for i, word in enumerate(words):
                    if word.endswith("slm-atlas"):
                        rest = words[i + 1 :]
                        end = next((j for j, w in enumerate(rest) if w in ("&&", "||", ";", "|", ">", "2>")), len(rest))
                        found.append(rest[:end])
    return found


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_slm_atlas_command_in_a_workflow_parses(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    for argv in commands(workflow):
        parser().parse_args(argv)  # exits 2 on an unknown command or flag


def test_pages_workflow_builds_the_site_and_deploys_it():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert [argv[0] for argv in commands(workflow)] == ["validate", "build", "site"]
    steps = workflow["jobs"]["build"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "build/site"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_a_wrong_command_would_be_caught():
    broken = {"jobs": {"j": {"steps": [{"run": ".venv/bin/slm-atlas site --nope"}]}}}
    with pytest.raises(SystemExit):
        for argv in commands(broken):
            parser().parse_args(argv)


def test_hub_refresh_workflow_proposes_only_catalog_hub():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "refresh-hub.yml").read_text(encoding="utf-8"))
    assert [argv[:2] for argv in commands(workflow)] == [["hub", "refresh"], ["build", "--no-export"]]
    steps = workflow["jobs"]["refresh"]["steps"]
    pull = next(s for s in steps if s.get("uses", "").startswith("peter-evans/create-pull-request"))
    assert pull["with"]["add-paths"] == "catalog/hub/*.json"
    guard = next(s for s in steps if s.get("name") == "Nothing outside catalog/hub changed")
    assert "grep -v ' catalog/hub/'" in guard["run"]
    refresh = next(s for s in steps if "hub refresh" in s.get("run", ""))
    assert refresh["env"] == {"HF_TOKEN": "${{ secrets.HF_TOKEN }}"}
    assert True in workflow and "schedule" in workflow[True]  # PyYAML reads the key `on` as true


def test_ci_workflow_runs_the_checks_a_pull_request_needs():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert [argv for argv in commands(workflow)] == [
        ["validate", "--format", "github"],
        ["fmt", "--check"],
        ["schema", "--check"],
    ]
    runs = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert ".ci/run" in runs
    guard = next(step for step in workflow["jobs"]["test"]["steps"] if "machine-files-guard" in step.get("run", ""))
    assert guard["if"] == "github.event_name == 'pull_request'"
    assert (REPO / ".ci" / "machine-files-guard").stat().st_mode & 0o111


def test_machine_files_guard_rejects_hand_edits_and_mixed_changes(tmp_path):
    import shutil
    import subprocess

    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, capture_output=True, text=True, check=True)

    shutil.copytree(REPO / ".ci", tmp_path / ".ci")
    (tmp_path / "catalog" / "hub").mkdir(parents=True)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    fake = tmp_path / ".venv" / "bin" / "slm-atlas"  # stands in for the build: fails on a file marked broken
    fake.write_text("#!/usr/bin/env bash\n! grep -rq broken catalog/hub\n")
    fake.chmod(0o755)
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q", "-m", "base")

    def change(branch, files):
        git("checkout", "-q", "-b", branch, "main")
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        git("add", "-A")
        git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q", "-m", branch)
        return subprocess.run([".ci/machine-files-guard", "main"], cwd=tmp_path, capture_output=True, text=True)

    mixed = change("mixed", {"catalog/hub/m.json": "{}", "README.md": "hand edit"})
    assert mixed.returncode == 1 and "changed together with hand-edited ones" in mixed.stderr
    broken = change("broken", {"catalog/hub/m.json": '{"broken": true}'})
    assert broken.returncode == 1 and "do not load" in broken.stderr
    good = change("good", {"catalog/hub/m.json": "{}"})
    assert (good.returncode, good.stdout) == (0, "guard: 1 machine-owned file(s) load and are alone in this change\n")
