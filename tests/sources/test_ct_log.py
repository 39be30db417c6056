"""Following a CT log over RFC 6962, against a local log on 127.0.0.1 that grows."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import islice
from pathlib import Path

import pytest
from cryptography import x509
from watch_servers import CtLogServer, Entry, cert_entry, dead_port, precert_entry, running_ct_log

from smishguard import __version__
from smishguard.errors import InvalidInput
from smishguard.sources.backoff import Backoff
from smishguard.sources.ct_log import CtReadOptions, ct_log_names
from smishguard.sources.ct_state import PositionFile

FAST = Backoff(initial=0.001, maximum=0.002, max_retries=3)


def entries(start: int, count: int) -> list[Entry]:
    """Alternating certificates and precertificates, entry i naming site{i}.example."""
    made = []
    for i in range(start, start + count):
        build = precert_entry if i % 2 else cert_entry
        made.append(build([f"site{i}.example", f"www.site{i}.example"], serial=i + 1))
    return made


def names_of(indices: range) -> list[str]:
    return [n for i in indices for n in (f"site{i}.example", f"www.site{i}.example")]


def read(log: CtLogServer, opts: CtReadOptions, errors: list[str] | None = None,
         sleep: Callable[[float], None] | None = None) -> list[str]:
    return list(ct_log_names(log.url, (errors if errors is not None else []).append, opts,
                             sleep=sleep or (lambda _: None)))


def test_reads_certificates_and_precertificates_in_batches() -> None:
    with running_ct_log(*entries(0, 7), max_per_request=3) as log:
        errors: list[str] = []
        found = read(log, CtReadOptions(start=0, batch_size=5, polls=1), errors)
    assert found == names_of(range(7))
    assert errors == []
    assert sorted(log.served) == list(range(7))  # each entry fetched once
    # batch 5 capped by the log at 3: 0-2, 3-4 (rest of the batch), 5-6
    assert log.requests.count("/logs/test2026/ct/v1/get-entries") == 3


def test_precert_entries_really_carry_a_poisoned_precertificate() -> None:
    entry = precert_entry(["a.example"])
    der = entry.extra_data[3:3 + int.from_bytes(entry.extra_data[:3], "big")]
    cert = x509.load_der_x509_certificate(der)
    assert cert.extensions.get_extension_for_class(x509.PrecertPoison).critical


def test_follows_the_log_as_it_grows_between_polls() -> None:
    with running_ct_log(*entries(0, 2)) as log:
        waits: list[float] = []

        def sleep(seconds: float) -> None:  # the log grows while the reader waits
            waits.append(seconds)
            log.add(*entries(2 + 3 * (len(waits) - 1), 3))

        found = read(log, CtReadOptions(start=0, batch_size=2, polls=3, poll_interval=7.5),
                     sleep=sleep)
    assert found == names_of(range(8))
    assert waits == [7.5, 7.5]
    assert sorted(log.served) == list(range(8))


def test_without_state_or_start_it_begins_at_the_end_of_the_log() -> None:
    with running_ct_log(*entries(0, 4)) as log:
        found = read(log, CtReadOptions(polls=2), sleep=lambda _: log.add(*entries(4, 2)))
    assert found == names_of(range(4, 6))
    assert sorted(log.served) == [4, 5]


def test_resume_after_restart_reads_only_new_entries(tmp_path: Path) -> None:
    state = tmp_path / "ct-state.json"
    with running_ct_log(*entries(0, 5)) as log:
        opts = CtReadOptions(state_path=state, start=0, batch_size=2, polls=1)
        assert read(log, opts) == names_of(range(5))
        assert json.loads(state.read_text()) == {"logs": {log.url: 5}}
        log.add(*entries(5, 3))
        # a new process: same state file; start=0 is ignored once there is a saved position
        assert read(log, opts) == names_of(range(5, 8))
        assert read(log, opts) == []
    assert sorted(log.served) == list(range(8))  # nothing fetched twice
    assert [p.name for p in tmp_path.iterdir()] == ["ct-state.json"]  # no temp files left


def test_stopping_mid_batch_keeps_the_batch_for_next_time(tmp_path: Path) -> None:
    state = tmp_path / "s.json"
    with running_ct_log(*entries(0, 6)) as log:
        opts = CtReadOptions(state_path=state, start=0, batch_size=4, polls=1)
        names = ct_log_names(log.url, print, opts)
        assert list(islice(names, 3)) == names_of(range(0, 2))[:3]
        names.close()
        assert PositionFile(state).get(log.url) == 0  # at-least-once: batch 0-3 not done
        assert read(log, opts) == names_of(range(6))


def test_failures_are_retried_with_backoff_and_reported() -> None:
    with running_ct_log(*entries(0, 2)) as log:
        log.fail_next = 2
        errors: list[str] = []
        waits: list[float] = []
        found = read(log, CtReadOptions(start=0, polls=1, backoff=FAST), errors, waits.append)
    assert found == names_of(range(2))
    assert len(waits) == 2
    assert all(0 < w <= 0.002 for w in waits)
    assert errors[0].startswith(f"CT log {log.url}: get-sth: HTTP 503; retrying get-sth in ")
    assert errors[0].endswith("(attempt 1 of 3)")


def test_a_dead_log_gives_up_after_the_retries_with_a_clear_message() -> None:
    url = f"http://127.0.0.1:{dead_port()}/log"
    errors: list[str] = []
    with pytest.raises(InvalidInput, match=r"gave up after 4 failed attempts"):
        list(ct_log_names(url, errors.append, CtReadOptions(backoff=FAST, timeout=2),
                          sleep=lambda _: None))
    assert len(errors) == 3
    assert all("retrying get-sth" in e for e in errors)


def test_wrong_url_fails_at_once() -> None:
    with running_ct_log() as log, pytest.raises(InvalidInput, match="no CT log at"):
        list(ct_log_names(log.url + "/nope", print, CtReadOptions(backoff=FAST)))


def test_unreadable_entries_are_reported_and_passed() -> None:
    garbage = Entry(b"\x00\x00" + bytes(8) + b"\x00\x00\x00\x00\x02ab", b"")
    with running_ct_log(*entries(0, 1), garbage, *entries(2, 1)) as log:
        errors: list[str] = []
        found = read(log, CtReadOptions(start=0, polls=1), errors)
    assert found == names_of(range(1)) + names_of(range(2, 3))
    assert len(errors) == 1
    assert "entry 1 unreadable" in errors[0]




def test_parallel_ranges_are_read_at_once_and_handed_on_in_order(tmp_path: Path) -> None:
    state = tmp_path / "s.json"
    with running_ct_log(*entries(0, 23), max_per_request=2, delay=0.02) as log:
        opts = CtReadOptions(state_path=state, start=0, batch_size=4, parallel=3, polls=1)
        found = read(log, opts)
    assert found == names_of(range(23))
    assert sorted(log.served) == list(range(23))  # each entry once
    assert log.most_in_flight >= 2  # the ranges of a round overlapped
    assert json.loads(state.read_text()) == {"logs": {log.url: 23}}


def test_a_failed_parallel_range_is_retried_and_nothing_is_skipped() -> None:
    with running_ct_log(*entries(0, 12), max_per_request=2) as log:
        log.fail_entries = 3  # some of the first round's requests fail, on any thread
        errors: list[str] = []
        found = read(log, CtReadOptions(start=0, batch_size=4, parallel=3, polls=1,
                                        backoff=FAST), errors)
    assert found == names_of(range(12))
    assert 1 <= len(errors) <= 3
    assert all("get-entries: HTTP 503; retrying get-entries in" in e for e in errors)


def test_parallel_reading_stops_at_what_the_log_cannot_give_yet() -> None:
    with running_ct_log(*entries(0, 10)) as log:
        log.max_per_request = 0  # answers no entries at all
        errors: list[str] = []
        found = read(log, CtReadOptions(start=4, batch_size=2, parallel=3, polls=1), errors)
    assert found == []
    assert errors == [f"CT log {log.url}: no entries returned from 4; trying again at the "
                      "next poll"]


def test_a_moved_log_is_followed_and_told_who_reads_it() -> None:
    with running_ct_log(*entries(0, 3)) as log:
        found = list(ct_log_names(log.moved_url, print,
                                  CtReadOptions(start=0, polls=1, backoff=FAST)))
    assert found == names_of(range(3))
    assert sorted(log.served) == [0, 1, 2]
    assert log.agents == {f"smishguard-watch/{__version__} (CT monitor)"}


def test_a_rate_limited_log_is_waited_for_as_long_as_it_asks() -> None:
    with running_ct_log(*entries(0, 2)) as log:
        log.fail_status, log.retry_after, log.fail_entries = 429, "7", 1
        errors: list[str] = []
        waits: list[float] = []
        found = read(log, CtReadOptions(start=0, polls=1, backoff=FAST), errors, waits.append)
    assert found == names_of(range(2))
    assert waits == [7.0]  # not FAST's milliseconds
    assert errors == [f"CT log {log.url}: get-entries: HTTP 429; retrying get-entries in "
                      "7.00 s (attempt 1 of 3)"]
