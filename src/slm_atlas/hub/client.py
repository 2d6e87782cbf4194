"""Ask the Hub about one repository: model info and config.json, with retries, inside hard limits.

Every request is bounded: a total deadline (connecting, headers and the whole body, not per read,
so a server that drips one byte at a time is cut off), a cap on the bytes of an answer (checked
while it arrives, so nothing oversize is kept), and a cap on redirects. Every model is bounded: a
deadline for its requests, retries and waits together. Every run is bounded: a budget of retries
shared by all models. A `Retry-After` longer than the longest wait is not waited for.

Retries (with exponential backoff) cover 429 (waiting as long as `Retry-After` says, within the
cap), 5xx answers, timeouts and dropped connections. A 404 or a gated repository is final and
becomes the model's status; so does an answer that is not the JSON the Hub sends, or is too big.
"""

import email.utils
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

T = TypeVar("T")
# model_info fields the snapshot keeps
EXPAND = [
    "sha",
    "createdAt",
    "lastModified",
    "downloads",
    "likes",
    "cardData",
    "tags",
    "gated",
    "library_name",
    "pipeline_tag",
    "safetensors",
]


@dataclass(frozen=True)
class Retry:
    attempts: int = 5  # tries per request, the first included
    base_delay: float = 1.0  # seconds before the second try; doubles each time
    max_delay: float = 30.0  # no wait is longer; a Retry-After beyond it ends the model's tries at once
    timeout: float = 20.0  # seconds for one whole request: connection, headers and body
    model_deadline: float = 120.0  # seconds for one model: its requests, retries and waits together
    max_redirects: int = 5
    max_info_bytes: int = 1_000_000  # a model-info answer (real ones are a few kilobytes)
    max_config_bytes: int = 500_000  # a config.json (real ones are a few kilobytes)


class RetryBudget:
    """Retries left for the whole run, shared by every model's requests (thread-safe)."""

    def __init__(self, total: int):
        self.total, self.used = total, 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.used >= self.total:
                return False
            self.used += 1
            return True


class HubFailure(Exception):
    """A final answer for this model: status not_found, gated or error, with the detail."""

    def __init__(self, status: str, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


class _Deadline(Exception):
    """The request (or the model) ran out of time."""


class _TooLarge(Exception):
    pass


class _Redirects(Exception):
    pass


@dataclass
class Clock:
    """The deadline of one model's work."""

    ends: float
    budget: RetryBudget = field(default_factory=lambda: RetryBudget(10**9))

    def left(self) -> float:
        return self.ends - time.monotonic()


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _classify(exc: Exception) -> tuple[bool, float | None, HubFailure]:
    """(retry?, wait the server asked for, the failure if this is the last word)."""
    import httpx2
    from huggingface_hub.errors import GatedRepoError, HfHubHTTPError, RepositoryNotFoundError

    if isinstance(exc, HubFailure):
        return False, None, exc
    if isinstance(exc, _Deadline):
        return True, None, HubFailure("error", "timed out after retries")
    if isinstance(exc, _TooLarge):
        return False, None, HubFailure("error", f"answer too large: {exc}; not saved")
    if isinstance(exc, _Redirects):
        return False, None, HubFailure("error", f"redirect loop: {exc}")
    if isinstance(exc, GatedRepoError):
        return False, None, HubFailure("gated", f"gated repository ({exc.response.status_code}): access not granted")
    if isinstance(exc, RepositoryNotFoundError):
        return (
            False,
            None,
            HubFailure("not_found", f"repository not found ({exc.response.status_code}): renamed, removed or private"),
        )
    if isinstance(exc, HfHubHTTPError) and exc.response is not None:
        code = exc.response.status_code
        if code in (401, 403):
            return False, None, HubFailure("gated", f"access refused ({code})")
        if code == 404:
            return False, None, HubFailure("not_found", "not found (404)")
        if code == 429 or code >= 500:
            return (
                True,
                _retry_after(exc.response.headers.get("Retry-After")),
                HubFailure("error", f"HTTP {code} after retries"),
            )
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


def with_retries(call: Callable[[], T], retry: Retry, clock: Clock, sleep: Callable[[float], None] | None = None) -> T:
    """`call()` until it succeeds or its failure is final, within the model's deadline and the run's retries."""
    sleep = sleep or pause
    delay = retry.base_delay
    for attempt in range(1, retry.attempts + 1):
        try:
            return call()
        except Exception as exc:
            again, asked, failure = _classify(exc)
            if not again or attempt == retry.attempts:
                raise failure from None
            if asked is not None and asked > retry.max_delay:
                raise HubFailure(
                    "error",
                    f"the Hub asked to wait {asked:.0f} s (over the {retry.max_delay:.0f} s cap); try again later",
                ) from None
            wait = asked if asked is not None else min(retry.max_delay, delay)
            if wait >= clock.left():
                raise HubFailure(
                    "error",
                    f"{failure.detail.removesuffix(' after retries')}; gave up at the model's"
                    f" {retry.model_deadline:.0f} s deadline",
                ) from None
            if not clock.budget.take():
                raise HubFailure(
                    "error",
                    f"{failure.detail.removesuffix(' after retries')}; the run's"
                    f" {clock.budget.total} retries are used up",
                ) from None
            sleep(wait)
            delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def bounded_get(
    url: str, headers: dict[str, str], params: Any, timeout: float, clock: Clock, max_bytes: int, max_redirects: int
) -> Any:
    """GET `url` within `timeout` seconds in all (and the model's deadline), following at most `max_redirects`
    redirects and reading at most `max_bytes` of body; returns the answer as a read httpx response."""
    import httpx2
    from huggingface_hub.utils import get_session

    ends = time.monotonic() + min(timeout, clock.left())
    session = get_session()
    for _ in range(max_redirects + 1):
        left = ends - time.monotonic()
        if left <= 0:
            raise _Deadline()
        with session.stream(
            "GET", url, headers=headers, params=params, timeout=httpx2.Timeout(left), follow_redirects=False
        ) as response:
            # a server that drips bytes never trips a read timeout: close the answer at the deadline
            guard = threading.Timer(left, response.close)
            guard.daemon = True
            guard.start()
            try:
                if response.is_redirect and "location" in response.headers:
                    target = urljoin(str(response.url), response.headers["location"])
                    if urlsplit(target).netloc != urlsplit(str(response.url)).netloc:  # the token stays with the Hub
                        headers = {k: v for k, v in headers.items() if k.lower() != "authorization"}
                    url, params = target, None
                    continue
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise _TooLarge(f"{int(declared):,} bytes, over the {max_bytes:,}-byte limit")
                body = bytearray()
                for chunk in response.iter_bytes():  # decoded: a compressed answer counts at its real size
                    body += chunk
                    if len(body) > max_bytes:
                        raise _TooLarge(f"over the {max_bytes:,}-byte limit")
                    if time.monotonic() > ends:
                        raise _Deadline()
            except (httpx2.StreamError, httpx2.ReadError, httpx2.RemoteProtocolError):
                if time.monotonic() >= ends - 0.05:
                    raise _Deadline() from None
                raise
            finally:
                guard.cancel()
            if time.monotonic() > ends:
                raise _Deadline()
            kept = {
                k: v for k, v in response.headers.items() if k.lower() not in ("content-encoding", "content-length")
            }
            return httpx2.Response(response.status_code, headers=kept, content=bytes(body), request=response.request)
    raise _Redirects(f"more than {max_redirects} redirects")


def _json(response: Any) -> Any:
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"not JSON ({type(exc).__name__})") from None


def config_from_hub(repo: str, endpoint: str) -> tuple[dict[str, Any], str]:
    """A repository's config.json and the revision it was read at (token from HF_TOKEN only)."""
    import os

    from huggingface_hub import HfApi

    retry = Retry()
    answer = fetch(
        HfApi(endpoint=endpoint, token=os.environ.get("HF_TOKEN") or False),
        repo,
        retry,
        Clock(time.monotonic() + retry.model_deadline),
    )
    if answer.config is None:
        raise HubFailure("error", "the repository has no config.json")
    return answer.config, answer.info.sha


@dataclass
class HubAnswer:
    info: Any  # huggingface_hub.ModelInfo
    config: dict[str, Any] | None  # config.json at info.sha, None when the repository has none


def fetch(api: Any, repo: str, retry: Retry, clock: Clock, sleep: Callable[[float], None] | None = None) -> HubAnswer:
    """Model info, then config.json at the revision the info names, each request bounded (see the module)."""
    from huggingface_hub import hf_hub_url
    from huggingface_hub.errors import RemoteEntryNotFoundError
    from huggingface_hub.hf_api import ModelInfo
    from huggingface_hub.utils import build_hf_headers, hf_raise_for_status

    headers = build_hf_headers(token=api.token)

    def info() -> Any:
        response = bounded_get(
            f"{api.endpoint}/api/models/{repo}",
            headers,
            {"expand": EXPAND},
            retry.timeout,
            clock,
            retry.max_info_bytes,
            retry.max_redirects,
        )
        hf_raise_for_status(response)
        data = _json(response)
        if not isinstance(data, dict):
            raise ValueError("model info is not a JSON object")
        return ModelInfo(**data)

    found = with_retries(info, retry, clock, sleep)
    if not found.sha:
        raise HubFailure("error", "malformed answer: no revision sha")

    def config() -> dict[str, Any] | None:
        url = hf_hub_url(repo, "config.json", revision=found.sha, endpoint=api.endpoint)
        response = bounded_get(url, headers, None, retry.timeout, clock, retry.max_config_bytes, retry.max_redirects)
        try:
            hf_raise_for_status(response)
        except RemoteEntryNotFoundError:
            return None
        data = _json(response)
        if not isinstance(data, dict):
            raise ValueError("config.json is not a JSON object")
        return data

    return HubAnswer(found, with_retries(config, retry, clock, sleep))
