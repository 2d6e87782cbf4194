"""Which weights a sweep measures: `random` (built from the record's architecture, the default),
a local checkpoint (`--weights PATH`) or the record's published weights (`--weights hub`).

Latency and memory depend on the architecture and the format, not on the values, so random
weights give the same numbers where the weights cannot be had; real ones check that claim and
measure what a stand-in module cannot. Every result says which it used (`weights`) and names
the weights' revision (`model_revision`): the Hub's commit for `hub`, a SHA-256 of the files for
a local checkpoint, `random-weights` otherwise.

torch reads a transformers checkpoint (a folder with config.json and its weight files); llama.cpp
reads a GGUF file, which it quantizes with its own quantizer like the random ones. The Hub's
repositories hold transformers checkpoints, which llama.cpp cannot read without its converter
(convert_hf_to_gguf.py, not shipped with llama-cpp-python), so `hub` is torch's only.
"""

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..hub.client import Clock, HubFailure, Retry, with_retries

# the files of a transformers checkpoint that the measurement reads
CHECKPOINT_FILES = ["config.json", "*.safetensors", "*.safetensors.index.json"]


class WeightsError(ValueError):
    """Weights that cannot be measured, with the reason for the user."""


@dataclass(frozen=True)
class Weights:
    kind: str  # random | local | hub (Measurement.weights)
    path: Path | None  # the checkpoint folder (torch) or GGUF file (llama.cpp); None when random
    revision: str  # Measurement.model_revision

    @property
    def suffix(self) -> str:
        """What result file names add, so that real-weight results never replace random ones."""
        return "" if self.kind == "random" else f"__{self.kind}"


RANDOM = Weights("random", None, "random-weights")


def local(path: Path, backend: str) -> Weights:
    """A checkpoint on disk: a folder with config.json for torch, a .gguf file for llama.cpp."""
    if backend == "llamacpp":
        if not path.is_file() or path.suffix != ".gguf":
            raise WeightsError(
                f"--weights {path}: llama.cpp measures a GGUF file (convert a transformers checkpoint"
                " with llama.cpp's convert_hf_to_gguf.py first)"
            )
        return Weights("local", path, "sha256:" + digest([path]))
    if not (path / "config.json").is_file():
        raise WeightsError(f"--weights {path}: not a transformers checkpoint (no config.json in that folder)")
    files = sorted(p for p in path.iterdir() if p.suffix in (".safetensors", ".bin") and p.is_file())
    if not files:
        raise WeightsError(f"--weights {path}: the folder has config.json but no *.safetensors or *.bin weights")
    return Weights("local", path, "sha256:" + digest([path / "config.json", *files]))


def digest(files: list[Path]) -> str:
    """SHA-256 over the files' names and contents, in order (the first 16 hex digits)."""
    total = hashlib.sha256()
    for file in files:
        total.update(file.name.encode() + b"\0")
        with file.open("rb") as handle:
            total.update(hashlib.file_digest(handle, "sha256").digest())
    return total.hexdigest()[:16]


DOWNLOAD_DEADLINE = 3600.0


def from_hub(record: Any, endpoint: str, backend: str) -> Weights:
    """Download the record's repository (config.json and safetensors only) at the Hub's current
    commit into the Hugging Face cache; the result names that commit."""
    if backend == "llamacpp":
        raise WeightsError(
            "--weights hub: the Hub's repositories hold transformers checkpoints, which llama.cpp"
            " reads only after conversion; convert one to GGUF and pass --weights FILE.gguf"
        )
    from huggingface_hub import HfApi
    from huggingface_hub.errors import LocalEntryNotFoundError

    api = HfApi(endpoint=endpoint, token=os.environ.get("HF_TOKEN") or False)
    retry = Retry()
    clock = Clock(time.monotonic() + DOWNLOAD_DEADLINE)  # weights are gigabytes: the model's deadline is an hour
    try:
        info = with_retries(lambda: api.model_info(record.hub_repo, timeout=retry.timeout), retry, clock)
        folder = with_retries(
            lambda: api.snapshot_download(record.hub_repo, revision=info.sha, allow_patterns=CHECKPOINT_FILES),
            retry,
            clock,
        )
    except HubFailure as failure:
        raise WeightsError(f"--weights hub: {record.hub_repo}: {failure.detail}") from None
    except (LocalEntryNotFoundError, OSError) as exc:  # a download that failed after the info answered
        raise WeightsError(f"--weights hub: {record.hub_repo}: download failed: {str(exc).splitlines()[0]}") from None
    if not info.sha:
        raise WeightsError(f"--weights hub: {record.hub_repo}: the Hub named no revision")
    return Weights("hub", Path(folder), info.sha)


def choose(choice: str, records: list[Any], backend: str, endpoint: str) -> dict[str, Weights]:
    """The weights for each record: `random`, `hub`, or a PATH (one record only)."""
    if choice == "random":
        return {r.id: RANDOM for r in records}
    if choice == "hub":
        return {r.id: from_hub(r, endpoint, backend) for r in records}
    if len(records) != 1:
        raise WeightsError(f"--weights {choice}: a local checkpoint is one model's; name exactly one model id")
    return {records[0].id: local(Path(choice), backend)}
