"""Follow several CT logs at once, as one stream of names.

A certificate is logged in two or three of the logs browsers accept, and which ones is the
certificate authority's choice, so a watch that should see every new certificate follows
them all. Each log is read by a thread of its own (its requests wait on the network, not the
processor); the consumer takes the batches in the order they arrive, in its own thread, and
only it writes the state file. A batch's position is saved once the consumer has taken all
its names: at-least-once, as with one log (:mod:`~smishguard.sources.ct_log`).

A log that fails past its retries, or is not a log at all, is given up with a warning and
the others go on; the stream ends with an error only when every log has been given up.
Closing the generator stops the readers.
"""

from __future__ import annotations

import queue
import random
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from smishguard.errors import InvalidInput
from smishguard.sources.ct_log import Batch, CtReadOptions, ct_log_names, log_batches
from smishguard.sources.ct_state import PositionFile, log_key

# Batches waiting per log: enough to keep every reader busy while the consumer judges names,
# few enough that a stopped watch re-reads little.
_WAITING_PER_LOG = 2
_PUT_WAIT = 0.1  # seconds a reader waits on a full queue before looking at the stop flag


@dataclass(frozen=True, slots=True)
class _Read:
    url: str
    batch: Batch


@dataclass(frozen=True, slots=True)
class _Warning:
    text: str


@dataclass(frozen=True, slots=True)
class _Ended:
    url: str
    error: Exception | None  # None: read as far as asked (--once)


_Message = _Read | _Warning | _Ended


class _Stopped(Exception):
    """The consumer closed the stream: a reader leaves at its next step."""


def ct_logs_names(
    urls: Sequence[str],
    on_error: Callable[[str], None],
    options: CtReadOptions | None = None,
    *,
    sleep: Callable[[float], None] | None = None,
    draw: Callable[[], float] = random.random,
) -> Iterator[str]:
    """Names from the entries of every log in ``urls``, each log oldest first."""
    opts = options or CtReadOptions()
    logs = list(dict.fromkeys(log_key(url) for url in urls))
    if not logs:
        raise InvalidInput("no CT log to follow: give --ct-log URL or --ct-log-list FILE")
    if len(logs) == 1:  # no thread needed
        yield from ct_log_names(logs[0], on_error, opts, sleep=sleep or time.sleep, draw=draw)
        return
    positions = PositionFile(opts.state_path) if opts.state_path else None
    stop = threading.Event()
    inbox: queue.Queue[_Message] = queue.Queue(maxsize=_WAITING_PER_LOG * len(logs))
    readers = [
        threading.Thread(
            target=_follow, name=f"ct-log {url}", daemon=True,
            args=(url, positions.get(url) if positions else None, opts, inbox, stop, sleep,
                  draw),
        )
        for url in logs
    ]  # fmt: skip
    for reader in readers:
        reader.start()
    running, given_up = len(logs), []
    try:
        while running:
            message = inbox.get()
            if isinstance(message, _Read):
                yield from message.batch.names
                if positions is not None:  # every name of the batch has been taken
                    positions.save(message.url, message.batch.next_index)
            elif isinstance(message, _Warning):
                on_error(message.text)
            else:
                running -= 1
                error = message.error
                if error is None:
                    continue
                if not isinstance(error, InvalidInput):
                    raise error  # a bug in a reader: not a log's failure to hide
                given_up.append(str(error))
                if len(given_up) < len(logs):  # else the error below says it
                    still = (f", still following the other {running} log"
                             f"{'s' if running > 1 else ''}") if running else ""
                    on_error(f"{error}; given up{still}")
    finally:
        stop.set()
    if len(given_up) == len(logs):
        raise InvalidInput(f"every CT log failed; the first: {given_up[0]}")


def _follow(
    url: str,
    saved: int | None,
    opts: CtReadOptions,
    inbox: queue.Queue[_Message],
    stop: threading.Event,
    sleep: Callable[[float], None] | None,
    draw: Callable[[], float],
) -> None:
    """A reader thread: the log's batches into ``inbox``, then how it ended."""

    def put(message: _Message) -> None:
        while not stop.is_set():
            try:
                inbox.put(message, timeout=_PUT_WAIT)
                return
            except queue.Full:
                continue
        raise _Stopped

    def pause(seconds: float) -> None:  # waits end early, and reading stops, once closed
        if sleep is None:
            stop.wait(seconds)
        else:
            sleep(seconds)
        if stop.is_set():
            raise _Stopped

    def warn(text: str) -> None:
        put(_Warning(text))

    error: Exception | None = None
    try:
        for batch in log_batches(url, saved, warn, opts, sleep=pause, draw=draw):
            put(_Read(url, batch))
    except _Stopped:
        return
    except Exception as exc:  # handed to the consumer, which decides
        error = exc
    try:
        put(_Ended(url, error))
    except _Stopped:
        return
