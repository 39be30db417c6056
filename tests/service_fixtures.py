"""Fixtures for the service, the store and the API (a pytest plugin of the root conftest).

``store`` and ``api`` run on both backends through ``database_url``; ``api`` serves the real
app with uvicorn on loopback and talks to it with httpx.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from alert_receiver import Receiver, receiving
from live_server import serving

from smishguard.api import create_app
from smishguard.records import ApiKey, Role, Tenant
from smishguard.service.access import create_key
from smishguard.service.settings import Settings
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store

TEST_SECRET = b"test-secret-key-for-pseudonyms"


@dataclass
class SettableClock:
    """A clock tests move by hand."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 28, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass(frozen=True)
class TenantHandle:
    tenant: Tenant
    admin_key: str

    def headers(self, key: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {key or self.admin_key}"}


@dataclass
class Api:
    client: httpx.Client
    store: Store
    clock: SettableClock
    settings: Settings

    def new_tenant(self, name: str, *, reporting_number: str | None = None,
                   twilio_auth_token: str | None = None,
                   policy_toml: str | None = None) -> TenantHandle:
        tenant, _, key = create_tenant(
            self.store, name, self.clock, reporting_number=reporting_number,
            twilio_auth_token=twilio_auth_token, policy_toml=policy_toml)
        return TenantHandle(tenant, key)

    def key(self, handle: TenantHandle, role: Role) -> tuple[ApiKey, str]:
        return create_key(self.store, handle.tenant.id, role, self.clock)


def add_target(api: Api, handle: TenantHandle, url: str, alert_format: str = "json",
               events: list[str] | None = None) -> dict[str, Any]:
    """An alert target made through the API by the tenant's admin (sent ``events``, or every
    event): its id and secret."""
    body: dict[str, Any] = {"url": url, "format": alert_format}
    if events is not None:
        body["events"] = events
    answer = api.client.post("/v1/alert-targets", headers=handle.headers(), json=body)
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    return created


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock()


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store.open(database_url)
    yield opened
    opened.close()


@pytest.fixture
def service_settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(state_dir=tmp_path / "state", database_url=database_url,
                    secret_key=TEST_SECRET)


@pytest.fixture
def api(service_settings: Settings, store: Store, clock: SettableClock) -> Iterator[Api]:
    app = create_app(service_settings, store, clock)
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield Api(client, store, clock, service_settings)


@pytest.fixture
def alerting(service_settings: Settings, store: Store, clock: SettableClock) -> Iterator[Api]:
    """The API without its background worker: alert tests deliver by hand, on their clock."""
    app = create_app(service_settings, store, clock, deliver_alerts=False)
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield Api(client, store, clock, service_settings)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver on loopback (tests/alert_receiver.py)."""
    with receiving() as running:
        yield running
