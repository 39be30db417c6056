"""Observed domains are kept once per tenant, counted on every sighting, in a few statements
per batch (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from smishguard.errors import InvalidInput
from smishguard.model import Decision
from smishguard.records import ObservedDomain
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store
from smishguard.store.domains import ObservedCursor, ObservedQuery

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


def test_a_search_filters_and_pages_through_names_seen_at_one_moment(store: Store) -> None:
    tenant, _, _ = create_tenant(store, "Acme", lambda: T0)
    later = T0 + timedelta(minutes=5)
    batch = [seen(f"acme-sso-{n:03}.com", T0, "Acme") for n in range(250)]  # one moment
    store.domains.observe(tenant.id, [*batch, seen("example.org", later),
                                      seen("okta-login.net", later, "Okta")])
    store.campaigns.decide_domains(tenant.id, ["acme-sso-007.com"], Decision.NOT_PHISHING,
                                   "analyst", "watch:acme-sso-007.com", later)
    read: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = store.domains.search(tenant.id, ObservedQuery(
            lookalikes=True, after=ObservedCursor.decode(cursor) if cursor else None, limit=100))
        read += [d.domain for d in page.domains]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == 3
    assert read == ["okta-login.net", *sorted((d.domain for d in batch), reverse=True)]
    only = store.domains.search(tenant.id, ObservedQuery(brand="Acme", undecided=True,
                                                         text="SSO-00", limit=100))
    assert [d.domain for d in only.domains] == [f"acme-sso-00{n}.com" for n in
                                                 (9, 8, 6, 5, 4, 3, 2, 1, 0)]
    assert store.domains.search(tenant.id, ObservedQuery(text="%")).domains == ()
    decided = store.domains.get(tenant.id, "acme-sso-007.com")
    assert decided is not None
    assert decided.decision == "not_phishing"


@pytest.mark.parametrize("cursor", ["", "nonsense", "bm8gc3BhY2U", "MjAyNi0xMS0zMCBhLmNvbQ",
                                    "////", "Zm9vIGJhcg"])
def test_a_cursor_no_page_gave_is_refused(cursor: str) -> None:
    with pytest.raises(InvalidInput, match="not one a page of observed domains gave"):
        ObservedCursor.decode(cursor)
