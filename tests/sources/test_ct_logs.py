"""Following several CT logs at once, against local logs on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from itertools import islice
from pathlib import Path

import pytest
from test_ct_log import FAST, entries, names_of
from watch_servers import dead_port, running_ct_log

from smishguard.errors import InvalidInput
from smishguard.sources.ct_log import CtReadOptions
from smishguard.sources.ct_logs import ct_logs_names


def _in_order(found: list[str], expected: list[str]) -> bool:
    """``expected`` appears in ``found`` in its own order (other logs' names between)."""
    rest = iter(found)
    return all(name in rest for name in expected)


def _readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("ct-log ")]


def _wait_for_readers_to_end(seconds: float = 5.0) -> list[threading.Thread]:
    deadline = time.monotonic() + seconds
    while _readers() and time.monotonic() < deadline:
        time.sleep(0.01)
    return _readers()


def test_every_log_is_read_once_in_its_order_and_resumed(tmp_path: Path) -> None:
    state = tmp_path / "ct.json"
    with running_ct_log(*entries(0, 5)) as a, running_ct_log(*entries(100, 3)) as b:
        opts = CtReadOptions(state_path=state, start=0, batch_size=2, polls=1)
        callers: set[str] = set()

        def warn(text: str) -> None:
            callers.add(threading.current_thread().name)

        found = list(ct_logs_names([a.url, b.url], warn, opts))
        assert sorted(found) == sorted(names_of(range(5)) + names_of(range(100, 103)))
        assert _in_order(found, names_of(range(5)))
        assert _in_order(found, names_of(range(100, 103)))
        assert json.loads(state.read_text()) == {"logs": {a.url: 5, b.url: 3}}
        a.add(*entries(5, 2))
        b.add(*entries(103, 1))
        again = list(ct_logs_names([a.url, b.url], warn, opts))  # a restarted watch
        assert sorted(again) == sorted(names_of(range(5, 7)) + names_of(range(103, 104)))
    assert sorted(a.served) == list(range(7))  # nothing fetched twice
    assert sorted(b.served) == list(range(4))
    assert callers == set()  # no warning on healthy logs
    assert _wait_for_readers_to_end() == []


def test_a_dead_log_is_given_up_and_the_others_go_on() -> None:
    dead = f"http://127.0.0.1:{dead_port()}/log"
    with running_ct_log(*entries(0, 3)) as live:
        errors: list[tuple[str, str]] = []

        def warn(text: str) -> None:  # warnings reach the caller's thread only
            errors.append((threading.current_thread().name, text))

        opts = CtReadOptions(start=0, polls=1, backoff=FAST, timeout=2)
        found = list(ct_logs_names([dead, live.url], warn, opts))
    assert found == names_of(range(3))
    assert {thread for thread, _ in errors} == {threading.current_thread().name}
    texts = [text for _, text in errors]
    assert sum("retrying get-sth" in t for t in texts) == 3
    assert texts[-1].startswith(f"CT log {dead}: ")
    assert "gave up after 4 failed attempts" in texts[-1]
    # the live log may have been read to its head (--once) before the dead one gave up
    assert texts[-1].endswith(("; given up, still following the other 1 log", "; given up"))


def test_a_log_given_up_while_others_run_says_they_go_on() -> None:
    dead = f"http://127.0.0.1:{dead_port()}/log"
    with running_ct_log(*entries(0, 1)) as live:
        texts: list[str] = []

        def warn(text: str) -> None:
            texts.append(text)
            if "given up" in text:  # the live log grows after the dead one is given up
                live.add(*entries(1, 1))

        opts = CtReadOptions(start=0, poll_interval=0.01, backoff=FAST, timeout=2)
        names = ct_logs_names([dead, live.url], warn, opts)  # followed until closed
        found = []
        for name in names:
            found.append(name)
            if name == "www.site1.example":
                break
        names.close()
    assert found == names_of(range(2))
    assert texts[-1].endswith("gave up after 4 failed attempts (use --forever or a larger "
                              "--max-retries to keep trying); given up, still following the "
                              "other 1 log")
    assert _wait_for_readers_to_end() == []


def test_when_every_log_fails_the_watch_ends_with_an_error() -> None:
    with running_ct_log() as log:
        not_a_log = log.url + "/nope"  # get-sth answers 404
        dead = f"http://127.0.0.1:{dead_port()}/log"
        opts = CtReadOptions(backoff=FAST, timeout=2)
        with pytest.raises(InvalidInput, match="every CT log failed; the first: ") as raised:
            list(ct_logs_names([not_a_log, dead], lambda _: None, opts))
    assert "no CT log at" in str(raised.value) or "gave up" in str(raised.value)
    assert _wait_for_readers_to_end() == []


def test_closing_stops_the_readers_and_keeps_unconsumed_batches(tmp_path: Path) -> None:
    state = tmp_path / "ct.json"
    with running_ct_log(*entries(0, 6)) as a, running_ct_log(*entries(100, 6)) as b:
        # polled forever, a minute apart: only closing the stream ends the readers
        opts = CtReadOptions(state_path=state, start=0, batch_size=2, poll_interval=60)
        names = ct_logs_names([a.url, b.url], print, opts)
        taken = list(islice(names, 3))  # inside a log's first batch of two entries
        names.close()
        assert _wait_for_readers_to_end() == []
        saved = json.loads(state.read_text())["logs"]
        assert set(saved) <= {a.url, b.url}
        assert set(saved.values()) == {0}  # at-least-once: no batch was wholly consumed
        found = list(ct_logs_names([a.url, b.url], print, CtReadOptions(
            state_path=state, start=0, batch_size=2, polls=1)))
    assert set(taken) <= set(found)
    assert sorted(found) == sorted(names_of(range(6)) + names_of(range(100, 106)))


def test_a_log_named_twice_is_followed_once() -> None:
    with running_ct_log(*entries(0, 2)) as log:
        opts = CtReadOptions(start=0, polls=1)
        found = list(ct_logs_names([log.url, log.url + "/"], print, opts))
    assert found == names_of(range(2))
    assert sorted(log.served) == [0, 1]


def test_no_log_at_all_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no CT log to follow"):
        list(ct_logs_names([], print))
