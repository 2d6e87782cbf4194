"""`slm-atlas hub refresh`: one snapshot per record, written atomically to catalog/hub/<id>.json.

A failure never loses data: a repository that is now missing or gated, or an answer that makes no
sense, updates only the snapshot's status (and creates a status-only snapshot when there was
none). Models are fetched by a bounded pool of workers; each file is written to a temporary name
and renamed, so an interrupted run leaves whole files only.
"""

import json
import os
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..schema.machine import HubSnapshot
from ..schema.model import ModelRecord
from .client import HubFailure, Retry, fetch

DEFAULT_ENDPOINT = "https://huggingface.co"


class RefreshError(Exception):
    """The refresh could not start (offline mode, unknown ids); nothing was written."""


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


def write_snapshot(path: Path, snapshot: HubSnapshot) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}-{id(snapshot)}")
    data = snapshot.model_dump(mode="json")
    temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _from_answer(record: ModelRecord, endpoint: str, answer: Any, when: datetime) -> HubSnapshot:
    info = answer.info
    card = info.card_data
    licence = card.get("license") if card is not None else None
    return HubSnapshot(
        model_id=record.id, hub_repo=record.hub_repo, endpoint=endpoint, status="ok", checked_at=when, fetched_at=when,
        sha=info.sha, created_at=info.created_at, last_modified=info.last_modified, downloads=info.downloads,
        likes=info.likes, gated=info.gated or None, license=licence if isinstance(licence, str) else None,
        pipeline_tag=info.pipeline_tag, library_name=info.library_name,
        safetensors_parameters=info.safetensors.total if info.safetensors else None, tags=list(info.tags or []),
        config=answer.config,
    )


def refresh_one(api: Any, record: ModelRecord, catalog_dir: Path, endpoint: str, retry: Retry) -> Outcome:
    path = snapshot_path(catalog_dir, record.id)
    previous = read_previous(path)
    when = _now()
    try:
        answer = fetch(api, record.hub_repo, retry)
        snapshot = _from_answer(record, endpoint, answer, when)
    except (HubFailure, ValidationError) as exc:
        status, detail = (exc.status, exc.detail) if isinstance(exc, HubFailure) else ("error", f"malformed answer: {exc.error_count()} invalid fields")
        update = {"status": status, "status_detail": detail, "checked_at": when, "endpoint": endpoint}
        snapshot = previous.model_copy(update=update) if previous else HubSnapshot(
            model_id=record.id, hub_repo=record.hub_repo, **update)
        write_snapshot(path, HubSnapshot.model_validate(snapshot.model_dump()))
        return Outcome(record.id, status, detail, kept_previous=previous is not None and previous.fetched_at is not None)
    write_snapshot(path, snapshot)
    return Outcome(record.id, "ok", None)


def refresh(records: list[ModelRecord], catalog_dir: Path, endpoint: str, workers: int, retry: Retry = Retry(),
            progress: bool = True) -> RefreshReport:
    """Refresh every record's snapshot with at most `workers` requests in flight."""
    from huggingface_hub import HfApi, constants

    if constants.is_offline_mode():
        raise RefreshError("HF_HUB_OFFLINE is set: the Hub may not be asked; unset it to refresh")
    # HF_TOKEN from the environment only (False: never a token file); it goes into request headers, nowhere else
    api = HfApi(endpoint=endpoint, token=os.environ.get("HF_TOKEN") or False)
    report = RefreshReport(endpoint)
    bar = _bar(len(records), progress)
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        futures = {pool.submit(refresh_one, api, record, catalog_dir, endpoint, retry): record for record in records}
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
    return report


def _bar(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="model", desc="hub refresh", disable=not enabled, leave=False)
