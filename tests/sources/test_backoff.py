"""Backoff arithmetic: exponential, capped, jittered, with a retry limit."""

from __future__ import annotations

import pytest

from smishguard.sources.backoff import Backoff


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
