"""POST /v1/twilio/sms over real HTTP on SQLite and PostgreSQL, with requests signed by the
real twilio library: who may call it, the replies, the 7726 two steps, forwarded quotes, and
that the reporter's number is kept nowhere and logged nowhere."""

from __future__ import annotations

import dataclasses
import logging
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx
import pytest
from live_server import serving
from service_fixtures import Api, TenantHandle
from sqlalchemy import MetaData, select
from twilio.request_validator import RequestValidator

from smishguard.api import create_app
from smishguard.model import Channel, Label, Report
from smishguard.service.sms import SENDER_WINDOW
from smishguard.store import ReportQuery

PATH = "/v1/twilio/sms"
ACME_NUMBER = "+14155550100"
GLOBEX_NUMBER = "+14155550200"
ACME_TOKEN = "acme-twilio-auth-token-0123456789ab"
GLOBEX_TOKEN = "globex-twilio-auth-token-0123456789"
REPORTER = "+14155550177"  # the employee who forwards
OTHER_REPORTER = "+14155550166"
SMISHER = "+1 415 555 0134"  # who sent the suspicious text
POLICY = (Path(__file__).resolve().parent.parent / "fixtures" / "policy_fixture.toml").read_text(
    encoding="utf-8")

ACME_PHISH = "Acme IT: your password expires today. Log in at acme-okta.com to keep it."
ACME_PHISH_ES = "Acme: su contraseña caduca hoy. Inicie sesión en acme-sso.net para mantenerla."
GMAIL_FORWARD = f"""Is this real?

---------- Forwarded message ---------
From: {SMISHER}
Date: Sat, Nov 28, 2026 at 8:55 AM

{ACME_PHISH}
"""


def twilio_params(body: str, *, to: str = ACME_NUMBER, sender: str = REPORTER,
                  sid: str | None = None) -> dict[str, str]:
    """The parameters Twilio posts for an inbound SMS (the ones that matter, and some not);
    each message has its own MessageSid unless one is given."""
    sid = sid or "SM" + uuid.uuid4().hex
    return {"MessageSid": sid, "SmsSid": sid, "AccountSid": "AC" + "0" * 32, "From": sender,
            "To": to, "Body": body, "NumMedia": "0", "NumSegments": "1", "FromCountry": "US",
            "ToCountry": "US", "ApiVersion": "2010-04-01"}


def sign(token: str, url: str, params: Mapping[str, str]) -> str:
    return str(RequestValidator(token).compute_signature(url, dict(params)))


def post(api: Api, params: Mapping[str, str], token: str | None = ACME_TOKEN,
         headers: Mapping[str, str] | None = None) -> httpx.Response:
    """Post as Twilio would, signed over the URL the test server is reached at."""
    url = f"{api.client.base_url}{PATH}"
    signed = {"X-Twilio-Signature": sign(token, url, params)} if token else {}
    return api.client.post(PATH, data=dict(params), headers=signed | dict(headers or {}))


def reply_text(response: httpx.Response) -> str:
    """The body of the TwiML <Message>, '' when the reply sends none."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "Response"
    messages = root.findall("Message")
    assert len(messages) <= 1
    return messages[0].text or "" if messages else ""


@pytest.fixture
def acme(api: Api) -> TenantHandle:
    return api.new_tenant("Acme", reporting_number=ACME_NUMBER, twilio_auth_token=ACME_TOKEN,
                          policy_toml=POLICY)


@pytest.fixture
def globex(api: Api) -> TenantHandle:
    return api.new_tenant("Globex", reporting_number=GLOBEX_NUMBER,
                          twilio_auth_token=GLOBEX_TOKEN, policy_toml=POLICY)


def reports_of(api: Api, handle: TenantHandle) -> list[Report]:
    return list(api.store.reports.search(handle.tenant.id, ReportQuery(limit=500)).reports)


# -- who may call it ----------------------------------------------------------------------------

def test_a_signed_forward_is_reported_and_answered(api: Api, acme: TenantHandle) -> None:
    response = post(api, twilio_params(ACME_PHISH))
    assert reply_text(response).startswith(
        "Thanks. This looks like phishing imitating Acme's sign-in. Don't open the link; "
        "security is on it.")
    [report] = api.store.reports.search(acme.tenant.id, ReportQuery()).reports
    assert report.text == ACME_PHISH
    assert report.channel is Channel.SMS
    assert report.verdict.label is Label.PHISHING
    assert report.domains == ("acme-okta.com",)
    assert report.reporter_hint == "77"
    metrics = api.client.get("/metrics").text
    assert 'smishguard_reports_total{channel="sms",label="phishing"} 1.0' in metrics


def test_no_bearer_key_and_no_json_needed(api: Api, acme: TenantHandle) -> None:
    response = post(api, twilio_params(ACME_PHISH))
    assert "authorization" not in {k.lower() for k in response.request.headers}
    assert response.request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert response.status_code == 200


@pytest.mark.parametrize(("case", "expected"), [
    ("tampered body", "does not match"),
    ("tampered sender", "does not match"),
    ("wrong token", "does not match"),
    ("missing header", "missing X-Twilio-Signature"),
    ("another tenant's token", "does not match"),
    ("signed for another URL", "does not match"),
])
def test_a_request_twilio_did_not_sign_is_refused(api: Api, acme: TenantHandle,
                                                   globex: TenantHandle, case: str,
                                                   expected: str) -> None:
    params = twilio_params(ACME_PHISH)
    url = f"{api.client.base_url}{PATH}"
    signature = sign(ACME_TOKEN, url, params)
    if case == "tampered body":
        params["Body"] = "All good, ignore the last report."
    elif case == "tampered sender":
        params["From"] = OTHER_REPORTER
    elif case == "wrong token":
        signature = sign("not-the-token", url, params)
    elif case == "another tenant's token":  # Globex's token, Acme's number
        signature = sign(GLOBEX_TOKEN, url, params)
    elif case == "signed for another URL":
        signature = sign(ACME_TOKEN, "https://elsewhere.example/v1/twilio/sms", params)
    headers = {} if case == "missing header" else {"X-Twilio-Signature": signature}
    response = api.client.post(PATH, data=params, headers=headers)
    assert response.status_code == 403
    assert expected in response.json()["error"]
    assert reports_of(api, acme) == []
    assert reports_of(api, globex) == []


def test_each_tenant_verifies_with_its_own_token(api: Api, acme: TenantHandle,
                                                 globex: TenantHandle) -> None:
    assert post(api, twilio_params(ACME_PHISH, to=GLOBEX_NUMBER), GLOBEX_TOKEN).status_code == 200
    assert post(api, twilio_params(ACME_PHISH, to=GLOBEX_NUMBER), ACME_TOKEN).status_code == 403
    assert len(reports_of(api, globex)) == 1
    assert reports_of(api, acme) == []


def test_an_unknown_reporting_number_is_404(api: Api, acme: TenantHandle) -> None:
    response = post(api, twilio_params(ACME_PHISH, to="+14155550999"))
    assert response.status_code == 404
    assert "+14155550999" in response.json()["error"]
    assert reports_of(api, acme) == []


def test_a_tenant_without_a_token_cannot_be_posted_to(api: Api) -> None:
    api.new_tenant("Initech", reporting_number="+14155550300")
    response = post(api, twilio_params(ACME_PHISH, to="+14155550300"), "any-token")
    assert response.status_code == 403
    assert "no Twilio auth token" in response.json()["error"]


@pytest.mark.parametrize(("content_type", "body"), [
    ("application/json", b'{"From": "+14155550177", "To": "+14155550100", "Body": "hi"}'),
    ("text/plain", b"From=%2B14155550177&To=%2B14155550100&Body=hi"),
    (None, b"From=%2B14155550177&To=%2B14155550100&Body=hi"),
])
def test_only_form_bodies_are_read(api: Api, acme: TenantHandle, content_type: str | None,
                                   body: bytes) -> None:
    headers = {"X-Twilio-Signature": "x"} | ({"Content-Type": content_type}
                                             if content_type else {})
    response = api.client.post(PATH, content=body, headers=headers)
    assert response.status_code == 415
    assert "form-encoded" in response.json()["error"]


def test_missing_fields_are_a_json_4xx(api: Api, acme: TenantHandle) -> None:
    no_to = {k: v for k, v in twilio_params(ACME_PHISH).items() if k != "To"}
    assert post(api, no_to).status_code == 422
    no_from = {k: v for k, v in twilio_params(ACME_PHISH).items() if k != "From"}
    response = post(api, no_from)
    assert response.status_code == 422
    assert "From" in response.json()["error"]


def test_the_public_url_setting_is_what_signatures_cover(
        api: Api, acme: TenantHandle, tmp_path: Path) -> None:
    """Behind a proxy Twilio signs the public URL, not the one the service is reached at."""
    public = "https://smishguard.acme.example/base"
    settings = dataclasses.replace(api.settings, public_url=public)
    app = create_app(settings, api.store, api.clock)
    params = twilio_params(ACME_PHISH)
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        as_public = client.post(PATH, data=params, headers={
            "X-Twilio-Signature": sign(ACME_TOKEN, public + PATH, params)})
        as_local = client.post(PATH, data=params, headers={
            "X-Twilio-Signature": sign(ACME_TOKEN, base + PATH, params)})
    assert as_public.status_code == 200
    assert as_local.status_code == 403


def test_webhooks_signed_with_hmac_sha256_are_verified(api: Api, acme: TenantHandle) -> None:
    params = twilio_params(ACME_PHISH)
    url = f"{api.client.base_url}{PATH}"
    signature = RequestValidator(ACME_TOKEN).compute_signature(url, params, "HMAC_SHA256")
    settings = {"X-Twilio-Webhooks-Signature-Settings": "key=sk_test,algorithm=HMAC_SHA256"}
    good = api.client.post(PATH, data=params, headers={"X-Twilio-Signature": signature}
                           | settings)
    assert good.status_code == 200
    as_sha1 = api.client.post(PATH, data=params, headers={"X-Twilio-Signature": signature})
    assert as_sha1.status_code == 403


def test_whatsapp_addresses_are_the_same_numbers(api: Api, acme: TenantHandle) -> None:
    """Twilio's WhatsApp webhooks write 'whatsapp:+1…'; the tenant and reporter are the same."""
    post(api, twilio_params(ACME_PHISH))
    reply = reply_text(post(api, twilio_params(
        SMISHER, to=f"whatsapp:{ACME_NUMBER}", sender=f"whatsapp:{REPORTER}")))
    assert reply == "Thanks, we added the number it came from."
    [report] = reports_of(api, acme)
    assert report.sender == "+14155550134"


# -- replies -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "starts"), [
    (ACME_PHISH, "Thanks. This looks like phishing imitating Acme's sign-in. Don't open the "
                 "link; security is on it."),
    (ACME_PHISH_ES, "Gracias. Parece phishing que imita el acceso de Acme. No abras el enlace;"),
    ("Your USPS package is held: pay the fee at usps-redelivery.top",
     "Thanks. This looks like phishing imitating USPS. Don't open the link;"),
    ("Hi mum, this is my new number, my phone broke. Text me here",
     "Thanks. This looks suspicious. Don't open links or reply"),
    ("Your dentist appointment is on Tuesday at 3pm. Reply C to confirm.",
     "Thanks for checking. We found no clear signs of phishing;"),
])
def test_the_reply_says_the_verdict_in_the_reporters_language(
        api: Api, acme: TenantHandle, text: str, starts: str) -> None:
    reply = reply_text(post(api, twilio_params(text)))
    assert reply.startswith(starts)
    assert "?" not in reply.split(".")[0]  # thanks first, no question of the reporter's doing


# -- the 7726 two steps ------------------------------------------------------------------------

def test_the_text_then_the_number_it_came_from(api: Api, acme: TenantHandle) -> None:
    first = reply_text(post(api, twilio_params(ACME_PHISH)))
    assert first.endswith("If you know the number it came from, text it to us.")
    [report] = reports_of(api, acme)
    assert report.sender is None
    api.clock.advance(minutes=5)
    second = reply_text(post(api, twilio_params(SMISHER)))
    assert second == "Thanks, we added the number it came from."
    [report] = reports_of(api, acme)
    assert report.sender == "+14155550134"
    again = reply_text(post(api, twilio_params("+1 415 555 0199")))
    assert again.startswith("Thanks. To report a suspicious text, forward it")
    assert reports_of(api, acme)[0].sender == "+14155550134"


def test_spanish_two_steps(api: Api, acme: TenantHandle) -> None:
    first = reply_text(post(api, twilio_params(ACME_PHISH_ES)))
    assert first.endswith("¿De qué número llegó? Envíanoslo.")
    second = reply_text(post(api, twilio_params("Número: 612 345 678")))
    assert second == "Gracias, hemos añadido el número del que llegó."
    assert reports_of(api, acme)[0].sender == "612345678"


@pytest.mark.parametrize("sender", ["72975", "ACME-IT", "From: +34 612 345 678",
                                    "alerts@acme-it.help"])
def test_short_codes_sender_ids_and_addresses_are_senders_too(
        api: Api, acme: TenantHandle, sender: str) -> None:
    post(api, twilio_params(ACME_PHISH))
    assert reply_text(post(api, twilio_params(sender))).startswith("Thanks, we added")
    assert reports_of(api, acme)[0].sender


def test_the_number_comes_too_late(api: Api, acme: TenantHandle) -> None:
    post(api, twilio_params(ACME_PHISH))
    api.clock.advance(seconds=SENDER_WINDOW.total_seconds() + 1)
    reply = reply_text(post(api, twilio_params(SMISHER)))
    assert reply.startswith("Thanks. To report a suspicious text")
    assert reports_of(api, acme)[0].sender is None


def test_a_number_only_goes_to_the_same_reporters_report(api: Api, acme: TenantHandle,
                                                         globex: TenantHandle) -> None:
    post(api, twilio_params(ACME_PHISH))
    other = reply_text(post(api, twilio_params(SMISHER, sender=OTHER_REPORTER)))
    assert other.startswith("Thanks. To report a suspicious text")
    elsewhere = reply_text(post(api, twilio_params(SMISHER, to=GLOBEX_NUMBER), GLOBEX_TOKEN))
    assert elsewhere.startswith("Thanks. To report a suspicious text")
    assert reports_of(api, acme)[0].sender is None
    assert reply_text(post(api, twilio_params(SMISHER))).startswith("Thanks, we added")


def test_a_bare_number_alone_stores_nothing(api: Api, acme: TenantHandle) -> None:
    reply = reply_text(post(api, twilio_params(SMISHER)))
    assert reply == ("Thanks. To report a suspicious text, forward it to this number first, "
                     "then send the number it came from.")
    assert reports_of(api, acme) == []


@pytest.mark.parametrize(("body", "answer"), [
    ("HELP", "To report a suspicious text, forward it to this number"),
    ("ayuda", "Para avisar de un SMS sospechoso"),
    ("STOP", ""),
    ("Thanks!", ""),
    ("", "Thanks. We can only read text"),
])
def test_keywords_and_empty_messages_store_nothing(api: Api, acme: TenantHandle, body: str,
                                                   answer: str) -> None:
    post(api, twilio_params(ACME_PHISH))  # a pending report, which none of these may touch
    reply = reply_text(post(api, twilio_params(body)))
    assert reply.startswith(answer) if answer else reply == ""
    [report] = reports_of(api, acme)
    assert report.sender is None


# -- forwarded quotes --------------------------------------------------------------------------

def test_a_forward_that_names_the_sender_needs_no_second_step(api: Api,
                                                              acme: TenantHandle) -> None:
    reply = reply_text(post(api, twilio_params(GMAIL_FORWARD)))
    assert reply == ("Thanks. This looks like phishing imitating Acme's sign-in. Don't open "
                     "the link; security is on it.")
    [report] = reports_of(api, acme)
    assert report.text == ACME_PHISH
    assert report.sender == "+14155550134"
    assert "Is this real" not in report.text
    follow_up = reply_text(post(api, twilio_params("+1 415 555 0199")))
    assert follow_up.startswith("Thanks. To report a suspicious text")  # nothing was pending


def test_a_quoted_forward_is_scanned_as_the_original(api: Api, acme: TenantHandle) -> None:
    body = "got this, legit??\n> " + ACME_PHISH.replace(" Log in", "\n> Log in")
    reply = reply_text(post(api, twilio_params(body)))
    assert reply.startswith("Thanks. This looks like phishing imitating Acme's sign-in.")
    [report] = reports_of(api, acme)
    assert report.text == ACME_PHISH.replace(" Log in", "\nLog in")


# -- the reporter's number: kept nowhere, logged nowhere ---------------------------------------

def test_the_reporters_number_is_stored_and_logged_nowhere(
        api: Api, acme: TenantHandle, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    post(api, twilio_params(ACME_PHISH))
    post(api, twilio_params(SMISHER))
    post(api, twilio_params(GMAIL_FORWARD))
    post(api, twilio_params("+1 415 555 0199"))  # no pending: refused politely
    post(api, twilio_params(ACME_PHISH), "wrong-token")  # refused: logged, without the number
    assert len(reports_of(api, acme)) == 2
    digits = REPORTER.lstrip("+")
    forms = {REPORTER, digits, digits[1:], "415 555 0177", "555-0177", "5550177"}
    stored = "\n".join(str(value) for value in every_value(api))
    assert not {form for form in forms if form in stored}
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "smishguard.api.twilio" in {record.name for record in caplog.records}
    assert "…77" in logged
    assert not {form for form in forms if form in logged}


def every_value(api: Api) -> Iterator[object]:
    """Every value in every row of every table of the database, whatever the schema."""
    metadata = MetaData()
    metadata.reflect(api.store.engine)
    with api.store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                yield from row


def test_a_replayed_or_retried_webhook_is_the_same_report(api: Api, acme: TenantHandle) -> None:
    params = twilio_params(ACME_PHISH, sid="SM" + "7" * 32)
    first = reply_text(post(api, params))
    again = reply_text(post(api, params))
    assert again == first
    assert len(reports_of(api, acme)) == 1
    reply_text(post(api, twilio_params(ACME_PHISH, sid="SM" + "8" * 32)))
    assert len(reports_of(api, acme)) == 2
