"""Text evidence: the pretexts, lures and reassurances a message is written with.

One signal per kind of cue found (:mod:`smishguard.text.cues`), with the strongest phrase as
evidence. Weights are moderate (at most 0.45): wording alone must not make a genuine IT
notice or bank alert phishing; the link evidence and the scorer decide. A kind found only
through *weak* phrases (ones also common in ordinary texts) counts half, unless two
independent weak phrases of that kind agree.

Counter-evidence ids contain ``.legit_`` (``text.legit_code_notice``,
``text.legit_reply_keyword``); the scorer lets them damp the text evidence. They are not
emitted when the same text contradicts them: a "don't share this code" notice that also asks
for the code back, or a "reply STOP" footer under a prize lure or a code request; and a code
notice counts only if the text holds a code (4 to 10 digits, or 3+3).

``text.brand_mention`` (weight 0.05) names each protected brand the text mentions outside
its links; brand names that are everyday words count only when the text opens with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from smishguard.detectors.base import ScanContext
from smishguard.model import Message, Signal
from smishguard.text.brands import counted_mentions
from smishguard.text.cues import WEAK_STRENGTH, Cue, CueKind

DETECTOR_IDS: dict[str, str] = {
    "text.credential_pretext": "The text talks about an expiring or reset password, signing "
    "in, MFA, VPN or verifying an account: the classic pretext to steal sign-in details.",
    "text.it_impersonation": "The text claims to come from an IT department, help desk or "
    "service desk.",
    "text.schedule_pretext": "The text is about a changed work schedule or shift, payroll, "
    "benefits or HR: pretexts aimed at employees.",
    "text.account_threat": "The text says an account or card is suspended, locked, closing, "
    "or shows unusual activity.",
    "text.urgency": "The text presses for speed: urgent, immediately, within 24 hours, final "
    "notice.",
    "text.parcel_lure": "The text is about a held, failed or unpaid delivery, customs fees or "
    "a missing address.",
    "text.fine_toll_lure": "The text demands payment of a toll, traffic fine, penalty or debt.",
    "text.prize_lure": "The text promises a prize, gift or reward, or uses premium-rate prize "
    "lines (call 090…, txt WIN).",
    "text.payment_lure": "The text says a payment failed or asks to pay or update card or "
    "billing details.",
    "text.code_request": "The text asks the reader to send back or share a code they "
    "received, the way accounts are hijacked.",
    "text.family_impersonation": "The text poses as a relative or friend on a new number "
    "(hi mum, my phone broke, text me on WhatsApp) and asks for a favour or money.",
    "text.easy_money_lure": "The text offers easy money: a remote job paying by the day, or "
    "an investment with guaranteed returns.",
    "text.link_call_to_action": "The text tells the reader to click, tap or visit a link "
    "(very weak alone).",
    "text.brand_mention": "The text names a protected brand (informational, weight 0.05; "
    "combined with where the links go).",
    "text.legit_code_notice": "Counter-evidence: the text reads like a genuine one-time-code "
    "notice (your code is …, do not share it).",
    "text.legit_reply_keyword": "Counter-evidence: the text asks for a keyword reply, as "
    "genuine reminders and opt-outs do (reply C to confirm, STOP to opt out, responde SI).",
}

# kind → (detector id, weight of a full phrase, reason with {phrase})
KIND_SIGNALS: dict[CueKind, tuple[str, float, str]] = {
    CueKind.CREDENTIAL_PRETEXT: (
        "text.credential_pretext",
        0.35,
        'the text talks about your password or signing in ("{phrase}"), '
        "a common pretext to steal sign-in details",
    ),
    CueKind.IT_IMPERSONATION: (
        "text.it_impersonation",
        0.2,
        'the text claims to come from an IT or help-desk team ("{phrase}"), '
        "whose requests people tend to follow without checking",
    ),
    CueKind.SCHEDULE_HR: (
        "text.schedule_pretext",
        0.2,
        'the text is about your work schedule, pay or HR ("{phrase}"), '
        "a pretext used against employees",
    ),
    CueKind.ACCOUNT_THREAT: (
        "text.account_threat",
        0.3,
        'the text warns that an account or card is blocked or at risk ("{phrase}"), '
        "a scare used to rush people into signing in",
    ),
    CueKind.URGENCY: (
        "text.urgency",
        0.15,
        'the text presses you to act fast ("{phrase}"), which leaves less time to check it',
    ),
    CueKind.PARCEL: (
        "text.parcel_lure",
        0.25,
        'the text is about a held or failed delivery ("{phrase}"), a very common lure',
    ),
    CueKind.FINE_TOLL: (
        "text.fine_toll_lure",
        0.3,
        'the text demands payment of a toll, fine or debt ("{phrase}"), a very common lure',
    ),
    CueKind.PRIZE_LURE: (
        "text.prize_lure",
        0.4,
        'the text promises a prize or gift ("{phrase}"), a classic lure',
    ),
    CueKind.PAYMENT_REQUEST: (
        "text.payment_lure",
        0.3,
        'the text asks you to pay or to update payment details ("{phrase}")',
    ),
    CueKind.CODE_REQUEST: (
        "text.code_request",
        0.45,
        'the text asks you to send or share a code ("{phrase}"); '
        "whoever gets that code can take over your account",
    ),
    CueKind.FAMILY_IMPERSONATION: (
        "text.family_impersonation",
        0.45,
        'the text poses as a relative or friend with a new number ("{phrase}"), '
        'the opening of the "hi mum" scam',
    ),
    CueKind.EASY_MONEY: (
        "text.easy_money_lure",
        0.3,
        'the text offers easy money ("{phrase}"), the bait of job and investment scams',
    ),
    CueKind.LINK_CALL_TO_ACTION: (
        "text.link_call_to_action",
        0.05,
        'the text tells you to follow a link ("{phrase}")',
    ),
    CueKind.LEGIT_CODE_NOTICE: (
        "text.legit_code_notice",
        0.3,
        'the text reads like a genuine one-time-code notice ("{phrase}"), '
        "which tells you not to share the code",
    ),
    CueKind.LEGIT_REPLY_KEYWORD: (
        "text.legit_reply_keyword",
        0.2,
        'the text asks for a simple keyword reply ("{phrase}"), '
        "as genuine reminders and opt-outs do",
    ),
}
BRAND_MENTION_WEIGHT = 0.05

# A one-time code as texts write it: 482913, 918 273, 312-877, G-552910. A code notice without
# one is not a code notice ("we will never ask for your password" is not reassurance).
_CODE = re.compile(r"(?<![0-9])(?:[0-9]{4,10}|[0-9]{3}[ -][0-9]{3})(?![0-9])")

# Counter-evidence the same text contradicts: kind → kinds that cancel it.
_CONTRADICTED_BY: dict[CueKind, frozenset[CueKind]] = {
    CueKind.LEGIT_CODE_NOTICE: frozenset({CueKind.CODE_REQUEST}),
    CueKind.LEGIT_REPLY_KEYWORD: frozenset({CueKind.CODE_REQUEST, CueKind.PRIZE_LURE}),
}


def strength_of(cues: Sequence[Cue]) -> float:
    """How strongly cues of one kind hold: 1 for a full phrase, else the weak ones add up.

    Weak phrases that are spellings of one another ("sign in", "sign-in") or contained in
    another matched phrase ("contraseña" in "tu contraseña") are one piece of evidence.
    """
    if any(c.strength >= 1.0 for c in cues):
        return 1.0
    keys = list(
        dict.fromkeys("".join(ch for ch in c.phrase.casefold() if ch.isalnum()) for c in cues)
    )
    independent = sum(
        1
        for i, key in enumerate(keys)
        if not any(j != i and key in other for j, other in enumerate(keys))
    )
    return min(1.0, max(independent, 1) * WEAK_STRENGTH)


def strongest(cues: Sequence[Cue]) -> Cue:
    """The cue to show as evidence: full before weak, then the longest (most specific)."""
    return max(cues, key=lambda c: (c.strength, len(c.phrase)))


def group_by_kind(cues: Sequence[Cue]) -> dict[CueKind, list[Cue]]:
    grouped: dict[CueKind, list[Cue]] = {}
    for cue in cues:
        grouped.setdefault(cue.kind, []).append(cue)
    return grouped


class TextCueDetector:
    """Emits one signal per kind of text cue, and one per protected brand named."""

    name = "text"

    def detect(self, message: Message, context: ScanContext) -> Iterator[Signal]:
        if not context.cues and not context.mentions:  # most texts: nothing to report
            return
        text = context.normalized_text
        grouped = group_by_kind(context.cues)
        for kind, cues in grouped.items():
            if not _CONTRADICTED_BY.get(kind, frozenset()).isdisjoint(grouped):
                continue
            if kind is CueKind.LEGIT_CODE_NOTICE and not _CODE.search(text):
                continue
            detector, weight, reason = KIND_SIGNALS[kind]
            best = strongest(cues)
            yield Signal(
                detector,
                round(weight * strength_of(cues), 4),
                reason.format(phrase=best.phrase),
                best.phrase,
            )
        for mention in counted_mentions(context.mentions):
            yield Signal(
                "text.brand_mention",
                BRAND_MENTION_WEIGHT,
                f"the text names {mention.brand.name}",
                mention.brand.name,
            )
