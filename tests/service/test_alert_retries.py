"""The retry schedule: exponential, capped, jittered downwards only, finite."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.errors import InvalidInput
from smishguard.service.alerts import RetryPolicy, retry_delay

DEFAULT = RetryPolicy()


@pytest.mark.parametrize(("failed", "seconds"), [
    (1, 10), (2, 30), (3, 90), (4, 270), (5, 810), (6, 2430), (7, 3600), (8, 3600),
    (29, 3600), (10_000, 3600),
])
def test_default_schedule_without_jitter(failed: int, seconds: float) -> None:
    assert retry_delay(failed, DEFAULT, lambda: 0.0) == timedelta(seconds=seconds)


def test_jitter_only_shortens_a_wait_by_up_to_a_fifth() -> None:
    assert retry_delay(1, DEFAULT, lambda: 0.5) == timedelta(seconds=9)
    assert retry_delay(7, DEFAULT, lambda: 0.999) > timedelta(seconds=3600 * 0.8)


@given(failed=st.integers(1, 10**9), draw=st.floats(0, 1, exclude_max=True),
       factor=st.floats(1, 100), first=st.integers(1, 600), cap=st.integers(600, 86_400),
       jitter=st.floats(0, 0.99))
def test_a_wait_stays_within_its_bounds(failed: int, draw: float, factor: float, first: int,
                                        cap: int, jitter: float) -> None:
    policy = RetryPolicy(first_delay=timedelta(seconds=first), factor=factor,
                         max_delay=timedelta(seconds=cap), jitter=jitter)
    wait = retry_delay(failed, policy, lambda: draw)
    assert timedelta(0) < wait <= policy.max_delay
    plain_next = retry_delay(failed + 1, policy, lambda: 0.0)
    assert retry_delay(failed, policy, lambda: 0.0) <= plain_next


def test_default_retries_last_about_a_day() -> None:
    total = sum((retry_delay(n, DEFAULT, lambda: 0.0) for n in range(1, DEFAULT.max_attempts)),
                timedelta(0))
    assert timedelta(hours=20) < total < timedelta(hours=30)


@pytest.mark.parametrize("changes", [
    {"first_delay": timedelta(0)}, {"max_delay": timedelta(seconds=1)}, {"factor": 0.5},
    {"jitter": 1.0}, {"jitter": -0.1}, {"max_attempts": 0},
])
def test_nonsense_policies_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidInput):
        RetryPolicy(**changes)  # type: ignore[arg-type]


def test_attempts_count_from_one() -> None:
    with pytest.raises(ValueError, match="from 1"):
        retry_delay(0, DEFAULT, lambda: 0.0)
