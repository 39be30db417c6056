from __future__ import annotations

import csv
from pathlib import Path

import pytest

from smishguard.detectors.base import Detector
from smishguard.detectors.sender import DETECTOR_IDS, SenderDetector
from smishguard.model import Message, Signal
from smishguard.policy import load_policy
from smishguard.scanner import Scanner

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
POLICY = load_policy(FIXTURES / "policy_fixture.toml")
SCANNER = Scanner(POLICY)
DETECTOR = SenderDetector()

MOBILE = "+1 (415) 555-0132"
MOBILE_ES = "+34 612 48 93 07"
EMAIL = "kd83jfk2@icloud.com"


def detect(text: str, sender: str | None) -> list[Signal]:
    message = Message(text, sender)
    return list(DETECTOR.detect(message, SCANNER.context_for(message)))


def ids(text: str, sender: str | None) -> list[str]:
    return [s.detector for s in detect(text, sender)]


def test_is_a_detector() -> None:
    assert isinstance(DETECTOR, Detector)
    assert DETECTOR.name == "sender"
    assert all(i.startswith("sender.") for i in DETECTOR_IDS)


@pytest.mark.parametrize(
    ("text", "sender", "expected"),
    [
        # an organisation's voice, wanting something, from a phone number
        (
            "Acme IT: your password expires today. Update: https://acme-okta.com",
            MOBILE,
            ["sender.mobile_claims_organization"],
        ),
        (
            "Your work schedule has changed, please check acme-okta.com",
            MOBILE,
            ["sender.mobile_claims_organization"],
        ),
        (
            "Mercantil Ibérica IT: su contraseña caducará hoy. Acceda a mercantil-sso.com",
            MOBILE_ES,
            ["sender.mobile_claims_organization"],
        ),
        (
            "USPS: your package is on hold. Update within 24h: usps.packages-redelivery.com",
            "07700 900871",
            ["sender.mobile_claims_organization"],
        ),
        (
            "Hi, this is the IT help desk. Reply with the code we sent you.",
            MOBILE,
            ["sender.mobile_claims_organization"],
        ),
        # the same words from a short code or a sender id: no signal either way
        ("Acme IT: your password expires today. Update: https://acme-okta.com", "72975", []),
        ("Acme IT: your password expires today. Update: https://acme-okta.com", "ACME-IT", []),
        ("Santander: acceso no autorizado, verifique: santander-clientes.com", "Santander", []),
        # an organisation's voice asking for nothing
        ("Contoso IT: new laptops are ready for pickup at the 3rd floor IT bar", MOBILE, []),
        # people
        ("running 10 min late, sorry!! order me a latte?", MOBILE, []),
        ("lol you have to watch this https://www.youtube.com/watch?v=dQw4w9WgXcQ", MOBILE, []),
        ("did you see the Acme news? crazy", MOBILE, []),
        ("haha you won the bet, pay up", MOBILE, []),
        # e-mail senders
        (
            "Chase Fraud Alert: verify immediately at chase-secure-alert.com",
            EMAIL,
            ["sender.email_gateway"],
        ),
        ("USPS: the shipment could not be delivered", EMAIL, ["sender.email_gateway"]),
        ("see you at 5! bring the cake", EMAIL, []),
        ("look https://photos.example.org/album", EMAIL, ["sender.email_gateway"]),
        # unknown or missing senders
        ("Acme IT: your password expires today. Update: https://acme-okta.com", None, []),
        ("Acme IT: your password expires today. Update: https://acme-okta.com", "1234567", []),
    ],
)
def test_signals(text: str, sender: str | None, expected: list[str]) -> None:
    assert ids(text, sender) == expected


def test_evidence_masks_the_number() -> None:
    (signal,) = detect("Acme IT: your password expired. Log in at acme-sso.net", MOBILE)
    assert signal.evidence == "+•••••••••32"
    assert "415" not in signal.reason
    assert "555" not in signal.reason
    assert signal.evidence in signal.reason
    assert "Acme" in signal.reason
    assert signal.weight == 0.3


def test_evidence_masks_the_address() -> None:
    (signal,) = detect("USPS: package held, pay at usps-fee.top", EMAIL)
    assert signal.evidence == "k•••@icloud.com"
    assert "kd83jfk2" not in signal.reason
    assert signal.weight == 0.15


def test_claimed_organisation_prefers_the_brand() -> None:
    (signal,) = detect("Twilio HR: your payroll account is locked, log in at twilio-hr.com", MOBILE)
    assert "Twilio" in signal.reason
    (signal,) = detect("Your account has been suspended, log in at x-login.com", MOBILE)
    assert "a bank or online service" in signal.reason


def _rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_personal_fixture_texts_from_phones_give_no_signal() -> None:
    rows = [r for r in _rows("legitimate.csv") if r["category"] == "personal"]
    assert len(rows) >= 10
    for row in rows:
        assert detect(row["text"], row["sender"] or None) == [], row["id"]


def test_oktapus_fixture_texts_from_phones_are_flagged() -> None:
    rows = [r for r in _rows("oktapus.csv") if r["sender"]]
    flagged = [r for r in rows if ids(r["text"], r["sender"])]
    assert len(flagged) >= 0.9 * len(rows), [r["id"] for r in rows if r not in flagged]
