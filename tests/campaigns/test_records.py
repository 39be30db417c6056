from __future__ import annotations

from datetime import timedelta

import pytest
from campaign_factories import T0, policy, report

from smishguard.campaigns import Fingerprint, Fingerprinter, WatchHit, build_campaign
from smishguard.errors import InvalidInput
from smishguard.model import CampaignStatus, Imitation, ImitationKind, Report

ACME = Fingerprinter(policy("Acme"))
TEXT = "Acme IT: Hi {name}, your password has expired. Log in at https://acme-okta.com/{n}"


def members() -> tuple[list[Report], list[Fingerprint]]:
    reports = [
        report("r3", TEXT.format(name="Wei", n=3), minutes=9, reporter="p2", sender="+15550001"),
        report("r1", TEXT.format(name="John", n=1), minutes=0, reporter="p1", sender="+15550001"),
        report("r2", TEXT.format(name="Maria", n=2), minutes=4, reporter="p1", sender="ACME-IT"),
        report("r4", "Acme HR: review your new shifts at https://acme-sso.net", minutes=12,
               reporter="", sender=None),
    ]
    return reports, [ACME.report(r) for r in reports]


def test_campaign_record() -> None:
    reports, fps = members()
    hit = WatchHit("w1", "acme-tenant", T0 - timedelta(hours=3), Imitation(
        "acme-vpn.org", "Acme", ImitationKind.KEYWORD, 0.9, "acme", "vpn"))
    campaign = build_campaign("c1", reports, [*fps, ACME.watch_hit(hit)], watch_hits=[hit],
                              status=CampaignStatus.CONFIRMED, notes=("seen by the SOC",))
    assert campaign.first_seen == T0 - timedelta(hours=3)
    assert campaign.last_seen == T0 + timedelta(minutes=12)
    assert campaign.report_ids == ("r1", "r2", "r3", "r4")
    assert campaign.people_reached == 3  # p1 twice, p2, and one report without a reporter
    assert campaign.domains == ("acme-okta.com", "acme-sso.net", "acme-vpn.org")
    assert campaign.senders == ("+15550001", "ACME-IT")
    assert campaign.samples == (reports[1].text, reports[3].text)  # one per text template
    assert {"{brand}-sso.net", "{brand}-vpn.org"} <= set(campaign.patterns)
    assert set(campaign.patterns[:2]) == {  # the most seen first
        "{brand}-okta.com", "{brand} it hi {name} your password has expired log in at {link}"}
    assert campaign.brands == ("Acme",)
    assert campaign.tenant_count == 1
    assert campaign.status is CampaignStatus.CONFIRMED
    assert campaign.notes == ("seen by the SOC",)
    assert campaign.title == "{brand}-okta.com"


def test_title_names_the_number_of_organizations() -> None:
    reports, fps = members()
    other = report("g1", "Globex IT: your password expired at https://globex-okta.com",
                   tenant="globex-tenant", minutes=30)
    campaign = build_campaign("c1", [*reports, other],
                              [*fps, Fingerprinter(policy("Globex")).report(other)])
    assert campaign.tenant_count == 2
    assert campaign.title == "{brand}-okta.com at 2 organizations"


def test_a_text_only_campaign_is_titled_by_its_text() -> None:
    text = "Your parcel could not be delivered, reply with your address to reschedule delivery"
    made = report("r1", text)
    campaign = build_campaign("c1", [made], [ACME.report(made)])
    assert campaign.title.startswith("“your parcel could not be delivered")
    assert campaign.title.endswith("…”")


def test_members_without_fingerprints_still_count() -> None:
    reports, _ = members()
    campaign = build_campaign("c1", reports, [])
    assert campaign.report_ids == ("r1", "r2", "r3", "r4")
    assert campaign.patterns == ()


def test_a_campaign_needs_a_member() -> None:
    with pytest.raises(InvalidInput):
        build_campaign("c1", [], [])
