"""ADAPTER: the watch's hits sent to a smishguard service, ``POST /v1/domains``, in batches.

The service judges each name again under the tenant's policy, keeps it, finds kits across
calls and alerts the tenant's targets (docs/alerts.md). A batch goes when it holds ``batch``
names (1 on a live feed, so that each hit is told at once) and at the end. While the service
is unreachable or answers 429 or 5xx, the
batch is kept and sent again with backoff (the watch waits: a CT log resumes where it was);
a refused key or request ends the watch with one line, as does giving up after the retries.
A hit from a CT log goes with its entry (``ct_entries``), which the service keeps with the name,
and a hit from a certificate with the certificate's other names (``certified_with``), which the
service reads as the watch does.
The key is read by the caller (from the environment, never the command line) and never shown.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Final

import httpx

from smishguard.errors import InvalidInput
from smishguard.sources.backoff import Backoff, retry_after, wait_or_give_up
from smishguard.watch import MAX_CERTIFIED_WITH

BATCH: Final = 100  # names per request from a file (the API takes up to 10,000)
TIMEOUT: Final = 10.0  # seconds for one request
MAX_SOURCE: Final = 64  # characters of the source the API keeps
_RETRYABLE: Final = frozenset((408, 425, 429, 500, 502, 503, 504))


class ServiceUnavailable(Exception):
    """One failed attempt worth retrying (the service is down, busy or unreachable);
    ``retry_after``: the seconds the service asked to wait, if it did."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServiceSink:
    """Sends hostnames to a smishguard service, ``batch`` at a time (see the module)."""

    def __init__(self, base_url: str, key: str, source: str, backoff: Backoff, *,
                 on_error: Callable[[str], None], client: httpx.Client | None = None,
                 batch: int = BATCH, sleep: Callable[[float], None] = time.sleep,
                 draw: Callable[[], float] = random.random) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise InvalidInput(f"--send {base_url!r}: give the service's http:// or https:// "
                               "address")
        if not key:
            raise InvalidInput("--send needs an API key with the ingest role in "
                               "SMISHGUARD_API_KEY")
        self.url = base_url.rstrip("/") + "/v1/domains"
        self._headers = {"Authorization": f"Bearer {key}"}
        self._source = source[:MAX_SOURCE]
        self._backoff = backoff
        self._on_error = on_error
        self._client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=False)
        self._batch = batch
        self._sleep, self._draw = sleep, draw
        self._pending: list[str] = []
        self._entries: dict[str, dict[str, str | int]] = {}  # of the pending names, if any
        self._certificates: dict[str, list[str]] = {}  # the same
        self.sent = 0  # names the service took

    def add(self, domain: str, ct_entry: tuple[str, int] | None = None,
            certified_with: tuple[str, ...] = ()) -> None:
        """Queue a hit's name, with the CT entry it was seen in and the other names on its
        certificate, if any; sends the batch when it is full."""
        self._pending.append(domain)
        if ct_entry is not None:
            self._entries[domain] = {"log": ct_entry[0], "index": ct_entry[1]}
        if certified_with:
            self._certificates[domain] = list(certified_with[:MAX_CERTIFIED_WITH])
        if len(self._pending) >= self._batch:
            self.flush()

    def flush(self) -> None:
        """Send what is queued, retrying with backoff; raises InvalidInput when refused or
        when the retries are spent (the names not sent are counted in the message)."""
        if not self._pending:
            return
        failures = 0
        while True:
            try:
                self._post(self._pending)
                break
            except ServiceUnavailable as exc:
                failures += 1
                wait_or_give_up(self._backoff, failures, f"service {self.url}", str(exc),
                                "sending again", on_error=self._on_error, sleep=self._sleep,
                                draw=self._draw, at_least=exc.retry_after,
                                not_done=f" with {len(self._pending):,} hits not sent")
        self.sent += len(self._pending)
        self._pending = []
        self._entries = {}
        self._certificates = {}

    def close(self) -> None:
        """Send the rest and let the connection go."""
        try:
            self.flush()
        finally:
            self._client.close()

    def _post(self, names: list[str]) -> None:
        try:
            body: dict[str, object] = {"domains": names, "source": self._source}
            if self._entries:
                body["ct_entries"] = self._entries
            if self._certificates:
                body["certified_with"] = self._certificates
            answer = self._client.post(self.url, headers=self._headers, json=body)
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(_describe(exc)) from exc
        if answer.status_code == 202:
            return
        reason = _reason(answer)
        if answer.status_code in _RETRYABLE:
            raise ServiceUnavailable(f"answered {answer.status_code} ({reason})",
                                     retry_after(answer.headers.get("Retry-After")))
        if answer.status_code in (401, 403):
            raise InvalidInput(f"service {self.url} refused the key in SMISHGUARD_API_KEY "
                               f"({answer.status_code}: {reason}); it needs the ingest role")
        raise InvalidInput(f"service {self.url} refused the hits ({answer.status_code}: "
                           f"{reason})")


def _reason(answer: httpx.Response) -> str:
    try:
        body = answer.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, str):
        return error[:200]
    return answer.reason_phrase or "no reason given"


def _describe(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer within {TIMEOUT:g} s"
    return f"unreachable ({type(exc).__name__}: {exc})"
