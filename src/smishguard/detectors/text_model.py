"""Text evidence from the ML text model: does the wording resemble known spam and smishing?

One signal, ``text.model``, emitted when the model's calibrated probability is at least
``min_probability`` (0.2 by default: weaker hints only add noise to the score). Its weight
maps the model's own threshold onto the policy's suspicious threshold (see ``weight_for``).
The evidence lists the words that pushed hardest.

What the model does *not* see, by design: links and e-mail addresses, and numbers except for
their kind (a premium-rate line, a short code, a sum of money …; see
:mod:`smishguard.textmodel.features`). The links the scanner found (``context.urls``,
defanged ones included) are cut out before the model reads the text, so a link or a code never
raises this signal; the URL, sender and counter-evidence detectors judge them. The model was
trained on public SMS corpora of mostly 2003–2011 messages
(``src/smishguard/data/MODEL_CARD.md``); it knows personal chat far better than modern
business notifications, which is why the scorer lets counter-evidence (``text.legit_*``) damp
it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from smishguard.detectors.base import ScanContext
from smishguard.model import Message, Signal, Url
from smishguard.textmodel import LinearTextModel, load_default_model
from smishguard.textmodel.features import LINK_GAP, tokenize

DETECTOR_IDS: dict[str, str] = {
    "text.model": "The wording resembles known SMS spam and phishing, according to the "
    "built-in text model (weight: its calibrated probability, its threshold at the suspicious "
    "threshold; links are not part of what it reads, numbers only by kind: premium-rate line, "
    "short code, sum of money …).",
}

SIGNAL_ID = "text.model"
DEFAULT_MIN_PROBABILITY = 0.2
# The weight of a certain model: below 1, since wording alone is never proof.
MAX_WEIGHT = 0.95


def without_links(text: str, urls: Sequence[Url]) -> str:
    """``text`` with each found link's span (as found in ``text``) replaced by a gap that no
    word pair of the model spans, as a link the model recognised itself would leave."""
    if not urls:
        return text
    parts = []
    position = 0
    for url in sorted(urls, key=lambda u: u.start):
        if url.start >= position and url.end <= len(text):
            parts.append(text[position : url.start])
            parts.append(LINK_GAP)
            position = url.end
    parts.append(text[position:])
    return "".join(parts)


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
        tokens = tokenize(without_links(message.text, context.urls))
        probability = self.model.predict_tokenized([tokens])[0]
        if probability >= self.min_probability:
            yield self._signal(tokens, probability, context)

    def detect_many(
        self, messages: Sequence[Message], contexts: Sequence[ScanContext]
    ) -> list[list[Signal]]:
        # Tokenized once: the prediction and, for the few that count, the evidence share it.
        token_lists = [
            tokenize(without_links(message.text, context.urls))
            for message, context in zip(messages, contexts, strict=True)
        ]
        probabilities = self.model.predict_tokenized(token_lists)
        threshold = self.min_probability
        return [
            [self._signal(tokens, p, context)] if p >= threshold else []
            for tokens, p, context in zip(token_lists, probabilities, contexts, strict=True)
        ]

    def _signal(self, tokens: Sequence[str], probability: float, context: ScanContext) -> Signal:
        suspicious = context.policy.thresholds.suspicious
        weight = self.weight_for(probability, suspicious)
        # The words behind it are worth listing (and computing) only when it counts.
        shown = weight >= suspicious / 2
        return Signal(
            detector=SIGNAL_ID,
            weight=round(weight, 4),
            reason="the wording resembles known SMS spam and phishing "
            f"(text model: {probability:.2f})",
            evidence=", ".join(self.model.top_tokens(tokens)) if shown else "",
        )
