"""Campaigns through the API on both backends: reports of one kit at several tenants connect
into one campaign; each tenant sees only its own part; decisions flow back; exports load."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from live_server import serving
from service_fixtures import Api, TenantHandle

from smishguard.api import create_app
from smishguard.records import AlertFormat, AlertTarget

KIT = ("{brand} IT: your password has expired. Log in at {domain} within 24 hours "
       "to keep your access. Ticket {n}")
NAMES = ("Acme", "Globex", "Initech")


def policy(name: str) -> str:
    return (f'include_default_brands = false\n[[brands]]\nname = "{name}"\n'
            f'domains = ["{name.lower()}.com"]\n')


def tenants(api: Api) -> dict[str, TenantHandle]:
    return {name: api.new_tenant(name, policy_toml=policy(name)) for name in NAMES}


def report_kit(api: Api, handle: TenantHandle, n: int, reporter: str) -> dict[str, object]:
    name = handle.tenant.name
    text = KIT.format(brand=name, domain=f"{name.lower()}-okta.com", n=n)
    response = api.client.post("/v1/reports", headers=handle.headers(), json={
        "text": text, "sender": "+15550001111", "reporter": reporter})
    assert response.status_code == 201
    body: dict[str, object] = response.json()
    return body


def campaigns(api: Api, handle: TenantHandle) -> list[dict[str, object]]:
    response = api.client.get("/v1/campaigns", headers=handle.headers())
    assert response.status_code == 200
    found: list[dict[str, object]] = response.json()
    return found


def test_one_kit_at_two_tenants_is_one_campaign_seen_from_both(api: Api) -> None:
    t = tenants(api)
    for i in range(3):
        report_kit(api, t["Acme"], i, f"+1415555010{i}")
        api.clock.advance(minutes=2)
    for i in range(2):
        report_kit(api, t["Globex"], 10 + i, f"+1628555020{i}")
        api.clock.advance(minutes=2)
    [acme] = campaigns(api, t["Acme"])
    [globex] = campaigns(api, t["Globex"])
    assert acme["id"] == globex["id"]
    assert acme["reports"] == 3
    assert acme["people_reached"] == 3
    assert acme["other_organizations"] == 1
    assert globex["reports"] == 2
    assert "{brand}-okta.com" in acme["patterns"]
    assert campaigns(api, t["Initech"]) == []


def test_a_tenant_never_reads_another_tenants_part(api: Api) -> None:
    t = tenants(api)
    acme_reports = [report_kit(api, t["Acme"], i, f"+1415555010{i}") for i in range(2)]
    report_kit(api, t["Globex"], 7, "+16285550200")
    [globex] = campaigns(api, t["Globex"])
    seen = str(globex)
    assert "acme" not in seen.lower()
    assert not any(r["id"] in seen for r in acme_reports)
    assert globex["domains"] == ["globex-okta.com"]
    assert all("Acme" not in sample for sample in globex["samples"])
    # Initech saw nothing of it: the campaign does not exist for Initech.
    missing = api.client.get(f"/v1/campaigns/{globex['id']}", headers=t["Initech"].headers())
    assert missing.status_code == 404
    refused = api.client.put(f"/v1/campaigns/{globex['id']}/status",
                             headers=t["Initech"].headers(), json={"status": "closed"})
    assert refused.status_code == 404


def test_status_and_notes_are_each_tenants_own(api: Api) -> None:
    t = tenants(api)
    report_kit(api, t["Acme"], 1, "+14155550100")
    report_kit(api, t["Globex"], 2, "+16285550200")
    [acme] = campaigns(api, t["Acme"])
    path = f"/v1/campaigns/{acme['id']}"
    noted = api.client.post(f"{path}/notes", headers=t["Acme"].headers(),
                            json={"text": "blocked at the proxy"})
    assert noted.status_code == 200
    assert noted.json()["notes"][-1].endswith("blocked at the proxy")
    closed = api.client.put(f"{path}/status", headers=t["Acme"].headers(),
                            json={"status": "closed"}).json()
    assert closed["status"] == "closed"
    globex = api.client.get(path, headers=t["Globex"].headers()).json()
    assert globex["status"] == "new"
    assert globex["notes"] == []


def test_a_confirmed_campaign_blocks_its_domains_for_every_tenant(api: Api) -> None:
    t = tenants(api)
    report_kit(api, t["Acme"], 1, "+14155550100")
    [acme] = campaigns(api, t["Acme"])
    probe = "Hi, the new benefits portal is at acme-okta.com"
    before = api.client.post("/v1/scan", headers=t["Initech"].headers(), json={"text": probe})
    assert before.json()["label"] != "phishing"
    api.client.put(f"/v1/campaigns/{acme['id']}/status", headers=t["Acme"].headers(),
                   json={"status": "confirmed"})
    after = api.client.post("/v1/scan", headers=t["Initech"].headers(), json={"text": probe})
    assert after.json()["label"] == "phishing"
    assert after.json()["signals"][0]["detector"] == "url.confirmed"


def test_a_cleared_domain_stops_alerting(api: Api) -> None:
    t = tenants(api)
    first = report_kit(api, t["Acme"], 1, "+14155550100")
    api.client.put(f"/v1/reports/{first['id']}/decision", headers=t["Acme"].headers(),
                   json={"decision": "not_phishing"})
    api.store.alerts.add_target(AlertTarget(
        id="target", tenant_id=t["Acme"].tenant.id, url="http://127.0.0.1:9/",
        format=AlertFormat.JSON, created_at=datetime(2026, 11, 28, tzinfo=UTC), secret="s"))
    text = "Acme: verify your account at acme-okta.com/login now or lose access today"
    api.client.post("/v1/reports", headers=t["Acme"].headers(), json={"text": text})
    assert [i.payload["domain"] for i in api.store.alerts.pending(t["Acme"].tenant.id)] == []
    other = "Acme: verify your account at acme-sso-login.com now or lose access today"
    api.client.post("/v1/reports", headers=t["Acme"].headers(), json={"text": other})
    assert [i.payload["domain"] for i in api.store.alerts.pending(t["Acme"].tenant.id)] == [
        "acme-sso-login.com"]


def test_campaigns_survive_a_restart_and_new_reports_join_them(api: Api) -> None:
    t = tenants(api)
    report_kit(api, t["Acme"], 1, "+14155550100")
    [before] = campaigns(api, t["Acme"])
    restarted = create_app(api.settings, api.store, api.clock, deliver_alerts=False)
    assert restarted.state.services.reporting.campaigns.load() == 1
    with serving(restarted) as base, httpx.Client(base_url=base) as client:
        api.clock.advance(minutes=3)
        text = KIT.format(brand="Acme", domain="acme-okta.com", n=99)
        client.post("/v1/reports", headers=t["Acme"].headers(), json={"text": text})
        [after] = client.get("/v1/campaigns", headers=t["Acme"].headers()).json()
    assert after["id"] == before["id"]
    assert after["reports"] == 2


@pytest.mark.parametrize("export_format", ["rpz", "stix", "misp", "csv", "txt"])
def test_exports_carry_the_tenants_domains_only(api: Api, export_format: str,
                                                tmp_path: Path) -> None:
    t = tenants(api)
    report_kit(api, t["Acme"], 1, "+14155550100")
    report_kit(api, t["Globex"], 2, "+16285550200")
    response = api.client.get(f"/v1/exports/{export_format}", headers=t["Acme"].headers())
    assert response.status_code == 200
    assert "acme-okta.com" in response.text
    assert "globex" not in response.text.lower()
    if export_format == "rpz":
        checker = shutil.which("named-checkzone")
        if checker is None:
            pytest.skip("named-checkzone not installed (Debian bind9-utils)")
        zone = tmp_path / "zone.rpz"
        zone.write_text(response.text)
        first = next(line for line in response.text.splitlines() if "SOA" in line)
        origin = first.split()[0].rstrip(".") if not first.startswith(("@", "$")) else None
        name = origin or _origin(response.text)
        result = subprocess.run([checker, name, str(zone)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def _origin(zone: str) -> str:
    for line in zone.splitlines():
        if line.startswith("$ORIGIN"):
            return line.split()[1].rstrip(".")
    return "rpz.smishguard"


def test_unknown_export_format_is_a_4xx(api: Api) -> None:
    t = tenants(api)
    response = api.client.get("/v1/exports/pdf", headers=t["Acme"].headers())
    assert response.status_code == 422


def test_look_alikes_sent_in_one_call_are_each_clustered_and_kept_once(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=policy("Acme"))
    names = ["acme-okta.net", "acme-okta.xyz", "example.org", "acme-parcel.com"]
    for _ in range(2):  # the second call sees the same names: nothing new to cluster
        response = api.client.post("/v1/domains", headers=acme.headers(),
                                   json={"domains": names, "source": "ct"})
        assert response.status_code == 202, response.text
        kept = [i for i in api.store.campaigns.items() if i.tenant_id == acme.tenant.id]
        assert sorted(i.item_id.rsplit(":", 1)[1] for i in kept) == [
            "acme-okta.net", "acme-okta.xyz", "acme-parcel.com"]
        assert all(i.campaign_id and i.kind == "watch_hit" for i in kept)
    restarted = create_app(api.settings, api.store, api.clock, deliver_alerts=False)
    assert restarted.state.services.reporting.campaigns.load() == 3


def confirmed(api: Api, handle: TenantHandle, text: str) -> list[str]:
    answer = api.client.post("/v1/scan", headers=handle.headers(), json={"text": text})
    assert answer.status_code == 200, answer.text
    return [s["evidence"] for s in answer.json()["signals"] if s["detector"] == "url.confirmed"]


def test_a_decision_on_a_free_hosts_site_covers_that_site_only(api: Api) -> None:
    t = tenants(api)
    text = ("Acme IT: your mailbox is full, sign in at https://acme-mail-help.weebly.com/login "
            "or https://bit.ly/3xYzAcm within 24 hours")
    report = api.client.post("/v1/reports", headers=t["Acme"].headers(), json={"text": text})
    decided = api.client.put(f"/v1/reports/{report.json()['id']}/decision",
                             headers=t["Acme"].headers(), json={"decision": "phishing"})
    assert decided.status_code == 200, decided.text
    initech = t["Initech"]
    assert confirmed(api, initech, "log in: https://acme-mail-help.weebly.com/") == [
        "acme-mail-help.weebly.com"]
    assert confirmed(api, initech, "order cakes at https://bakery-orders.weebly.com/") == []
    assert confirmed(api, initech, "our menu: https://bit.ly/menu2024") == []


def test_a_confirmed_campaign_of_a_free_hosts_site_blocks_its_links(api: Api) -> None:
    t = tenants(api)
    for n in range(2):
        api.client.post("/v1/reports", headers=t["Acme"].headers(), json={
            "text": f"Acme IT: password expired, log in at acme-sso-portal.weebly.com now. "
                    f"Ticket {n}", "reporter": f"+1415555010{n}"})
        api.clock.advance(minutes=2)
    [acme] = campaigns(api, t["Acme"])
    assert "acme-sso-portal.weebly.com" in acme["domains"]
    api.client.put(f"/v1/campaigns/{acme['id']}/status", headers=t["Acme"].headers(),
                   json={"status": "confirmed"})
    assert confirmed(api, t["Globex"], "see https://acme-sso-portal.weebly.com/x") == [
        "acme-sso-portal.weebly.com"]
    assert confirmed(api, t["Globex"], "see https://globex-news.weebly.com/") == []
