"""The scanner end to end: the simple call, detector failures, and bad input in bounded time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cpu_bound import within_cpu
from hypothesis import given, settings
from hypothesis import strategies as st

import smishguard
from smishguard.detectors.base import ScanContext
from smishguard.detectors.registry import BUILTIN_DETECTOR_IDS
from smishguard.model import Label, Message, Signal
from smishguard.scanner import MAX_TEXT_CHARS, Scanner, default_scanner


def test_simple_call() -> None:
    verdict = smishguard.scan("Okta: your session expired, sign in at okta-login-verify.com")
    assert verdict.label is Label.PHISHING
    assert verdict.signals[0].detector == "url.lookalike"


def test_every_emitted_id_is_documented() -> None:
    texts = [
        "Twilio IT: your password has expired, log in at twilio-sso.com",
        "USPS: package held, pay $1.99 at usps-redelivery.top/pay today",
        "Your code is 482913. Do not share it. Reply STOP to opt out",
        "Hi mum this is my new number, text me on whatsapp",
        "https://acme.com@evil.example/login http://192.168.1.1/x bit.ly/abc irs-gov.com",
    ]
    scanner = default_scanner()
    ids = {s.detector for v in scanner.scan_many(texts) for s in v.signals}
    assert ids <= set(BUILTIN_DETECTOR_IDS)
    assert len(ids) >= 10


class Broken:
    name = "broken"

    def detect(self, message: Message, context: ScanContext) -> Iterator[Signal]:
        raise RuntimeError("boom")


def test_a_failing_detector_is_recorded_not_hidden() -> None:
    base = default_scanner()
    scanner = Scanner(base.policy, [*base.detectors, Broken()], base.lookalikes)
    verdict = scanner.scan("log in at twilio-sso.com")
    assert verdict.failures == ("broken: RuntimeError: boom",)
    assert verdict.label is Label.PHISHING


def test_empty_text_is_clean() -> None:
    verdict = default_scanner().scan("")
    assert verdict.label is Label.CLEAN
    assert verdict.signals == ()


def test_long_text_is_cut_and_says_so() -> None:
    text = "please verify your account " * 5_000  # ~135 KB
    scanner = default_scanner()
    verdict = scanner.scan(text)
    assert any("only the first" in f for f in verdict.failures)
    within_cpu(2.0, lambda: scanner.scan(text))


def test_ten_thousand_urls_in_bounded_time() -> None:
    text = " ".join(f"http://host{i}.example.com/p" for i in range(10_000))
    scanner = default_scanner()
    within_cpu(3.0, lambda: scanner.scan(text))


@pytest.mark.parametrize(
    "text",
    [
        "a." * 50_000,
        "-" * 100_000,
        "[.]" * 30_000,
        "http://" * 14_000,
        "a" * 99_999 + "@",
        "1." * 50_000,
        "hxxp[:]//" * 10_000,
        ("x" * 63 + ".") * 1_500,
        "\u0430" * 100_000,
        "\ufffd\x00" * 50_000,
    ],
)
def test_adversarial_input_is_bounded(text: str) -> None:
    scanner = default_scanner()
    within_cpu(2.0, lambda: scanner.scan(text))


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=3_000))
def test_any_text_gives_a_verdict_quickly(text: str) -> None:
    scanner = default_scanner()
    message = Message(text, sender=text[:20] or None)
    verdict = within_cpu(1.0, lambda: scanner.scan(message))
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.failures == () or all("only the first" in f for f in verdict.failures)


def test_max_text_chars_is_far_above_sms() -> None:
    assert MAX_TEXT_CHARS >= 10 * 160
