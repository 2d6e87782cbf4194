"""Whether the built database still matches its inputs, and a rebuild when it does not.

Freshness is decided by content, not by times: the build stores the path and SHA-256 of every
input file (records, shared lists, references, Hub snapshots, measurements) and of the code that
builds (`(builder)`) in the table `build_inputs`. The database is stale when that set differs from
the files on disk now — a record added, edited (even with an old modification time) or removed.
Shared by the commands that read the database and build it first when needed (`site`, `findings`,
`stale`), so all agree on what "stale" means.
"""

from pathlib import Path

import duckdb

from .build import EXPORT_FORMATS
from .build import build as build_database
from .connect import read_only
from .inputs import manifest


def stored_manifest(database: Path) -> dict[str, str] | None:
    """The manifest a database was built from; None when it is missing, unreadable or older than manifests."""
    if not database.exists():
        return None
    try:
        con = read_only(database)
        try:
            return dict(con.execute("SELECT path, sha256 FROM build_inputs").fetchall())
        finally:
            con.close()
    except duckdb.Error:
        return None


def database_is_stale(catalog_dir: Path, database: Path) -> bool:
    """True when the database is missing or was built from other inputs than those on disk now."""
    return stored_manifest(database) != manifest(catalog_dir)


def ensure_database(catalog_dir: Path, database: Path, export_dir: Path) -> bool:
    """Build the database (and exports) when missing or stale; True when it was rebuilt. Raises BuildError."""
    exports = [export_dir / f"models.{suffix}" for suffix in EXPORT_FORMATS]
    if database_is_stale(catalog_dir, database) or not all(path.exists() for path in exports):
        build_database(catalog_dir, database, export_dir)
        return True
    return False
