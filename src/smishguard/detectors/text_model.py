"""Text evidence from the ML text model: does the wording resemble known spam and smishing?

One signal, ``text.model``, with the model's calibrated probability as its weight, emitted
when that probability is at least ``min_probability`` (0.2 by default: weaker hints only add
noise to the score). The evidence lists the words that pushed hardest.

What the model does *not* see, by design: links, e-mail addresses and numbers (see
:mod:`smishguard.textmodel.features`). A link or a code never raises this signal; the URL,
sender and counter-evidence detectors judge them. The model was trained on public SMS corpora
of mostly 2003–2011 messages (``src/smishguard/data/MODEL_CARD.md``); it knows personal chat
far better than modern business notifications, which is why the scorer lets counter-evidence
(``text.legit_*``) damp it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from smishguard.detectors.base import ScanContext
from smishguard.model import Message, Signal
from smishguard.textmodel import LinearTextModel, load_default_model

DETECTOR_IDS: dict[str, str] = {
    "text.model": "The wording resembles known SMS spam and phishing, according to the "
    "built-in text model (weight: its calibrated probability; links and numbers are not "
    "part of what it reads).",
}

SIGNAL_ID = "text.model"
DEFAULT_MIN_PROBABILITY = 0.2


class TextModelDetector:
    """Scores each message's wording with a :class:`LinearTextModel` (the shipped one by
    default). Batch-capable: ``detect_many`` scores a whole batch in one call."""

    name = "text_model"

    def __init__(
        self,
        model: LinearTextModel | None = None,
        min_probability: float = DEFAULT_MIN_PROBABILITY,
    ) -> None:
        if not 0.0 <= min_probability <= 1.0:
            raise ValueError(f"min_probability must be in [0, 1], not {min_probability}")
        self.model = model if model is not None else load_default_model()
        self.min_probability = min_probability

    def detect(self, message: Message, context: ScanContext) -> Iterator[Signal]:
        probability = self.model.predict_proba(message.text)
        if probability >= self.min_probability:
            yield self._signal(message.text, probability)

    def detect_many(
        self, messages: Sequence[Message], contexts: Sequence[ScanContext]
    ) -> list[list[Signal]]:
        probabilities = self.model.predict_many([message.text for message in messages])
        threshold = self.min_probability
        return [
            [self._signal(message.text, p)] if p >= threshold else []
            for message, p in zip(messages, probabilities, strict=True)
        ]

    def _signal(self, text: str, probability: float) -> Signal:
        return Signal(
            detector=SIGNAL_ID,
            weight=round(probability, 4),
            reason="the wording resembles known SMS spam and phishing "
            f"(text model: {probability:.2f})",
            evidence=", ".join(self.model.top_features(text)),
        )
