"""Reading and writing files safely: whole or not at all, and never more than a limit.

Every output of the atlas is written by `write_text`, `write_json` or `write_bytes`: into a
temporary file beside its target (`.NAME.tmp-PID-RANDOM`), then renamed over it, so a reader never
sees half a file and a killed command leaves at most a temporary file, which `remove_stale` deletes
at the next start (when the process that made it is gone). JSON is always written the same way:
two-space indents, keys in the order given, UTF-8, one newline at the end.

`read_limited` reads an input that may be hostile: only a regular file (not a FIFO, a device or a
directory, also through a symbolic link), at most `max_bytes`, and a symbolic-link loop is an
OSError like any other unreadable file.
"""

import errno
import json
import os
import re
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_TEMPORARY = re.compile(r"^\..+\.tmp-(\d+)-[0-9a-f]+$")


class InputError(OSError):
    """A file that is not a readable regular file within its size limit."""


def temporary_for(target: Path) -> Path:
    """A fresh temporary name beside `target` (hidden, marked with this process's id)."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` for a writer that takes a file name (a GGUF writer, a quantizer):
    renamed over `target` when the block ends normally, deleted when it raises."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_for(target)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _write(target: Path, write: Callable[[Path], None]) -> Path:
    with atomic_path(target) as temporary:
        write(temporary)
    return target


def write_text(target: Path, text: str) -> Path:
    """Write UTF-8 text to `target` atomically."""
    return _write(target, lambda tmp: _discard(tmp.write_text(text, encoding="utf-8")))


def write_bytes(target: Path, data: bytes) -> Path:
    return _write(target, lambda tmp: _discard(tmp.write_bytes(data)))


def _discard(_: object) -> None:
    """Drop a writer's return value (the count of what it wrote)."""


def json_text(data: Any) -> str:
    """The one JSON layout of the atlas's machine-written files."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_json(target: Path, data: Any) -> Path:
    return write_text(target, json_text(data))


def is_temporary(name: str) -> bool:
    """Whether a file name is one of `temporary_for`'s."""
    return bool(_TEMPORARY.match(name))


def remove_stale(folder: Path) -> list[Path]:
    """Delete the temporary files (and folders) left in `folder` by processes that no longer run."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _TEMPORARY.match(path.name)
        if not match or process_alive(int(match.group(1))):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process of that id runs (this one counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; InputError (with the reason) otherwise."""
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(exc.errno, _reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        mode = info.st_mode
        kind = (
            "a folder"
            if stat.S_ISDIR(mode)
            else "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a special file"
        )
        raise InputError(0, f"{kind}, not a regular file")
    if info.st_size > max_bytes:
        raise InputError(0, f"file is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while being read
        raise InputError(0, f"file is over the limit of {max_bytes:,} bytes")
    return data


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return exc.strerror or str(exc)
