from __future__ import annotations

import csv
import pickle
from pathlib import Path

import pytest

from smishguard.detectors.base import Detector, ScanContext
from smishguard.detectors.text_cues import (
    DETECTOR_IDS,
    KIND_SIGNALS,
    TextCueDetector,
    strength_of,
)
from smishguard.model import Message, Signal
from smishguard.policy import Brand, Policy, default_policy, load_policy
from smishguard.scanner import Scanner
from smishguard.text.cues import WEAK_STRENGTH, Cue, CueKind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
POLICY = load_policy(FIXTURES / "policy_fixture.toml")
SCANNER = Scanner(POLICY)
DETECTOR = TextCueDetector()


def context(text: str, policy: Policy = POLICY) -> ScanContext:
    scanner = SCANNER if policy is POLICY else Scanner(policy)
    return scanner.context_for(Message(text))


def detect(text: str, policy: Policy = POLICY) -> list[Signal]:
    return list(DETECTOR.detect(Message(text), context(text, policy)))


def ids(text: str) -> set[str]:
    return {s.detector for s in detect(text)}


def by_id(text: str) -> dict[str, Signal]:
    found = detect(text)
    table = {s.detector: s for s in found if s.detector != "text.brand_mention"}
    assert len(table) == len([s for s in found if s.detector != "text.brand_mention"])
    return table


def test_pickles_for_worker_processes() -> None:
    text = "Acme IT: your password has expired, log in at acme-sso.net"
    before = detect(text)
    copy = pickle.loads(pickle.dumps(DETECTOR))
    assert list(copy.detect(Message(text), context(text))) == before


def test_is_a_detector() -> None:
    assert isinstance(DETECTOR, Detector)
    assert DETECTOR.name == "text"


def test_detector_ids_are_documented() -> None:
    for detector_id, description in DETECTOR_IDS.items():
        assert detector_id.startswith("text.")
        assert description.endswith(".")
    assert set(KIND_SIGNALS) == set(CueKind)
    emitted = {detector_id for detector_id, _, _ in KIND_SIGNALS.values()}
    assert emitted | {"text.brand_mention"} == set(DETECTOR_IDS)
    for kind, (detector_id, weight, reason) in KIND_SIGNALS.items():
        assert (".legit_" in detector_id) is kind.is_counter_evidence
        assert 0.0 < weight <= 0.45
        assert "{phrase}" in reason
    counter = {i for i in DETECTOR_IDS if ".legit_" in i}
    assert counter == {"text.legit_code_notice", "text.legit_reply_keyword"}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Your Acme VPN password is expiring, please update at acme-vpn.com",
            {"text.credential_pretext", "text.brand_mention"},
            {"text.legit_code_notice"},
        ),
        (
            "Your work schedule has changed, please check acme-okta.com",
            {"text.schedule_pretext"},
            set(),
        ),
        (
            "ALERT!! Your Acme account will be deactivated. Log in at acme-sso.com",
            {"text.account_threat", "text.urgency", "text.link_call_to_action"},
            set(),
        ),
        (
            "Hola, tu contraseña de Acme ha caducado. Actualízala en acme-login.com",
            {"text.credential_pretext", "text.link_call_to_action"},
            set(),
        ),
        ("Acme Help Desk: ticket INC123 assigned to you", {"text.it_impersonation"}, set()),
        ("USPS: package held, redelivery fee $0.30", {"text.parcel_lure"}, set()),
        ("E-ZPass: unpaid toll balance of $6.85", {"text.fine_toll_lure"}, set()),
        ("Tienes una multa de tráfico pendiente", {"text.fine_toll_lure"}, set()),
        ("You have WON a £1000 cash prize! Call 09061701461", {"text.prize_lure"}, set()),
        ("Netflix: payment failed, update your card", {"text.payment_lure"}, set()),
        (
            "Hi, I sent you a code by mistake, can you send it back to me?",
            {"text.code_request"},
            set(),
        ),
        (
            "Your Acme verification code is 482913. Don't share it.",
            {"text.legit_code_notice"},
            {"text.code_request"},
        ),
        (
            "Reply C to confirm your appointment tomorrow at 10:30 or X to cancel",
            {"text.legit_reply_keyword"},
            {"text.code_request", "text.credential_pretext"},
        ),
        (
            "Tu cita es mañana a las 10:30. Responde SI para confirmar o NO para cancelar",
            {"text.legit_reply_keyword"},
            {"text.code_request", "text.credential_pretext"},
        ),
        ("running 10 min late, sorry!! order me a latte?", set(), set(DETECTOR_IDS)),
    ],
)
def test_signals(text: str, present: set[str], absent: set[str]) -> None:
    found = ids(text)
    assert present <= found
    assert found.isdisjoint(absent)


def test_one_signal_per_kind_with_the_strongest_phrase_as_evidence() -> None:
    table = by_id("URGENT: your password has expired. Your password is expiring! Today!!")
    signal = table["text.credential_pretext"]
    assert signal.evidence in ("password has expired", "password is expiring")
    assert signal.weight == 0.35
    assert signal.evidence in signal.reason
    assert table["text.urgency"].evidence == "urgent"


def test_weights_are_moderate() -> None:
    text = (
        "URGENT final notice from the IT department: your password has expired, your account "
        "is suspended, unpaid toll, your parcel is on hold, you have won a prize, payment "
        "failed, reply with the code, click the link, HR payroll update"
    )
    signals = detect(text)
    assert len(signals) >= 10
    for signal in signals:
        assert 0.0 < signal.weight <= 0.45
        assert signal.reason
        assert signal.detector in DETECTOR_IDS


def test_weak_phrases_count_half_unless_two_agree() -> None:
    one = by_id("see you today")["text.urgency"]
    assert one.weight == pytest.approx(0.15 * WEAK_STRENGTH)
    two = by_id("Hola, tu contraseña de Acme ha caducado")["text.credential_pretext"]
    assert two.weight == pytest.approx(0.35)


@pytest.mark.parametrize(
    ("phrases", "strength"),
    [
        (["password has expired"], 1.0),
        (["~today"], 0.5),
        (["~tu contraseña", "~contraseña"], 0.5),  # one contains the other
        (["~sign in", "~sign-in"], 0.5),  # two spellings of one phrase
        (["~tu contraseña", "~ha caducado"], 1.0),
        (["~a", "~b", "~c"], 1.0),
    ],
)
def test_strength_of(phrases: list[str], strength: float) -> None:
    cues = [
        Cue(
            CueKind.URGENCY,
            p.removeprefix("~"),
            "en",
            WEAK_STRENGTH if p.startswith("~") else 1.0,
        )
        for p in phrases
    ]
    assert strength_of(cues) == strength


def test_code_notice_needs_a_code() -> None:
    assert "text.legit_code_notice" in ids("Your code is 918 273. Never share this code.")
    assert "text.legit_code_notice" in ids(
        "Tu código de WhatsApp: 312-877 No compartas este código"
    )
    assert "text.legit_code_notice" not in ids("Never share this code with anyone, ok?")


def test_contradicted_counter_evidence_is_dropped() -> None:
    # a "do not share" notice that also asks for the code back
    found = ids("Your code is 482913. Do not share this code, except: reply with the code to us")
    assert "text.code_request" in found
    assert "text.legit_code_notice" not in found
    # an opt-out footer under a prize lure
    found = ids("You have won a cash prize! Txt CLAIM to 81010. Reply STOP to opt out")
    assert "text.prize_lure" in found
    assert "text.legit_reply_keyword" not in found


def test_brand_mentions() -> None:
    signals = [
        s
        for s in detect("Twilio HR and Acme IT: your Okta login")
        if s.detector == "text.brand_mention"
    ]
    assert [s.evidence for s in signals] == ["Twilio", "Acme", "Okta"]
    assert all(s.weight == 0.05 for s in signals)
    assert all(s.evidence in s.reason for s in signals)


def test_brand_mentions_skip_links_and_everyday_words() -> None:
    assert "text.brand_mention" not in ids("log in at acme-okta.com")
    assert "text.brand_mention" not in ids("bring an apple and an orange")
    assert "text.brand_mention" in ids("Apple: your Apple ID is locked")


def test_brand_mentions_follow_the_policy() -> None:
    policy = Policy(brands=(Brand("Initrode", ("initrode.com",)),))
    assert [
        s.evidence
        for s in detect("Initrode IT: hello Acme", policy)
        if s.detector == "text.brand_mention"
    ] == ["Initrode"]
    # and back: the detector's cached matcher follows the context's policy
    assert [
        s.evidence for s in detect("Initrode IT: hello Acme") if s.detector == "text.brand_mention"
    ] == ["Acme"]
    assert detect("Acme", default_policy()) == []


def _rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


PRETEXTS = {
    "text.credential_pretext",
    "text.schedule_pretext",
    "text.it_impersonation",
    "text.account_threat",
}


def test_oktapus_fixtures_carry_a_pretext() -> None:
    rows = _rows("oktapus.csv")
    missing = [r["id"] for r in rows if ids(r["text"]).isdisjoint(PRETEXTS)]
    # Almost every 0ktapus-style text is caught by its words (the rest by its link).
    assert len(missing) <= len(rows) // 20, missing


def test_everyday_code_requests_are_found() -> None:
    rows = [r for r in _rows("everyday_smishing.csv") if r["category"] == "code-request"]
    assert rows
    for row in rows:
        assert "text.code_request" in ids(row["text"]), row["id"]


def test_legitimate_one_time_codes_read_as_code_notices() -> None:
    rows = [r for r in _rows("legitimate.csv") if r["category"] == "otp"]
    assert len(rows) >= 15
    for row in rows:
        found = ids(row["text"])
        assert "text.legit_code_notice" in found, row["id"]
        assert "text.code_request" not in found, row["id"]


def test_legitimate_texts_carry_no_lure() -> None:
    lures = {"text.code_request", "text.prize_lure", "text.fine_toll_lure"}
    for row in _rows("legitimate.csv"):
        assert ids(row["text"]).isdisjoint(lures), row["id"]
