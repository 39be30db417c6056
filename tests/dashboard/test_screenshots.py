"""Every page at desktop (1280×800) and phone (375×812) width, with a day of realistic reports
(the labelled fixtures: an 0ktapus-style burst, everyday smishing, legitimate texts), written
as PNG files to the artifacts folder for people to look at. At phone width no page may be
wider than the screen (tables scroll inside their panel instead)."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

from browsing import Tab
from dashboard_site import Site

from smishguard.model import Decision
from smishguard.records import Role

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SIZES = {"desktop": (1280, 800), "phone": (375, 812)}
KIT = ("{brand} IT: your password has expired. Log in at {domain} within 24 hours "
       "to keep your access. Ticket {n}")
WATCHED = ["acme-okta.com", "acme-sso.net", "twilio-sso.com", "cloudflare-okta.com",
           "globex-payroll.com", "initech-helpdesk.com", "weather-today.net", "my-recipes.org"]


def rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row.get("lang", "en") == "en"]


def seed(site: Site) -> str:
    """A day of reports and watch hits; returns the id of a report worth opening."""
    site.store.tenants.set_policy(site.tenant.id,
                                  (FIXTURES / "policy_fixture.toml").read_text("utf-8"))
    attack = rows("oktapus.csv")
    everyday = rows("everyday_smishing.csv")
    legitimate = rows("legitimate.csv")[:30]
    timeline = sorted(
        [(5 + (i * 173) % 180, row) for i, row in enumerate(attack)]  # the last 3 hours
        + [((i * 613) % 1430, row) for i, row in enumerate(everyday)]
        + [((i * 827) % 1430, row) for i, row in enumerate(legitimate)],
        key=lambda item: -item[0])  # reported in the order they arrived
    shown = ""
    for minutes_ago, row in timeline:
        report = site.report(row["text"], sender=row["sender"] or None,
                             minutes_ago=minutes_ago)
        if row in legitimate[:20]:
            site.reporting.decide(site.tenant.id, report, Decision.NOT_PHISHING, "cli")
        elif row is attack[0]:
            shown = report
    # The same kit at another organization, so that a campaign counts one other.
    globex = site.new_tenant("Globex")
    for n, (who, minutes_ago) in enumerate([(site.tenant, 50), (globex, 46), (site.tenant, 41),
                                            (globex, 33), (site.tenant, 22)]):
        brand = "Acme" if who is site.tenant else "Globex"
        site.report(KIT.format(brand=brand, domain=f"{brand.lower()}-login-sso.com", n=401 + n),
                    tenant=who, sender="+15550104477", minutes_ago=minutes_ago)
    now = site.clock.now
    for i, domain in enumerate(WATCHED):
        site.clock.now = now - timedelta(minutes=37 * (i + 1))
        site.reporting.observe(site.tenant.id, [domain], source="certstream")
    site.clock.now = now
    return shown


def test_every_page_at_desktop_and_phone_width(sqlite_site: Site, tab: Tab,
                                               artifacts: Path) -> None:
    site = sqlite_site
    report = seed(site)
    page = tab.page
    written: list[Path] = []

    def shoot(name: str, path: str | None = None) -> None:
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            if path is not None:
                page.goto(site.base + path)
            page.wait_for_load_state("load")
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
            target = artifacts / f"{name}-{size}.png"
            tall = page.evaluate("document.documentElement.scrollHeight")
            page.screenshot(path=str(target), full_page=True,  # long lists: their top
                            clip={"x": 0, "y": 0, "width": width, "height": min(tall, 2400)})
            written.append(target)

    link = site.invite_link(Role.ADMIN, note="Ana Ortiz")
    page.goto(link)
    shoot("enrol")
    tab.enrol(link, "Ana Ortiz")
    site.invite(Role.ANALYST, note="Bea Santos, SOC night shift")
    with site.client() as other:  # a second person, so People has someone to list
        site.enrol(other, site.invite(Role.ANALYST), site.authenticator(), "Carl Reyes")
    for name, path in [("overview", "/dashboard/"), ("overview-week", "/dashboard/?window=7d"),
                       ("triage", "/dashboard/triage"), ("report", f"/dashboard/reports/{report}"),
                       ("watch", "/dashboard/watch"), ("policy", "/dashboard/policy"),
                       ("audit", "/dashboard/audit"), ("users", "/dashboard/users")]:
        shoot(name, path)

    shoot("campaigns", "/dashboard/campaigns")
    biggest = max(site.reporting.campaigns.list_for(site.tenant.id),
                  key=lambda view: len(view.campaign.report_ids))
    page.goto(f"{site.base}/dashboard/campaigns/{biggest.campaign.id}")
    page.click("button[value=confirmed]")
    page.fill("#note", "Okta look-alikes blocked at the proxy; help desk warned.")
    page.click("text=Add note")
    page.wait_for_selector(".notes")
    shoot("campaign")

    page.goto(f"{site.base}/dashboard/policy")
    page.fill("textarea[name=policy]", '[[brands]]\nname = "Acme"\ndomain = "acme.com"\n')
    page.click("text=Check and save")
    page.wait_for_selector("#policy-problem")
    shoot("policy-error")
    page.goto(f"{site.base}/dashboard/users")
    page.fill("#note", "Dee Park, help desk")
    page.click("text=Make an enrolment link")
    page.wait_for_selector("#invite-link")
    shoot("users-new-link")
    shoot("not-found", "/dashboard/reports/no-such-report")
    tab.sign_out()
    shoot("signin")
    page.goto(link)  # used already
    shoot("enrol-used")
    assert all(path.stat().st_size > 5_000 for path in written)
