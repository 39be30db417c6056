"""The FastAPI application factory: ``create_app(settings, store)``."""

from __future__ import annotations

from fastapi import FastAPI

from smishguard import __version__
from smishguard.api import errors
from smishguard.api.dashboard.app import install_dashboard
from smishguard.api.dependencies import Services
from smishguard.api.lifespan import alert_delivery
from smishguard.api.limits import BodySizeLimit
from smishguard.api.metrics import Metrics
from smishguard.api.routes import (
    alert_targets,
    campaigns,
    domains,
    health,
    reports,
    scan,
    twilio,
)
from smishguard.api.schemas import ErrorBody
from smishguard.service.clock import Clock, utc_now
from smishguard.service.reporting import Reporting
from smishguard.service.settings import Settings, secret_key
from smishguard.store import Store

ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (400, "Bad request"), (401, "Missing or unknown API key"),
        (403, "The key's role does not allow this"), (404, "Not found for this tenant"),
        (409, "Exists already"), (413, "Body too large"), (415, "Not JSON"),
        (422, "Invalid body or parameters"),
    )
}


def create_app(settings: Settings, store: Store, clock: Clock = utc_now, *,
               deliver_alerts: bool = True) -> FastAPI:
    """The app; with ``deliver_alerts`` it also delivers the alert outbox while it runs."""
    secret = secret_key(settings)
    metrics = Metrics()
    app = FastAPI(
        title="smishguard",
        version=__version__,
        description="Report, scan and correlate SMS phishing. Every /v1 call needs "
        "'Authorization: Bearer KEY' (keys: `smishguard key create`).",
        responses=ERROR_RESPONSES,
        lifespan=alert_delivery(settings, store, clock, metrics) if deliver_alerts else None,
    )
    app.state.services = Services(
        settings=settings, store=store, reporting=Reporting(store, secret, clock), clock=clock,
        metrics=metrics, secret=secret,
    )
    errors.install_error_handlers(app)
    app.middleware("http")(metrics.middleware)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    for module in (health, scan, reports, domains, twilio, alert_targets, campaigns):
        app.include_router(module.router)
    install_dashboard(app, app.state.services)
    return app
