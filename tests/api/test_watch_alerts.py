"""Look-alikes the watch sends to /v1/domains alert the tenant's targets, end to end on both
backends: a new look-alike once, signed as docs/alerts.md says, in JSON and Slack's format; a
kit's copies when the kit shows itself; never a cleared domain, a repeat, or a name that
imitates nothing."""

from __future__ import annotations

import json
from typing import Any

from alert_receiver import Receiver, documented_verifier
from service_fixtures import Api, TenantHandle, add_target

from smishguard.service.alert_worker import delivery_client
from smishguard.service.alerts import deliver_due

LOOKALIKE = "okta-verify-login.com"
PHISH = f"Okta: your account will be locked. Verify at {LOOKALIKE} now"
DARB = 'include_default_brands = false\n[[brands]]\nname = "Darb"\ndomains = ["darb.itc.gov.ae"]\n'
verify = documented_verifier()


def observe(api: Api, handle: TenantHandle, *names: str) -> None:
    answer = api.client.post("/v1/domains", headers=handle.headers(),
                             json={"domains": list(names), "source": "ct"})
    assert answer.status_code == 202, answer.text


def pending(api: Api, handle: TenantHandle) -> list[tuple[str, str]]:
    return [(i.event, i.payload["domain"]) for i in api.store.alerts.pending(handle.tenant.id)]


def deliver(api: Api) -> int:
    with delivery_client() as client:
        return deliver_due(api.store, client, api.clock, draw=lambda: 0.5).delivered


def test_a_new_lookalike_alerts_each_target_once_signed_in_both_formats(
        alerting: Api, receiver: Receiver) -> None:
    acme, globex = alerting.new_tenant("Acme"), alerting.new_tenant("Globex")
    json_secret = add_target(alerting, acme, receiver.url("/json"))["secret"]
    slack_secret = add_target(alerting, acme, receiver.url("/slack"), "slack")["secret"]
    add_target(alerting, globex, receiver.url("/globex"))
    observe(alerting, acme, LOOKALIKE, "example.org")
    assert deliver(alerting) == 2
    [as_json], [as_slack] = receiver.at("/json"), receiver.at("/slack")
    assert receiver.at("/globex") == []
    for received, secret in ((as_json, json_secret), (as_slack, slack_secret)):
        assert received.headers["x-smishguard-event"] == "domain.lookalike_observed"
        assert verify(secret, received.headers["x-smishguard-timestamp"],
                      received.headers["x-smishguard-signature"], received.body,
                      now=alerting.clock.now.timestamp())
    document: dict[str, Any] = json.loads(as_json.body)
    assert {k: document[k] for k in ("event", "tenant", "domain", "brand", "source")} == {
        "event": "domain.lookalike_observed", "tenant": "Acme", "domain": LOOKALIKE,
        "brand": "Okta", "source": "ct"}
    assert document["score"] >= 0.7
    assert LOOKALIKE in document["reason"]
    assert document["observed_at"] == alerting.clock.now.isoformat()
    text = json.loads(as_slack.body)["text"]
    assert text.startswith(":mag: New look-alike seen: *okta-verify-login[.]com* at Acme")
    assert f"Imitates: Okta ({document['kind']})" in text
    assert "Seen in: ct" in text
    assert LOOKALIKE not in text

    observe(alerting, acme, LOOKALIKE)  # seen again: no second alert
    assert pending(alerting, acme) == []
    report = alerting.client.post("/v1/reports", headers=acme.headers(), json={"text": PHISH})
    assert report.status_code == 201  # someone got the text: that is news of its own
    assert pending(alerting, acme) == [("domain.first_phishing_report", LOOKALIKE)] * 2


def test_a_cleared_domain_or_a_name_imitating_nothing_alerts_no_one(alerting: Api) -> None:
    acme = alerting.new_tenant("Acme")
    report = alerting.client.post("/v1/reports", headers=acme.headers(), json={"text": PHISH})
    cleared = alerting.client.put(f"/v1/reports/{report.json()['id']}/decision",
                                  headers=acme.headers(), json={"decision": "not_phishing"})
    assert cleared.status_code == 200, cleared.text
    add_target(alerting, acme, "http://127.0.0.1:9/")
    observe(alerting, acme, LOOKALIKE, f"www.{LOOKALIKE}", "example.org", "okta.com")
    assert pending(alerting, acme) == []
    observe(alerting, acme, "okta-sso-login.com")
    assert pending(alerting, acme) == [("domain.lookalike_observed", "okta-sso-login.com")]


def test_a_lookalike_from_a_ct_log_alerts_with_its_entry(alerting: Api) -> None:
    acme = alerting.new_tenant("Acme")
    add_target(alerting, acme, "http://127.0.0.1:9/")
    entry = {"log": "https://ct.example/2026h1", "index": 41227}
    answer = alerting.client.post("/v1/domains", headers=acme.headers(), json={
        "domains": [LOOKALIKE, "okta-sso-login.com"], "source": "ct",
        "ct_entries": {LOOKALIKE: entry}})
    assert answer.status_code == 202, answer.text
    payloads = {i.payload["domain"]: i.payload
                for i in alerting.store.alerts.pending(acme.tenant.id)}
    assert (payloads[LOOKALIKE]["ct_log"], payloads[LOOKALIKE]["ct_index"]) == (
        entry["log"], entry["index"])
    assert "ct_log" not in payloads["okta-sso-login.com"]


ACME = 'include_default_brands = false\n[[brands]]\nname = "Acme"\ndomains = ["acme.com"]\n'


def test_a_names_certificate_is_read_as_the_watch_reads_it(alerting: Api) -> None:
    """The other names on a certificate, as `watch --send` gives them: beside the brand's own
    domain a name is the brand's (kept, no look-alike, no alert); a weak one beside a plain
    look-alike is raised to suspicious and alerts; without them, each is judged alone."""
    acme = alerting.new_tenant("Acme", policy_toml=ACME)
    add_target(alerting, acme, "http://127.0.0.1:9/")
    answer = alerting.client.post("/v1/domains", headers=acme.headers(), json={
        "domains": ["acme-sso.com", "acme-team.com", "acme-okta.com", "acme-parts.com"],
        "source": "ct", "certified_with": {"acme-sso.com": ["*.acme.com", "acme.com"],
                                           "acme-team.com": ["acme-okta.com"],
                                           "acme-okta.com": ["acme-team.com"]}})
    assert answer.status_code == 202, answer.text
    assert sorted(pending(alerting, acme)) == [
        ("domain.lookalike_observed", "acme-okta.com"),
        ("domain.lookalike_observed", "acme-team.com")]
    payloads = {i.payload["domain"]: i.payload
                for i in alerting.store.alerts.pending(acme.tenant.id)}
    assert payloads["acme-okta.com"]["certified_with"] == ["acme-team.com"]  # block both
    rows = {row["domain"]: row for row in alerting.client.get(
        "/v1/domains", headers=acme.headers()).json()["items"]}
    assert (rows["acme-sso.com"]["brand"], rows["acme-sso.com"]["score"]) == ("", 0.0)
    assert rows["acme-team.com"]["score"] == 0.5
    assert rows["acme-team.com"]["reason"].endswith(
        "; certified together with acme-okta.com, which imitates Acme")
    assert rows["acme-parts.com"]["score"] < 0.4  # sent alone: weak, no alert


def test_each_target_is_sent_the_events_it_names(alerting: Api) -> None:
    acme = alerting.new_tenant("Acme")
    every = add_target(alerting, acme, "http://127.0.0.1:9/every")
    watch = add_target(alerting, acme, "http://127.0.0.1:9/watch",
                       events=["domain.lookalike_observed"])
    reports = add_target(alerting, acme, "http://127.0.0.1:9/reports",
                         events=["domain.first_phishing_report"])
    assert (every["events"], watch["events"], reports["events"]) == (
        ["domain.first_phishing_report", "domain.lookalike_observed"],
        ["domain.lookalike_observed"], ["domain.first_phishing_report"])
    observe(alerting, acme, "okta-sso-login.com")
    alerting.client.post("/v1/reports", headers=acme.headers(), json={"text": PHISH})
    sent = sorted((i.target_id, i.event) for i in alerting.store.alerts.pending(acme.tenant.id))
    assert sent == sorted([
        (every["id"], "domain.lookalike_observed"), (every["id"], "domain.first_phishing_report"),
        (watch["id"], "domain.lookalike_observed"),
        (reports["id"], "domain.first_phishing_report")])
    listed = alerting.client.get("/v1/alert-targets", headers=acme.headers()).json()
    assert {t["id"]: t["events"] for t in listed}[watch["id"]] == ["domain.lookalike_observed"]


def test_a_kits_copies_alert_when_the_kit_shows_itself(alerting: Api) -> None:
    darb = alerting.new_tenant("Darb", policy_toml=DARB)
    add_target(alerting, darb, "http://127.0.0.1:9/")
    observe(alerting, darb, "darb.qmobilitcma.com", "darb.qmobilicco.com")
    assert pending(alerting, darb) == []  # two leads are no kit, and no alert
    observe(alerting, darb, "darb.qmobiliizty.com")
    assert sorted(pending(alerting, darb)) == [
        ("domain.lookalike_observed", f"darb.{name}.com")
        for name in ("qmobilicco", "qmobiliizty", "qmobilitcma")]
    observe(alerting, darb, "darb.qmobiliizty.com", "darb.qmobilitsuoa.com")
    assert [d for _, d in pending(alerting, darb)][3:] == ["darb.qmobilitsuoa.com"]


def test_a_kits_copies_alert_with_the_ct_entries_they_came_with(alerting: Api) -> None:
    darb = alerting.new_tenant("Darb", policy_toml=DARB)
    add_target(alerting, darb, "http://127.0.0.1:9/")
    log = "https://ct.example/2026h1"
    for n, names in enumerate((["darb.qmobilitcma.com", "darb.qmobilicco.com"],
                               ["darb.qmobiliizty.com"])):
        answer = alerting.client.post("/v1/domains", headers=darb.headers(), json={
            "domains": names, "source": "ct",
            "ct_entries": {name: {"log": log, "index": 10 * n + i}
                           for i, name in enumerate(names)}})
        assert answer.status_code == 202, answer.text
    entries = {i.payload["domain"]: (i.payload["ct_log"], i.payload["ct_index"])
               for i in alerting.store.alerts.pending(darb.tenant.id)}
    assert entries == {"darb.qmobilitcma.com": (log, 0), "darb.qmobilicco.com": (log, 1),
                       "darb.qmobiliizty.com": (log, 10)}  # earlier copies: kept entries


def test_a_kits_copies_alert_with_the_certificates_they_came_with(alerting: Api) -> None:
    darb = alerting.new_tenant("Darb", policy_toml=DARB)
    add_target(alerting, darb, "http://127.0.0.1:9/")
    for names in (["darb.qmobilitcma.com", "darb.qmobilicco.com"], ["darb.qmobiliizty.com"]):
        answer = alerting.client.post("/v1/domains", headers=darb.headers(), json={
            "domains": names, "source": "ct",
            "certified_with": {name: [name.replace("darb.", "www.")] for name in names}})
        assert answer.status_code == 202, answer.text
    others = {i.payload["domain"]: i.payload["certified_with"]
              for i in alerting.store.alerts.pending(darb.tenant.id)}
    assert others == {name: [name.replace("darb.", "www.")] for name in (  # earlier: kept
        "darb.qmobilitcma.com", "darb.qmobilicco.com", "darb.qmobiliizty.com")}


def test_each_site_of_a_free_host_alerts_on_its_first_report_and_a_shortener_never(
        alerting: Api) -> None:
    acme = alerting.new_tenant("Acme")
    add_target(alerting, acme, "http://127.0.0.1:9/", events=["domain.first_phishing_report"])
    for site in ("okta-verify-team.weebly.com", "okta-verify-hr.weebly.com",
                 "okta-verify-team.weebly.com"):
        text = f"Okta: your account will be locked. Verify at https://{site}/ or https://bit.ly/3xYz"
        answer = alerting.client.post("/v1/reports", headers=acme.headers(), json={"text": text})
        assert answer.json()["verdict"]["label"] == "phishing", answer.text
    assert pending(alerting, acme) == [
        ("domain.first_phishing_report", "okta-verify-team.weebly.com"),
        ("domain.first_phishing_report", "okta-verify-hr.weebly.com")]
