"""Shared fixtures. Every test runs offline: an autouse fixture makes any socket connection fail."""

import os
import shutil
import socket
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden expected files; review the diff")


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail loudly if any code under test connects anywhere but this machine's loopback (where
    the tests' own servers, a fake Hub and the site, listen)."""
    connect, create_connection = socket.socket.connect, socket.create_connection

    def guarded_connect(self, address, *args, **kwargs):
        if isinstance(address, tuple) and address[0] not in LOOPBACK:
            raise OSError(f"network access is blocked in tests (tried {address[0]})")
        return connect(self, address, *args, **kwargs)

    def guarded_create_connection(address, *args, **kwargs):
        if address[0] not in LOOPBACK:
            raise OSError(f"network access is blocked in tests (tried {address[0]})")
        return create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def make_catalog(root: Path, models: dict[str, str] | None = None, with_fixture_model: bool = True) -> Path:
    """A catalog under `root` from the frozen fixture lists; returns its catalog directory."""
    shutil.copytree(FIXTURES / "survey", root / "survey")
    shutil.copytree(FIXTURES / "catalog", root / "catalog")
    if not with_fixture_model:
        for path in (root / "catalog" / "models").glob("*.yaml"):
            path.unlink()
    for name, text in (models or {}).items():
        (root / "catalog" / "models" / name).write_text(text, encoding="utf-8")
    return root / "catalog"


@pytest.fixture
def catalog_dir(tmp_path, monkeypatch) -> Path:
    """A valid fixture catalog in a temporary folder, which is also the working directory."""
    monkeypatch.chdir(tmp_path)
    return make_catalog(tmp_path)


@pytest.fixture
def base_record() -> str:
    """The fixture model record's YAML text (valid against the fixture lists)."""
    return (FIXTURES / "catalog" / "models" / "smollm-135m.yaml").read_text(encoding="utf-8")


def entry_from(text: str, filename: str = "smollm-135m.yaml"):
    """A validated Entry from YAML text, as the loader would make it."""
    from slm_atlas.catalog.loader import Entry
    from slm_atlas.catalog.yaml_reader import parse_yaml
    from slm_atlas.schema.model import ModelRecord

    doc = parse_yaml(text, Path("catalog/models") / filename)
    return Entry(record=ModelRecord.model_validate(doc.data), doc=doc)


@pytest.fixture(scope="session")
def context():
    """Rule context from the frozen fixture lists."""
    from slm_atlas.catalog.loader import load_catalog
    from slm_atlas.catalog.rules import Context

    return Context.of(load_catalog(FIXTURES / "catalog"))


def edit(text: str, old: str, new: str) -> str:
    """Replace one exact snippet; fails when the snippet is absent so tests cannot silently pass."""
    assert old in text, f"snippet not found: {old!r}"
    return text.replace(old, new, 1)
