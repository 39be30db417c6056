"""Signals → a Verdict, with the reasons sorted by weight.

Evidence comes in three kinds, told apart by the detector id:

* link evidence (``url.*``): what the links in the message are and where they go;
* text evidence (everything else: ``text.*``, ``sender.*``, plug-ins): what the words and the
  sender suggest;
* counter-evidence (ids with a ``.legit_`` part, e.g. ``text.legit_code_notice``,
  ``url.legit_owned_domain``): signs of a legitimate notice.

Each kind is combined by noisy-OR (independent reasons add up, none alone exceeds its own
weight). Counter-evidence damps only the *text* evidence: "your code is 123456, don't share
it" makes a code notice benign, but it cannot clean a link to ``acme-okta.com``. The final
score is the noisy-OR of the link risk and the damped text risk.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from smishguard.model import Signal, Url, Verdict
from smishguard.policy import Policy

COUNTER_EVIDENCE_MARK = ".legit_"
LINK_PREFIX = "url."


def is_counter_evidence(signal: Signal) -> bool:
    return COUNTER_EVIDENCE_MARK in signal.detector


def is_link_evidence(signal: Signal) -> bool:
    return signal.detector.startswith(LINK_PREFIX) and not is_counter_evidence(signal)


def noisy_or(weights: Iterable[float]) -> float:
    """1 - Π(1 - w): the chance at least one independent reason holds."""
    return 1.0 - math.prod(1.0 - min(max(w, 0.0), 1.0) for w in weights)


def _sort_key(signal: Signal) -> tuple[bool, float, str, str]:
    # Risk signals first by weight, counter-evidence last, ties by id for stable output.
    return (is_counter_evidence(signal), -signal.weight, signal.detector, signal.evidence)


def combine(signals: Sequence[Signal]) -> float:
    """The score in [0, 1] that a set of signals adds up to (see the module docstring)."""
    link_risk = noisy_or(s.weight for s in signals if is_link_evidence(s))
    text_risk = noisy_or(
        s.weight
        for s in signals
        if not is_link_evidence(s) and not is_counter_evidence(s)
    )
    damping = math.prod(1.0 - s.weight for s in signals if is_counter_evidence(s))
    return round(noisy_or((link_risk, text_risk * damping)), 4)


def score(
    signals: Sequence[Signal],
    policy: Policy,
    urls: tuple[Url, ...] = (),
    failures: tuple[str, ...] = (),
) -> Verdict:
    total = combine(signals)
    return Verdict(
        label=policy.label_for(total),
        score=total,
        signals=tuple(sorted(signals, key=_sort_key)),
        urls=urls,
        failures=failures,
    )
