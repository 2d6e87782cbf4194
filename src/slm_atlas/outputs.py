"""Outputs replaced as one unit: each build fills a new versioned folder, then one link is switched.

`build/site` is a symbolic link to `build/.site.versions/<version>/`; the database and its exports
are reached through `build/.slm-atlas.duckdb.current`, a link to `build/.slm-atlas.duckdb.versions/<version>/`
which holds `slm-atlas.duckdb` and `export/`, and `build/slm-atlas.duckdb` and `build/export` are
fixed links into it. A build writes its whole version first and then replaces the one link with
`os.replace` (atomic on POSIX), so a reader sees the old unit or the new one, never none and never
a mix of two builds, whenever the build is killed. Old versions are deleted after the switch, and
versions left by killed builds are deleted at the next build (their process is gone). A lock file
keeps two builds of the same outputs from publishing at once.

The first build over an older layout (a real file or folder where the link goes) moves it aside
once; that move is the only moment a kill could leave the path missing, and the next build
restores it.
"""

import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .files import process_alive

_VERSION = re.compile(r"^\d{8}T\d{6}-(\d+)-\d+$")


def _stem(pointer: Path) -> str:
    """`site` for build/site, `slm-atlas.duckdb` for build/.slm-atlas.duckdb.current."""
    return pointer.name.lstrip(".").removesuffix(".current")


def _versions_dir(pointer: Path) -> Path:
    return pointer.with_name(f".{_stem(pointer)}.versions")


@contextmanager
def locked(pointer: Path) -> Iterator[None]:
    """Hold the lock of the outputs behind `pointer` (one build publishes at a time)."""
    pointer.parent.mkdir(parents=True, exist_ok=True)
    with open(pointer.with_name(f".{_stem(pointer)}.lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def current(pointer: Path) -> Path | None:
    """The version folder `pointer` links to now (None when it is no link)."""
    if not pointer.is_symlink():
        return None
    return (pointer.parent / os.readlink(pointer)).resolve()


def new_version(pointer: Path) -> Path:
    """A new, empty version folder for the outputs behind `pointer`."""
    folder = (
        _versions_dir(pointer)
        / f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}-{time.monotonic_ns() % 10**9}"
    )
    folder.mkdir(parents=True)
    return folder


def _link(target: str, path: Path) -> None:
    """Make `path` a symbolic link to `target`, atomically replacing a link or file already there."""
    temporary = path.with_name(f".{path.name.lstrip('.')}.link-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    if path.is_dir() and not path.is_symlink():  # an older layout's real folder: moved aside once
        aside = path.with_name(f".{path.name.lstrip('.')}.before-links-{os.getpid()}")
        os.rename(path, aside)
        os.replace(temporary, path)
        shutil.rmtree(aside, ignore_errors=True)
        return
    os.replace(temporary, path)


def publish(pointer: Path, version: Path) -> None:
    """Switch `pointer` to `version` (one atomic rename), then delete every other version not in use."""
    _link(os.path.relpath(version, pointer.parent), pointer)
    prune(pointer)


def prune(pointer: Path) -> list[Path]:
    """Delete the versions `pointer` does not link to, except those a running build is still writing."""
    keep = current(pointer)
    removed = []
    folder = _versions_dir(pointer)
    for version in sorted(folder.iterdir()) if folder.is_dir() else []:
        match = _VERSION.match(version.name)
        owner = int(match.group(1)) if match else None
        if version.resolve() == keep or (owner is not None and owner != os.getpid() and process_alive(owner)):
            continue
        shutil.rmtree(version, ignore_errors=True)
        removed.append(version)
    for stray in pointer.parent.glob(f".{pointer.name.lstrip('.')}.before-links-*"):  # a killed migration: restore
        if not os.path.lexists(pointer):
            os.rename(stray, pointer)
        else:
            shutil.rmtree(stray, ignore_errors=True)
    return removed


def fixed_link(path: Path, target: Path) -> None:
    """Make `path` a link to `target` (through the pointer) unless it is one already."""
    wanted = os.path.relpath(target, path.parent)
    if path.is_symlink() and os.readlink(path) == wanted:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _link(wanted, path)


def remove_link(path: Path) -> None:
    """Remove `path` when it is a link (an output this build does not produce any more)."""
    if path.is_symlink():
        path.unlink()
