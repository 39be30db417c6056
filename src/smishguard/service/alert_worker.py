"""Delivering the alert outbox in the background: the server runs one ``AlertWorker`` in a
thread; ``smishguard alerts deliver`` runs the same loop in the foreground."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

import httpx

from smishguard.service.alerts import DeliveryRound, Draw, RetryPolicy, deliver_due
from smishguard.service.clock import Clock
from smishguard.store import Store

log = logging.getLogger("smishguard.alerts")

DELIVERY_TIMEOUT = 10.0  # seconds for one POST; the claim lease below must outlast it
ROUND_LIMIT = 100


def delivery_client(timeout: float = DELIVERY_TIMEOUT) -> httpx.Client:
    """The HTTP client alerts go out with: short timeouts, no redirects (a 3xx is a failure,
    so a signed alert is never re-sent to a place its target did not name)."""
    return httpx.Client(timeout=timeout, follow_redirects=False)


class AlertWorker:
    """Runs ``deliver_due`` every ``interval`` seconds, at once again while a round is full."""

    def __init__(self, store: Store, client: httpx.Client, clock: Clock, *, interval: float,
                 retry: RetryPolicy | None = None, draw: Draw | None = None,
                 public_url: str | None = None,
                 on_round: Callable[[DeliveryRound], None] | None = None) -> None:
        self.store = store
        self.client = client
        self.clock = clock
        self.interval = interval
        self.retry = retry
        self.draw = draw
        self.public_url = public_url
        self.on_round = on_round
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> DeliveryRound:
        """One round; errors (a database that is down) are raised to the caller."""
        timeout = self.client.timeout.read or DELIVERY_TIMEOUT
        delivered = deliver_due(
            self.store, self.client, self.clock, retry=self.retry, draw=self.draw,
            public_url=self.public_url, limit=ROUND_LIMIT,
            lease=timedelta(seconds=max(60.0, 4 * timeout)))
        if self.on_round is not None:
            self.on_round(delivered)
        return delivered

    def run(self) -> None:
        """Deliver until ``stop()``; a failed round is logged and tried again later."""
        while not self._stop.is_set():
            try:
                delivered = self.run_once()
            except Exception:
                # A database restart or a bug in one round must not end delivery for good:
                # say so loudly and try again after the interval.
                log.exception("alert delivery round failed; trying again in %.1f s",
                              self.interval)
                delivered = DeliveryRound()
            if len(delivered.attempts) < ROUND_LIMIT:
                self._stop.wait(self.interval)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the alert worker is running already")
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name="smishguard-alerts", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = DELIVERY_TIMEOUT + 5) -> None:
        """Ask the loop to end and wait for the round in progress (at most ``timeout``)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("alert worker still busy after %.0f s at shutdown", timeout)
            self._thread = None
