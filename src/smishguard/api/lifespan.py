"""What runs beside the app while it serves: the alert worker, started with the app and
stopped (after its round in progress) when the app shuts down."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI

from smishguard.api.metrics import Metrics
from smishguard.service.alert_worker import AlertWorker, delivery_client
from smishguard.service.alerts import DeliveryRound, Outcome
from smishguard.service.clock import Clock
from smishguard.service.settings import Settings
from smishguard.store import Store

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def alert_delivery(settings: Settings, store: Store, clock: Clock, metrics: Metrics) -> Lifespan:
    """A lifespan that delivers due alerts every ``settings.alert_interval`` seconds."""

    def count(delivered: DeliveryRound) -> None:
        for attempt in delivered.attempts:
            metrics.alerts.labels(attempt.outcome.value).inc()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        for outcome in Outcome:  # every outcome shows on /metrics from the start, at 0
            metrics.alerts.labels(outcome.value)
        client = delivery_client()
        worker = AlertWorker(store, client, clock, interval=settings.alert_interval,
                             public_url=settings.public_url, on_round=count)
        worker.start()
        try:
            yield
        finally:
            await asyncio.to_thread(worker.stop)
            client.close()

    return lifespan
