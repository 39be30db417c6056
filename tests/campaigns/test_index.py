from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from campaign_factories import CLEAN, fingerprint

from smishguard.campaigns import (
    CampaignIndex,
    ClusterSettings,
    EvidenceKind,
    Fingerprint,
    campaign_id_for,
)
from smishguard.errors import InvalidInput

KIT = "{brand} IT: your password has expired. Log in at {url} to keep your access."


def kit(brand: str, report_id: str, url: str, **kwargs: object) -> Fingerprint:
    return fingerprint(brand, report_id, KIT.format(brand=brand, url=url), **kwargs)


def test_first_report_opens_a_campaign_named_after_it() -> None:
    index = CampaignIndex()
    assignment = index.add(kit("Acme", "r1", "https://acme-okta.com"))
    assert assignment.is_new
    assert assignment.campaign_id == campaign_id_for("r1")
    assert "r1" not in assignment.campaign_id  # opaque: other tenants may see the id
    assert (assignment.size, assignment.tenant_count) == (1, 1)


# Pairs of reports at the same tenant: (first, second, kinds that must link them or None).
DAY = 24 * 60
PAIRS = [
    # strong keys join alone, even weeks apart
    ("Parcel held, pay at https://pay-fees.top/x", "Final notice: https://pay-fees.top/y",
     {"minutes": 20 * DAY}, EvidenceKind.SITE),
    ("Tap bit.ly/3AbCd now to win", "Your prize: bit.ly/3AbCd", {"minutes": DAY},
     EvidenceKind.LINK),
    ("Your toll is unpaid today", "Delivery failed, reschedule", {"minutes": 5 * DAY,
                                                                   "sender": "+15552013344"},
     EvidenceKind.SENDER),
    # the same text template with other names, numbers and links
    ("Hi John, your parcel 4411 is held at the depot, pay the fee at https://a-fee.top",
     "Hi Maria, your parcel 9902 is held at the depot, pay the fee at https://b-fee.top",
     {"minutes": 3 * DAY}, EvidenceKind.TEXT),
]


@pytest.mark.parametrize(("first", "second", "extra", "kind"), PAIRS)
def test_strong_evidence_joins_alone(first: str, second: str, extra: dict[str, object],
                                     kind: EvidenceKind) -> None:
    index = CampaignIndex()
    sender = extra.get("sender")
    a = index.add(fingerprint("Acme", "r1", first, sender=sender))
    b = index.add(fingerprint("Acme", "r2", second, **extra))
    assert b.campaign_id == a.campaign_id
    assert kind in {e.kind for e in b.evidence}


WEAK_ALONE = [
    # a domain template alone, days apart, other texts: two actors may pick the same shape
    ("Reset now at https://acme-okta.com", "Benefits at https://acme-okta.net",
     {"minutes": 3 * DAY}),
    # a burst alone: two unrelated texts to the same organization within minutes
    ("Your toll is unpaid, pay https://toll-pay.top", "Crypto bonus at https://coin-x.club",
     {"minutes": 2}),
    # a spoofed sender id alone
    ("Your toll is unpaid, pay https://toll-pay.top", "Crypto bonus at https://coin-x.club",
     {"minutes": DAY, "sender": "USPS"}),
    # the same shared host, other links: bit.ly alone glues nothing
    ("Win big bit.ly/AAAA1", "Your parcel bit.ly/BBBB2", {"minutes": DAY}),
    # the same path pattern on two sites, days apart
    ("Pay https://one-site.top/secure/verify-account", "Hi https://two-site.club/secure/"
     "verify-account", {"minutes": 3 * DAY}),
]


@pytest.mark.parametrize(("first", "second", "extra"), WEAK_ALONE)
def test_weak_evidence_alone_does_not_join(first: str, second: str,
                                           extra: dict[str, object]) -> None:
    index = CampaignIndex()
    sender = extra.get("sender")
    a = index.add(fingerprint("Acme", "r1", first, sender=sender))
    b = index.add(fingerprint("Acme", "r2", second, **extra))
    assert b.campaign_id != a.campaign_id
    assert b.is_new


@pytest.mark.parametrize(
    ("first_site", "second_site", "third_site", "kind", "pattern", "third_joins"),
    [
        ("https://acme-okta.com", "https://acme-okta.net", "https://acmeokta.org",
         EvidenceKind.DOMAIN_STEM, "{brand}okta", False),
        # a template behind two sites of the campaign is its naming scheme: it joins alone
        ("https://home-208153.weeblysite.com", "https://home-203574.weeblysite.com",
         "https://home-107777.weeblysite.com", EvidenceKind.DOMAIN_TEMPLATE,
         "home-{num}.weeblysite.com", True),
    ],
)
def test_a_domain_pattern_and_a_burst_join_together(
    first_site: str, second_site: str, third_site: str, kind: EvidenceKind, pattern: str,
    third_joins: bool,
) -> None:
    index = CampaignIndex()
    a = index.add(fingerprint("Acme", "r1", f"Reset now at {first_site}"))
    b = index.add(fingerprint("Acme", "r2", f"Benefits enrollment {second_site}", minutes=4))
    c = index.add(fingerprint("Acme", "r3", f"Payroll {third_site}", minutes=3 * DAY))
    assert b.campaign_id == a.campaign_id
    assert {e.kind for e in b.evidence} == {kind, EvidenceKind.BURST}
    assert any(pattern in reason for reason in b.reasons)
    # days later, without a burst: only a naming scheme (two sites already) is enough
    assert (c.campaign_id == a.campaign_id) is third_joins
    if third_joins:
        assert c.reasons == ("same domain pattern home-{num}.weeblysite.com, the naming "
                             "scheme of 2 of its sites",)


def test_the_same_kit_at_two_tenants_is_one_campaign() -> None:
    index = CampaignIndex()
    a = index.add(kit("Acme", "r1", "https://acme-okta.com"))
    b = index.add(kit("Globex", "r2", "https://globex-sso.net", minutes=600))
    assert b.campaign_id == a.campaign_id
    assert b.tenant_count == 2
    assert EvidenceKind.TEXT in {e.kind for e in b.evidence}


def test_clean_reports_are_not_clustered() -> None:
    index = CampaignIndex()
    text = "Your verification code is 123456. Do not share it with anyone."
    first = index.add(fingerprint("Acme", "r1", text, verdict=CLEAN))
    second = index.add(fingerprint("Acme", "r2", text, verdict=CLEAN, minutes=1))
    assert first.campaign_id is None
    assert second.campaign_id is None
    assert len(index) == 0


def test_a_report_linking_two_campaigns_merges_them_into_the_oldest() -> None:
    index = CampaignIndex()
    a = index.add(fingerprint("Acme", "r1", "Pay the toll at https://toll-a.top/x"))
    b = index.add(fingerprint("Acme", "r2", "Claim your bonus at https://bonus-b.club/y",
                              minutes=DAY))
    assert a.campaign_id != b.campaign_id
    bridge = index.add(fingerprint("Acme", "r3", "https://toll-a.top/1 https://bonus-b.club/2",
                                   minutes=2 * DAY))
    assert bridge.campaign_id == a.campaign_id
    assert bridge.merged == (b.campaign_id,)
    assert index.campaign_of("r2") == a.campaign_id
    assert index.current_id(b.campaign_id or "") == a.campaign_id
    assert index.members(b.campaign_id or "") == ("r1", "r2", "r3")
    assert list(index.campaigns()) == [a.campaign_id]


def test_text_does_not_reach_past_the_horizon_but_the_site_does() -> None:
    index = CampaignIndex(ClusterSettings(horizon=timedelta(days=14)))
    text = "Hi John, your parcel is held at the depot, pay the small fee at {}"
    a = index.add(fingerprint("Acme", "r1", text.format("https://fee-a.top")))
    later_text = index.add(fingerprint("Acme", "r2", text.format("https://fee-b.top"),
                                       minutes=30 * DAY))
    later_site = index.add(fingerprint("Acme", "r3", "hello https://fee-a.top",
                                       minutes=31 * DAY))
    assert later_text.campaign_id != a.campaign_id
    assert later_site.campaign_id == a.campaign_id


def test_a_weak_key_shared_by_many_campaigns_is_common() -> None:
    index = CampaignIndex(ClusterSettings(common_key_campaigns=3))
    for n in range(5):  # five unrelated campaigns with the same path, a day apart
        index.add(fingerprint("Acme", f"r{n}", f"Offer {n}: https://site{n}.top/account/verify-now",
                              minutes=n * DAY))
    # A burst plus the (now common) path would have joined; common, it counts for nothing.
    last = index.add(fingerprint("Acme", "late", "Other words https://other.top/account/verify-now",
                                 minutes=4 * DAY + 3))
    assert last.is_new


def test_adding_again_changes_nothing() -> None:
    index = CampaignIndex()
    fp = kit("Acme", "r1", "https://acme-okta.com")
    first = index.add(fp)
    again = index.add(fp)
    assert again.campaign_id == first.campaign_id
    assert not again.is_new
    assert len(index) == 1


def test_a_time_without_zone_is_refused() -> None:
    fp = kit("Acme", "r1", "https://acme-okta.com")
    naive = replace(fp, seen_at=datetime(2022, 7, 1, 9, 0))
    with pytest.raises(InvalidInput):
        CampaignIndex().add(naive)


def stream() -> list[Fingerprint]:
    brands = ["Acme", "Globex", "Initech", "Umbrella"]
    fps = []
    for i, brand in enumerate(brands):
        for j in range(3):
            fps.append(kit(brand, f"{brand}-{j}", f"https://{brand.lower()}-okta.com",
                           minutes=i * 300 + j))
    fps.append(fingerprint("Acme", "noise-1", "Crypto bonus at https://coin-x.club",
                           minutes=5))
    fps.append(fingerprint("Globex", "noise-2", "Your toll is unpaid https://toll-pay.top",
                           minutes=2 * DAY))
    return fps


def test_rebuild_gives_the_same_campaigns_in_any_input_order() -> None:
    fps = stream()
    _, forward = CampaignIndex.rebuild(fps)
    _, backward = CampaignIndex.rebuild(reversed(fps))
    assert forward == backward
    assert len({a.campaign_id for a in forward}) == 3


def test_restore_puts_back_stored_campaigns_and_keeps_clustering() -> None:
    fps = stream()
    index, assignments = CampaignIndex.rebuild(fps)
    stored = [(fp, index.campaign_of(fp.item_id)) for fp in fps]
    # An analyst split noise-1 out by hand: restore keeps what was stored, decides nothing.
    restored = CampaignIndex.restore(reversed(stored))
    for fp, campaign_id in stored:
        assert restored.campaign_of(fp.item_id) == campaign_id
    new = restored.add(kit("Hooli", "Hooli-0", "https://hooli-okta.com", minutes=1500))
    assert new.campaign_id == index.campaign_of("Acme-0")
    assert new.tenant_count == 5
    assert restored.stats().items == len(fps) + 1
    assert assignments[0].campaign_id == campaign_id_for(assignments[0].item_id)
