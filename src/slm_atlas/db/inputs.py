"""The inputs of a database build, by content: every file it reads and the code that builds it.

`manifest` maps each input's path (relative to the repository root) to its SHA-256, plus one hash
of the builder's code under `(builder)`. The build stores it in `build_inputs`; `fresh` compares.
"""

import hashlib
from pathlib import Path

from .machine_files import machine_paths

BUILDER = "(builder)"
_CODE = ("schema", "catalog", "db")  # the packages whose code shapes the database


def catalog_inputs(catalog_dir: Path) -> list[Path]:
    """Every file the database is built from: records, lists, references and machine-written files."""
    files = [p for p in catalog_dir.rglob("*") if p.is_file() and p.suffix in (".yaml", ".json")]
    files += [p for p in (catalog_dir.parent / "survey").glob("*.yaml")]
    files += [path for _, _, path in machine_paths(catalog_dir)]
    return sorted(set(files))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def builder_digest() -> str:
    """One hash of the code that turns inputs into the database (a changed view or schema rebuilds it)."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for folder in _CODE:
        for path in sorted((package / folder).rglob("*")):
            if path.suffix in (".py", ".sql") and "__pycache__" not in path.parts:
                digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def manifest(catalog_dir: Path) -> dict[str, str]:
    """{path relative to the repository root: SHA-256} of every input, and the builder's hash."""
    root = catalog_dir.parent
    found = {}
    for path in catalog_inputs(catalog_dir):
        try:
            found[path.relative_to(root).as_posix()] = _digest(path)
        except OSError:
            found[path.relative_to(root).as_posix()] = "unreadable"
    found[BUILDER] = builder_digest()
    return found
