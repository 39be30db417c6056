"""Accuracy of verdicts against labelled messages: confusion matrix and the usual rates.

A message counts as *flagged* when its verdict is not ``clean`` (``phishing`` or
``suspicious``); the truth is *malicious* for ``spam``, ``smishing`` or ``phishing`` labels
and benign for ``ham`` or ``clean``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from smishguard.errors import InvalidInput
from smishguard.model import Label

MALICIOUS_LABELS = frozenset({"spam", "smishing", "phishing", "malicious", "suspicious"})
BENIGN_LABELS = frozenset({"ham", "clean", "benign", "legitimate"})


def is_malicious_label(label: str) -> bool:
    """True for spam/smishing/phishing, False for ham/clean; InvalidInput otherwise."""
    key = label.strip().lower()
    if key in MALICIOUS_LABELS:
        return True
    if key in BENIGN_LABELS:
        return False
    raise InvalidInput(
        f"unknown label {label!r}: use ham, spam or smishing (or clean, phishing)"
    )


@dataclass(frozen=True, slots=True)
class BinaryMetrics:
    """A confusion matrix of malicious (positive) against ham (negative), and its rates."""

    true_positives: int
    false_positives: int
    true_negatives: int
    false_negatives: int

    @property
    def total(self) -> int:
        return (
            self.true_positives + self.false_positives + self.true_negatives + self.false_negatives
        )

    @property
    def malicious(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def ham(self) -> int:
        return self.true_negatives + self.false_positives

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.malicious if self.malicious else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def ham_false_positive_rate(self) -> float:
        return self.false_positives / self.ham if self.ham else 0.0



@dataclass(frozen=True, slots=True)
class Confusion:
    """Counts of truth (ham / malicious) against verdict label (clean / suspicious / phishing)."""

    ham_clean: int = 0
    ham_suspicious: int = 0
    ham_phishing: int = 0
    malicious_clean: int = 0
    malicious_suspicious: int = 0
    malicious_phishing: int = 0

    @property
    def binary(self) -> BinaryMetrics:
        """Flagged (suspicious or phishing) against malicious: the binary figures."""
        return BinaryMetrics(
            true_positives=self.malicious_suspicious + self.malicious_phishing,
            false_positives=self.ham_suspicious + self.ham_phishing,
            true_negatives=self.ham_clean,
            false_negatives=self.malicious_clean,
        )


def confusion(pairs: Iterable[tuple[bool, Label]]) -> Confusion:
    """Count (is_malicious truth, verdict label) pairs."""
    counts = dict.fromkeys(Confusion.__dataclass_fields__, 0)
    for malicious, label in pairs:
        counts[f"{'malicious' if malicious else 'ham'}_{label.value}"] += 1
    return Confusion(**counts)
