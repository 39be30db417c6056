"""Prometheus metrics of one app instance (its own registry, so tests and apps never mix)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from prometheus_client import CollectorRegistry, Counter, Histogram


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Histogram(
            "smishguard_http_request_seconds", "HTTP requests by route and status",
            ("method", "route", "status"), registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
        )
        self.reports = Counter(
            "smishguard_reports_total", "Reports recorded, by verdict label and channel",
            ("label", "channel"), registry=self.registry,
        )
        self.scans = Counter(
            "smishguard_scans_total", "Messages scanned through the API, by verdict label",
            ("label",), registry=self.registry,
        )
        self.alerts = Counter(
            "smishguard_alerts_total", "Alert deliveries, by outcome", ("outcome",),
            registry=self.registry,
        )

    async def middleware(self, request: Request,
                         call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        path = getattr(route, "path", "unmatched")
        self.requests.labels(request.method, path, str(response.status_code)).observe(
            time.perf_counter() - started)
        return response
