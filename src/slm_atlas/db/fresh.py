"""Whether the built database is older than its inputs, and a rebuild when it is.

Shared by the commands that read the database and build it first when needed (`site`,
`findings`), so both agree on what "stale" means.
"""

from pathlib import Path

from .build import EXPORT_FORMATS
from .build import build as build_database
from .machine_files import machine_paths


def catalog_inputs(catalog_dir: Path) -> list[Path]:
    """Every file the database is built from: records, lists, references and machine-written files."""
    files = [p for p in catalog_dir.rglob("*") if p.is_file() and p.suffix in (".yaml", ".json")]
    files += [p for p in (catalog_dir.parent / "survey").glob("*.yaml")]
    files += [path for _, _, path in machine_paths(catalog_dir)]
    return files


def database_is_stale(catalog_dir: Path, database: Path) -> bool:
    """True when the database is missing or older than any of its inputs."""
    if not database.exists():
        return True
    built = database.stat().st_mtime
    return any(path.stat().st_mtime > built for path in catalog_inputs(catalog_dir))


def ensure_database(catalog_dir: Path, database: Path, export_dir: Path) -> bool:
    """Build the database (and exports) when missing or stale; True when it was rebuilt. Raises BuildError."""
    exports = [export_dir / f"models.{suffix}" for suffix in EXPORT_FORMATS]
    if database_is_stale(catalog_dir, database) or not all(path.exists() for path in exports):
        build_database(catalog_dir, database, export_dir)
        return True
    return False
