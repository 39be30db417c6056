"""What the reporting number texts back: short, blameless, in the reporter's language (English
or Spanish), naming the imitated brand when the verdict's signals name one, and never longer
than two SMS segments.

Blameless on purpose: people who report quickly are the defence, and a reply that scolds
("you should not have…") teaches them to stop reporting. The replies thank, say what was
found, say the one thing to do (or not do) and that security has it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from smishguard.detectors.urls import SIGN_IN_WORDS
from smishguard.model import Label, Verdict
from smishguard.scanner import Scanner
from smishguard.text.brands import counted_mentions
from smishguard.text.language import SPANISH
from smishguard.text.normalize import normalize

MAX_SEGMENTS = 2

# GSM 03.38: the default alphabet (one septet each) and its extension table (two septets).
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


class Notice(StrEnum):
    """Replies that are not a verdict."""

    SENDER_ADDED = "sender_added"  # step two of the 7726 flow worked
    NO_PENDING = "no_pending"  # a bare number, and no recent forward to give it to
    HELP = "help"  # the reporter asked how this works
    EMPTY = "empty"  # no text (a picture, or nothing)


_NOTICES: dict[str, dict[Notice, str]] = {
    "en": {
        Notice.SENDER_ADDED: "Thanks, we added the number it came from.",
        Notice.NO_PENDING: "Thanks. To report a suspicious text, forward it to this number "
        "first, then send the number it came from.",
        Notice.HELP: "To report a suspicious text, forward it to this number: we reply with "
        "what we found and security gets it. Then send the number it came from.",
        Notice.EMPTY: "Thanks. We can only read text: please forward the message's words, "
        "not a picture of it.",
    },
    "es": {
        Notice.SENDER_ADDED: "Gracias, hemos añadido el número del que llegó.",
        Notice.NO_PENDING: "Gracias. Para avisar de un SMS sospechoso, reenvíalo a este número "
        "y después envía el número del que llegó.",
        Notice.HELP: "Para avisar de un SMS sospechoso, reenvíalo a este número; te diremos "
        "qué vemos. Luego envía el número del que llegó.",
        Notice.EMPTY: "Gracias. Solo podemos leer texto: reenvía las palabras del mensaje, "
        "no una imagen.",
    },
}

_ASK_SENDER = {
    "en": " If you know the number it came from, text it to us.",
    "es": " ¿De qué número llegó? Envíanoslo.",
}


@dataclass(frozen=True, slots=True)
class Imitated:
    """The brand a reported text imitates, and whether its link fakes that brand's sign-in."""

    brand: str
    sign_in: bool = False


def notice(kind: Notice, language: str = "en") -> str:
    return _NOTICES[_known(language)][kind]


def verdict_reply(verdict: Verdict, imitated: Imitated | None = None, *, language: str = "en",
                  ask_sender: bool = False) -> str:
    """The answer to a forwarded text; drops the brand rather than exceed two segments."""
    language = _known(language)
    ask = _ASK_SENDER[language] if ask_sender else ""
    for brand in (imitated, None) if imitated is not None else (None,):
        reply = _verdict_sentence(verdict, brand, language) + ask
        if sms_segments(reply) <= MAX_SEGMENTS:
            return reply
    return reply


def sms_segments(text: str) -> int:
    """How many SMS segments ``text`` takes: GSM-7 (160 septets, 153 a part when split) when
    every character is in the GSM alphabet, else UCS-2 (70 code units, 67 a part)."""
    if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text):
        septets = len(text) + sum(c in _GSM_EXTENDED for c in text)
        return 1 if septets <= 160 else math.ceil(septets / 153)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= 70 else math.ceil(units / 67)


def imitated_brand(verdict: Verdict, text: str, scanner: Scanner) -> Imitated | None:
    """The brand the verdict says the text imitates: the strongest look-alike link's, else
    the brand the text speaks for when its link goes elsewhere."""
    detectors = {signal.detector for signal in verdict.signals if signal.weight > 0}
    if "url.lookalike" in detectors:
        matches = [m for m in scanner.lookalikes.match_many(u.host for u in verdict.urls) if m]
        if matches:
            best = max(matches, key=lambda m: m.score)
            brand = next((b for b in scanner.policy.brands if b.name == best.brand), None)
            is_identity = brand is not None and brand.category == "identity-provider"
            return Imitated(best.brand, is_identity or best.keyword in SIGN_IN_WORDS)
    if "url.brand_mismatch" in detectors:
        mentions = counted_mentions(scanner.brand_matcher.find(normalize(text)))
        if mentions:
            return Imitated(mentions[0].brand.name)
    return None


def _verdict_sentence(verdict: Verdict, imitated: Imitated | None, language: str) -> str:
    has_link = bool(verdict.urls)
    if language == SPANISH:
        return _spanish(verdict.label, imitated, has_link)
    return _english(verdict.label, imitated, has_link)


def _english(label: Label, imitated: Imitated | None, has_link: bool) -> str:
    target = ""
    if imitated is not None:
        target = f"{imitated.brand}'s sign-in" if imitated.sign_in else imitated.brand
    if label is Label.PHISHING:
        action = "Don't open the link" if has_link else "Don't reply or call back"
        imitating = f" imitating {target}" if target else ""
        return f"Thanks. This looks like phishing{imitating}. {action}; security is on it."
    if label is Label.SUSPICIOUS:
        maybe = f" (it may imitate {target})" if target else ""
        return (f"Thanks. This looks suspicious{maybe}. Don't open links or reply until "
                "security has checked it.")
    return ("Thanks for checking. We found no clear signs of phishing; security will still "
            "take a look.")


def _spanish(label: Label, imitated: Imitated | None, has_link: bool) -> str:
    target = ""
    if imitated is not None:
        target = f"el acceso de {imitated.brand}" if imitated.sign_in else f"a {imitated.brand}"
    if label is Label.PHISHING:
        action = "No abras el enlace" if has_link else "No respondas ni devuelvas la llamada"
        imitating = f" que imita {target}" if target else ""
        return f"Gracias. Parece phishing{imitating}. {action}; seguridad ya se ocupa."
    if label is Label.SUSPICIOUS:
        maybe = f" (podría imitar {target})" if target else ""
        return (f"Gracias. Parece sospechoso{maybe}. No abras enlaces ni respondas hasta que "
                "seguridad lo revise.")
    return "Gracias por avisar. No vemos señales claras de phishing; seguridad lo revisará."


def _known(language: str) -> str:
    return language if language in _NOTICES else "en"
