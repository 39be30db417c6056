"""Scanner(policy, detectors).scan(message) → Verdict, and scan_many for batches.

The scanner extracts links and normalises the text once per message, hands that context to
every detector, and scores what they say. A detector that raises is recorded in the verdict's
``failures``; the others still count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import islice

from smishguard.detectors.base import BatchDetector, Detector, ScanContext
from smishguard.detectors.registry import all_detectors
from smishguard.domains.lookalike import LookalikeIndex
from smishguard.model import Message, Signal, Verdict
from smishguard.policy import Policy, default_policy
from smishguard.scoring import score
from smishguard.text.brands import BrandMatcher
from smishguard.text.cues import find_cues
from smishguard.text.normalize import normalize
from smishguard.urls import extract_urls

# Longer texts are cut before analysis: SMS are at most ~1,600 characters (10 segments);
# this bounds the time any input can take.
MAX_TEXT_CHARS = 20_000
BATCH_SIZE = 512


class Scanner:
    """Runs detectors over messages under one policy."""

    def __init__(
        self,
        policy: Policy | None = None,
        detectors: Sequence[Detector] | None = None,
        lookalikes: LookalikeIndex | None = None,
    ) -> None:
        self.policy = policy if policy is not None else default_policy()
        self.detectors: tuple[Detector, ...] = (
            tuple(detectors) if detectors is not None else all_detectors()
        )
        self.lookalikes = (
            lookalikes if lookalikes is not None else LookalikeIndex.from_policy(self.policy)
        )
        self.brand_matcher = BrandMatcher(self.policy.brands)

    def context_for(self, message: Message) -> ScanContext:
        """What every detector shares, computed once: links, normalized text, cues, brands."""
        normalized = normalize(message.text)
        # Positional: keyword arguments cost a measurable part of building one per message.
        return ScanContext(
            self.policy,
            self.lookalikes,
            extract_urls(message.text),
            normalized,
            find_cues(normalized),
            self.brand_matcher.find(normalized),
        )

    def scan(self, message: Message | str) -> Verdict:
        """The verdict on one message (a plain string is a message with no sender)."""
        return self.scan_many([message])[0]

    def scan_many(self, messages: Iterable[Message | str]) -> list[Verdict]:
        """Verdicts for many messages, in order; batch-capable detectors run once per batch."""
        return list(self.iter_scan(messages))

    def iter_scan(self, messages: Iterable[Message | str]) -> Iterator[Verdict]:
        """Like scan_many, lazily, in batches of BATCH_SIZE: for streams and progress bars."""
        iterator = iter(messages)
        while batch := [
            m if isinstance(m, Message) else Message(m) for m in islice(iterator, BATCH_SIZE)
        ]:
            yield from self._scan_batch(batch)

    def _scan_batch(self, received: list[Message]) -> list[Verdict]:
        batch = [_analysed(m) for m in received]
        contexts = list(map(self.context_for, batch))
        signals: list[list[Signal]] = [[] for _ in batch]
        failures: list[list[str]] = [[] for _ in batch]
        for detector in self.detectors:
            if isinstance(detector, BatchDetector):
                try:
                    found = detector.detect_many(batch, contexts)
                except Exception as exc:  # recorded in every verdict of the batch
                    for fails in failures:
                        fails.append(_failure(detector, exc))
                    continue
                for sink, more in zip(signals, found, strict=True):
                    sink.extend(more)
                continue
            detect = detector.detect
            for sink, fails, message, context in zip(
                signals, failures, batch, contexts, strict=True
            ):
                try:
                    sink.extend(detect(message, context))
                except Exception as exc:  # recorded in the verdict, never hidden
                    fails.append(_failure(detector, exc))
        verdicts = []
        for message, context, found_signals, fails in zip(
            received, contexts, signals, failures, strict=True
        ):
            if len(message.text) > MAX_TEXT_CHARS:
                fails.append(
                    f"input: the text has {len(message.text):,} characters; only the first "
                    f"{MAX_TEXT_CHARS:,} were analysed"
                )
            verdicts.append(score(found_signals, self.policy, context.urls, tuple(fails)))
        return verdicts


def _analysed(message: Message) -> Message:
    """The part of a message that is analysed: at most MAX_TEXT_CHARS characters."""
    if len(message.text) <= MAX_TEXT_CHARS:
        return message
    return Message(message.text[:MAX_TEXT_CHARS], message.sender)


def _failure(detector: Detector, exc: Exception) -> str:
    return f"{detector.name}: {type(exc).__name__}: {exc}"


@cache
def default_scanner() -> Scanner:
    """A scanner with the built-in policy and detectors, built once per process."""
    return Scanner()


def scan(text: str, sender: str | None = None) -> Verdict:
    """The simple call: scan one SMS with the built-in policy and every detector."""
    return default_scanner().scan(Message(text, sender))
