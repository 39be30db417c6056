"""The one extension shape: a detector turns a message (and what was found in it) into signals.

Built-in detectors use exactly this shape; third parties register theirs through the
entry-point group ``smishguard.detectors`` (see :mod:`smishguard.detectors.registry`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from smishguard.domains.lookalike import LookalikeIndex
from smishguard.model import Message, Signal, Url
from smishguard.policy import Policy
from smishguard.text.brands import BrandMention
from smishguard.text.cues import Cue


@dataclass(frozen=True, slots=True)
class ScanContext:
    """What the scanner computed once per message, for every detector to share."""

    policy: Policy
    lookalikes: LookalikeIndex
    urls: tuple[Url, ...]
    normalized_text: str  # smishguard.text.normalize.normalize(message.text)
    cues: tuple[Cue, ...] = ()  # smishguard.text.cues.find_cues(normalized_text)
    mentions: tuple[BrandMention, ...] = ()  # protected brands the text names, in order


@runtime_checkable
class Detector(Protocol):
    """Anything with a stable ``name`` and ``detect``; ``name`` prefixes its signals' ids."""

    @property
    def name(self) -> str: ...

    def detect(self, message: Message, context: ScanContext) -> Iterable[Signal]: ...


@runtime_checkable
class BatchDetector(Detector, Protocol):
    """A detector that is faster on many messages at once (the text model)."""

    def detect_many(
        self, messages: Sequence[Message], contexts: Sequence[ScanContext]
    ) -> list[list[Signal]]: ...
