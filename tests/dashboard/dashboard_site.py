"""A running smishguard (API + dashboard) on loopback for dashboard tests, reached as
http://localhost:PORT: WebAuthn refuses IP addresses as relying-party ids, so the browser and
the HTTP client must name the host."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from live_server import serving
from service_fixtures import TEST_SECRET, SettableClock
from soft_authenticator import SoftAuthenticator

from smishguard.api import create_app
from smishguard.model import Channel
from smishguard.records import Role, Tenant
from smishguard.service.invitations import create_invite
from smishguard.service.reporting import Reporting, Submission
from smishguard.service.settings import Settings
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store

PHISH = "Acme IT: your password expires today. Keep it at https://acme-okta.com/login now"
PHISH_USPS = "USPS: your parcel is held, pay the redelivery fee at https://usps-redelivery.top/p"
HAM = "Your dentist appointment is on Tuesday at 3pm. Reply C to confirm."
POLICY = """\
include_default_brands = true

[[brands]]
name = "Acme"
domains = ["acme.com"]
category = "company"
"""


@dataclass
class Site:
    base: str
    store: Store
    clock: SettableClock
    reporting: Reporting
    tenant: Tenant

    @property
    def origin(self) -> str:
        return self.base

    def new_tenant(self, name: str) -> Tenant:
        tenant, _, _ = create_tenant(self.store, name, self.clock, policy_toml=POLICY)
        return tenant

    def invite(self, role: Role = Role.ADMIN, tenant: Tenant | None = None,
               note: str = "") -> str:
        _, token = create_invite(self.store, (tenant or self.tenant).id, role, "cli",
                                 self.clock, note=note)
        return token

    def invite_link(self, role: Role = Role.ADMIN, note: str = "") -> str:
        return f"{self.base}/dashboard/enrol?invite={self.invite(role, note=note)}"

    def report(self, text: str, *, tenant: Tenant | None = None, sender: str | None = None,
               minutes_ago: float = 5) -> str:
        received = self.clock() - timedelta(minutes=minutes_ago)
        return self.reporting.submit((tenant or self.tenant).id, Submission(
            text=text, sender=sender, reporter="+15550100077", received_at=received,
            channel=Channel.SMS)).id

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=30, follow_redirects=False)

    def authenticator(self, **overrides: Any) -> SoftAuthenticator:
        fields: dict[str, Any] = {"origin": self.origin, "rp_id": "localhost"} | overrides
        return SoftAuthenticator(**fields)

    def enrol(self, client: httpx.Client, token: str, key: SoftAuthenticator,
              name: str = "Ana") -> httpx.Response:
        started = json_ok(client.post("/dashboard/auth/enrol/options",
                                      json={"invite": token, "name": name}))
        return client.post("/dashboard/auth/enrol/verify", json={
            "ceremony": started["ceremony"], "invite": token, "name": name,
            "credential": key.create(started["options"])})

    def sign_in(self, client: httpx.Client, key: SoftAuthenticator) -> httpx.Response:
        started = json_ok(client.post("/dashboard/auth/signin/options", json={}))
        return client.post("/dashboard/auth/signin/verify", json={
            "ceremony": started["ceremony"], "credential": key.get(started["options"])})

    def signed_in_client(self, role: Role = Role.ADMIN, name: str = "Ana",
                         tenant: Tenant | None = None) -> tuple[httpx.Client, SoftAuthenticator]:
        client, key = self.client(), self.authenticator()
        answer = self.enrol(client, self.invite(role, tenant), key, name)
        assert answer.status_code == 200, answer.text
        return client, key


def json_ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def csrf_of(client: httpx.Client) -> str:
    """The CSRF token a signed-in page carries (as the page's own script reads it)."""
    page = client.get("/dashboard/triage")
    assert page.status_code == 200, page.text
    return page.text.split('data-csrf="', 1)[1].split('"', 1)[0]


@contextmanager
def running_site(database_url: str, state_dir: Path,
                 public_url: str | None = None) -> Iterator[Site]:
    store = Store.open(database_url)
    clock = SettableClock()
    settings = Settings(state_dir=state_dir, database_url=database_url, secret_key=TEST_SECRET,
                        public_url=public_url)
    app = create_app(settings, store, clock)
    try:
        with serving(app) as base:
            tenant, _, _ = create_tenant(store, "Acme", clock, policy_toml=POLICY)
            yield Site(base.replace("127.0.0.1", "localhost"), store, clock,
                       app.state.services.reporting, tenant)
    finally:
        store.close()
