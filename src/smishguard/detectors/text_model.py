"""Text evidence from the ML text model: does the wording resemble known spam and smishing?

One signal, ``text.model``, emitted when the model's calibrated probability is at least
``min_probability`` (0.2 by default: weaker hints only add noise to the score). Its weight
maps the model's own threshold onto the policy's suspicious threshold (see ``weight_for``).
The evidence lists the words that pushed hardest.

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
# The weight of a certain model: below 1, since wording alone is never proof.
MAX_WEIGHT = 0.95


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

    def weight_for(self, probability: float, suspicious: float) -> float:
        """The signal's weight: the model's own threshold lands on the policy's suspicious
        threshold, so the model alone flags exactly what it was tuned to flag; above it the
        weight rises linearly to MAX_WEIGHT, below it falls linearly to 0."""
        threshold = self.model.threshold
        if probability < threshold:
            return suspicious * probability / threshold
        return suspicious + (MAX_WEIGHT - suspicious) * (probability - threshold) / (
            1.0 - threshold
        )

    def detect(self, message: Message, context: ScanContext) -> Iterator[Signal]:
        probability = self.model.predict_proba(message.text)
        if probability >= self.min_probability:
            yield self._signal(message.text, probability, context)

    def detect_many(
        self, messages: Sequence[Message], contexts: Sequence[ScanContext]
    ) -> list[list[Signal]]:
        probabilities = self.model.predict_many([message.text for message in messages])
        threshold = self.min_probability
        return [
            [self._signal(message.text, p, context)] if p >= threshold else []
            for message, p, context in zip(messages, probabilities, contexts, strict=True)
        ]

    def _signal(self, text: str, probability: float, context: ScanContext) -> Signal:
        suspicious = context.policy.thresholds.suspicious
        weight = self.weight_for(probability, suspicious)
        # The words behind it are worth listing (and computing) only when it counts.
        shown = weight >= suspicious / 2
        return Signal(
            detector=SIGNAL_ID,
            weight=round(weight, 4),
            reason="the wording resembles known SMS spam and phishing "
            f"(text model: {probability:.2f})",
            evidence=", ".join(self.model.top_features(text)) if shown else "",
        )
