"""Backoff arithmetic: exponential, capped, jittered, with a retry limit."""

from __future__ import annotations

import pytest

from smishguard.errors import InvalidInput
from smishguard.sources.backoff import RETRY_AFTER_CAP, Backoff, retry_after, wait_or_give_up


@pytest.mark.parametrize(("attempt", "draw", "expected"), [
    (1, 0.0, 1.0), (2, 0.0, 2.0), (3, 0.0, 4.0), (7, 0.0, 60.0), (10_000, 0.0, 60.0),
    (1, 0.999, 0.5005), (3, 0.5, 3.0),
])
def test_delay(attempt: int, draw: float, expected: float) -> None:
    assert Backoff().delay(attempt, draw) == pytest.approx(expected)


def test_retry_limit_and_forever() -> None:
    limited = Backoff(max_retries=2)
    assert [limited.gives_up(n) for n in (1, 2, 3)] == [False, False, True]
    assert limited.describe(2) == "attempt 2 of 2"
    forever = Backoff(max_retries=None)
    assert not forever.gives_up(10**9)
    assert forever.describe(7) == "attempt 7"
    assert Backoff(max_retries=0).gives_up(1)


@pytest.mark.parametrize("kwargs", [
    {"initial": -1.0}, {"initial": 5.0, "maximum": 1.0}, {"factor": 0.5}, {"jitter": 2.0},
    {"max_retries": -1},
])
def test_nonsense_is_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=r"backoff|max_retries"):
        Backoff(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("header", "seconds"), [
    ("120", 120.0), (" 5 ", 5.0), ("0", 0.0), ("99999", RETRY_AFTER_CAP),
    ("Wed, 21 Oct 2026 07:28:00 GMT", None), ("-1", None), ("1.5", None), ("", None),
    (None, None),
])
def test_retry_after_reads_seconds_only(header: str | None, seconds: float | None) -> None:
    assert retry_after(header) == seconds


def test_a_server_asking_for_longer_is_waited_for_and_said() -> None:
    waits: list[float] = []
    said: list[str] = []
    backoff = Backoff(initial=1.0, jitter=0.0, max_retries=2)

    def after(failures: int, at_least: float | None) -> None:
        wait_or_give_up(backoff, failures, "log", "HTTP 429", "retrying", on_error=said.append,
                        sleep=waits.append, draw=lambda: 0.0, at_least=at_least)

    after(1, 7.0)  # asked for longer than the backoff's 1 s
    after(2, None)  # nothing asked: the backoff's 2 s
    after(2, 0.5)  # asked for less: the backoff's
    assert waits == [7.0, 2.0, 2.0]
    assert said[0] == "log: HTTP 429; retrying in 7.00 s (attempt 1 of 2)"
    with pytest.raises(InvalidInput, match="gave up after 3 failed attempts"):
        after(3, 1.0)


def test_giving_up_at_the_first_failure_says_one_attempt() -> None:
    with pytest.raises(InvalidInput, match=r"gave up after 1 failed attempt \(use --forever"):
        wait_or_give_up(Backoff(max_retries=0), 1, "log", "refused", "retrying",
                        on_error=print, sleep=lambda _: None, draw=lambda: 0.0)
