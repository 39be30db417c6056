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
class Confusion:
    """Counts of truth (ham / malicious) against verdict label (clean / suspicious / phishing)."""

    ham_clean: int = 0
    ham_suspicious: int = 0
    ham_phishing: int = 0
    malicious_clean: int = 0
    malicious_suspicious: int = 0
    malicious_phishing: int = 0

    @property
    def true_positives(self) -> int:
        return self.malicious_suspicious + self.malicious_phishing

    @property
    def false_positives(self) -> int:
        return self.ham_suspicious + self.ham_phishing

    @property
    def false_negatives(self) -> int:
        return self.malicious_clean

    @property
    def hams(self) -> int:
        return self.ham_clean + self.ham_suspicious + self.ham_phishing

    @property
    def total(self) -> int:
        return self.hams + self.malicious_clean + self.true_positives

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        malicious = self.true_positives + self.false_negatives
        return self.true_positives / malicious if malicious else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def ham_false_positive_rate(self) -> float:
        return self.false_positives / self.hams if self.hams else 0.0


def confusion(pairs: Iterable[tuple[bool, Label]]) -> Confusion:
    """Count (is_malicious truth, verdict label) pairs."""
    counts = dict.fromkeys(Confusion.__dataclass_fields__, 0)
    for malicious, label in pairs:
        counts[f"{'malicious' if malicious else 'ham'}_{label.value}"] += 1
    return Confusion(**counts)
