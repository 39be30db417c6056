"""Signals → a Verdict, with the reasons sorted by weight.

Evidence comes in three kinds, told apart by the detector id:

* link evidence (``url.*``): what the links in the message are and where they go;
* text evidence (everything else: ``text.*``, ``sender.*``, plug-ins): what the words and the
  sender suggest;
* counter-evidence (ids with a ``.legit_`` part, e.g. ``text.legit_code_notice``,
  ``url.legit_owned_domain``): signs of a legitimate notice.

How they add up:

1. Each kind is combined by noisy-OR: independent reasons add up, none alone counts for more
   than its own weight.
2. Counter-evidence damps only the *text* evidence: "your code is 123456, don't share it"
   makes a code notice benign, but it cannot clean a link to ``acme-okta.com``.
3. A link that is wrong *and* words that want something (a pretext, a lure, a request: any
   ``text.*`` cue of weight >= INTENT_WEIGHT; not the text model, not the sender) reinforce
   each other: the
   weaker of the two counts once more, doubled (SYNERGY). "Your account is locked, restore
   it here" beside a link to a site the named bank does not own is phishing even when
   neither alone is sure.
4. Without such intent and without link evidence, a message is at most ``suspicious``: the
   text model says how much the wording resembles old spam, which is a reason to look, not
   proof of phishing (modern notices from banks and shops read much like 2000s spam).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence

from smishguard.model import Signal, Url, Verdict
from smishguard.policy import Policy
from smishguard.urls.sites import site_name

COUNTER_EVIDENCE_MARK = ".legit_"
LINK_PREFIX = "url."
TEXT_MODEL_ID = "text.model"
# Intent is what the words ask for: text cues, not the text model nor who sent them.
INTENT_PREFIX = "text."
# Text signals at least this strong show the message wants something from the reader.
INTENT_WEIGHT = 0.2
# How much a wrong link and words that want something reinforce each other.
SYNERGY = 2.0
# Below the phishing threshold by this much when only resemblance to spam is known.
_BELOW = 1e-3


def is_counter_evidence(signal: Signal) -> bool:
    return COUNTER_EVIDENCE_MARK in signal.detector


def noisy_or(weights: Iterable[float]) -> float:
    """1 - Π(1 - w): the chance at least one independent reason holds."""
    return 1.0 - math.prod(1.0 - min(max(w, 0.0), 1.0) for w in weights)


def _sort_key(signal: Signal) -> tuple[bool, float, str, str]:
    # Risk signals first by weight, counter-evidence last, ties by id for stable output.
    # (is_counter_evidence inlined: this runs for every signal of every message scanned.)
    detector = signal.detector
    return (COUNTER_EVIDENCE_MARK in detector, -signal.weight, detector, signal.evidence)


def combine(signals: Sequence[Signal], phishing_threshold: float = 1.0) -> float:
    """The score in [0, 1] that a set of signals adds up to (see the module docstring)."""
    # One pass, products of complements (noisy-OR); this runs for every message scanned.
    link_keep = damping = text_keep = intent_keep = 1.0
    for signal in signals:
        weight = signal.weight
        weight = 0.0 if weight < 0.0 else 1.0 if weight > 1.0 else weight
        detector = signal.detector
        if COUNTER_EVIDENCE_MARK in detector:
            damping *= 1.0 - weight
        elif detector.startswith(LINK_PREFIX):
            link_keep *= 1.0 - weight
        else:
            text_keep *= 1.0 - weight
            if weight >= INTENT_WEIGHT and detector.startswith(INTENT_PREFIX) and (
                detector != TEXT_MODEL_ID
            ):
                intent_keep *= 1.0 - weight
    link_risk = 1.0 - link_keep
    text_risk = damping * (1.0 - text_keep)
    intent = damping * (1.0 - intent_keep)
    synergy = min(SYNERGY * min(link_risk, intent), 1.0)
    total = 1.0 - (1.0 - link_risk) * (1.0 - text_risk) * (1.0 - synergy)
    if link_risk < INTENT_WEIGHT and intent < INTENT_WEIGHT:
        total = min(total, phishing_threshold - _BELOW)
    return round(total, 4)


def score(
    signals: Sequence[Signal],
    policy: Policy,
    urls: tuple[Url, ...] = (),
    failures: tuple[str, ...] = (),
) -> Verdict:
    total = combine(signals, policy.thresholds.phishing)
    # Most messages have at most one signal: nothing to sort then.
    ordered = tuple(sorted(signals, key=_sort_key)) if len(signals) > 1 else tuple(signals)
    return Verdict(policy.label_for(total), total, ordered, urls, failures)


CONFIRMED_DOMAIN_ID = "url.confirmed"


def with_confirmed_domains(verdict: Verdict, policy: Policy,
                           confirmed: Collection[str]) -> Verdict:
    """The verdict once analysts' decisions are counted: a link to a domain an analyst
    confirmed as phishing makes the message phishing (never a domain the policy says a
    protected brand owns: one tenant's mistake must not block another's real sign-in page)."""
    if not confirmed:
        return verdict
    hits = [name for name in (_confirmed_name(u, confirmed) for u in verdict.urls)
            if name and policy.owner_of(name) is None]
    if not hits:
        return verdict
    added = tuple(Signal(CONFIRMED_DOMAIN_ID, 1.0,
                         f"security analysts confirmed {domain} as a phishing domain", domain)
                  for domain in dict.fromkeys(hits))
    return score((*added, *verdict.signals), policy, verdict.urls, verdict.failures)


def _confirmed_name(url: Url, confirmed: Collection[str]) -> str:
    """The link's name analysts confirmed: its site (a report's or a campaign's decision:
    :func:`~smishguard.urls.sites.site_name`), or its host (a name the watch saw, decided
    alone); '' when neither is, and for a link shortener, whose domain is everyone's."""
    if url.is_shortener:
        return ""
    for name in (site_name(url), url.host):
        if name and name in confirmed:
            return name
    return ""
