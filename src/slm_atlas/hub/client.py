"""Ask the Hub about one repository: model info and config.json, with retries.

Retries (with exponential backoff) cover 429 (waiting as long as `Retry-After` says, when it
does), 5xx answers, timeouts and dropped connections. A 404 or a gated repository is final and
becomes the model's status; so does an answer that is not the JSON the Hub sends.
"""

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypeVar

T = TypeVar("T")
# model_info fields the snapshot keeps
EXPAND = ["sha", "createdAt", "lastModified", "downloads", "likes", "cardData", "tags", "gated", "library_name",
          "pipeline_tag", "safetensors"]


@dataclass(frozen=True)
class Retry:
    attempts: int = 5          # tries per request, the first included
    base_delay: float = 1.0    # seconds before the second try; doubles each time
    max_delay: float = 60.0    # no wait is longer (Retry-After included)
    timeout: float = 20.0      # seconds per request


class HubFailure(Exception):
    """A final answer for this model: status not_found, gated or error, with the detail."""

    def __init__(self, status: str, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _classify(exc: Exception) -> tuple[bool, float | None, HubFailure]:
    """(retry?, wait the server asked for, the failure if this is the last word)."""
    import httpx2
    from huggingface_hub.errors import GatedRepoError, HfHubHTTPError, RepositoryNotFoundError

    if isinstance(exc, GatedRepoError):
        return False, None, HubFailure("gated", f"gated repository ({exc.response.status_code}): access not granted")
    if isinstance(exc, RepositoryNotFoundError):
        return False, None, HubFailure("not_found", f"repository not found ({exc.response.status_code}): renamed, removed or private")
    if isinstance(exc, HfHubHTTPError) and exc.response is not None:
        code = exc.response.status_code
        if code in (401, 403):
            return False, None, HubFailure("gated", f"access refused ({code})")
        if code == 404:
            return False, None, HubFailure("not_found", "not found (404)")
        if code == 429 or code >= 500:
            return True, _retry_after(exc.response.headers.get("Retry-After")), HubFailure("error", f"HTTP {code} after retries")
        return False, None, HubFailure("error", f"HTTP {code}")
    if isinstance(exc, httpx2.TimeoutException):
        return True, None, HubFailure("error", "timed out after retries")
    if isinstance(exc, httpx2.TransportError):
        return True, None, HubFailure("error", f"connection failed after retries ({type(exc).__name__})")
    if isinstance(exc, (ValueError, KeyError, TypeError)):
        return False, None, HubFailure("error", f"malformed answer: {exc}")
    raise exc


def pause(seconds: float) -> None:
    """Wait between tries (a function of its own so that tests can record the waits)."""
    time.sleep(seconds)


def with_retries(call: Callable[[], T], retry: Retry, sleep: Callable[[float], None] | None = None) -> T:
    sleep = sleep or pause
    delay = retry.base_delay
    for attempt in range(1, retry.attempts + 1):
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - _classify re-raises what it does not know
            again, asked, failure = _classify(exc)
            if not again or attempt == retry.attempts:
                raise failure from None
            sleep(min(retry.max_delay, asked if asked is not None else delay))
            delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def config_from_hub(repo: str, endpoint: str) -> tuple[dict[str, Any], str]:
    """A repository's config.json and the revision it was read at (token from HF_TOKEN only)."""
    import os

    from huggingface_hub import HfApi

    answer = fetch(HfApi(endpoint=endpoint, token=os.environ.get("HF_TOKEN") or False), repo, Retry())
    if answer.config is None:
        raise HubFailure("error", "the repository has no config.json")
    return answer.config, answer.info.sha


@dataclass
class HubAnswer:
    info: Any                       # huggingface_hub.ModelInfo
    config: dict[str, Any] | None   # config.json at info.sha, None when the repository has none


def fetch(api: Any, repo: str, retry: Retry, sleep: Callable[[float], None] | None = None) -> HubAnswer:
    """Model info, then config.json at the revision the info names."""
    from huggingface_hub import hf_hub_url
    from huggingface_hub.errors import RemoteEntryNotFoundError
    from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

    info = with_retries(lambda: api.model_info(repo, timeout=retry.timeout, expand=EXPAND), retry, sleep)
    if not info.sha:
        raise HubFailure("error", "malformed answer: no revision sha")

    def config() -> dict[str, Any] | None:
        url = hf_hub_url(repo, "config.json", revision=info.sha, endpoint=api.endpoint)
        response = get_session().get(url, headers=build_hf_headers(token=api.token), timeout=retry.timeout, follow_redirects=True)
        try:
            hf_raise_for_status(response)
        except RemoteEntryNotFoundError:
            return None
        data = response.json()
        if not isinstance(data, dict):
            raise ValueError("config.json is not a JSON object")
        return data

    return HubAnswer(info, with_retries(config, retry, sleep))
