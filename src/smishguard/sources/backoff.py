"""How long to wait before reconnecting to a feed, and when to give up.

Exponential backoff with jitter, so a fleet of watchers that lost the same server does not
come back in lock-step. Pure arithmetic: the caller supplies the random draw and the sleep
(:func:`wait_or_give_up` takes both).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from smishguard.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Backoff:
    """Wait ``initial·factor^(n-1)`` seconds (at most ``maximum``) before retry n, less a
    random share of up to ``jitter``; give up after ``max_retries`` failures in a row
    (``None``: never)."""

    initial: float = 1.0
    maximum: float = 60.0
    factor: float = 2.0
    jitter: float = 0.5
    max_retries: int | None = 10

    def __post_init__(self) -> None:
        if self.initial < 0 or self.maximum < self.initial or self.factor < 1:
            raise ValueError("backoff needs 0 <= initial <= maximum and factor >= 1")
        if not 0 <= self.jitter <= 1:
            raise ValueError("backoff jitter must be in [0, 1]")
        if self.max_retries is not None and self.max_retries < 0:
            raise ValueError("max_retries must be >= 0 or None")

    def delay(self, attempt: int, draw: float) -> float:
        """Seconds to wait before retry ``attempt`` (1-based); ``draw`` is uniform in [0, 1)."""
        # Cap the exponent so a feed that has been down for days cannot overflow a float.
        base = min(self.maximum, self.initial * self.factor ** min(attempt - 1, 64))
        return base * (1.0 - self.jitter * draw)

    def gives_up(self, attempt: int) -> bool:
        """True when retry ``attempt`` is one too many."""
        return self.max_retries is not None and attempt > self.max_retries

    def describe(self, attempt: int) -> str:
        """'attempt 2 of 5' or 'attempt 2' when retrying forever."""
        if self.max_retries is None:
            return f"attempt {attempt}"
        return f"attempt {attempt} of {self.max_retries}"


# The longest a server's Retry-After is waited for: longer asks are taken as this.
RETRY_AFTER_CAP = 600.0


def retry_after(value: str | None) -> float | None:
    """A Retry-After header's wait in seconds when it gives one (delay-seconds; an HTTP date
    is not read, the backoff stands), capped at :data:`RETRY_AFTER_CAP`."""
    if value is None or not value.strip().isdigit():
        return None
    return min(float(value.strip()), RETRY_AFTER_CAP)


def wait_or_give_up(backoff: Backoff, failures: int, where: str, problem: str, next_try: str,
                    *, on_error: Callable[[str], None], sleep: Callable[[float], None],
                    draw: Callable[[], float], not_done: str = "",
                    at_least: float | None = None) -> None:
    """After the ``failures``-th failure in a row at ``where``: InvalidInput when that is one
    too many (``not_done`` says what is lost), else a warning that names ``next_try`` and the
    wait, then the wait: the backoff's, or ``at_least`` when the server asked for longer
    (Retry-After)."""
    if backoff.gives_up(failures):
        raise InvalidInput(f"{where}: {problem}; gave up after {failures} failed "
                           f"attempt{'s' if failures != 1 else ''}"
                           f"{not_done} (use --forever or a larger --max-retries to keep trying)")
    wait = max(backoff.delay(failures, draw()), at_least or 0.0)
    on_error(f"{where}: {problem}; {next_try} in {wait:.2f} s ({backoff.describe(failures)})")
    sleep(wait)
