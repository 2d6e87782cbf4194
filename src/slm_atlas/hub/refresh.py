"""`slm-atlas hub refresh`: one snapshot per record, written atomically to catalog/hub/<id>.json.

A failure never loses data: a repository that is now missing or gated, or an answer that makes no
sense, updates only the snapshot's status (and creates a status-only snapshot when there was
none). Models are fetched by a bounded pool of workers; each file is written to a temporary name
and renamed, so an interrupted run leaves whole files only.
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..catalog.yaml_reader import MAX_BYTES
from ..files import json_text, remove_stale, write_text
from ..schema.machine import HubSnapshot
from ..schema.model import ModelRecord
from .client import Clock, HubFailure, Retry, RetryBudget, fetch

DEFAULT_ENDPOINT = "https://huggingface.co"


class RefreshError(Exception):
    """The refresh could not start (offline mode, unknown ids); nothing was written."""


class SnapshotTooLarge(ValueError):
    """An answer that would make a snapshot file too large for the build to read."""


@dataclass
class Outcome:
    model_id: str
    status: str
    detail: str | None
    kept_previous: bool = False


@dataclass
class RefreshReport:
    endpoint: str
    outcomes: list[Outcome] = field(default_factory=list)
    retries_used: int = 0
    retries_allowed: int = 0

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status != "ok"]


def endpoint_from(option: str | None) -> str:
    """--endpoint, else HF_ENDPOINT, else the public Hub."""
    return (option or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def snapshot_path(catalog_dir: Path, model_id: str) -> Path:
    return catalog_dir / "hub" / f"{model_id}.json"


def read_previous(path: Path) -> HubSnapshot | None:
    """The snapshot already on disk, when it is whole and valid (a broken one is replaced)."""
    try:
        return HubSnapshot.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError, ValueError):
        return None


def snapshot_text(snapshot: HubSnapshot) -> str:
    """The snapshot file's text; SnapshotTooLarge when the build could not read it back."""
    text = json_text(snapshot.model_dump(mode="json"))
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise SnapshotTooLarge(
            f"the snapshot would be {len(text.encode('utf-8')):,} bytes, over the {MAX_BYTES:,} the build reads"
        )
    return text


def write_snapshot(path: Path, snapshot: HubSnapshot) -> None:
    write_text(path, snapshot_text(snapshot))


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _from_answer(record: ModelRecord, endpoint: str, answer: Any, when: datetime) -> HubSnapshot:
    info = answer.info
    card = info.card_data
    licence = card.get("license") if card is not None else None
    return HubSnapshot(
        model_id=record.id,
        hub_repo=record.hub_repo,
        endpoint=endpoint,
        status="ok",
        checked_at=when,
        fetched_at=when,
        sha=info.sha,
        created_at=info.created_at,
        last_modified=info.last_modified,
        downloads=info.downloads,
        likes=info.likes,
        gated=info.gated or None,
        license=licence if isinstance(licence, str) else None,
        pipeline_tag=info.pipeline_tag,
        library_name=info.library_name,
        safetensors_parameters=info.safetensors.total if info.safetensors else None,
        tags=list(info.tags or []),
        config=answer.config,
    )


def refresh_one(
    api: Any, record: ModelRecord, catalog_dir: Path, endpoint: str, retry: Retry, budget: RetryBudget | None = None
) -> Outcome:
    path = snapshot_path(catalog_dir, record.id)
    previous = read_previous(path)
    when = _now()
    clock = Clock(time.monotonic() + retry.model_deadline, budget or RetryBudget(10**9))
    try:
        answer = fetch(api, record.hub_repo, retry, clock)
        snapshot = _from_answer(record, endpoint, answer, when)
        snapshot_text(snapshot)
    except (HubFailure, ValidationError, SnapshotTooLarge) as exc:
        if isinstance(exc, HubFailure):
            status, detail = exc.status, exc.detail
        elif isinstance(exc, SnapshotTooLarge):
            status, detail = "error", f"answer too large: {exc}; not saved"
        else:
            status, detail = "error", f"malformed answer: {exc.error_count()} invalid fields"
        update = {"status": status, "status_detail": detail, "checked_at": when, "endpoint": endpoint}
        snapshot = (
            previous.model_copy(update=update)
            if previous
            else HubSnapshot(model_id=record.id, hub_repo=record.hub_repo, **update)
        )
        write_snapshot(path, HubSnapshot.model_validate(snapshot.model_dump()))
        return Outcome(
            record.id, status, detail, kept_previous=previous is not None and previous.fetched_at is not None
        )
    write_snapshot(path, snapshot)
    return Outcome(record.id, "ok", None)


def refresh(
    records: list[ModelRecord],
    catalog_dir: Path,
    endpoint: str,
    workers: int,
    retry: Retry | None = None,
    progress: bool = True,
    max_retries: int = 100,
) -> RefreshReport:
    """Refresh every record's snapshot with at most `workers` requests in flight."""
    retry = retry or Retry()
    from huggingface_hub import HfApi, constants

    if constants.is_offline_mode():
        raise RefreshError("HF_HUB_OFFLINE is set: the Hub may not be asked; unset it to refresh")
    # HF_TOKEN from the environment only (False: never a token file); it goes into request headers, nowhere else
    api = HfApi(endpoint=endpoint, token=os.environ.get("HF_TOKEN") or False)
    report = RefreshReport(endpoint, retries_allowed=max_retries)
    budget = RetryBudget(max_retries)
    remove_stale(catalog_dir / "hub")
    bar = _bar(len(records), progress)
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        futures = {
            pool.submit(refresh_one, api, record, catalog_dir, endpoint, retry, budget): record for record in records
        }
        for future in as_completed(futures):
            report.outcomes.append(future.result())
            bar.update(1)
    except KeyboardInterrupt:
        pool.shutdown(wait=True, cancel_futures=True)  # running workers finish their (atomic) write
        raise
    finally:
        pool.shutdown(wait=True)
        bar.close()
    report.outcomes.sort(key=lambda o: o.model_id)
    report.retries_used = budget.used
    return report


def _bar(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="model", desc="hub refresh", disable=not enabled, leave=False)
