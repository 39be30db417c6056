"""The first phishing report of a domain puts one alert per target in the outbox, with the
report, in one transaction; later reports of that domain do not (both backends)."""

from __future__ import annotations

from datetime import UTC, datetime

from smishguard.model import Channel, Label, Report, Verdict
from smishguard.records import AlertFormat, AlertTarget, Tenant
from smishguard.store import Store

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def tenant(store: Store, name: str) -> Tenant:
    return store.tenants.create(Tenant(id=f"t-{name}", name=name, created_at=NOW))


def report(tenant_id: str, number: int, label: Label, *domains: str) -> Report:
    return Report(id=f"{tenant_id}-r{number}", tenant_id=tenant_id, text=f"text {number}",
                  received_at=NOW, verdict=Verdict(label=label, score=0.9),
                  channel=Channel.API, domains=domains)


def payload(domain: str) -> dict[str, str]:
    return {"domain": domain}


def test_first_phishing_report_of_a_domain_fills_the_outbox(store: Store) -> None:
    acme = tenant(store, "acme")
    for target in ("a", "b"):
        store.alerts.add_target(AlertTarget(id=f"target-{target}", tenant_id=acme.id,
                                            url=f"http://127.0.0.1:9/{target}",
                                            format=AlertFormat.JSON, created_at=NOW,
                                            secret="s"))
    first = store.reports.record(report(acme.id, 1, Label.PHISHING, "evil.com", "x.net"), NOW,
                                 payload)
    again = store.reports.record(report(acme.id, 2, Label.PHISHING, "evil.com"), NOW, payload)
    suspicious = store.reports.record(report(acme.id, 3, Label.SUSPICIOUS, "new.org"), NOW,
                                      payload)
    assert first == ("evil.com", "x.net")
    assert again == ()
    assert suspicious == ()
    pending = store.alerts.pending(acme.id)
    assert sorted((item.target_id, item.payload["domain"]) for item in pending) == [
        ("target-a", "evil.com"), ("target-a", "x.net"),
        ("target-b", "evil.com"), ("target-b", "x.net")]


def test_alerted_domains_are_per_tenant(store: Store) -> None:
    acme, globex = tenant(store, "acme"), tenant(store, "globex")
    assert store.reports.record(report(acme.id, 1, Label.PHISHING, "evil.com"), NOW,
                                payload) == ("evil.com",)
    assert store.reports.record(report(globex.id, 1, Label.PHISHING, "evil.com"), NOW,
                                payload) == ("evil.com",)


def test_outbox_retries_until_delivered(store: Store) -> None:
    acme = tenant(store, "acme")
    store.alerts.add_target(AlertTarget(id="t", tenant_id=acme.id, url="http://127.0.0.1:9/",
                                        format=AlertFormat.SLACK, created_at=NOW, secret="s"))
    store.reports.record(report(acme.id, 1, Label.PHISHING, "evil.com"), NOW, payload)
    [item] = store.alerts.due(NOW)
    later = datetime(2026, 11, 28, 9, 5, tzinfo=UTC)
    store.alerts.mark_failed(item.id, "connection refused", later)
    assert store.alerts.due(NOW) == []
    [retry] = store.alerts.due(later)
    assert retry.attempts == 1
    assert retry.last_error == "connection refused"
    store.alerts.mark_delivered(item.id, later)
    assert store.alerts.due(later) == []
    assert [d.id for d in store.alerts.delivered(acme.id)] == [item.id]
