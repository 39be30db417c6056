"""A tenant's view of a cross-tenant campaign shows its own data, a count and the kit's
abstracted patterns; these tests try to read the other tenants' data through it."""

from __future__ import annotations

from dataclasses import fields

import pytest
from campaign_factories import T0, policy, report
from hypothesis import given, settings
from hypothesis import strategies as st

from smishguard.campaigns import (
    CampaignIndex,
    Fingerprint,
    Fingerprinter,
    WatchHit,
    build_campaign,
    tenant_view,
)
from smishguard.errors import InvalidInput
from smishguard.model import CampaignStatus, Imitation, ImitationKind, Report

KIT = "{brand} IT: Hi {name}, your password has expired. Log in at https://{site} today."
# Per tenant: brand, the look-alike it got, an employee's name, the sender, the reporter.
TENANTS = {
    "t-acme": ("Acme", "acme-okta.com", "Zebulon", "+15550001111", "acme-person-hash"),
    "t-globex": ("Globex", "globex-okta.com", "Quintessa", "+15550002222", "globex-person-hash"),
    "t-initech": ("Initech", "initech-okta.com", "Marmaduke", "+15550003333",
                  "initech-person-hash"),
}


def campaign_members() -> tuple[list[Report], list[Fingerprint], list[WatchHit]]:
    reports, fps, hits = [], [], []
    for n, (tenant, (brand, site, name, sender, reporter)) in enumerate(TENANTS.items()):
        fingerprinter = Fingerprinter(policy(brand))
        for j in range(2):
            made = report(f"{tenant}-report-{j}", KIT.format(brand=brand, name=name, site=site),
                          tenant=tenant, minutes=60 * n + j, sender=sender, reporter=reporter)
            reports.append(made)
            fps.append(fingerprinter.report(made))
        hit = WatchHit(f"{tenant}-hit", tenant, T0, Imitation(
            site, brand, ImitationKind.KEYWORD, 0.9, brand.lower(), "okta"))
        hits.append(hit)
        fps.append(fingerprinter.watch_hit(hit))
    return reports, fps, hits


def secrets_of(tenant: str) -> list[str]:
    brand, site, name, sender, reporter = TENANTS[tenant]
    return [tenant, brand, brand.lower(), site, site.split(".")[0], name, name.lower(), sender,
            sender[-4:], reporter, f"{tenant}-report", f"{tenant}-hit"]


def test_the_members_really_form_one_campaign() -> None:
    reports, fps, _ = campaign_members()
    index, assignments = CampaignIndex.rebuild(fps)
    assert len({index.campaign_of(fp.item_id) for fp in fps}) == 1
    assert assignments[-1].tenant_count == 3
    assert sum(len(a.merged) for a in assignments) == 2  # the watch hits' campaigns
    assert build_campaign("c1", reports, fps).tenant_count == 3


@pytest.mark.parametrize("viewer", sorted(TENANTS))
def test_a_tenant_sees_nothing_of_the_others(viewer: str) -> None:
    reports, fps, hits = campaign_members()
    view = tenant_view(viewer, "c1", reports, fps, watch_hits=hits)
    shown = repr(view)
    for other in TENANTS:
        if other == viewer:
            continue
        for secret in secrets_of(other):
            assert secret not in shown, f"{viewer} can read {secret!r} of {other}"
    # … while it sees its own data, the count and the kit's abstracted patterns
    assert set(view.campaign.report_ids) == {f"{viewer}-report-0", f"{viewer}-report-1"}
    assert view.campaign.tenant_count == 3
    assert view.other_tenants == 2
    assert TENANTS[viewer][1] in view.campaign.domains
    assert "{brand}-okta.com" in view.campaign.patterns
    assert view.campaign.people_reached == 1
    assert view.first_seen_anywhere == T0


def test_every_field_of_the_view_is_checked() -> None:
    """If Campaign grows a field, the leak test above must be looked at again."""
    assert {f.name for f in fields(build_campaign("c", *campaign_members()[:2]))} == {
        "id", "title", "first_seen", "last_seen", "status", "report_ids", "people_reached",
        "domains", "senders", "samples", "patterns", "brands", "tenant_count", "notes",
    }


def test_a_pattern_seen_at_only_one_other_tenant_is_not_shown() -> None:
    reports, fps, _ = campaign_members()
    lone = Fingerprinter(policy("Hooli"))
    made = report("hooli-1", "Hooli payroll: confirm at https://hooli-payroll.com/x/form1",
                  tenant="t-hooli", minutes=5)
    reports.append(made)
    fps.append(lone.report(made))
    view = tenant_view("t-acme", "c1", reports, fps)
    assert "{brand}-payroll.com" not in view.campaign.patterns
    assert view.other_tenants == 3


def test_a_shared_pattern_naming_another_tenants_brand_is_not_shown() -> None:
    # Two more tenants got a text naming Globex (a kit that mixed up its lists). The text is
    # no brand of theirs, so it stays in their template, and a pattern from two tenants is
    # the kit's: it would be shown, but it names a brand of a tenant in the campaign.
    reports, fps, _ = campaign_members()
    text = "Your Globex invoice is overdue, pay today or lose access to payroll"
    for n, brand in enumerate(("Umbrella", "Hooli")):
        made = report(f"mixup-{n}", text, tenant=f"t-{brand.lower()}", minutes=n)
        reports.append(made)
        fps.append(Fingerprinter(policy(brand)).report(made))
    assert any("globex" in p for p in build_campaign("c1", reports, fps).patterns)
    view = tenant_view("t-acme", "c1", reports, fps)
    assert not any("globex" in p for p in view.campaign.patterns)
    assert view.other_tenants == 4


def test_a_tenant_that_is_not_in_the_campaign_learns_nothing() -> None:
    reports, fps, hits = campaign_members()
    with pytest.raises(InvalidInput):
        tenant_view("t-stranger", "c1", reports, fps, watch_hits=hits)


def test_status_and_notes_are_the_viewers() -> None:
    reports, fps, _ = campaign_members()
    view = tenant_view("t-acme", "c1", reports, fps, status=CampaignStatus.BLOCKED,
                       notes=("blocked at the proxy",))
    assert view.campaign.status is CampaignStatus.BLOCKED
    assert view.campaign.notes == ("blocked at the proxy",)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.from_regex(r"[A-Z][a-z]{5,9}", fullmatch=True), min_size=2, max_size=5,
                unique_by=str.lower))
def test_no_brand_of_another_tenant_reaches_the_view(brands: list[str]) -> None:
    reports, fps = [], []
    for n, brand in enumerate(brands):
        made = report(f"r{n}", KIT.format(brand=brand, name="Someone",
                                          site=f"{brand.lower()}-okta.com"),
                      tenant=f"tenant-{n}", minutes=n)
        reports.append(made)
        fps.append(Fingerprinter(policy(brand)).report(made))
    shown = repr(tenant_view("tenant-0", "c1", reports, fps)).lower()
    for brand in brands[1:]:
        if brand.lower() not in brands[0].lower():
            assert brand.lower() not in shown
