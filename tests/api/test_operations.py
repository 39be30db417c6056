"""/healthz, /metrics, /openapi.json and /v1/scan, /v1/domains."""

from __future__ import annotations

from service_fixtures import Api

PHISH = "Okta: your account will be locked. Verify at okta-verify-login.com now"


def test_health_and_openapi_need_no_key(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok", "database": "ok"}
    spec = api.client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/v1/scan", "/v1/reports", "/v1/reports/{report_id}/decision", "/v1/domains",
                 "/healthz", "/metrics"):
        assert path in spec["paths"], path


def test_metrics_count_reports_by_label(api: Api) -> None:
    acme = api.new_tenant("Acme")
    api.client.post("/v1/reports", headers=acme.headers(), json={"text": PHISH})
    text = api.client.get("/metrics").text
    assert 'smishguard_reports_total{channel="api",label="phishing"} 1.0' in text
    assert 'route="/v1/reports"' in text


def test_scan_uses_the_tenants_policy_and_stores_nothing(api: Api) -> None:
    policy = '[[brands]]\nname = "Initech"\ndomains = ["initech.com"]\n' \
             'include_default_brands = false\n'
    policy = 'include_default_brands = false\n[[brands]]\nname = "Initech"\n' \
             'domains = ["initech.com"]\n'
    initech = api.new_tenant("Initech", policy_toml=policy)
    acme = api.new_tenant("Acme")
    text = "Initech IT: password expires today, sign in at initech-sso.com"
    mine = api.client.post("/v1/scan", headers=initech.headers(), json={"text": text}).json()
    theirs = api.client.post("/v1/scan", headers=acme.headers(), json={"text": text}).json()
    assert mine["label"] == "phishing"
    assert any("Initech" in s["reason"] for s in mine["signals"])
    assert not any("Initech" in s["reason"] for s in theirs["signals"])
    assert api.store.reports.count(initech.tenant.id) == 0


def test_observed_domains_are_judged_and_counted(api: Api) -> None:
    acme = api.new_tenant("Acme")
    first = api.client.post("/v1/domains", headers=acme.headers(), json={
        "domains": ["okta-sso-login.com", "example.org"], "source": "ct"})
    assert first.status_code == 202
    assert first.json() == {"received": 2, "new": 2}
    again = api.client.post("/v1/domains", headers=acme.headers(),
                            json={"domains": ["okta-sso-login.com"]}).json()
    assert again == {"received": 1, "new": 0}
    page = api.client.get("/v1/domains", headers=acme.headers()).json()
    listed = {d["domain"]: d for d in page["items"]}
    assert listed["okta-sso-login.com"]["brand"] == "Okta"
    assert listed["okta-sso-login.com"]["times_seen"] == 2
    assert listed["example.org"]["brand"] == ""
