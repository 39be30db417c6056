"""Sender evidence: an organisation's voice from a sender no organisation texts from.

- ``sender.mobile_claims_organization``: the text speaks for an organisation (it opens with a
  protected brand's name, or uses the wording of an IT desk, HR or payroll, a sign-in, account,
  delivery, toll or billing notice), wants something (it has a link, or asks for credentials,
  a payment or a code) and comes from an ordinary phone number. Companies text
  from short codes and sender ids; 0ktapus and most everyday smishing came from SIM-farm
  mobile numbers.
- ``sender.email_gateway``: the text came from an e-mail address (iMessage or an
  e-mail-to-SMS gateway, which skip carriers' SMS filters) and carries a link or speaks for an
  organisation. A friend's iMessage chat without either gives no signal.

Short codes and alphanumeric sender ids give no signal either way, by design. Real
organisations use them, but alphanumeric ids can be spoofed in most countries (a fake
"Santander" lands in the bank's own thread) and short codes are rented to bulk senders, so
they are not evidence of legitimacy; and they are normal, so not evidence of phishing.
Unknown and missing senders give no signal. Numbers appear in evidence only masked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from smishguard.detectors.base import ScanContext
from smishguard.model import Message, Signal
from smishguard.text.cues import Cue, CueKind
from smishguard.text.sender import SenderKind, classify_sender, mask_sender

DETECTOR_IDS: dict[str, str] = {
    "sender.mobile_claims_organization": "The text speaks for an organisation (a protected "
    "brand, IT, HR, a bank, carrier, toll or billing notice) but was sent from an ordinary "
    "phone number.",
    "sender.email_gateway": "The text came from an e-mail address (iMessage or "
    "e-mail-to-SMS) and carries a link or speaks for an organisation.",
}

MOBILE_CLAIM_WEIGHT = 0.3
EMAIL_GATEWAY_WEIGHT = 0.15

# Cue kinds written in an organisation's voice, with who that voice belongs to. A *full*
# phrase is needed: weak ones ("your package", "tu turno") are said between people too.
# Prize lures and code requests are left out: friends say "you won" and "send me the code".
ORGANIZATION_VOICES: dict[CueKind, str] = {
    CueKind.IT_IMPERSONATION: "an IT or help-desk team",
    CueKind.SCHEDULE_HR: "an employer's HR or payroll team",
    CueKind.CREDENTIAL_PRETEXT: "an employer or online service",
    CueKind.ACCOUNT_THREAT: "a bank or online service",
    CueKind.PARCEL: "a delivery company",
    CueKind.FINE_TOLL: "a toll or traffic authority",
    CueKind.PAYMENT_REQUEST: "a company billing you",
}


# Cue kinds that ask the reader for something an attacker profits from.
ASKING_KINDS = frozenset(
    {
        CueKind.CREDENTIAL_PRETEXT,
        CueKind.PAYMENT_REQUEST,
        CueKind.CODE_REQUEST,
        CueKind.LINK_CALL_TO_ACTION,
    }
)


def asks_for_action(cues: Sequence[Cue], context: ScanContext) -> bool:
    """The text carries a link or asks, in full words, for credentials, money or a code.

    A small company's notice sent from a staff phone ("new laptops are ready for pickup")
    asks for nothing: the mobile-number signal is kept for texts that want something.
    """
    return bool(context.urls) or any(c.kind in ASKING_KINDS and c.strength >= 1.0 for c in cues)


class SenderDetector:
    """Judges the sender against the voice the text is written in."""

    name = "sender"

    def claimed_organization(self, cues: Sequence[Cue], context: ScanContext) -> str:
        """Who the text speaks for ('' if it does not sound like an organisation)."""
        for mention in context.mentions:
            if mention.leading:
                return mention.brand.name
        for cue in cues:
            voice = ORGANIZATION_VOICES.get(cue.kind)
            if voice and cue.strength >= 1.0:
                return voice
        return ""

    def detect(self, message: Message, context: ScanContext) -> Iterator[Signal]:
        kind = classify_sender(message.sender)
        if kind is SenderKind.MOBILE:
            cues = context.cues
            claimed = (
                self.claimed_organization(cues, context) if asks_for_action(cues, context) else ""
            )
            if claimed:
                shown = mask_sender(message.sender)
                yield Signal(
                    "sender.mobile_claims_organization",
                    MOBILE_CLAIM_WEIGHT,
                    f"the text speaks for {claimed} but was sent from an ordinary phone "
                    f"number ({shown}); organisations text from short codes or sender names",
                    shown,
                )
        elif kind is SenderKind.EMAIL:
            claimed = self.claimed_organization(context.cues, context)
            if claimed or context.urls:
                shown = mask_sender(message.sender)
                what = f"speaks for {claimed}" if claimed else "carries a link"
                yield Signal(
                    "sender.email_gateway",
                    EMAIL_GATEWAY_WEIGHT,
                    f"the text {what} but came from an e-mail address ({shown}), a way bulk "
                    "senders get past carriers' SMS filters",
                    shown,
                )
