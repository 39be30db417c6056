"""/v1/domains finds a kit's copies across calls: a brand's name in front of new domains named
alike (smishguard.service.kits), kept per tenant in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from service_fixtures import Api, TenantHandle

from smishguard.domains.kits import KIT_SCORE
from smishguard.model import Imitation, ImitationKind
from smishguard.records import KitLead
from smishguard.service.kits import StoredKitCopies
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store

DARB = 'include_default_brands = false\n[[brands]]\nname = "Darb"\ndomains = ["darb.itc.gov.ae"]\n'


def send(api: Api, tenant: TenantHandle, *names: str) -> Any:
    answer = api.client.post("/v1/domains", headers=tenant.headers(),
                             json={"domains": list(names), "source": "ct"})
    assert answer.status_code == 202, answer.text
    return answer.json()


def listed(api: Api, tenant: TenantHandle) -> dict[str, Any]:
    rows = api.client.get("/v1/domains", headers=tenant.headers()).json()["items"]
    return {row["domain"]: row for row in rows}


def copies(rows: dict[str, Any]) -> list[str]:
    return sorted(d for d, row in rows.items() if "one of a kit's copies" in row["reason"])


def test_a_kit_sent_over_three_calls_is_found_and_its_earlier_copies_raised(api: Api) -> None:
    darb = api.new_tenant("Darb", policy_toml=DARB)
    send(api, darb, "darb.qmobilitcma.com", "example.org")
    api.clock.advance(minutes=1)
    send(api, darb, "darb.qmobilicco.com", "www.darb.qmobilicco.com")
    api.clock.advance(minutes=1)
    before = listed(api, darb)
    assert before["darb.qmobilitcma.com"]["brand"] == ""  # one lead alone is no hit
    assert before["darb.qmobilicco.com"]["score"] == 0.0  # two domains named alike: no kit
    assert send(api, darb, "darb.qmobiliizty.com") == {"received": 1, "new": 1}
    rows = listed(api, darb)
    assert copies(rows) == ["darb.qmobilicco.com", "darb.qmobiliizty.com",
                            "darb.qmobilitcma.com", "www.darb.qmobilicco.com"]
    first = rows["darb.qmobilitcma.com"]
    assert (first["brand"], first["kind"], first["score"]) == ("Darb", "subdomain", KIT_SCORE)
    assert first["reason"].endswith("new domains whose names start 'qmobi' (qmobilitcma.com, "
                                    "qmobilicco.com, qmobiliizty.com)")
    assert rows["example.org"]["brand"] == ""
    send(api, darb, "darb.qmobilitsuoa.com")  # a later copy: raised as it comes
    assert "darb.qmobilitsuoa.com" in copies(listed(api, darb))
    watch_items = {i.item_id for i in api.store.campaigns.items()
                   if i.item_id.startswith(f"watch:{darb.tenant.id}:")}
    assert watch_items == {f"watch:{darb.tenant.id}:{d}" for d in copies(listed(api, darb))}


def test_tenants_leads_never_make_a_kit_together(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=DARB)
    initech = api.new_tenant("Initech", policy_toml=DARB)
    send(api, acme, "darb.qmobilitcma.com", "darb.qmobilicco.com")
    send(api, initech, "darb.qmobiliizty.com")
    send(api, acme, "darb.qmobilicco.com")  # the same domain again is no third
    assert copies(listed(api, acme)) == []
    assert copies(listed(api, initech)) == []


def test_a_vendors_many_hosts_under_one_domain_are_no_kit(api: Api) -> None:
    darb = api.new_tenant("Darb", policy_toml=DARB)
    send(api, darb, *(f"darb{n}.qmobilitcma.com" for n in range(5)))
    send(api, darb, "darb.qmobilicco.com")
    assert copies(listed(api, darb)) == []


class Readings:
    """A matcher that reads each kept name as a Darb lead, except those it no longer does."""

    def __init__(self, gone: set[str]) -> None:
        self.gone = gone

    def match(self, host: str, leads: bool = False) -> Imitation | None:
        return None if host in self.gone else darb_lead(host)


def darb_lead(host: str, score: float = 0.0) -> Imitation:
    return Imitation(domain=host, brand="Darb", kind=ImitationKind.SUBDOMAIN, score=score,
                     matched="darb", reason=f"{host} imitates Darb",
                     registered=host.partition(".")[2])


def test_each_lead_is_raised_once_and_one_read_otherwise_now_is_let_go(store: Store) -> None:
    tenant, _, _ = create_tenant(store, "Darb", lambda: datetime(2026, 11, 30, tzinfo=UTC))
    at = datetime(2026, 11, 30, 4, tzinfo=UTC)
    kits = StoredKitCopies(store)
    matcher = Readings(gone={"darb.qmobilicco.com"})  # the policy changed since it was kept
    assert kits.add(tenant.id, "darb.qmobilitcma.com", darb_lead("darb.qmobilitcma.com"), at,
                    matcher) == []
    assert kits.add(tenant.id, "darb.qmobilicco.com", darb_lead("darb.qmobilicco.com"), at,
                    matcher) == []
    third = darb_lead("darb.qmobiliizty.top", score=0.55)  # reported on its own: counts
    raised = kits.add(tenant.id, "darb.qmobiliizty.top", third, at, matcher)
    assert [name for name, _ in raised] == ["darb.qmobilitcma.com"]
    assert raised[0][1].score == KIT_SCORE
    assert store.kits.waiting(tenant.id, "Darb", "qmobi", 10) == []
    assert not store.kits.claim(tenant.id, "darb.qmobilitcma.com")  # another call: once only
    store.kits.add(tenant.id, KitLead(domain="darb.qmobilixx.com", brand="Darb", stem="qmobi",
                                      registered="qmobilixx.com", seen_at=at))
    assert store.kits.claim(tenant.id, "darb.qmobilixx.com")
