"""Read names straight from a Certificate Transparency log over its RFC 6962 HTTP API.

The reader polls ``GET /ct/v1/get-sth`` for the tree size and fetches what is new with
``GET /ct/v1/get-entries?start=&end=`` in batches (logs may return fewer entries than asked;
the reader goes on from what it got). The next index to read is kept in a small JSON state
file, written atomically after each batch has been consumed, so a restarted watch resumes
where it stopped: at-least-once, never skipping an entry, re-reading at most the batch that
was being consumed when it stopped.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import httpx

from smishguard.errors import InvalidInput
from smishguard.sources.backoff import Backoff, wait_or_give_up
from smishguard.sources.ct_entries import names_in_entry

DEFAULT_BATCH = 256

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RawEntry:
    """One get-entries item, base64-decoded."""

    index: int
    leaf_input: bytes
    extra_data: bytes


class LogUnavailable(Exception):
    """A log request failed in a way worth retrying (network, 5xx, 429, garbled body)."""


class CtLog:
    """The two RFC 6962 calls a watcher needs, over an httpx client the caller owns."""

    def __init__(self, url: str, client: httpx.Client) -> None:
        self.url = url.rstrip("/")
        self.client = client

    def _get(self, path: str, params: dict[str, int] | None = None) -> Any:
        try:
            response = self.client.get(f"{self.url}/ct/v1/{path}", params=params)
        except httpx.HTTPError as exc:
            raise LogUnavailable(f"{path}: {exc or type(exc).__name__}") from exc
        if response.status_code == 404 and path == "get-sth":
            raise InvalidInput(f"no CT log at {self.url} (get-sth answered 404); give the "
                               "log's base URL, the part before /ct/v1/")
        if response.status_code != 200:
            raise LogUnavailable(f"{path}: HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError as exc:
            raise LogUnavailable(f"{path}: the answer is not JSON") from exc

    def tree_size(self) -> int:
        body = self._get("get-sth")
        size = body.get("tree_size") if isinstance(body, dict) else None
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise LogUnavailable("get-sth: no tree_size in the answer")
        return size

    def entries(self, start: int, end: int, on_error: Callable[[str], None]) -> list[RawEntry]:
        """Entries start..end (inclusive); undecodable items are reported and left out, but
        still count as read so the position moves past them."""
        body = self._get("get-entries", {"start": start, "end": end})
        items = body.get("entries") if isinstance(body, dict) else None
        if not isinstance(items, list):
            raise LogUnavailable("get-entries: no entries list in the answer")
        entries: list[RawEntry] = []
        for offset, item in enumerate(items[: end - start + 1]):
            index = start + offset
            try:
                leaf = base64.b64decode(item["leaf_input"], validate=True)
                extra = base64.b64decode(item.get("extra_data", ""), validate=True)
            except (TypeError, KeyError, AttributeError, binascii.Error) as exc:
                on_error(f"CT log {self.url}: entry {index} is not base64 leaf_input/extra_data"
                         f" ({exc}); skipped")
                extra = leaf = b""
            entries.append(RawEntry(index, leaf, extra))
        return entries


def load_position(path: Path, log_url: str) -> int | None:
    """The saved next index for this log, None when the state file does not exist yet."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"state file {path} is unreadable ({exc}); fix or delete it") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("next_index"), int):
        raise InvalidInput(f"state file {path} has no next_index; fix or delete it")
    saved_log = raw.get("log")
    if saved_log != log_url.rstrip("/"):
        raise InvalidInput(f"state file {path} belongs to the log {saved_log!r}, not "
                           f"{log_url!r}; give each log its own --state file")
    next_index: int = raw["next_index"]
    return next_index


def save_position(path: Path, log_url: str, next_index: int) -> None:
    """Write the state file atomically: a crash leaves the old or the new one, never half."""
    body = json.dumps({"log": log_url.rstrip("/"), "next_index": next_index}) + "\n"
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as tmp:
            tmp.write(body)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp.name, path)
    except OSError as exc:
        raise InvalidInput(f"cannot write state file {path}: {exc.strerror or exc}") from exc


@dataclass(frozen=True, slots=True)
class CtReadOptions:
    """How to follow a log: where to start, batch size, how often and how long to poll."""

    state_path: Path | None = None
    start: int | None = None  # with no saved state: None = the current end of the log
    batch_size: int = DEFAULT_BATCH
    poll_interval: float = 10.0
    polls: int | None = None  # None: poll forever; 1: read up to the current head and stop
    backoff: Backoff = field(default_factory=Backoff)
    timeout: float = 30.0


def ct_log_names(
    log_url: str,
    on_error: Callable[[str], None],
    options: CtReadOptions | None = None,
    *,
    client: httpx.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    draw: Callable[[], float] = random.random,
) -> Iterator[str]:
    """Names from the log's entries, oldest first, following the log as it grows."""
    opts = options or CtReadOptions()
    if opts.batch_size < 1:
        raise InvalidInput("the CT batch size must be at least 1")
    with ExitStack() as stack:
        http = client or stack.enter_context(httpx.Client(timeout=opts.timeout))
        log = CtLog(log_url, http)
        retry = _Retrier(log.url, opts.backoff, on_error, sleep, draw)
        position = load_position(opts.state_path, log_url) if opts.state_path else None
        polls = 0
        while opts.polls is None or polls < opts.polls:
            if polls:
                sleep(opts.poll_interval)
            polls += 1
            size = retry.call("get-sth", log.tree_size)
            if position is None:
                position = size if opts.start is None else min(opts.start, size)
                _save(opts, log_url, position)
            if size < position:
                on_error(f"CT log {log.url}: tree size {size} is below the saved position "
                         f"{position}; waiting for the log to catch up")
                continue
            while position < size:
                first = position
                last = min(first + opts.batch_size, size) - 1
                batch = retry.call("get-entries", partial(log.entries, first, last, on_error))
                if not batch:
                    on_error(f"CT log {log.url}: no entries returned from {first}; "
                             "trying again at the next poll")
                    break
                for entry in batch:
                    if entry.leaf_input:
                        yield from _names(entry, log.url, on_error)
                position = first + len(batch)
                _save(opts, log_url, position)


def _save(opts: CtReadOptions, log_url: str, position: int) -> None:
    if opts.state_path is not None:
        save_position(opts.state_path, log_url, position)


def _names(entry: RawEntry, url: str, on_error: Callable[[str], None]) -> tuple[str, ...]:
    try:
        return names_in_entry(entry.leaf_input, entry.extra_data)
    except ValueError as exc:
        on_error(f"CT log {url}: entry {entry.index} unreadable ({exc}); skipped")
        return ()


class _Retrier:
    """Calls a log request, retrying failures with backoff until the retry limit."""

    def __init__(self, url: str, backoff: Backoff, on_error: Callable[[str], None],
                 sleep: Callable[[float], None], draw: Callable[[], float]) -> None:
        self.url, self.backoff, self.on_error = url, backoff, on_error
        self.sleep, self.draw = sleep, draw

    def call(self, what: str, request: Callable[[], T]) -> T:
        failures = 0
        while True:
            try:
                return request()
            except LogUnavailable as exc:
                failures += 1
                wait_or_give_up(self.backoff, failures, f"CT log {self.url}", str(exc),
                                f"retrying {what}", on_error=self.on_error, sleep=self.sleep,
                                draw=self.draw)
