"""Binary accuracy figures (malicious vs ham): pure functions over predictions and truth."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from smishguard.corpus import SmsRecord


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


def binary_metrics(predicted: Sequence[bool], actual: Sequence[bool]) -> BinaryMetrics:
    """Count agreement of ``predicted`` (flagged as malicious) with ``actual`` (is malicious)."""
    if len(predicted) != len(actual):
        raise ValueError(f"{len(predicted)} predictions for {len(actual)} labels")
    tp = sum(1 for p, a in zip(predicted, actual, strict=True) if p and a)
    fp = sum(1 for p, a in zip(predicted, actual, strict=True) if p and not a)
    fn = sum(1 for p, a in zip(predicted, actual, strict=True) if not p and a)
    return BinaryMetrics(tp, fp, len(actual) - tp - fp - fn, fn)


# Evaluation slices: a name and which records it holds. The Spanish files are proxies
# (see shared/data/sms/SOURCES.md): their rows are a smoke test, not evidence.
SLICES: tuple[tuple[str, Callable[[SmsRecord], bool]], ...] = (
    ("en", lambda r: r.lang == "en"),
    ("en: ham + rows labelled smishing", lambda r: r.lang == "en" and r.label != "spam"),
    ("es (smoke test, not evidence)", lambda r: r.lang == "es"),
    ("es softecapps (smoke test)", lambda r: r.source == "softecapps_spam_ham_es"),
    ("es tatoeba ham (smoke test)", lambda r: r.source == "tatoeba_es"),
)


def evaluate(
    flags: Sequence[bool], records: Sequence[SmsRecord]
) -> list[tuple[str, BinaryMetrics]]:
    """Metrics of ``flags`` (one per record) on every slice of :data:`SLICES` that is present."""
    rows = []
    for name, keep in SLICES:
        chosen = [(flag, r.is_malicious) for flag, r in zip(flags, records, strict=True) if keep(r)]
        if chosen:
            rows.append((name, binary_metrics([f for f, _ in chosen], [a for _, a in chosen])))
    return rows
