"""The text model as a detector: one ``text.model`` signal, batch and single alike."""

from __future__ import annotations

import pytest

from smishguard.detectors.base import BatchDetector, Detector, ScanContext
from smishguard.detectors.text_model import (
    DETECTOR_IDS,
    MAX_WEIGHT,
    SIGNAL_ID,
    TextModelDetector,
)
from smishguard.domains.lookalike import LookalikeIndex
from smishguard.model import Message
from smishguard.policy import default_policy
from smishguard.textmodel import load_default_model

SPAM = "WINNER!! You have won a guaranteed £900 cash prize. Txt CLAIM to 87121 to claim now"
CHAT = "Hey, running 10 min late, see you at the cafe"


@pytest.fixture(scope="module")
def context() -> ScanContext:
    policy = default_policy()
    return ScanContext(policy, LookalikeIndex.from_policy(policy), (), "")


def test_is_a_batch_detector() -> None:
    detector = TextModelDetector()
    assert isinstance(detector, Detector)
    assert isinstance(detector, BatchDetector)
    assert detector.name == "text_model"
    assert SIGNAL_ID in DETECTOR_IDS


def test_spam_gives_one_signal_weighted_by_probability(context: ScanContext) -> None:
    detector = TextModelDetector()
    signals = list(detector.detect(Message(SPAM), context))
    assert len(signals) == 1
    signal = signals[0]
    probability = load_default_model().predict_proba(SPAM)
    assert signal.detector == "text.model"
    assert signal.weight == round(detector.weight_for(probability, 0.4), 4)
    assert signal.reason.startswith("the wording resembles known SMS spam and phishing")
    assert f"(text model: {probability:.2f})" in signal.reason
    assert signal.evidence  # the words that pushed hardest


def test_chat_gives_no_signal(context: ScanContext) -> None:
    assert list(TextModelDetector().detect(Message(CHAT), context)) == []


def test_min_probability_decides_what_is_emitted(context: ScanContext) -> None:
    assert list(TextModelDetector(min_probability=0.0).detect(Message(CHAT), context))
    assert not list(TextModelDetector(min_probability=1.0).detect(Message(SPAM), context))
    with pytest.raises(ValueError, match="min_probability"):
        TextModelDetector(min_probability=1.5)


def test_detect_many_equals_detect(context: ScanContext) -> None:
    detector = TextModelDetector()
    messages = [Message(SPAM), Message(CHAT), Message(""), Message("Has ganado un premio")]
    batch = detector.detect_many(messages, [context] * len(messages))
    assert batch == [list(detector.detect(m, context)) for m in messages]


@pytest.mark.parametrize(
    ("share", "expected"), [(0.0, 0.0), (0.5, 0.2), (1.0, 0.4)]
)
def test_model_threshold_lands_on_the_suspicious_threshold(share: float, expected: float) -> None:
    detector = TextModelDetector()
    probability = share * detector.model.threshold
    assert detector.weight_for(probability, 0.4) == pytest.approx(expected)
    assert detector.weight_for(1.0, 0.4) == pytest.approx(MAX_WEIGHT)
    above = detector.weight_for((1 + detector.model.threshold) / 2, 0.4)
    assert 0.4 < above < MAX_WEIGHT


@pytest.mark.parametrize(
    "link",
    ["acme-okta[.]com/login", "hxxps://twilio-sso.com/x", "mercantil-turnos.es/desbloqueo"],
)
def test_links_the_scanner_found_are_cut_before_scoring(link: str, context: ScanContext) -> None:
    # defanged links and bare names the model's own tokenizer would read as words
    from smishguard.urls import extract_urls

    detector = TextModelDetector(min_probability=0.0)
    policy = default_policy()
    index = LookalikeIndex.from_policy(policy)
    text = f"Your account is locked, unlock it now at {link} today"
    urls = extract_urls(text)
    assert urls, "the URL extractor should find the link"
    with_link = ScanContext(policy, index, urls, "")
    [signal] = detector.detect(Message(text), with_link)
    [plain] = detector.detect(Message("Your account is locked, unlock it now at today"), context)
    assert signal.weight == plain.weight
    assert detector.detect_many([Message(text)], [with_link]) == [[signal]]


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("a http://x b", [(2, 10)], "a  \x00  b"),
        ("x.com y.com", [(0, 5), (6, 11)], " \x00   \x00 "),
        ("no links", [], "no links"),
    ],
)
def test_without_links(text: str, spans: list[tuple[int, int]], expected: str) -> None:
    from smishguard.detectors.text_model import without_links
    from smishguard.model import Url

    urls = [Url(text[s:e], "http://x", "x", "x", "x", start=s, end=e) for s, e in spans]
    assert without_links(text, urls) == expected
