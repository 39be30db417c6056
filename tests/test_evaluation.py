from __future__ import annotations

import pytest

from smishguard.errors import InvalidInput
from smishguard.evaluation import confusion, is_malicious_label
from smishguard.model import Label


@pytest.mark.parametrize(
    ("label", "malicious"),
    [("ham", False), ("clean", False), ("spam", True), ("Smishing", True), ("phishing", True)],
)
def test_labels(label: str, malicious: bool) -> None:
    assert is_malicious_label(label) is malicious


def test_unknown_label_is_refused() -> None:
    with pytest.raises(InvalidInput, match="unknown label"):
        is_malicious_label("maybe")


def test_rates() -> None:
    pairs = (
        [(True, Label.PHISHING)] * 8 + [(True, Label.SUSPICIOUS)] * 1 + [(True, Label.CLEAN)] * 1
        + [(False, Label.CLEAN)] * 98 + [(False, Label.SUSPICIOUS)] * 2
    )
    c = confusion(pairs).binary
    assert (c.true_positives, c.false_positives, c.false_negatives, c.ham) == (9, 2, 1, 100)
    assert c.precision == pytest.approx(9 / 11)
    assert c.recall == pytest.approx(0.9)
    assert c.ham_false_positive_rate == pytest.approx(0.02)
    assert c.f1 == pytest.approx(2 * (9 / 11) * 0.9 / (9 / 11 + 0.9))
