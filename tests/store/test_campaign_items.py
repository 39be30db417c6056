"""Clustered items are stored in one transaction per batch, merges in the order they were
clustered: the same campaigns as storing item after item (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from smishguard.model import CampaignStatus
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store
from smishguard.store.campaigns import CampaignState, StoredItem

T0 = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)

# (item, its campaign, campaigns merged into it), as an index clusters them: c1 and c2 open,
# c3 takes c1 in, then c2; c4 opens, and c3 (holding the oldest item) takes it in as well.
CLUSTERED = [("i1", "c1", ()), ("i2", "c2", ()), ("i3", "c3", ("c1",)),
             ("i4", "c3", ("c2",)), ("i5", "c4", ()), ("i6", "c3", ("c4",)), ("i7", "c3", ())]


def batch(tenant_id: str, run: str) -> list[tuple[StoredItem, Sequence[str]]]:
    """CLUSTERED with item and campaign ids of their own for each ``run``."""
    return [(StoredItem(item_id=f"{run}-{item}", tenant_id=tenant_id, kind="watch_hit",
                        campaign_id=f"{run}-{campaign}", seen_at=T0 + timedelta(minutes=n),
                        fingerprint="{}"), tuple(f"{run}-{m}" for m in merged))
            for n, (item, campaign, merged) in enumerate(CLUSTERED)]


def campaigns_of(store: Store, run: str) -> dict[str, str]:
    return {i.item_id.removeprefix(f"{run}-"): str(i.campaign_id).removeprefix(f"{run}-")
            for i in store.campaigns.items() if i.item_id.startswith(f"{run}-")}


def test_a_batch_ends_as_item_after_item_does(store: Store) -> None:
    tenant, _, _ = create_tenant(store, "Acme", lambda: T0)
    for run in ("one", "each"):  # notes on c2, which c3 takes in
        store.campaigns.set_state(f"{run}-c2", tenant.id, CampaignState(
            CampaignStatus.CONFIRMED, ({"text": "seen at the help desk"},)), T0)
    assert store.campaigns.add_items(batch(tenant.id, "one")) == len(CLUSTERED)
    assert sum(store.campaigns.add_items([x]) for x in batch(tenant.id, "each")) == len(
        CLUSTERED)
    assert campaigns_of(store, "one") == campaigns_of(store, "each") == {
        f"i{n}": "c3" for n in range(1, 8)}
    for run in ("one", "each"):
        moved = store.campaigns.state(f"{run}-c3", tenant.id)
        assert (moved.status, moved.notes) == (
            CampaignStatus.CONFIRMED, ({"text": "seen at the help desk"},))
        assert store.campaigns.state(f"{run}-c2", tenant.id).status is CampaignStatus.NEW


def test_an_item_stored_already_is_left_as_it_is(store: Store) -> None:
    tenant, _, _ = create_tenant(store, "Acme", lambda: T0)
    first = batch(tenant.id, "one")
    assert store.campaigns.add_items(first[:2]) == 2
    again = [(StoredItem(item_id="one-i1", tenant_id=tenant.id, kind="watch_hit",
                         campaign_id="one-c9", seen_at=T0, fingerprint="{}"), ()),
             first[2]]
    assert store.campaigns.add_items(again) == 1  # i3 only; i1 keeps c1, which c3 takes in
    assert campaigns_of(store, "one") == {"i1": "c3", "i2": "c2", "i3": "c3"}
    assert store.campaigns.add_items([]) == 0
