"""Read and parse many YAML files on every core, yielding results in input order.

Parsing is the larger half of validation, and it is independent per file, so large catalogs are
split across worker processes; small ones (the common case) are read in this process, where
starting workers would cost more than it saves. Workers send back plain data only: positions are
re-read from the file in this process if an error needs them (see `Document`).
"""

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .yaml_reader import Document, YamlError, read_yaml

PARALLEL_FROM = 400  # files; below this, one process is faster
CHUNK = 100

Outcome = Document | YamlError | OSError


def read_one(path: Path) -> Outcome:
    """The parsed document, or the error that stopped it."""
    try:
        return read_yaml(path)
    except (YamlError, OSError) as err:
        return err


Payload = tuple[
    str, Any
]  # ("data", the document's data) | ("yaml-error", (mark, code, message)) | ("os-error", (errno, text))


def _read_chunk(paths: list[Path]) -> list[Payload]:
    """Worker side: data of each good document (no positions), or the error's fields."""
    out: list[Payload] = []
    for path in paths:
        result = read_one(path)
        if isinstance(result, Document):
            out.append(("data", result.data))
        elif isinstance(result, YamlError):
            out.append(("yaml-error", (result.mark, result.code, result.message)))
        else:
            out.append(("os-error", (result.errno, result.strerror)))
    return out


def _rebuild(path: Path, kind: str, payload: Any) -> Outcome:
    if kind == "data":
        return Document(path=path, data=payload)
    if kind == "yaml-error":
        mark, code, message = payload
        return YamlError(path, mark, code, message)
    errno, strerror = payload
    return OSError(errno, strerror)


def read_many(paths: list[Path], workers: int | None = None) -> Iterator[tuple[Path, Outcome]]:
    """(path, Document or the error) for every path, in order."""
    workers = workers or min(os.cpu_count() or 1, 4)
    if len(paths) < PARALLEL_FROM or workers < 2:
        for path in paths:
            yield path, read_one(path)
        return
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk, results in zip(chunks, pool.map(_read_chunk, chunks), strict=True):
            for path, (kind, payload) in zip(chunk, results, strict=True):
                yield path, _rebuild(path, kind, payload)
