"""End to end in Debian's Chromium (Playwright) with its virtual authenticator, on SQLite:
enrolment through an invite link, passkey sign-in, the triage keyboard, the policy editor,
and the refusals that make the sign-in phishing-resistant: an answer made on another origin,
a replayed answer, a stolen cookie without the CSRF token, used links, analysts on admin
pages."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from browsing import Tab
from dashboard_site import HAM, PHISH, PHISH_USPS, Site
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from live_server import serving
from playwright.sync_api import expect

from smishguard.model import Decision
from smishguard.records import Role


def test_enrol_through_an_invite_then_sign_out_and_in_with_the_passkey(
        sqlite_site: Site, tab: Tab) -> None:
    site = sqlite_site
    tab.enrol(site.invite_link(Role.ADMIN, note="Ana Ortiz"), "Ana Ortiz")
    expect(tab.page.locator(".person")).to_contain_text("Ana Ortiz")
    expect(tab.page.locator(".person .role")).to_have_text("admin")
    passkey, = tab.credentials()
    assert passkey["rpId"] == "localhost"
    assert passkey["isResidentCredential"] is True

    tab.sign_out()
    tab.page.goto(f"{site.base}/dashboard/triage")
    tab.wait_for_path("/dashboard/signin")
    assert tab.page.url.endswith("/dashboard/signin?next=/dashboard/triage")
    tab.page.click("#signin")
    tab.wait_for_path("/dashboard/triage")  # back where the person was going
    actions = [e["action"] for e in site.store.tenants.audit_entries(site.tenant.id)]
    assert actions[:4] == ["dashboard.signin", "dashboard.signout", "dashboard.enrol",
                           "dashboard.invite"]
    user, = (u for u, _ in site.store.users.users(site.tenant.id))
    stored, = site.store.users.passkeys_of(user.id)
    assert stored.sign_count == tab.credentials()[0]["signCount"] > 0


def test_triage_with_the_keyboard(sqlite_site: Site, tab: Tab) -> None:
    site = sqlite_site
    oldest = site.report(PHISH_USPS, minutes_ago=30)
    middle = site.report(HAM, minutes_ago=20)
    newest = site.report(PHISH, minutes_ago=10)
    tab.enrol(site.invite_link(Role.ANALYST), "Bea")
    page = tab.page
    page.goto(f"{site.base}/dashboard/triage")
    expect(page.locator("li.item.selected")).to_have_attribute("data-id", newest)
    page.keyboard.press("p")  # the newest is phishing
    expect(page.locator(f"#r-{newest}")).to_have_count(0)
    expect(page.locator("li.item.selected")).to_have_attribute("data-id", middle)
    page.keyboard.press("n")  # the dentist is not
    expect(page.locator(f"#r-{middle}")).to_have_count(0)
    expect(page.locator("#waiting")).to_have_text("1 waiting")
    page.keyboard.press("k")
    page.keyboard.press("o")
    tab.wait_for_path(f"/dashboard/reports/{oldest}")
    expect(page.locator(".message")).to_contain_text("usps-redelivery.top")
    page.click("button[value=phishing]")  # without the keyboard: a plain form post
    expect(page.locator(".decided")).to_have_text("decided: phishing")
    decisions = {r: site.store.reports.get(site.tenant.id, r).decision
                 for r in (oldest, middle, newest)}
    assert decisions == {oldest: Decision.PHISHING, middle: Decision.NOT_PHISHING,
                         newest: Decision.PHISHING}


def test_an_analyst_marks_a_watched_name_phishing_and_scans_block_it(
        sqlite_site: Site, tab: Tab) -> None:
    site = sqlite_site
    site.reporting.observe(site.tenant.id, ["acme-sso-login.com", "acme-help.top"], "ct")
    tab.enrol(site.invite_link(Role.ANALYST), "Bea")
    page = tab.page
    page.goto(f"{site.base}/dashboard/watch")
    row = page.locator("tbody tr", has=page.locator("code.domain", has_text="acme-sso-login.com"))
    expect(row.locator(".decided")).to_have_count(0)
    row.locator("button[value=phishing]").click()
    tab.wait_for_path("/dashboard/watch")
    expect(row.locator(".decided")).to_have_text("phishing")
    decisions = {d.domain: d.decision for d in site.store.domains.list(site.tenant.id)}
    assert decisions == {"acme-sso-login.com": "phishing", "acme-help.top": ""}
    verdict = site.reporting.scan(site.tenant.id, "Acme IT: sign in at acme-sso-login.com")
    assert "url.confirmed" in [s.detector for s in verdict.signals]


def test_an_admin_edits_the_policy_and_sees_errors_inline(sqlite_site: Site, tab: Tab) -> None:
    site = sqlite_site
    tab.enrol(site.invite_link(Role.ADMIN), "Ana")
    page = tab.page
    page.goto(f"{site.base}/dashboard/policy")
    page.fill("textarea[name=policy]", '[[brands]]\nname = "Globex"\nsite = "globex.com"\n')
    page.click("text=Check and save")
    expect(page.locator("#policy-problem")).to_contain_text("unknown policy key")
    expect(page.locator("textarea[name=policy]")).to_have_value(
        '[[brands]]\nname = "Globex"\nsite = "globex.com"\n')
    page.fill("textarea[name=policy]", '[[brands]]\nname = "Globex"\ndomains = ["globex.com"]\n')
    page.click("text=Check and save")
    expect(page.locator(".saved")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("globex.com")
    assert "Globex" in (site.store.tenants.get(site.tenant.id).policy_toml or "")


def test_an_analyst_is_refused_admin_pages(sqlite_site: Site, tab: Tab) -> None:
    site = sqlite_site
    tab.enrol(site.invite_link(Role.ANALYST), "Bea")
    expect(tab.page.locator("nav.tabs")).not_to_contain_text("People")
    answer = tab.page.goto(f"{site.base}/dashboard/users")
    assert answer is not None
    assert answer.status == 403
    expect(tab.page.locator(".problem")).to_contain_text("for admins")
    tab.page.goto(f"{site.base}/dashboard/policy")
    expect(tab.page.locator("textarea")).to_have_count(0)


@pytest.mark.parametrize("case", ["used", "expired"])
def test_a_used_or_expired_invite_link_is_refused(sqlite_site: Site, tab: Tab,
                                                  case: str) -> None:
    site = sqlite_site
    link = site.invite_link(Role.ADMIN)
    if case == "used":
        tab.enrol(link, "Ana")
        tab.sign_out()
    else:
        site.clock.advance(hours=25)
    answer = tab.page.goto(link)
    assert answer is not None
    assert answer.status == 403
    expect(tab.page.locator(".problem")).to_contain_text(
        "used already" if case == "used" else "expired")
    expect(tab.page.locator("#enrol")).to_have_count(0)
    assert len(site.store.users.users(site.tenant.id)) == (1 if case == "used" else 0)


@pytest.fixture
def look_alike_site() -> Iterator[str]:
    """Another origin on this machine (http://localhost:OTHER): a phishing page that relays
    the real site's challenge to the victim's authenticator and the answer back."""
    app = FastAPI()

    @app.get("/")
    def page() -> HTMLResponse:
        return HTMLResponse("<!doctype html><title>Acme sign-in</title><p>Sign in</p>")

    with serving(app) as base:
        yield base.replace("127.0.0.1", "localhost")


def test_an_answer_made_on_another_origin_is_refused(sqlite_site: Site, tab: Tab,
                                                     look_alike_site: str) -> None:
    site = sqlite_site
    tab.enrol(site.invite_link(Role.ADMIN), "Ana")
    tab.sign_out()
    with site.client() as relay:
        started = relay.post("/dashboard/auth/signin/options", json={}).json()
        tab.page.goto(look_alike_site)
        # The look-alike page asks the victim's authenticator for the real site's relying
        # party (allowed: 'localhost' covers every port), with the real challenge.
        credential = tab.page.evaluate(ASSERT_IN_PAGE, started["options"])
        answer = relay.post("/dashboard/auth/signin/verify", json={
            "ceremony": started["ceremony"], "credential": credential})
    assert answer.status_code == 401
    assert "origin" in answer.json()["error"]
    assert look_alike_site in answer.json()["error"]
    refused = site.store.tenants.audit_entries(site.tenant.id)[0]
    assert refused["action"] == "dashboard.signin_refused"


def test_a_replayed_sign_in_answer_is_refused(sqlite_site: Site, tab: Tab) -> None:
    site = sqlite_site
    tab.enrol(site.invite_link(Role.ADMIN), "Ana")
    tab.sign_out()
    captured: list[str] = []
    tab.page.on("request", lambda request: captured.append(request.post_data or "")
                if request.url.endswith("/auth/signin/verify") else None)
    tab.sign_in(site.base)
    answer, = captured
    with site.client() as attacker:
        replayed = attacker.post("/dashboard/auth/signin/verify", content=answer,
                                 headers={"Content-Type": "application/json"})
        assert replayed.status_code == 401
        assert "answered already" in replayed.json()["error"]
        assert "set-cookie" not in replayed.headers


def test_a_stolen_session_cookie_without_the_csrf_token_is_refused(
        sqlite_site: Site, tab: Tab) -> None:
    site = sqlite_site
    report = site.report(PHISH)
    tab.enrol(site.invite_link(Role.ADMIN), "Ana")
    cookie, = tab.page.context.cookies()
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Strict", "/")
    with httpx.Client(base_url=site.base, cookies={cookie["name"]: cookie["value"]}) as thief:
        assert thief.get("/dashboard/triage").status_code == 200  # reading: the cookie works
        refused = thief.post(f"/dashboard/reports/{report}/decision",
                             data={"decision": "not_phishing"})
        assert refused.status_code == 403
        refused = thief.post("/dashboard/users/invite", data={"role": "admin"})
        assert refused.status_code == 403
        refused = thief.post("/dashboard/watch/decision",
                             data={"domain": "acme-sso.com", "decision": "not_phishing"})
        assert refused.status_code == 403
    assert site.store.reports.get(site.tenant.id, report).decision is None
    assert site.store.users.pending_invites(site.tenant.id, site.clock()) == []
    # The page's own script can read the cookie? No: HttpOnly keeps it from any script.
    assert tab.page.evaluate("document.cookie") == ""


ASSERT_IN_PAGE = """async (options) => {
  const bytes = (text) => Uint8Array.from(
    atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - text.length % 4) % 4)),
    (c) => c.charCodeAt(0));
  const text = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const got = await navigator.credentials.get({publicKey: {
    challenge: bytes(options.challenge), rpId: options.rpId,
    userVerification: options.userVerification}});
  return {id: got.id, rawId: text(got.rawId), type: got.type, response: {
    clientDataJSON: text(got.response.clientDataJSON),
    authenticatorData: text(got.response.authenticatorData),
    signature: text(got.response.signature),
    userHandle: got.response.userHandle ? text(got.response.userHandle) : null}};
}"""
