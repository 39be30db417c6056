"""The dashboard's pages over real HTTP on SQLite and PostgreSQL: what each shows, who may see
and change what, the CSRF check on every change, sessions that end, tenants that never meet."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from dashboard_site import HAM, PHISH, PHISH_USPS, Site, csrf_of

from smishguard.model import Decision
from smishguard.records import ObservedDomain, Role, Tenant

PAGES = ["/dashboard/", "/dashboard/?window=7d", "/dashboard/triage", "/dashboard/watch",
         "/dashboard/watch?all=1", "/dashboard/policy", "/dashboard/audit"]


@contextmanager
def signed_in(site: Site, role: Role = Role.ADMIN, name: str = "Ana",
              tenant: Tenant | None = None) -> Iterator[httpx.Client]:
    with site.client() as client:
        answer = site.enrol(client, site.invite(role, tenant), site.authenticator(), name)
        assert answer.status_code == 200, answer.text
        yield client


@pytest.mark.parametrize("path", [*PAGES, "/dashboard/users"])
def test_every_page_needs_a_session(site: Site, path: str) -> None:
    with site.client() as client:
        answer = client.get(path)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/dashboard/signin?next=/dashboard/")


def test_pages_carry_security_headers_and_use_only_our_own_assets(site: Site) -> None:
    site.report(PHISH)
    with signed_in(site) as client:
        for path in [*PAGES, "/dashboard/users", "/dashboard/signin"]:
            page = client.get(path, follow_redirects=True)
            assert page.status_code == 200, path
            headers = page.headers
            assert "default-src 'self'" in headers["content-security-policy"]
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
            assert headers["x-frame-options"] == "DENY"
            assert headers["referrer-policy"] == "same-origin"
            assert headers["cache-control"] == "no-store"
            assert headers["server-timing"].startswith("app;dur=")
            for link in re.findall(r'(?:src|href|action)="([^"]*)"', page.text):
                assert link.startswith("/dashboard/"), (path, link)
            assert "style=" not in page.text  # the CSP allows no inline style
        for asset in ("dashboard.css", "dashboard.js", "favicon.svg"):
            assert client.get(f"/dashboard/static/{asset}").status_code == 200


def test_the_overview_counts_reports_brands_and_watch_hits(site: Site) -> None:
    for _ in range(3):
        site.report(PHISH, minutes_ago=30)
    site.report(PHISH_USPS, minutes_ago=90)
    site.report(HAM, minutes_ago=30)
    site.report(PHISH, minutes_ago=60 * 24 * 3)  # in the week, not in the day
    now = site.clock()
    site.store.domains.observe(site.tenant.id, [ObservedDomain(
        domain="acme-sso.net", first_seen=now, last_seen=now, brand="Acme", kind="keyword",
        score=0.9, reason="imitates Acme", source="watch")])
    with signed_in(site) as client:
        day = client.get("/dashboard/").text
        week = client.get("/dashboard/?window=7d").text
    assert _stat(day, "reports, last 24 hours") == "5"
    assert _stat(day, "phishing") == "4"
    assert _stat(day, "clean") == "1"
    assert _stat(day, "waiting for triage") == "6"
    assert _stat(week, "reports, last 7 days") == "6"
    assert "Acme: 3 reports" in day  # the brands chart says its numbers in words
    assert "USPS: 1 reports" in day
    assert "Acme: 4 reports" in week
    assert "acme-sso.net" in day
    assert ":00 UTC: 3 phishing, 0 suspicious, 1 clean" in day


def _stat(page: str, what: str) -> str:
    found = re.search(r'<span class="number">([\d,]+)</span><span class="what">'
                      + re.escape(what) + "</span>", page)
    assert found, what
    return found.group(1)


def test_triage_lists_undecided_reports_newest_first_and_takes_decisions(site: Site) -> None:
    older = site.report(PHISH, minutes_ago=50)
    newer = site.report(HAM, minutes_ago=10)
    with signed_in(site, Role.ANALYST) as client:
        queue = client.get("/dashboard/triage").text
        assert queue.index(f'data-id="{newer}"') < queue.index(f'data-id="{older}"')
        csrf = csrf_of(client)
        form = client.post(f"/dashboard/reports/{older}/decision",
                           data={"csrf": csrf, "decision": "phishing",
                                 "next": "/dashboard/triage"})
        assert form.status_code == 303
        assert form.headers["location"] == "/dashboard/triage"
        fetched = client.post(f"/dashboard/reports/{newer}/decision",
                              data={"decision": "not_phishing"},
                              headers={"X-CSRF-Token": csrf, "Accept": "application/json"})
        assert fetched.json() == {"id": newer, "decision": "not_phishing"}
        assert "Nothing waiting" in client.get("/dashboard/triage").text
        detail = client.get(f"/dashboard/reports/{older}").text
        assert "decided: phishing" in detail
        assert "acme-okta.com" in detail
    assert site.store.reports.get(site.tenant.id, older).decision is Decision.PHISHING
    decided = [e for e in site.store.tenants.audit_entries(site.tenant.id)
               if e["action"] == "report.decide"]
    analyst, = (u for u, _ in site.store.users.users(site.tenant.id))
    assert {(e["subject"], e["actor"]) for e in decided} == {(older, analyst.id),
                                                             (newer, analyst.id)}


def test_a_stolen_session_cookie_cannot_change_anything_without_the_csrf_token(
        site: Site) -> None:
    report = site.report(PHISH)
    with signed_in(site) as victim:
        stolen = dict(victim.cookies)
        other_csrf = ""
        with signed_in(site, name="Bea") as other:
            other_csrf = csrf_of(other)
        with site.client() as attacker:
            attacker.cookies.update(stolen)
            attempts = [
                {"decision": "not_phishing"},  # no token
                {"decision": "not_phishing", "csrf": "guessed"},
                {"decision": "not_phishing", "csrf": other_csrf},  # another session's token
            ]
            for data in attempts:
                answer = attacker.post(f"/dashboard/reports/{report}/decision", data=data)
                assert answer.status_code == 403
                assert "security token" in answer.text
            for path, data in (("/dashboard/policy", {"policy": "x = 1"}),
                               ("/dashboard/users/invite", {"role": "admin"}),
                               ("/dashboard/signout", {})):
                assert attacker.post(path, data=data).status_code == 403
            # The right token from another site (its Origin) is refused too.
            foreign = attacker.post(f"/dashboard/reports/{report}/decision",
                                    data={"decision": "not_phishing", "csrf": csrf_of(victim)},
                                    headers={"Origin": "https://acme-okta.com"})
            assert foreign.status_code == 403
    assert site.store.reports.get(site.tenant.id, report).decision is None
    assert site.store.users.pending_invites(site.tenant.id, site.clock()) == []


@pytest.mark.parametrize(("method", "path", "data"), [
    ("GET", "/dashboard/users", None),
    ("POST", "/dashboard/users/invite", {"role": "admin"}),
    ("POST", "/dashboard/policy", {"policy": 'include_default_brands = true\n'}),
])
def test_an_analyst_cannot_use_admin_pages(site: Site, method: str, path: str,
                                           data: dict[str, str] | None) -> None:
    with signed_in(site, Role.ANALYST) as client:
        if data is not None:
            data = {**data, "csrf": csrf_of(client)}
        answer = client.request(method, path, data=data)
        assert answer.status_code == 403
        assert "for admins" in answer.text
        assert "People" not in client.get("/dashboard/").text  # not in the navigation
        policy = client.get("/dashboard/policy").text
        assert "<textarea" not in policy
        assert "Acme" in policy
    assert site.store.tenants.get(site.tenant.id).policy_toml == site.tenant.policy_toml


def test_an_admin_invites_an_analyst_who_enrols_with_the_link(site: Site) -> None:
    with signed_in(site) as admin:
        page = admin.post("/dashboard/users/invite",
                          data={"csrf": csrf_of(admin), "role": "analyst", "note": "Bea, SOC"})
        assert page.status_code == 201
        link = re.search(r'id="invite-link" readonly[^>]*>([^<]+)</textarea>', page.text)
        assert link
        assert link.group(1).startswith(f"{site.base}/dashboard/enrol?invite=")
        assert "Bea, SOC" in admin.get("/dashboard/users").text
    token = link.group(1).split("invite=", 1)[1]
    with site.client() as newcomer:
        enrol_page = newcomer.get("/dashboard/enrol", params={"invite": token})
        assert "as <strong>analyst</strong>" in enrol_page.text
        assert site.enrol(newcomer, token, site.authenticator(), "Bea").status_code == 200
        assert newcomer.get("/dashboard/users").status_code == 403
    roles = sorted((u.name, u.role.value) for u, _ in site.store.users.users(site.tenant.id))
    assert roles == [("Ana", "admin"), ("Bea", "analyst")]


def test_an_admin_removes_access_and_the_session_ends(site: Site) -> None:
    with signed_in(site, Role.ANALYST, name="Bea") as analyst, signed_in(site) as admin:
        bea = next(u for u, _ in site.store.users.users(site.tenant.id) if u.name == "Bea")
        answer = admin.post(f"/dashboard/users/{bea.id}/remove", data={"csrf": csrf_of(admin)})
        assert answer.status_code == 303
        assert analyst.get("/dashboard/").status_code == 303
        assert "removed" in admin.get("/dashboard/users").text
        me = next(u for u, _ in site.store.users.users(site.tenant.id) if u.name == "Ana")
        self_removal = admin.post(f"/dashboard/users/{me.id}/remove",
                                  data={"csrf": csrf_of(admin)})
        assert self_removal.status_code == 422


def test_the_policy_is_validated_before_it_is_saved(site: Site) -> None:
    with signed_in(site) as admin:
        csrf = csrf_of(admin)
        bad = admin.post("/dashboard/policy", data={
            "csrf": csrf, "policy": '[[brands]]\nname = "Globex"\ndomain = ["globex.com"]\n'})
        assert bad.status_code == 422
        assert "unknown policy key" in bad.text
        assert "brands[0].domain" in bad.text or "domain" in bad.text
        assert 'aria-invalid="true"' in bad.text
        assert "domain = [&#34;globex.com&#34;]" in bad.text  # the text is kept to fix
        broken = admin.post("/dashboard/policy", data={"csrf": csrf, "policy": "[[brands"})
        assert broken.status_code == 422
        assert "not valid TOML" in broken.text
        assert site.store.tenants.get(site.tenant.id).policy_toml == site.tenant.policy_toml

        good = ('include_default_brands = true\n\n[[brands]]\nname = "Globex"\n'
                'domains = ["globex.com"]\n')
        saved = admin.post("/dashboard/policy", data={"csrf": csrf, "policy": good},
                           follow_redirects=True)
        assert "Saved." in saved.text
        assert "globex.com" in saved.text
    assert site.store.tenants.get(site.tenant.id).policy_toml == good
    entry = site.store.tenants.audit_entries(site.tenant.id)[0]
    assert entry["action"] == "policy.update"
    report = site.report("Globex HR: confirm your payroll at https://globex-payroll.com now")
    assert "url.lookalike" in {s.detector for s in
                               site.store.reports.get(site.tenant.id, report).verdict.signals}


def test_a_policy_listing_a_shared_host_as_owned_is_refused(site: Site) -> None:
    text = ('include_default_brands = false\n[[brands]]\nname = "Globex"\n'
            'domains = ["globex.com", "pages.dev"]\n')
    with signed_in(site) as admin:
        refused = admin.post("/dashboard/policy", data={"csrf": csrf_of(admin), "policy": text})
        assert refused.status_code == 422
        assert "pages.dev is a shared host" in refused.text
        assert "globex.pages.dev" in refused.text  # what to list instead
        assert 'aria-invalid="true"' in refused.text
    assert site.store.tenants.get(site.tenant.id).policy_toml == site.tenant.policy_toml


def test_the_policy_page_shows_what_policy_check_finds(site: Site) -> None:
    text = ('include_default_brands = false\n[[brands]]\nname = "Globex"\n'
            'domains = ["globex.com", "co.uk"]\n\n[[brands]]\nname = "Globex Labs"\n'
            'domains = ["globexlabs.com"]\naliases = ["globex"]\n')
    with signed_in(site) as admin:
        before = admin.get("/dashboard/policy").text
        assert "Checks" not in before  # the site's own policy has nothing to say
        saved = admin.post("/dashboard/policy", data={"csrf": csrf_of(admin), "policy": text},
                           follow_redirects=True)
        assert "Saved." in saved.text
        checks = saved.text.split('id="checks-heading"', 1)[1].split("</section>", 1)[0]
        assert "co.uk is a public suffix" in checks
        assert "its name &#39;globex&#39; reads as Globex&#39;s" in checks
        assert checks.count("<li") == 2


def test_a_tenant_never_sees_another_tenants_reports(site: Site) -> None:
    globex = site.new_tenant("Globex")
    theirs = site.report(PHISH, tenant=globex)
    mine = site.report(HAM)
    with signed_in(site, Role.ANALYST) as client:
        assert client.get(f"/dashboard/reports/{theirs}").status_code == 404
        assert client.post(f"/dashboard/reports/{theirs}/decision",
                           data={"csrf": csrf_of(client), "decision": "phishing"}
                           ).status_code == 404
        queue = client.get("/dashboard/triage").text
        assert mine in queue
        assert theirs not in queue
    assert site.store.reports.get(globex.id, theirs).decision is None


def test_sessions_end_when_idle_or_old(site: Site) -> None:
    with signed_in(site) as client:
        site.clock.advance(minutes=59)
        assert client.get("/dashboard/").status_code == 200
        for _ in range(12):  # busy all day: never idle, yet the session ends after 12 hours
            site.clock.advance(minutes=59)
            client.get("/dashboard/")
        assert client.get("/dashboard/").status_code == 303
    with signed_in(site) as client:
        site.clock.advance(minutes=61)
        assert client.get("/dashboard/").status_code == 303


@pytest.mark.parametrize(("target", "expected"), [
    ("/dashboard/triage", "/dashboard/triage"),
    ("//evil.example/dashboard/", "/dashboard/"),
    ("https://evil.example/", "/dashboard/"),
    ("/dashboard/..//evil.example", "/dashboard/"),
])
def test_sign_in_only_goes_back_to_our_own_pages(site: Site, target: str,
                                                 expected: str) -> None:
    with site.client() as client:
        page = client.get("/dashboard/signin", params={"next": target})
        assert f'data-next="{expected}"' in page.text


def test_bad_input_gets_a_page_not_a_crash(site: Site) -> None:
    with signed_in(site) as client:
        for path in ("/dashboard/reports/nope", "/dashboard/reports/a%00b",
                     "/dashboard/triage?before=99999999999", "/dashboard/triage?label=x",
                     "/dashboard/?window=1y", "/dashboard/no-such-page"):
            answer = client.get(path)
            assert answer.status_code in (404, 422), path
            assert "text/html" in answer.headers["content-type"]
        csrf = csrf_of(client)
        for path, data in (("/dashboard/users/invite", {"role": "ingest"}),
                           ("/dashboard/users/invite", {"role": "admin", "note": "a\x00b"}),
                           ("/dashboard/policy", {"policy": "x\x00"}),
                           ("/dashboard/reports/nope/decision", {"decision": "maybe"})):
            answer = client.post(path, data={**data, "csrf": csrf})
            assert answer.status_code in (404, 422), (path, answer.text)


def test_the_watch_page_filters_pages_and_takes_decisions(site: Site) -> None:
    names = [f"acme-sso-{n:03}.com" for n in range(130)]
    site.reporting.observe(site.tenant.id, [*names, "bakery.example"], "ct")
    with signed_in(site) as client:
        first = client.get("/dashboard/watch").text
        assert first.count('<code class="domain">') == 100
        assert "acme-sso-129.com" in first
        assert "bakery.example" not in first  # look-alikes only
        [more] = re.findall(r'<a class="more" href="([^"]+)"', first)
        second = client.get(more.replace("&amp;", "&")).text
        assert second.count('<code class="domain">') == 30
        assert "acme-sso-000.com" in second
        assert 'class="more"' not in second
        searched = client.get("/dashboard/watch", params={"q": "sso-12", "brand": "Acme"}).text
        assert searched.count('<code class="domain">') == 10
        answer = client.post("/dashboard/watch/decision", data={
            "domain": "acme-sso-125.com", "decision": "not_phishing",
            "next": "/dashboard/watch?q=sso-12", "csrf": csrf_of(client)})
        assert (answer.status_code, answer.headers["location"]) == (
            303, "/dashboard/watch?q=sso-12")
        waiting = client.get("/dashboard/watch", params={"q": "sso-12", "undecided": "1"}).text
        assert waiting.count('<code class="domain">') == 9
        assert "acme-sso-125.com" not in waiting
        assert client.get("/dashboard/watch", params={"after": "nonsense"}).status_code == 422
        assert "No domain the watch reported matches" in client.get(
            "/dashboard/watch", params={"q": "no-such-name"}).text


def test_the_watch_page_names_the_ct_entry_a_name_was_first_seen_in(site: Site) -> None:
    log = "https://ct.example/2026h1"
    site.reporting.observe(site.tenant.id, ["acme-okta.com", "acme-vpn.net"], "ct",
                           {"acme-okta.com": (log, 41227)})
    with signed_in(site) as client:
        page = client.get("/dashboard/watch").text
    assert f"first seen in entry 41227 of the CT log {log}" in page
    assert page.count("first seen in entry") == 1  # acme-vpn.net came with none


def test_the_watch_page_names_the_other_names_on_a_lookalikes_certificate(site: Site) -> None:
    crowd = [f"shop{n:02}.example" for n in range(12)]
    site.reporting.observe(
        site.tenant.id, ["acme-okta.com", "acme-vpn.net", "acme-hr.com", "acme-team.com"], "ct",
        certified_with={"acme-okta.com": ["*.acme-okta.com", "acme-team.com", "acme-okta.com"],
                        "acme-team.com": ["acme-okta.com"],
                        "acme-hr.com": ["acme-hr.com", *crowd]})
    with signed_in(site) as client:
        page = client.get("/dashboard/watch").text
        # Each name leads to the watch's rows that hold it (the campaign's other domains).
        row = page.split('<code class="domain">acme-okta.com</code>')[1].split("</tr>")[0]
        [(link, name)] = re.findall(r'on the same certificate: <a href="([^"]+)">([^<]+)</a>', row)
        found = client.get(link.replace("&amp;", "&")).text
        # And to the names whose certificate named it.
        [pivot] = re.findall(r'<a href="([^"]+)">names certified with it</a>', row)
        certified = client.get(pivot.replace("&amp;", "&")).text
    # Its own name and wildcard are left out; a crowded certificate shows its first ten.
    assert (link, name) == ("/dashboard/watch?all=1&amp;q=acme-team.com", "acme-team.com")
    assert found.count('<code class="domain">') == 1
    assert '<code class="domain">acme-team.com</code>' in found
    assert pivot == "/dashboard/watch?all=1&amp;certified_with=acme-okta.com"
    assert certified.count('<code class="domain">') == 1
    assert '<code class="domain">acme-team.com</code>' in certified
    assert "on certificates with <code>acme-okta.com</code>" in certified
    shown = re.findall(r'q=[^"]+">([^<]+)</a>', page.split(">acme-hr.com</code>")[1])
    assert shown[:10] == crowd[:10]
    assert f"{crowd[9]}</a> and 2 more · " in page
    assert page.count("on the same certificate") == 3  # acme-vpn.net came with none
