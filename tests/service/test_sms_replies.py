"""The SMS replies: counted in segments as phones count them, never over two, naming the
imitated brand whenever that fits, in English or Spanish."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from smishguard.model import Label, Url, Verdict
from smishguard.policy import default_policy, parse_policy_text
from smishguard.scanner import Scanner
from smishguard.service.sms_replies import (
    MAX_SEGMENTS,
    Imitated,
    Notice,
    imitated_brand,
    notice,
    sms_segments,
    verdict_reply,
)

POLICY = parse_policy_text(
    (Path(__file__).resolve().parent.parent / "fixtures" / "policy_fixture.toml").read_text(
        encoding="utf-8"), "the fixture policy")
LINK = Url(raw="acme-okta.com", url="http://acme-okta.com", host="acme-okta.com",
           host_unicode="acme-okta.com", registrable_domain="acme-okta.com")


@pytest.mark.parametrize(("text", "segments"), [
    ("", 1),
    ("a" * 160, 1),
    ("a" * 161, 2),
    ("a" * 306, 2),
    ("a" * 307, 3),
    ("€" * 80, 1),  # the extension table: two septets each
    ("€" * 81, 2),
    ("ñé¿¡ü" * 32, 1),  # in the GSM alphabet
    ("á" * 70, 1),  # not in it: UCS-2
    ("á" * 71, 2),
    ("á" * 134, 2),
    ("á" * 135, 3),
    ("a" * 69 + "😀", 2),  # an emoji is two UTF-16 code units
])
def test_segments(text: str, segments: int) -> None:
    assert sms_segments(text) == segments


@pytest.mark.parametrize(("label", "language", "ask", "sign_in"), list(itertools.product(
    Label, ("en", "es"), (False, True), (False, True))))
def test_every_reply_fits_two_segments_whatever_the_brand(label: Label, language: str,
                                                          ask: bool, sign_in: bool) -> None:
    names = {b.name for b in (*POLICY.brands, *default_policy().brands)}
    for name in names | {"X" * 300}:
        for links in ((), (LINK,)):
            reply = verdict_reply(Verdict(label, 0.9, urls=links), Imitated(name, sign_in),
                                  language=language, ask_sender=ask)
            assert sms_segments(reply) <= MAX_SEGMENTS, reply


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_brand_is_named_when_it_fits(language: str) -> None:
    for label in (Label.PHISHING, Label.SUSPICIOUS):
        for ask in (False, True):
            reply = verdict_reply(Verdict(label, 0.9, urls=(LINK,)), Imitated("Acme", True),
                                  language=language, ask_sender=ask)
            if label is Label.PHISHING or not ask:
                assert "Acme" in reply
    too_long = verdict_reply(Verdict(Label.PHISHING, 0.9), Imitated("X" * 300),
                             language=language)
    assert "X" not in too_long


@pytest.mark.parametrize(("verdict", "imitated", "language", "ask", "expected"), [
    (Verdict(Label.PHISHING, 0.98, urls=(LINK,)), Imitated("Acme", True), "en", False,
     "Thanks. This looks like phishing imitating Acme's sign-in. Don't open the link; "
     "security is on it."),
    (Verdict(Label.PHISHING, 0.98, urls=(LINK,)), Imitated("USPS"), "en", True,
     "Thanks. This looks like phishing imitating USPS. Don't open the link; security is on "
     "it. If you know the number it came from, text it to us."),
    (Verdict(Label.PHISHING, 0.9), None, "en", False,
     "Thanks. This looks like phishing. Don't reply or call back; security is on it."),
    (Verdict(Label.SUSPICIOUS, 0.5), None, "en", False,
     "Thanks. This looks suspicious. Don't open links or reply until security has checked it."),
    (Verdict(Label.CLEAN, 0.0), None, "en", False,
     "Thanks for checking. We found no clear signs of phishing; security will still take a "
     "look."),
    (Verdict(Label.PHISHING, 0.98, urls=(LINK,)), Imitated("Acme", True), "es", True,
     "Gracias. Parece phishing que imita el acceso de Acme. No abras el enlace; seguridad ya "
     "se ocupa. ¿De qué número llegó? Envíanoslo."),
    (Verdict(Label.SUSPICIOUS, 0.5, urls=(LINK,)), Imitated("Correos"), "es", False,
     "Gracias. Parece sospechoso (podría imitar a Correos). No abras enlaces ni respondas "
     "hasta que seguridad lo revise."),
    (Verdict(Label.CLEAN, 0.0), None, "fr", False,  # unknown languages get English
     "Thanks for checking. We found no clear signs of phishing; security will still take a "
     "look."),
])
def test_replies(verdict: Verdict, imitated: Imitated | None, language: str, ask: bool,
                 expected: str) -> None:
    assert verdict_reply(verdict, imitated, language=language, ask_sender=ask) == expected


@pytest.mark.parametrize("kind", list(Notice))
@pytest.mark.parametrize("language", ["en", "es"])
def test_notices_fit_and_are_translated(kind: Notice, language: str) -> None:
    text = notice(kind, language)
    assert sms_segments(text) <= MAX_SEGMENTS
    assert (text != notice(kind, "en")) is (language == "es")


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme IT: your password expires today. Log in at acme-okta.com to keep it.",
     Imitated("Acme", True)),
    ("Your USPS package is held: pay the fee at usps-redelivery.top", Imitated("USPS")),
    ("Microsoft: your account is locked, verify at micros0ft-login.com",
     Imitated("Microsoft", True)),
    ("Acme: your parcel is held, pay the fee at parcel-fees.top", Imitated("Acme")),
    ("Acme: your schedule for next week is at acme.com/schedule", None),
    ("Hi mum, this is my new number", None),
])
def test_the_imitated_brand_comes_from_the_verdict(text: str,
                                                   expected: Imitated | None) -> None:
    scanner = Scanner(policy=POLICY)
    assert imitated_brand(scanner.scan(text), text, scanner) == expected
