"""What an alert looks like on the wire: signed as docs/alerts.md says a receiver checks it,
JSON or Slack-compatible; and which target URLs are accepted, and how they are shown."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from alert_receiver import DOCS, documented_verifier
from hypothesis import given
from hypothesis import strategies as st

from smishguard.errors import InvalidInput
from smishguard.model import Label, Report, Verdict
from smishguard.records import AlertFormat, AlertTarget, OutboxItem, Tenant
from smishguard.service.alert_formats import alert_request, signature, slack_text
from smishguard.service.alerts import checked_url, redacted_url
from smishguard.service.reporting import alert_payload

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
SECRET = "whsec_test"
verify = documented_verifier()

PAYLOAD = {
    "event": "domain.first_phishing_report", "tenant": "Acme & Co", "domain": "okta-login.com",
    "brand": "Okta", "report_id": "r-1", "score": 0.97, "label": "phishing",
    "reasons": ["the link okta-login.com imitates Okta <sign-in>", "urgent wording"],
    "text": "Okta: verify at okta-login.com", "sender": "+15550100",
    "received_at": NOW.isoformat(),
}


def item(attempts: int = 0) -> OutboxItem:
    return OutboxItem(id=7, tenant_id="t", target_id="g", event=PAYLOAD["event"],
                      payload=PAYLOAD, created_at=NOW, attempts=attempts, next_attempt_at=NOW)


def target(alert_format: AlertFormat) -> AlertTarget:
    return AlertTarget(id="g", tenant_id="t", url="https://hooks.example.com/x",
                       format=alert_format, created_at=NOW, secret=SECRET)


@pytest.mark.parametrize("alert_format", list(AlertFormat))
def test_every_format_is_signed_as_the_docs_say(alert_format: AlertFormat) -> None:
    request = alert_request(item(attempts=2), target(alert_format), NOW)
    headers = request.headers
    assert headers["X-Smishguard-Event"] == "domain.first_phishing_report"
    assert headers["X-Smishguard-Delivery"] == "7"
    assert headers["X-Smishguard-Attempt"] == "3"
    assert headers["X-Smishguard-Timestamp"] == str(int(NOW.timestamp()))
    assert headers["Content-Type"] == "application/json"
    stamp, mac = headers["X-Smishguard-Timestamp"], headers["X-Smishguard-Signature"]
    assert verify(SECRET, stamp, mac, request.body, now=NOW.timestamp())
    assert not verify("whsec_other", stamp, mac, request.body, now=NOW.timestamp())
    assert not verify(SECRET, stamp, mac, request.body + b" ", now=NOW.timestamp())
    assert not verify(SECRET, stamp, mac, request.body, now=NOW.timestamp() + 301)
    assert SECRET not in request.body.decode()
    assert all(SECRET not in value for value in headers.values())


def test_json_format_is_the_alert_document() -> None:
    request = alert_request(item(), target(AlertFormat.JSON), NOW)
    assert json.loads(request.body) == PAYLOAD


@given(secret=st.text(min_size=1), body=st.binary(), stamp=st.integers(0, 2**40))
def test_any_signature_verifies_and_no_other(secret: str, body: bytes, stamp: int) -> None:
    mac = signature(secret, stamp, body)
    assert verify(secret, str(stamp), mac, body, now=stamp)
    assert not verify(secret, str(stamp), mac, body + b"x", now=stamp)
    assert not verify(secret, str(stamp + 1), mac, body, now=stamp)


@pytest.mark.parametrize(("stamp", "mac"), [
    ("", "sha256=00"), ("12a", "sha256=00"), ("1700000000", "md5=00"), ("1700000000", ""),
])
def test_malformed_signature_headers_do_not_verify(stamp: str, mac: str) -> None:
    assert not verify(SECRET, stamp, mac, b"{}", now=1_700_000_000)


def test_slack_text_is_readable_defanged_and_escaped() -> None:
    request = alert_request(item(), target(AlertFormat.SLACK), NOW,
                            report_url="https://sg.acme.com/v1/reports/r-1")
    document = json.loads(request.body)
    assert list(document) == ["text"]
    text = document["text"]
    assert "okta-login[.]com" in text
    assert "okta-login.com" not in text  # not in the title, not in the reasons
    assert "Imitates: Okta" in text
    assert "• the link okta-login[.]com imitates Okta &lt;sign-in&gt;" in text
    assert "Acme &amp; Co" in text
    assert "<https://sg.acme.com/v1/reports/r-1|r-1>" in text


def test_slack_text_without_a_public_url_names_the_report() -> None:
    text = slack_text({**PAYLOAD, "brand": "", "reasons": []})
    assert "Report: `r-1`" in text
    assert "Imitates" not in text
    assert "Why" not in text


def test_slack_text_of_a_lookalike_from_a_ct_log_names_its_entry() -> None:
    observed = {"event": "domain.lookalike_observed", "tenant": "Acme",
                "domain": "okta-login.com", "brand": "Okta", "kind": "keyword", "score": 0.88,
                "reason": "okta-login.com imitates Okta", "source": "2 CT logs",
                "observed_at": NOW.isoformat()}
    text = slack_text({**observed, "ct_log": "https://ct.example/2026h1", "ct_index": 41227})
    assert "Seen in: 2 CT logs" in text
    assert "Certificate: entry 41227 of the CT log `https://ct.example/2026h1`" in text
    assert "Certificate" not in slack_text(observed)
    others = [f"okta-sso-{n}.com" for n in range(12)]
    text = slack_text({**observed, "certified_with": others})
    assert text.splitlines()[-3] == (
        "On the same certificate: " + ", ".join(f"okta-sso-{n}[.]com" for n in range(10))
        + " and 2 more")  # defanged, as the domain is: Slack links none of them
    assert "okta-sso-0.com" not in text
    assert "same certificate" not in slack_text(observed)


@pytest.mark.parametrize("url", [
    "https://hooks.slack.com/services/T0/B0/XXXX", "http://127.0.0.1:8080/hook",
    "https://[::1]:9000/", "HTTPS://Example.COM/a?b=c", "  https://example.com/  ",
])
def test_http_urls_are_accepted(url: str) -> None:
    assert checked_url(url) == url.strip()


@pytest.mark.parametrize(("url", "message"), [
    ("", "empty"),
    ("ftp://example.com/x", "must start with https:// or http://, not 'ftp'"),
    ("javascript:alert(1)", "not 'javascript'"),
    ("example.com/hook", "must start with https:// or http://"),
    ("https://", "no host"),
    ("https://exa mple.com/", "spaces"),
    ("https://example.com/\x00", "control characters"),
    ("https://example.com:99999/", "not valid"),
    ("https://example.com:0/", "port 0"),
    ("https://" + "a" * 2000 + ".com/", "longer than 2000"),
])
def test_other_urls_are_refused_with_a_reason(url: str, message: str) -> None:
    with pytest.raises(InvalidInput, match="alert target URL") as raised:
        checked_url(url)
    assert message in str(raised.value)


@pytest.mark.parametrize(("url", "shown"), [
    ("https://hooks.slack.com/services/T0/B0/XXXX", "https://hooks.slack.com/…"),
    ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/"),
    ("https://user:pass@example.com", "https://example.com/"),
    ("https://example.com?token=abc", "https://example.com/…"),
    ("https://[::1]:9000/x", "https://[::1]:9000/…"),
])
def test_redacted_urls_show_only_where(url: str, shown: str) -> None:
    assert redacted_url(url) == shown


def test_docs_show_the_headers_and_keys_alerts_carry() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    documented_headers = set(re.findall(r"^\| `(X-Smishguard-[A-Za-z]+)` \|", docs, re.M))
    sent = alert_request(item(), target(AlertFormat.JSON), NOW).headers
    assert documented_headers == {name for name in sent if name.startswith("X-Smishguard-")}
    example = json.loads(docs.split("```json", 1)[1].split("```", 1)[0])
    tenant = Tenant(id="t", name="Acme", created_at=NOW)
    report = Report(id="r", tenant_id="t", text="x", received_at=NOW,
                    verdict=Verdict(label=Label.PHISHING, score=0.9))
    assert set(example) == set(alert_payload(tenant, report, "evil.com", "Okta"))
