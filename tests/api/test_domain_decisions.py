"""Analysts decide on the names their watch observed (PUT /v1/domains/{domain}/decision), on
both backends: phishing blocks links to that name in every tenant's scans, and only that name
(a free host's tenant, not the free host); not phishing stops its alerts; each tenant decides
on its own names only; the decision shows in the list and the audit log."""

from __future__ import annotations

from typing import Any

from service_fixtures import Api, TenantHandle

from smishguard.records import Role

ACME = 'include_default_brands = false\n[[brands]]\nname = "Acme"\ndomains = ["acme.com"]\n'
ON_FREE_HOST = "acme-login-help.weebly.com"


def observe(api: Api, handle: TenantHandle, *names: str) -> None:
    answer = api.client.post("/v1/domains", headers=handle.headers(),
                             json={"domains": list(names), "source": "ct"})
    assert answer.status_code == 202, answer.text


def decide(api: Api, handle: TenantHandle, domain: str, decision: str,
           key: str | None = None) -> Any:
    return api.client.put(f"/v1/domains/{domain}/decision", headers=handle.headers(key),
                          json={"decision": decision})


def scan(api: Api, handle: TenantHandle, link: str) -> dict[str, Any]:
    answer = api.client.post("/v1/scan", headers=handle.headers(),
                             json={"text": f"Your order is ready, see {link} for details"})
    assert answer.status_code == 200, answer.text
    verdict: dict[str, Any] = answer.json()
    return verdict


def decisions(api: Api, handle: TenantHandle) -> dict[str, str]:
    return {d.domain: d.decision for d in api.store.domains.list(handle.tenant.id)}


def confirmed_reasons(verdict: dict[str, Any]) -> list[str]:
    return [s["reason"] for s in verdict["signals"] if s["detector"] == "url.confirmed"]


def test_phishing_blocks_links_to_that_name_for_every_tenant_and_no_other(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=ACME)
    globex = api.new_tenant("Globex")
    observe(api, acme, ON_FREE_HOST, "example.org")
    assert confirmed_reasons(scan(api, globex, f"https://{ON_FREE_HOST}/pay")) == []
    answer = decide(api, acme, ON_FREE_HOST, "phishing")
    assert answer.status_code == 200, answer.text
    assert (answer.json()["domain"], answer.json()["decision"]) == (ON_FREE_HOST, "phishing")
    blocked = scan(api, globex, f"https://{ON_FREE_HOST}/pay")
    assert blocked["label"] == "phishing"
    assert confirmed_reasons(blocked) == [
        f"security analysts confirmed {ON_FREE_HOST} as a phishing domain"]
    assert confirmed_reasons(scan(api, globex, "https://bakery-orders.weebly.com/")) == []
    listed = {row["domain"]: row["decision"] for row in api.client.get(
        "/v1/domains", params={"limit": 10}, headers=acme.headers()).json()["items"]}
    assert listed == {ON_FREE_HOST: "phishing", "example.org": None}
    [entry] = [e for e in api.store.tenants.audit_entries(acme.tenant.id)
               if e["action"] == "domain.decide"]
    assert (entry["subject"], entry["details"]) == (ON_FREE_HOST, {"decision": "phishing"})


def test_not_phishing_stops_the_names_alerts(alerting: Api) -> None:
    acme = alerting.new_tenant("Acme", policy_toml=ACME)
    alerting.client.post("/v1/alert-targets", headers=acme.headers(),
                         json={"url": "http://127.0.0.1:9/hook", "format": "json"})
    observe(alerting, acme, "acme-okta.com")
    assert decide(alerting, acme, "acme-okta.com", "not_phishing").json()["decision"] == (
        "not_phishing")
    observe(alerting, acme, "login.acme-okta.com", "acme-sso.com")
    alerted = sorted(i.payload["domain"] for i in alerting.store.alerts.pending(acme.tenant.id))
    assert alerted == ["acme-okta.com", "acme-sso.com"]  # the first, before the decision
    assert decide(alerting, acme, "acme-okta.com", "phishing").json()["decision"] == "phishing"


def test_a_tenant_decides_on_its_own_names_only(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=ACME)
    globex = api.new_tenant("Globex", policy_toml=ACME)
    observe(api, acme, "acme-okta.com")
    refused = decide(api, globex, "acme-okta.com", "not_phishing")
    assert refused.status_code == 404
    assert "has not observed 'acme-okta.com'" in refused.json()["error"]
    assert decide(api, acme, "acme-sso.com", "phishing").status_code == 404  # never sent
    assert decisions(api, acme) == {"acme-okta.com": ""}
    _, ingest = api.key(acme, Role.INGEST)
    assert decide(api, acme, "acme-okta.com", "phishing", key=ingest).status_code == 403
    bad = decide(api, acme, "acme-okta.com", "maybe")
    assert bad.status_code == 422
    assert "decision" in bad.text
    assert decisions(api, acme) == {"acme-okta.com": ""}
