"""The campaign pages over real HTTP on SQLite and PostgreSQL (one kit at three tenants: each
sees its own part and a count, never another's reports or domains; status and notes behind
the CSRF token; exports with the session), and in Debian's Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import httpx
import pytest
from browsing import Tab
from dashboard_site import Site, csrf_of
from playwright.sync_api import expect

from smishguard.model import CampaignStatus, Channel
from smishguard.records import Role, Tenant
from smishguard.service.reporting import Submission
from smishguard.service.tenancy import create_tenant

KIT = ("{brand} IT: your password has expired. Log in at {domain} within 24 hours "
       "to keep your access. Ticket {n}")
FORMATS = ["rpz", "stix", "misp", "csv", "txt"]


def kit_policy(name: str) -> str:
    return (f'include_default_brands = false\n[[brands]]\nname = "{name}"\n'
            f'domains = ["{name.lower()}.com"]\n')


@contextmanager
def signed_in(site: Site, tenant: Tenant, role: Role = Role.ANALYST,
              name: str = "Ana") -> Iterator[httpx.Client]:
    with site.client() as client:
        answer = site.enrol(client, site.invite(role, tenant), site.authenticator(), name)
        assert answer.status_code == 200, answer.text
        yield client


def seed_kit(site: Site) -> dict[str, tuple[Tenant, list[str]]]:
    """Acme (3 reports), Globex (2) and Initech (none) with their own brands; the same kit
    hits Acme and Globex a few minutes apart. Returns each tenant and its report ids."""
    seeded: dict[str, tuple[Tenant, list[str]]] = {}
    for name, count in (("Acme", 3), ("Globex", 2), ("Initech", 0)):
        tenant, _, _ = create_tenant(site.store, f"{name} Corp", site.clock,
                                     policy_toml=kit_policy(name))
        ids = []
        for n in range(count):
            received = site.clock() - timedelta(minutes=40 - 7 * n - (3 if name == "Globex"
                                                                        else 0))
            ids.append(site.reporting.submit(tenant.id, Submission(
                text=KIT.format(brand=name, domain=f"{name.lower()}-okta.com", n=100 + n),
                sender=f"+1555000{len(name)}{n:03d}", reporter=f"+1415555{n:04d}",
                received_at=received, channel=Channel.SMS)).id)
        seeded[name] = (tenant, ids)
    return seeded


def only_campaign(site: Site, tenant: Tenant) -> str:
    views = site.reporting.campaigns.list_for(tenant.id)
    assert len(views) == 1, views
    return views[0].campaign.id


def test_the_campaign_pages_need_a_session(site: Site) -> None:
    seeded = seed_kit(site)
    campaign = only_campaign(site, seeded["Acme"][0])
    with site.client() as client:
        for path in ("/dashboard/campaigns", f"/dashboard/campaigns/{campaign}",
                     f"/dashboard/campaigns/{campaign}/export/txt", "/dashboard/exports/rpz"):
            answer = client.get(path)
            assert answer.status_code == 303, path
            assert answer.headers["location"].startswith("/dashboard/signin?next=")


def test_a_tenant_sees_only_its_own_reports_in_a_shared_campaign(site: Site) -> None:
    seeded = seed_kit(site)
    (acme, acme_ids), (globex, globex_ids) = seeded["Acme"], seeded["Globex"]
    campaign = only_campaign(site, acme)
    assert only_campaign(site, globex) == campaign  # one campaign, seen from both
    for tenant, mine, theirs, other_name in ((acme, acme_ids, globex_ids, "globex"),
                                             (globex, globex_ids, acme_ids, "acme")):
        with signed_in(site, tenant) as client:
            listing = client.get("/dashboard/campaigns")
            assert listing.status_code == 200
            assert f"/dashboard/campaigns/{campaign}" in listing.text
            page = client.get(f"/dashboard/campaigns/{campaign}")
            assert page.status_code == 200
            for report in mine:
                assert f'href="/dashboard/reports/{report}"' in page.text
            for report in theirs:
                assert report not in page.text
            assert other_name not in page.text.lower()
            assert "also seen by 1 other organization" in page.text
            # The timeline counts this tenant's reports only, in words on each hour's bar.
            hours = re.findall(r":00 UTC: (\d+) phishing, (\d+) suspicious, (\d+) clean",
                               page.text)
            assert sum(sum(map(int, h)) for h in hours) == 2 * len(mine)  # wide + narrow
            overview = client.get("/dashboard/").text
            assert re.search(r'id="open-campaigns">1<', overview)
            assert f'href="/dashboard/campaigns/{campaign}"' in overview


def test_another_tenant_gets_404_for_the_campaign_and_its_export(site: Site) -> None:
    seeded = seed_kit(site)
    campaign = only_campaign(site, seeded["Acme"][0])
    initech = seeded["Initech"][0]
    with signed_in(site, initech) as client:
        csrf = csrf_of(client)
        assert client.get(f"/dashboard/campaigns/{campaign}").status_code == 404
        for kind in FORMATS:
            answer = client.get(f"/dashboard/campaigns/{campaign}/export/{kind}")
            assert answer.status_code == 404, kind
            assert "acme" not in answer.text.lower()
        assert client.post(f"/dashboard/campaigns/{campaign}/status",
                           data={"csrf": csrf, "status": "closed"}).status_code == 404
        assert client.post(f"/dashboard/campaigns/{campaign}/notes",
                           data={"csrf": csrf, "text": "mine now"}).status_code == 404
        listing = client.get("/dashboard/campaigns").text
        assert campaign not in listing
        assert "No open campaign" in listing
    acme = site.reporting.campaigns.view(seeded["Acme"][0].id, campaign).campaign
    assert (acme.status, acme.notes) == (CampaignStatus.NEW, ())


def test_status_and_notes_need_the_csrf_token_and_are_audited(site: Site) -> None:
    seeded = seed_kit(site)
    acme = seeded["Acme"][0]
    campaign = only_campaign(site, acme)
    path = f"/dashboard/campaigns/{campaign}"
    with signed_in(site, acme, name="Bea Santos") as client:
        for data in ({"status": "closed"}, {"status": "closed", "csrf": "guessed"}):
            refused = client.post(f"{path}/status", data=data)
            assert refused.status_code == 403
            assert "security token" in refused.text
        assert client.post(f"{path}/notes", data={"text": "x"}).status_code == 403
        assert site.reporting.campaigns.view(acme.id, campaign).campaign.status \
            is CampaignStatus.NEW

        csrf = csrf_of(client)
        changed = client.post(f"{path}/status", data={"csrf": csrf, "status": "confirmed"})
        assert changed.status_code == 303
        assert changed.headers["location"] == path
        noted = client.post(f"{path}/notes", data={"csrf": csrf, "text": "blocked at proxy"})
        assert noted.status_code == 303
        page = client.get(path).text
        assert 'id="campaign-status">confirmed<' in page
        assert "blocked at proxy" in page
        assert "Bea Santos" in page  # the note names the person, not an id
        empty = client.post(f"{path}/notes", data={"csrf": csrf, "text": "   "})
        assert empty.status_code == 422
        assert client.post(f"{path}/status", data={"csrf": csrf, "status": "done"}
                           ).status_code == 422
        assert "set the status of" in client.get("/dashboard/audit").text
    bea, = (u for u, _ in site.store.users.users(acme.id))
    entries = [(e["action"], e["actor"], e["subject"])
               for e in site.store.tenants.audit_entries(acme.id)
               if str(e["action"]).startswith("campaign.")]
    assert entries == [("campaign.note", bea.id, campaign), ("campaign.status", bea.id, campaign)]
    globex = site.reporting.campaigns.view(seeded["Globex"][0].id, campaign).campaign
    assert (globex.status, globex.notes) == (CampaignStatus.NEW, ())  # each tenant's own


@pytest.mark.parametrize("kind", FORMATS)
def test_exports_download_with_the_session_and_hold_the_tenants_domains_only(
        site: Site, kind: str) -> None:
    seeded = seed_kit(site)
    acme = seeded["Acme"][0]
    campaign = only_campaign(site, acme)
    with signed_in(site, acme) as client:
        for path in (f"/dashboard/campaigns/{campaign}/export/{kind}",
                     f"/dashboard/exports/{kind}"):
            answer = client.get(path)
            assert answer.status_code == 200, answer.text
            assert answer.headers["content-disposition"].startswith("attachment; filename=")
            assert "acme-okta.com" in answer.text
            assert "globex" not in answer.text.lower()
            if kind == "txt":
                assert [line for line in answer.text.splitlines()
                        if line and not line.startswith("#")] == ["acme-okta.com"]
    with site.client() as stranger:  # an API key is not a session
        answer = stranger.get(f"/dashboard/exports/{kind}",
                              headers={"Authorization": "Bearer sg_whatever"})
        assert answer.status_code == 303


def test_closed_campaigns_come_after_open_ones(site: Site) -> None:
    seeded = seed_kit(site)
    acme = seeded["Acme"][0]
    first = only_campaign(site, acme)
    site.reporting.campaigns.set_status(acme.id, first, CampaignStatus.CLOSED, "cli")
    site.clock.advance(minutes=5)
    site.reporting.submit(acme.id, Submission(
        text="USPS: your parcel is held, pay the redelivery fee at https://usps-redeliver.top/p",
        sender="+15550009999", reporter="+14155550000", received_at=site.clock(),
        channel=Channel.SMS))
    site.reporting.submit(acme.id, Submission(
        text="USPS: your parcel is held, pay the redelivery fee at https://usps-redeliver.top/q",
        sender="+15550009999", reporter="+14155550001", received_at=site.clock(),
        channel=Channel.SMS))
    views = site.reporting.campaigns.list_for(acme.id)
    open_ids = [v.campaign.id for v in views if v.campaign.status is not CampaignStatus.CLOSED]
    with signed_in(site, acme) as client:
        listing = client.get("/dashboard/campaigns").text
        overview = client.get("/dashboard/").text
    closed_at = listing.index("<h2>Closed</h2>")
    assert listing.index(f"/dashboard/campaigns/{first}") > closed_at
    assert all(listing.index(f"/dashboard/campaigns/{c}") < closed_at for c in open_ids)
    assert re.search(rf'id="open-campaigns">{len(open_ids)}<', overview)
    assert f"/dashboard/campaigns/{first}" not in overview


def test_the_campaign_pages_in_a_browser(sqlite_site: Site, tab: Tab) -> None:
    site = sqlite_site
    seeded = seed_kit(site)
    acme = seeded["Acme"][0]
    campaign = only_campaign(site, acme)
    tab.enrol(f"{site.base}/dashboard/enrol?invite={site.invite(Role.ANALYST, acme)}", "Bea")
    page = tab.page
    page.click("nav.tabs >> text=Campaigns")
    tab.wait_for_path("/dashboard/campaigns")
    page.click(f"a[href='/dashboard/campaigns/{campaign}']")
    tab.wait_for_path(f"/dashboard/campaigns/{campaign}")
    expect(page.locator("#campaign-status")).to_have_text("new")
    expect(page.locator(".reach")).to_have_text("also seen by 1 other organization")
    page.click("button[value=blocked]")
    expect(page.locator("#campaign-status")).to_have_text("blocked")
    page.fill("#note", "Blocked at the proxy; told the help desk.")
    page.click("text=Add note")
    expect(page.locator(".notes")).to_contain_text("Blocked at the proxy")
    with page.expect_download() as download:
        page.click("a.button >> text=TXT")
    path = download.value.path()
    assert path is not None
    assert path.read_text(encoding="utf-8").count("acme-okta.com") == 1
    assert download.value.suggested_filename.endswith(".txt")
    page.click(f"a[href^='/dashboard/reports/{seeded['Acme'][1][0]}']")
    tab.wait_for_path(f"/dashboard/reports/{seeded['Acme'][1][0]}")
    assert site.reporting.campaigns.view(acme.id, campaign).campaign.status \
        is CampaignStatus.BLOCKED
