"""The outbox beyond its rows: one worker at a time per alert, dead alerts kept and counted,
disabled targets skipped (both backends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from smishguard.errors import NotFound
from smishguard.model import Channel, Label, Report, Verdict
from smishguard.records import AlertFormat, AlertTarget, Tenant
from smishguard.store import Store

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=5)


@pytest.fixture
def acme(store: Store) -> Tenant:
    """A tenant with two targets, a and b."""
    tenant = store.tenants.create(Tenant(id="t-acme", name="acme", created_at=NOW))
    for name in ("a", "b"):
        store.alerts.add_target(AlertTarget(id=f"target-{name}", tenant_id=tenant.id,
                                            url=f"http://127.0.0.1:9/{name}",
                                            format=AlertFormat.JSON, created_at=NOW,
                                            secret="s"))
    return tenant


def report(store: Store, tenant: Tenant, number: int, *domains: str) -> None:
    report = Report(id=f"r{number}", tenant_id=tenant.id, text="t", received_at=NOW,
                    verdict=Verdict(label=Label.PHISHING, score=0.9), channel=Channel.API,
                    domains=domains)
    assert store.reports.record(report, NOW, lambda d: {"domain": d})


def test_a_due_alert_is_claimed_once(store: Store, acme: Tenant) -> None:
    report(store, acme, 1, "evil.com")
    first, second = store.alerts.due(NOW)
    assert store.alerts.claim(first.id, NOW, NOW + timedelta(minutes=1))
    assert not store.alerts.claim(first.id, NOW, NOW + timedelta(minutes=1))
    assert [item.id for item in store.alerts.due(NOW)] == [second.id]
    # A worker that died mid-attempt: the alert is due again when its lease ends.
    assert [item.id for item in store.alerts.due(NOW + timedelta(minutes=1))] == [
        first.id, second.id]


def test_dead_alerts_stay_visible_and_are_not_due(store: Store, acme: Tenant) -> None:
    report(store, acme, 1, "evil.com")
    first, second = store.alerts.due(NOW)
    store.alerts.mark_failed(first.id, "HTTP 500", NOW)
    store.alerts.mark_dead(first.id, "HTTP 503", LATER)
    store.alerts.mark_delivered(second.id, LATER)
    assert store.alerts.due(LATER + timedelta(days=1)) == []
    assert store.alerts.pending(acme.id) == []
    [dead] = store.alerts.dead(acme.id)
    assert (dead.id, dead.attempts, dead.last_error, dead.dead_at) == (
        first.id, 2, "HTTP 503", LATER)
    counts = store.alerts.deliveries(acme.id)
    assert (counts["target-a"].dead, counts["target-a"].last_error) == (1, "HTTP 503")
    assert (counts["target-b"].delivered, counts["target-b"].last_error) == (1, None)


def test_delivery_counts_per_target(store: Store, acme: Tenant) -> None:
    report(store, acme, 1, "evil.com", "bad.net", "worse.org")
    items = {(i.target_id, i.payload["domain"]): i for i in store.alerts.pending(acme.id)}
    store.alerts.mark_delivered(items["target-a", "evil.com"].id, LATER)
    store.alerts.mark_failed(items["target-a", "bad.net"].id, "HTTP 502", LATER)
    store.alerts.mark_failed(items["target-a", "worse.org"].id, "ConnectError", LATER)
    counts = store.alerts.deliveries(acme.id)
    assert (counts["target-a"].pending, counts["target-a"].delivered) == (2, 1)
    assert counts["target-a"].last_error == "ConnectError"  # the newest failing alert's
    assert (counts["target-b"].pending, counts["target-b"].last_error) == (3, None)


def test_a_disabled_target_gets_no_alerts_and_its_pending_ones_wait(
        store: Store, acme: Tenant) -> None:
    report(store, acme, 1, "evil.com")
    disabled = store.alerts.set_enabled(acme.id, "target-a", False)
    assert not disabled.enabled
    report(store, acme, 2, "new.com")
    assert sorted((i.target_id, i.payload["domain"]) for i in store.alerts.due(NOW)) == [
        ("target-b", "evil.com"), ("target-b", "new.com")]
    assert len(store.alerts.pending(acme.id)) == 3  # target-a's first alert waits
    store.alerts.set_enabled(acme.id, "target-a", True)
    assert len(store.alerts.due(NOW)) == 3


def test_another_tenants_target_cannot_be_touched(store: Store, acme: Tenant) -> None:
    other = store.tenants.create(Tenant(id="t-other", name="other", created_at=NOW))
    with pytest.raises(NotFound):
        store.alerts.set_enabled(other.id, "target-a", False)
    assert store.alerts.target("target-a").enabled  # type: ignore[union-attr]
