"""Alerts end to end, on both backends: reports through the real API, targets registered by
admins, deliveries to a receiver on loopback that checks signatures as docs/alerts.md says;
failures retried on the test's clock; nothing lost when the server restarts."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from typing import Any

import httpx
import pytest
from alert_receiver import Received, Receiver, documented_verifier, receiving
from live_server import free_port, serving
from service_fixtures import Api, SettableClock, TenantHandle, add_target

from smishguard.api import create_app
from smishguard.service.alert_worker import delivery_client
from smishguard.service.alerts import DeliveryRound, Outcome, RetryPolicy, deliver_due
from smishguard.service.settings import Settings
from smishguard.store import Store

PHISH = "Okta: your account will be locked. Verify at okta-verify-login.com now"
PHISH_AGAIN = "Okta security: confirm your login at https://okta-verify-login.com/secure"
LEGIT = "Your table for 4 at 7pm is confirmed. Reply C to cancel."
REPORTER = "+14155550123"
verify = documented_verifier()


@pytest.fixture
def outgoing() -> Iterator[httpx.Client]:
    with delivery_client() as client:
        yield client


def targets(api: Api, handle: TenantHandle) -> dict[str, dict[str, Any]]:
    answer = api.client.get("/v1/alert-targets", headers=handle.headers())
    assert answer.status_code == 200, answer.text
    return {target["id"]: target for target in answer.json()}


def report(api: Api, handle: TenantHandle, text: str) -> dict[str, Any]:
    answer = api.client.post("/v1/reports", headers=handle.headers(),
                             json={"text": text, "reporter": REPORTER})
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    return created


def deliver(api: Api, client: httpx.Client, **options: Any) -> DeliveryRound:
    return deliver_due(api.store, client, api.clock, draw=lambda: 0.5, **options)


def is_signed(received: Received, secret: str, clock: SettableClock) -> bool:
    return verify(secret, received.headers["x-smishguard-timestamp"],
                  received.headers["x-smishguard-signature"], received.body,
                  now=clock.now.timestamp())


def test_first_phishing_report_of_a_domain_alerts_each_target_once(
        alerting: Api, receiver: Receiver, outgoing: httpx.Client) -> None:
    acme, globex = alerting.new_tenant("Acme"), alerting.new_tenant("Globex")
    as_json = add_target(alerting, acme, receiver.url("/json"))
    as_slack = add_target(alerting, acme, receiver.url("/slack"), "slack")
    add_target(alerting, globex, receiver.url("/globex"))
    first = report(alerting, acme, PHISH)

    assert deliver(alerting, outgoing).delivered == 2
    [json_alert], [slack_alert] = receiver.at("/json"), receiver.at("/slack")
    assert receiver.at("/globex") == []
    assert is_signed(json_alert, as_json["secret"], alerting.clock)
    assert is_signed(slack_alert, as_slack["secret"], alerting.clock)
    assert not is_signed(json_alert, as_slack["secret"], alerting.clock)
    document = json.loads(json_alert.body)
    assert (document["domain"], document["brand"], document["report_id"], document["tenant"]) \
        == ("okta-verify-login.com", "Okta", first["id"], "Acme")
    assert json_alert.headers["x-smishguard-event"] == "domain.first_phishing_report"
    assert json_alert.headers["x-smishguard-attempt"] == "1"
    assert json_alert.headers["x-smishguard-delivery"] != slack_alert.headers[
        "x-smishguard-delivery"]
    assert REPORTER not in json_alert.body.decode()
    assert first["reporter"] not in json_alert.body.decode()

    report(alerting, acme, PHISH_AGAIN)  # the same domain again
    report(alerting, acme, LEGIT)
    alerting.clock.advance(hours=2)
    assert deliver(alerting, outgoing).attempts == ()
    assert len(receiver.requests) == 2
    listed = targets(alerting, acme)
    assert [(t["delivered"], t["pending"], t["dead"]) for t in listed.values()] == [(1, 0, 0)] * 2


def test_slack_format_reads_well_and_links_the_report(
        alerting: Api, receiver: Receiver, outgoing: httpx.Client) -> None:
    acme = alerting.new_tenant("Acme")
    created = add_target(alerting, acme, receiver.url(), "slack")
    first = report(alerting, acme, PHISH)
    deliver(alerting, outgoing, public_url="https://smishguard.acme.example/")
    [alert] = receiver.requests
    assert is_signed(alert, created["secret"], alerting.clock)
    document = json.loads(alert.body)
    assert list(document) == ["text"]
    text = document["text"]
    assert "First phishing report of *okta-verify-login[.]com* at Acme" in text
    assert "Imitates: Okta" in text
    assert "okta-verify-login.com" not in text
    reason = first["verdict"]["signals"][0]["reason"]
    assert f"• {reason.replace('okta-verify-login.com', 'okta-verify-login[.]com')}" in text
    assert f"<https://smishguard.acme.example/v1/reports/{first['id']}|{first['id']}>" in text


FAILURES = {
    "answers 500": (500, "HTTP 500"),
    "redirects": (302, "HTTP 302"),
    "is not listening": (None, "ConnectError"),
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_failed_deliveries_are_retried_later_and_later(
        alerting: Api, outgoing: httpx.Client, failure: str) -> None:
    status, error = FAILURES[failure]
    port = free_port()
    acme = alerting.new_tenant("Acme")
    created = add_target(alerting, acme, f"http://127.0.0.1:{port}/hook")
    report(alerting, acme, PHISH)
    clock = alerting.clock
    failing: AbstractContextManager[Receiver | None] = (
        receiving(port, status) if status else nullcontext())
    with failing as down:
        [attempt] = deliver(alerting, outgoing).attempts
        assert (attempt.outcome, attempt.attempt) == (Outcome.FAILED, 1)
        assert attempt.error is not None
        assert attempt.error.startswith(error)
        assert "/hook" not in attempt.error  # never the URL
        assert attempt.next_attempt_at == clock.now + RetryPolicy().first_delay * 0.9
        clock.advance(seconds=8)
        assert deliver(alerting, outgoing).attempts == ()  # not yet
        clock.advance(seconds=1)
        [again] = deliver(alerting, outgoing).attempts
        assert (again.outcome, again.attempt) == (Outcome.FAILED, 2)
        assert again.next_attempt_at == clock.now + RetryPolicy().first_delay * 3 * 0.9
        [listed] = targets(alerting, acme).values()
        assert (listed["pending"], listed["delivered"]) == (1, 0)
        assert listed["last_error"].startswith(error)
        if down is not None:
            assert [r.headers["x-smishguard-attempt"] for r in down.requests] == ["1", "2"]
    with receiving(port) as up:
        clock.advance(seconds=26)
        assert deliver(alerting, outgoing).attempts == ()
        clock.advance(seconds=1)
        [success] = deliver(alerting, outgoing).attempts
        assert (success.outcome, success.attempt) == (Outcome.DELIVERED, 3)
        [alert] = up.requests
    assert alert.headers["x-smishguard-attempt"] == "3"
    assert alert.headers["x-smishguard-delivery"] == str(success.item_id)
    assert is_signed(alert, created["secret"], clock)
    [listed] = targets(alerting, acme).values()
    assert (listed["pending"], listed["delivered"], listed["last_error"]) == (0, 1, None)


def test_delivery_gives_up_after_the_last_attempt_and_keeps_the_alert(
        alerting: Api, receiver: Receiver, outgoing: httpx.Client) -> None:
    receiver.status = 503
    acme = alerting.new_tenant("Acme")
    add_target(alerting, acme, receiver.url())
    report(alerting, acme, PHISH)
    retry = RetryPolicy(max_attempts=3)
    outcomes = []
    for _ in range(5):
        outcomes += [a.outcome for a in deliver(alerting, outgoing, retry=retry).attempts]
        alerting.clock.advance(hours=2)
    assert outcomes == [Outcome.FAILED, Outcome.FAILED, Outcome.DEAD]
    assert len(receiver.requests) == 3
    [listed] = targets(alerting, acme).values()
    assert (listed["pending"], listed["delivered"], listed["dead"], listed["last_error"]) == (
        0, 0, 1, "HTTP 503")
    [dead] = alerting.store.alerts.dead(acme.tenant.id)
    assert (dead.attempts, dead.last_error) == (3, "HTTP 503")


def test_a_disabled_target_waits_and_resumes(
        alerting: Api, receiver: Receiver, outgoing: httpx.Client) -> None:
    acme = alerting.new_tenant("Acme")
    created = add_target(alerting, acme, receiver.url())
    report(alerting, acme, PHISH)

    def set_enabled(enabled: bool) -> dict[str, Any]:
        answer = alerting.client.patch(f"/v1/alert-targets/{created['id']}",
                                       headers=acme.headers(), json={"enabled": enabled})
        assert answer.status_code == 200, answer.text
        changed: dict[str, Any] = answer.json()
        return changed

    assert set_enabled(False)["enabled"] is False
    report(alerting, acme, "Chase: card locked, unlock at chase-secure-verify.com today")
    assert deliver(alerting, outgoing).attempts == ()
    assert set_enabled(True)["pending"] == 1  # the alert raised while enabled waited
    assert deliver(alerting, outgoing).delivered == 1
    [alert] = receiver.requests
    assert json.loads(alert.body)["domain"] == "okta-verify-login.com"
    actions = [e["action"] for e in alerting.store.tenants.audit_entries(acme.tenant.id)]
    assert actions[:3] == ["alert_target.enable", "alert_target.disable",
                           "alert_target.create"]


def test_secrets_are_shown_once_and_never_listed_or_logged(
        alerting: Api, receiver: Receiver, outgoing: httpx.Client,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    acme = alerting.new_tenant("Acme")
    path = "/services/T0/B0/credential-in-the-path"
    created = add_target(alerting, acme, receiver.url(path), "slack")
    secret = created["secret"]
    assert secret.startswith("whsec_")
    assert len(secret) > 40
    assert created["url"] == receiver.url(path)
    listing = alerting.client.get("/v1/alert-targets", headers=acme.headers()).text
    assert json.loads(listing)[0]["destination"] == f"http://127.0.0.1:{receiver.port}/…"
    assert secret not in listing
    assert "credential-in-the-path" not in listing
    report(alerting, acme, PHISH)
    receiver.status = 500
    deliver(alerting, outgoing)
    receiver.status = 200
    alerting.clock.advance(minutes=1)
    deliver(alerting, outgoing)
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("smishguard")]
    assert any("delivered" in line for line in ours)
    assert any("HTTP 500" in line for line in ours)
    assert not any("credential-in-the-path" in line for line in ours)
    assert not any(secret in r.getMessage() for r in caplog.records)
    audit = json.dumps(alerting.store.tenants.audit_entries(acme.tenant.id), default=str)
    assert secret not in audit
    assert "credential-in-the-path" not in audit
    assert secret not in repr(alerting.store.alerts.targets(acme.tenant.id))


def test_alerts_survive_a_restart_and_the_server_delivers_them(
        service_settings: Settings, database_url: str, clock: SettableClock) -> None:
    port = free_port()  # the receiver is down at first: nothing listens there
    store = Store.open(database_url)
    try:
        app = create_app(service_settings, store, clock, deliver_alerts=False)
        with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client, \
                delivery_client() as outgoing:
            api = Api(client, store, clock, service_settings)
            acme = api.new_tenant("Acme")
            created = add_target(api, acme, f"http://127.0.0.1:{port}/hook")
            first = report(api, acme, PHISH)
            assert deliver(api, outgoing).failed == 1
    finally:
        store.close()
    clock.advance(minutes=1)

    # A new process: the store opened again, the app with its background worker.
    reopened = Store.open(database_url)
    try:
        [waiting] = reopened.alerts.pending()
        assert waiting.payload["report_id"] == first["id"]
        app = create_app(replace(service_settings, alert_interval=0.05), reopened, clock)
        with receiving(port) as receiver, serving(app) as base, \
                httpx.Client(base_url=base, timeout=30) as client:
            metrics = eventually(lambda: client.get("/metrics").text,
                                 lambda text: 'smishguard_alerts_total{outcome="delivered"} 1.0'
                                 in text)
            assert 'smishguard_alerts_total{outcome="failed"} 0.0' in metrics
        assert not any(t.name == "smishguard-alerts" for t in threading.enumerate())
        [alert] = receiver.requests
        assert alert.headers["x-smishguard-attempt"] == "2"
        assert alert.headers["x-smishguard-delivery"] == str(waiting.id)
        assert is_signed(alert, created["secret"], clock)
        assert reopened.alerts.pending() == []
        assert [item.id for item in reopened.alerts.delivered()] == [waiting.id]
    finally:
        reopened.close()


def eventually(read: Callable[[], str], holds: Callable[[str], bool]) -> str:
    """Read until ``holds`` (the background worker runs on its own time), for at most 20 s."""
    deadline = time.monotonic() + 20
    while True:
        value = read()
        if holds(value) or time.monotonic() > deadline:
            assert holds(value), value[-2000:]
            return value
        time.sleep(0.05)
