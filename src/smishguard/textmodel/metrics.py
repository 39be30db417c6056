"""Binary accuracy figures (malicious vs ham): pure functions over predictions and truth."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from smishguard.corpus import SmsRecord
from smishguard.evaluation import BinaryMetrics


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
