"""Read names straight from a Certificate Transparency log over its RFC 6962 HTTP API.

The reader polls ``GET /ct/v1/get-sth`` for the tree size and fetches what is new with
``GET /ct/v1/get-entries?start=&end=`` in batches (logs may return fewer entries than asked;
the reader goes on from what it got). The next index to read is kept in a small JSON state
file (:mod:`~smishguard.sources.ct_state`), written after each batch has been consumed, so a
restarted watch resumes where it stopped: at-least-once, never skipping an entry, re-reading
at most the batch that was being consumed when it stopped. A log that does not serve
``get-sth`` but a ``checkpoint`` is a static-CT log, read by tiles instead
(:mod:`~smishguard.sources.ct_tiles`), with the same batches and positions. Several logs at
once: :mod:`~smishguard.sources.ct_logs`.
"""

from __future__ import annotations

import base64
import binascii
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

import httpx

from smishguard import __version__
from smishguard.errors import InvalidInput
from smishguard.model import CtName
from smishguard.sources.backoff import Backoff, wait_or_give_up
from smishguard.sources.ct_entries import names_in_entry
from smishguard.sources.ct_http import EndpointMissing, LogUnavailable, fetch
from smishguard.sources.ct_state import PositionFile
from smishguard.sources.ct_tiles import TiledLog

DEFAULT_BATCH = 256

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RawEntry:
    """One get-entries item, base64-decoded."""

    index: int
    leaf_input: bytes
    extra_data: bytes


class LogReader(Protocol):
    """What following a log needs, from either API: its size, and the names of a run of
    entries with how many entries that was (fewer than asked is fine, 0 means none yet)."""

    url: str
    size_call: str  # the requests' names in messages
    read_call: str
    span: int | None  # the entries one read is built around (a tile), else the batch size

    def tree_size(self) -> int: ...

    def read(self, first: int, last: int,
             on_error: Callable[[str], None]) -> tuple[tuple[str, ...], int]: ...


class CtLog:
    """The two RFC 6962 calls a watcher needs, over an httpx client the caller owns."""

    size_call = "get-sth"
    read_call = "get-entries"
    span: int | None = None

    def __init__(self, url: str, client: httpx.Client) -> None:
        self.url = url.rstrip("/")
        self.client = client

    def _get(self, path: str, params: dict[str, int] | None = None) -> Any:
        response = fetch(self.client, f"{self.url}/ct/v1/{path}", path, params)
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

    def read(self, first: int, last: int,
             on_error: Callable[[str], None]) -> tuple[tuple[str, ...], int]:
        entries = self.entries(first, last, on_error)
        names: list[str] = []
        for entry in entries:
            if entry.leaf_input:
                certificate = _names(entry, self.url, on_error)
                names.extend(CtName(name, self.url, entry.index, certificate)
                             for name in certificate)
        return tuple(names), len(entries)

    def entries(self, start: int, end: int, on_error: Callable[[str], None]) -> list[RawEntry]:
        """Entries start..end (inclusive); undecodable items are reported and left out, but
        still count as read so the position moves past them."""
        try:
            body = self._get("get-entries", {"start": start, "end": end})
        except EndpointMissing:
            raise LogUnavailable("get-entries: HTTP 404") from None
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


def open_log(url: str, client: httpx.Client) -> tuple[LogReader, int]:
    """The log at ``url`` by the API it serves (RFC 6962 ``get-sth``, else a static-CT
    ``checkpoint``), with its tree size; InvalidInput when it serves neither."""
    for reader in (CtLog(url, client), TiledLog(url, client)):
        try:
            return reader, reader.tree_size()
        except EndpointMissing:
            continue
    raise InvalidInput(f"no CT log at {url.rstrip('/')} (neither /ct/v1/get-sth nor "
                       "/checkpoint answered); give the log's base URL: for RFC 6962 the part "
                       "before /ct/v1/, for static CT the monitoring prefix")


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
    parallel: int = 1  # ranges of batch_size entries requested at once while catching up


@dataclass(frozen=True, slots=True)
class Batch:
    """The names of a run of entries, and the log's next entry once they are consumed."""

    names: tuple[str, ...]
    next_index: int


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
    positions = PositionFile(opts.state_path) if opts.state_path else None
    saved = positions.get(log_url) if positions else None
    for batch in log_batches(log_url, saved, on_error, opts, client=client, sleep=sleep,
                             draw=draw):
        yield from batch.names
        if positions is not None:  # only once every name of the batch has been consumed
            positions.save(log_url, batch.next_index)


def log_batches(
    log_url: str,
    saved: int | None,
    on_error: Callable[[str], None],
    opts: CtReadOptions,
    *,
    client: httpx.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    draw: Callable[[], float] = random.random,
) -> Iterator[Batch]:
    """The log's entries from ``saved`` (else ``opts.start``, else the log's end), a batch at
    a time. The first batch of a log with no saved position has no names: it says where
    reading begins, so that it is kept."""
    if opts.batch_size < 1 or opts.parallel < 1:
        raise InvalidInput("the CT batch size and parallel requests must be at least 1")
    with ExitStack() as stack:
        http = client or stack.enter_context(httpx.Client(
            timeout=opts.timeout, follow_redirects=True,  # tiles often live in a bucket
            headers={"User-Agent": f"smishguard-watch/{__version__} (CT monitor)"}))
        retry = _Retrier(log_url.rstrip("/"), opts.backoff, on_error, sleep, draw)
        log, size = retry.call("get-sth", partial(open_log, log_url, http))
        position = saved
        polls = 0
        while opts.polls is None or polls < opts.polls:
            if polls:
                sleep(opts.poll_interval)
                size = retry.call(log.size_call, log.tree_size)
            polls += 1
            if position is None:
                position = size if opts.start is None else min(opts.start, size)
                yield Batch((), position)
            if size < position:
                on_error(f"CT log {log.url}: tree size {size} is below the saved position "
                         f"{position}; waiting for the log to catch up")
                continue
            for batch in _caught_up(log, position, size, opts, retry, on_error):
                position = batch.next_index
                yield batch


class _RangeRead:
    """Entries ``first`` to ``end`` (exclusive) of a log, read as far as the log gives them;
    what was read survives a failure, so a retry goes on from there."""

    def __init__(self, log: LogReader, first: int, end: int) -> None:
        self.log, self.first, self.end = log, first, end
        self.reached = first
        self.names: list[str] = []
        self.warnings: list[str] = []  # from a thread: handed over in the caller's
        self.error: Exception | None = None

    def read_on(self, on_error: Callable[[str], None]) -> None:
        while self.reached < self.end:
            names, count = self.log.read(self.reached, self.end - 1, on_error)
            if not count:
                return  # the log has nothing more for now
            self.names.extend(names)
            self.reached += count

    def read_once(self) -> None:
        """One try, on a thread of its own: the caller retries what failed."""
        try:
            self.read_on(self.warnings.append)
        except Exception as exc:  # handed to the caller, which decides
            self.error = exc


def _caught_up(log: LogReader, position: int, size: int, opts: CtReadOptions,
               retry: _Retrier, on_error: Callable[[str], None]) -> Iterator[Batch]:
    """Batches from ``position`` up to ``size``, ``opts.parallel`` ranges read at once and
    handed on in order. Ranges are ``opts.batch_size`` entries (a static-CT log's: a tile),
    aligned to multiples of it, so that no two ranges share a tile. The first range of a
    round is read here, with retries; the others on threads, once each, their failures
    retried here in turn. A range the log cannot give yet ends the catching up until the
    next poll."""
    step = log.span or opts.batch_size
    while position < size:
        starts = [position, *range((position // step + 1) * step, size, step)]
        reads = [_RangeRead(log, first, min((first // step + 1) * step, size))
                 for first in starts[: opts.parallel]]
        threads = [threading.Thread(target=read.read_once, daemon=True,
                                    name=f"ct-read {log.url} {read.first}")
                   for read in reads[1:]]
        for thread in threads:
            thread.start()
        try:
            retry.call(log.read_call, partial(reads[0].read_on, on_error))
        finally:
            for thread in threads:
                thread.join()
        for read in reads:
            for text in read.warnings:
                on_error(text)
            if read.error is not None:
                if not isinstance(read.error, LogUnavailable):
                    raise read.error
                retry.call(log.read_call, partial(read.read_on, on_error))
            if read.reached > read.first:
                yield Batch(tuple(read.names), read.reached)
            if read.reached < read.end:
                on_error(f"CT log {log.url}: no entries returned from {read.reached}; "
                         "trying again at the next poll")
                return
        position = reads[-1].end


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
                                draw=self.draw, at_least=exc.retry_after)
