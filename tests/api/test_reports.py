"""/v1/reports over real HTTP, on SQLite and PostgreSQL: submit, list, search, decide."""

from __future__ import annotations

import pytest
from service_fixtures import Api

from smishguard.records import Role

PHISH = "Twilio IT: your password has expired. Log in at twilio-sso.com within 24 hours."
HAM = "Your dentist appointment is on Tuesday at 3pm. Reply C to confirm."


def test_a_report_is_scored_stored_and_pseudonymous(api: Api) -> None:
    acme = api.new_tenant("Acme")
    response = api.client.post("/v1/reports", headers=acme.headers(), json={
        "text": PHISH, "sender": "+14155550134", "reporter": "+1 (415) 555-0177",
        "received_at": "2026-11-28T08:55:00+00:00"})
    assert response.status_code == 201
    body = response.json()
    assert body["verdict"]["label"] == "phishing"
    assert body["verdict"]["domains"] == ["twilio-sso.com"]
    assert body["reporter_hint"] == "77"
    assert "4155550177" not in response.text
    stored = api.store.reports.get(acme.tenant.id, body["id"])
    assert stored.text == PHISH
    assert stored.reporter == body["reporter"]
    assert len(stored.reporter) == 32
    assert stored.received_at.isoformat() == "2026-11-28T08:55:00+00:00"


def test_the_same_reporter_gets_the_same_pseudonym(api: Api) -> None:
    acme = api.new_tenant("Acme")
    ids = [api.client.post("/v1/reports", headers=acme.headers(), json={
        "text": PHISH, "reporter": number}).json()["reporter"]
        for number in ("+14155550177", "+1 415 555 0177", "+14155550178")]
    assert ids[0] == ids[1] != ids[2]


def test_list_filters_and_pages(api: Api) -> None:
    acme = api.new_tenant("Acme")
    for i in range(5):
        api.client.post("/v1/reports", headers=acme.headers(), json={"text": f"{PHISH} #{i}"})
    api.client.post("/v1/reports", headers=acme.headers(), json={"text": HAM})
    everything = api.client.get("/v1/reports", headers=acme.headers()).json()
    assert len(everything["items"]) == 6
    assert everything["next_cursor"] is None
    assert everything["items"][0]["text"] == HAM  # newest first
    phishing = api.client.get("/v1/reports", headers=acme.headers(),
                              params={"label": "phishing"}).json()["items"]
    assert len(phishing) == 5
    by_domain = api.client.get("/v1/reports", headers=acme.headers(),
                               params={"domain": "twilio-sso.com"}).json()["items"]
    assert len(by_domain) == 5
    by_text = api.client.get("/v1/reports", headers=acme.headers(),
                             params={"q": "DENTIST"}).json()["items"]
    assert [r["text"] for r in by_text] == [HAM]
    wildcard = api.client.get("/v1/reports", headers=acme.headers(), params={"q": "%"}).json()
    assert wildcard["items"] == []  # LIKE wildcards are searched literally
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = api.client.get("/v1/reports", headers=acme.headers(), params=params).json()
        seen += [r["id"] for r in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [r["id"] for r in everything["items"]]


def test_an_analyst_decision_is_kept(api: Api) -> None:
    acme = api.new_tenant("Acme")
    _, analyst = api.key(acme, Role.ANALYST)
    report = api.client.post("/v1/reports", headers=acme.headers(), json={"text": HAM}).json()
    decided = api.client.put(f"/v1/reports/{report['id']}/decision",
                             headers=acme.headers(analyst), json={"decision": "not_phishing"})
    assert decided.status_code == 200
    assert decided.json()["decision"] == "not_phishing"
    undecided = api.client.get("/v1/reports", headers=acme.headers(),
                               params={"undecided": "true"}).json()["items"]
    assert undecided == []
    assert [r.id for r in api.store.reports.decisions(acme.tenant.id)] == [report["id"]]


def test_roles_limit_what_a_key_may_do(api: Api) -> None:
    acme = api.new_tenant("Acme")
    _, ingest = api.key(acme, Role.INGEST)
    assert api.client.post("/v1/reports", headers=acme.headers(ingest),
                           json={"text": PHISH}).status_code == 201
    refused = api.client.get("/v1/reports", headers=acme.headers(ingest))
    assert refused.status_code == 403
    assert "analyst" in refused.json()["error"]


def test_a_tenant_never_sees_another_tenants_reports(api: Api) -> None:
    acme = api.new_tenant("Acme")
    globex = api.new_tenant("Globex")
    secret = api.client.post("/v1/reports", headers=acme.headers(),
                             json={"text": PHISH}).json()
    assert api.client.get("/v1/reports", headers=globex.headers()).json()["items"] == []
    assert api.client.get(f"/v1/reports/{secret['id']}",
                          headers=globex.headers()).status_code == 404
    decided = api.client.put(f"/v1/reports/{secret['id']}/decision", headers=globex.headers(),
                             json={"decision": "phishing"})
    assert decided.status_code == 404
    assert api.store.reports.get(acme.tenant.id, secret["id"]).decision is None
    by_domain = api.client.get("/v1/reports", headers=globex.headers(),
                               params={"domain": "twilio-sso.com"}).json()
    assert by_domain["items"] == []


@pytest.mark.parametrize(("headers", "reason"), [
    ({}, "missing Authorization"),
    ({"Authorization": "Bearer sg_not-a-key"}, "unknown or revoked"),
    ({"Authorization": "Basic dXNlcjpwYXNz"}, "must be 'Bearer KEY'"),
    ({"Authorization": "Bearer"}, "must be 'Bearer KEY'"),
    ({"Authorization": "Bearer  sg_x extra"}, "unknown or revoked"),
])
def test_calls_without_a_valid_key_get_401(api: Api, headers: dict[str, str],
                                            reason: str) -> None:
    api.new_tenant("Acme")
    for method, path in (("POST", "/v1/reports"), ("GET", "/v1/reports"),
                         ("POST", "/v1/scan"), ("POST", "/v1/domains")):
        response = api.client.request(method, path, headers=headers, json={"text": PHISH})
        assert response.status_code == 401, (method, path)
        assert reason in response.json()["error"]


def test_a_revoked_key_stops_working(api: Api) -> None:
    acme = api.new_tenant("Acme")
    key, plain = api.key(acme, Role.ANALYST)
    assert api.client.get("/v1/reports", headers=acme.headers(plain)).status_code == 200
    api.store.tenants.revoke_key(acme.tenant.id, key.id, api.clock())
    assert api.client.get("/v1/reports", headers=acme.headers(plain)).status_code == 401


def test_an_idempotency_key_makes_a_retry_the_same_report(api: Api) -> None:
    acme = api.new_tenant("Acme")
    headers = acme.headers() | {"Idempotency-Key": "retry-7f3a"}
    first = api.client.post("/v1/reports", headers=headers, json={"text": PHISH})
    again = api.client.post("/v1/reports", headers=headers, json={"text": PHISH})
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert api.store.reports.count(acme.tenant.id) == 1
    other = api.client.post("/v1/reports", headers=acme.headers() | {
        "Idempotency-Key": "retry-7f3b"}, json={"text": PHISH})
    assert other.json()["id"] != first.json()["id"]
    # Keys are per tenant: another tenant's same key is its own report.
    globex = api.new_tenant("Globex")
    theirs = api.client.post("/v1/reports", headers=globex.headers() | {
        "Idempotency-Key": "retry-7f3a"}, json={"text": PHISH})
    assert theirs.json()["id"] != first.json()["id"]
