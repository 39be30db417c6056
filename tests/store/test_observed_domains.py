"""Observed domains are kept once per tenant, counted on every sighting, in a few statements
per batch (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from smishguard.records import ObservedDomain
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store

T0 = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)


def seen(domain: str, at: datetime, brand: str = "") -> ObservedDomain:
    return ObservedDomain(domain=domain, first_seen=at, last_seen=at, brand=brand,
                          score=0.9 if brand else 0.0, source="ct")


def test_a_batch_counts_repeats_and_keeps_each_name_once(store: Store) -> None:
    tenant, _, _ = create_tenant(store, "Acme", lambda: T0)
    other, _, _ = create_tenant(store, "Globex", lambda: T0)
    names = [f"host{n}.example.org" for n in range(1_200)]  # more than one statement's worth
    assert store.domains.observe(tenant.id, [seen(d, T0) for d in names]) == 1_200
    later = T0 + timedelta(hours=1)
    again = [seen(d, later) for d in names[:700]] + [seen("okta-sso.com", later, "Okta")] * 2
    assert store.domains.observe(tenant.id, again) == 1  # okta-sso.com, twice in the batch
    assert store.domains.observe(other.id, [seen("okta-sso.com", later, "Okta")]) == 1
    kept = {d.domain: d for d in store.domains.list(tenant.id, limit=2_000)}
    assert len(kept) == 1_201
    assert (kept["host0.example.org"].times_seen, kept["host0.example.org"].last_seen) == (
        2, later)
    assert (kept["host699.example.org"].times_seen, kept["host700.example.org"].times_seen) == (
        2, 1)
    assert kept["host700.example.org"].last_seen == T0
    assert (kept["okta-sso.com"].times_seen, kept["okta-sso.com"].brand) == (2, "Okta")
    assert [d.domain for d in store.domains.list(other.id)] == ["okta-sso.com"]
    assert store.domains.observe(tenant.id, []) == 0
