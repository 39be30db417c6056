"""Passkey enrolment and sign-in over real HTTP, on SQLite and PostgreSQL, with a software
authenticator that can lie: answers for another origin or relying party, replays, cloned
keys, missing user verification, used and expired invites. Every refusal must hold."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from dashboard_site import Site, json_ok, running_site
from webauthn.helpers import bytes_to_base64url

from smishguard.records import Role


def audit_actions(site: Site) -> list[str]:
    return [str(e["action"]) for e in site.store.tenants.audit_entries(site.tenant.id)]


def test_an_invited_person_enrols_and_is_signed_in(site: Site) -> None:
    with site.client() as client:
        key = site.authenticator()
        answer = site.enrol(client, site.invite(Role.ANALYST), key, "Ana Ortiz")
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"redirect": "/dashboard/", "name": "Ana Ortiz",
                                 "role": "analyst"}
        cookie = answer.headers["set-cookie"].lower()
        for attribute in ("httponly", "samesite=strict", "path=/"):
            assert attribute in cookie
        assert "secure" not in cookie  # plain http on localhost; https gets Secure + __Host-
        assert client.get("/dashboard/triage").status_code == 200
    (user, passkeys), = site.store.users.users(site.tenant.id)
    assert (user.name, user.role, passkeys) == ("Ana Ortiz", Role.ANALYST, 1)
    assert "dashboard.enrol" in audit_actions(site)


def test_a_person_signs_in_again_and_out(site: Site) -> None:
    key = site.authenticator()
    with site.client() as first:
        assert site.enrol(first, site.invite(), key).status_code == 200
    with site.client() as client:
        assert client.get("/dashboard/").status_code == 303  # to the sign-in page
        answer = site.sign_in(client, key)
        assert answer.status_code == 200, answer.text
        page = client.get("/dashboard/")
        assert page.status_code == 200
        csrf = page.text.split('data-csrf="', 1)[1].split('"', 1)[0]
        assert client.post("/dashboard/signout", data={"csrf": csrf}).status_code == 303
        assert client.get("/dashboard/").status_code == 303
    assert audit_actions(site)[:3] == ["dashboard.signout", "dashboard.signin",
                                       "dashboard.enrol"]
    passkey = site.store.users.passkey(bytes_to_base64url(key.credential_id))
    assert passkey is not None
    assert passkey.sign_count == key.sign_count == 1


@pytest.mark.parametrize(("lie", "reason"), [
    ({"origin": "http://localhost:1"}, "origin"),
    ({"origin": "https://acme-okta.com"}, "origin"),
    ({"rp_id": "acme-okta.com"}, "RP ID"),
    ({"verifies_user": False}, "verif"),
])
def test_a_sign_in_answer_for_another_site_or_without_verification_is_refused(
        site: Site, lie: dict[str, object], reason: str) -> None:
    honest = site.authenticator()
    with site.client() as client:
        assert site.enrol(client, site.invite(), honest).status_code == 200
    for name, value in lie.items():
        setattr(honest, name, value)
    with site.client() as client:
        answer = site.sign_in(client, honest)
        assert answer.status_code == 401
        assert reason.lower() in answer.json()["error"].lower()
        assert "set-cookie" not in answer.headers
        assert client.get("/dashboard/").status_code == 303
    assert audit_actions(site)[0] == "dashboard.signin_refused"


@pytest.mark.parametrize(("lie", "reason"), [
    ({"origin": "http://localhost:1"}, "origin"),
    ({"rp_id": "acme-okta.com"}, "RP ID"),
    ({"verifies_user": False}, "verif"),
])
def test_an_enrolment_for_another_site_is_refused_and_keeps_nothing(
        site: Site, lie: dict[str, object], reason: str) -> None:
    with site.client() as client:
        answer = site.enrol(client, site.invite(), site.authenticator(**lie))
        assert answer.status_code == 401
        assert reason.lower() in answer.json()["error"].lower()
    assert site.store.users.users(site.tenant.id) == []


def test_a_replayed_sign_in_answer_is_refused(site: Site) -> None:
    key = site.authenticator()
    with site.client() as client:
        assert site.enrol(client, site.invite(), key).status_code == 200
    with site.client() as client:
        started = json_ok(client.post("/dashboard/auth/signin/options", json={}))
        answer = {"ceremony": started["ceremony"], "credential": key.get(started["options"])}
        assert client.post("/dashboard/auth/signin/verify", json=answer).status_code == 200
    with site.client() as attacker:
        again = attacker.post("/dashboard/auth/signin/verify", json=answer)
        assert again.status_code == 401
        assert "answered already" in again.json()["error"]
        # The same answer under a fresh challenge: the signed challenge does not match.
        fresh = json_ok(attacker.post("/dashboard/auth/signin/options", json={}))
        moved = attacker.post("/dashboard/auth/signin/verify", json={
            "ceremony": fresh["ceremony"], "credential": answer["credential"]})
        assert moved.status_code == 401
        assert "challenge" in moved.json()["error"]


def test_a_cloned_passkey_is_refused_when_its_counter_goes_back(site: Site) -> None:
    key = site.authenticator()
    with site.client() as client:
        assert site.enrol(client, site.invite(), key).status_code == 200
        for _ in range(3):
            assert site.sign_in(client, key).status_code == 200
    key.sign_count = 1  # a copy of the key, made when its counter stood at 1
    with site.client() as client:
        answer = site.sign_in(client, key)
        assert answer.status_code == 401
        assert "cloned" in answer.json()["error"]
    refused = site.store.tenants.audit_entries(site.tenant.id)[0]
    assert refused["action"] == "dashboard.signin_refused"
    assert "from 3 to 2" in refused["details"]["reason"]


def test_an_unknown_passkey_is_refused(site: Site) -> None:
    with site.client() as client:
        answer = site.sign_in(client, site.authenticator())
        assert answer.status_code == 401
        assert "not enrolled" in answer.json()["error"]


@pytest.mark.parametrize("case", ["used", "expired", "unknown"])
def test_a_used_expired_or_unknown_invite_is_refused(site: Site, case: str) -> None:
    token = site.invite()
    if case == "used":
        with site.client() as client:
            assert site.enrol(client, token, site.authenticator()).status_code == 200
    elif case == "expired":
        site.clock.advance(hours=24, seconds=1)
    else:
        token = "not-a-real-invite"
    with site.client() as client:
        page = client.get("/dashboard/enrol", params={"invite": token})
        assert page.status_code == 403
        assert {"used": "used already", "expired": "expired",
                "unknown": "not valid"}[case] in page.text
        answer = client.post("/dashboard/auth/enrol/options",
                             json={"invite": token, "name": "Mallory"})
        assert answer.status_code == 401
    assert len(site.store.users.users(site.tenant.id)) == (1 if case == "used" else 0)


def test_an_invite_answer_cannot_be_finished_twice(site: Site) -> None:
    token = site.invite()
    key = site.authenticator()
    with site.client() as client:
        started = json_ok(client.post("/dashboard/auth/enrol/options",
                                      json={"invite": token, "name": "Ana"}))
        body = {"ceremony": started["ceremony"], "invite": token, "name": "Ana",
                "credential": key.create(started["options"])}
        assert client.post("/dashboard/auth/enrol/verify", json=body).status_code == 200
        assert client.post("/dashboard/auth/enrol/verify", json=body).status_code == 401


def test_ceremony_steps_take_json_from_our_origin_only(site: Site) -> None:
    with site.client() as client:
        form = client.post("/dashboard/auth/signin/options", data={"x": "1"})
        assert form.status_code == 415
        foreign = client.post("/dashboard/auth/signin/options", json={},
                              headers={"Origin": "https://acme-okta.com"})
        assert foreign.status_code == 403
        assert "not accepted" in foreign.json()["error"]


def test_behind_https_the_public_url_names_the_relying_party_and_the_cookie(
        tmp_path: Path) -> None:
    public = "https://smishguard.acme.example"
    with running_site(f"sqlite:///{tmp_path / 'https.db'}", tmp_path / "state",
                      public_url=public) as site, site.client() as client:
        local = site.authenticator()  # what the page at http://localhost would sign
        assert site.enrol(client, site.invite(), local).status_code == 401
        key = site.authenticator(origin=public, rp_id="smishguard.acme.example")
        answer = site.enrol(client, site.invite(), key)
        assert answer.status_code == 200, answer.text
        cookie = answer.headers["set-cookie"]
        assert cookie.startswith("__Host-smishguard_session=")
        assert "Secure" in cookie
        assert "Domain" not in cookie
        session = cookie.split(";", 1)[0].split("=", 1)[1]
        with site.client() as browser:  # as a browser sends it over TLS, to the proxy
            page = browser.get("/dashboard/",
                               headers={"Cookie": f"__Host-smishguard_session={session}"})
            assert page.status_code == 200
            # The same id under the plain-http name opens nothing behind HTTPS.
            plain = browser.get("/dashboard/", headers={"Cookie": f"smishguard_session={session}"})
            assert plain.status_code == 303


def test_passkeys_need_a_host_name_not_an_ip_address(site: Site) -> None:
    with httpx.Client(base_url=site.base.replace("localhost", "127.0.0.1")) as client:
        answer = client.post("/dashboard/auth/signin/options", json={})
        assert answer.status_code == 422
        assert "host name" in answer.json()["error"]
