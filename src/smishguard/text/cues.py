"""Find pretext, lure and reassurance phrases in normalized SMS text, English and Spanish.

One Aho-Corasick automaton (pyahocorasick) holds every phrase of the catalogues in
:mod:`smishguard.text.phrases_en` and :mod:`smishguard.text.phrases_es`. It is built once,
on first use, and walks the text in a single pass. Matches must stand on word boundaries
("it team" is not found in "submit team", "hoy" not in "hoyo"), except for prefix phrases
such as ``call 090*``. Words inside a link (``acme-sso.net``) are not cues: the link
detector judges links.

Most cue kinds suggest phishing; two are counter-evidence (:attr:`CueKind.is_counter_evidence`):
a one-time-code notice that says "do not share this code", and the reply keywords of
ordinary reminders and opt-outs ("reply C to confirm", "responde SI").

The input must already be normalized (:func:`smishguard.text.normalize.normalize`); the
phrases are normalized the same way when the automaton is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

import ahocorasick

from smishguard.text import phrases_en, phrases_es
from smishguard.text.links import LINK_NEIGHBOURS, inside_link
from smishguard.text.normalize import normalize

__all__ = ["WEAK_STRENGTH", "Cue", "CueKind", "find_cues"]

WEAK_STRENGTH = 0.5  # how much a "~" phrase counts next to a full one


class CueKind(StrEnum):
    """What a phrase is evidence of."""

    CREDENTIAL_PRETEXT = "credential_pretext"  # password expiring, verify your account
    SCHEDULE_HR = "schedule_hr"  # schedule changed, payroll, HR
    IT_IMPERSONATION = "it_impersonation"  # IT department, help desk, soporte técnico
    ACCOUNT_THREAT = "account_threat"  # account suspended, unusual activity
    URGENCY = "urgency"  # immediately, within 24 hours, último aviso
    PARCEL = "parcel"  # package held, redelivery fee, tasas de aduana
    FINE_TOLL = "fine_toll"  # unpaid toll, multa, peaje
    PRIZE_LURE = "prize_lure"  # you have won, claim your prize, call 090…
    PAYMENT_REQUEST = "payment_request"  # payment failed, update your card
    CODE_REQUEST = "code_request"  # send me the code you received
    FAMILY_IMPERSONATION = "family_impersonation"  # hi mum, this is my new number
    EASY_MONEY = "easy_money"  # remote job paying $300/day, invest and earn up to
    LEGIT_CODE_NOTICE = "legit_code_notice"  # your code is …, do not share it
    LEGIT_REPLY_KEYWORD = "legit_reply_keyword"  # reply C to confirm, STOP to opt out
    LINK_CALL_TO_ACTION = "link_call_to_action"  # click the link, log in at, haz clic

    @property
    def is_counter_evidence(self) -> bool:
        """True for cues that make a message *less* likely to be phishing."""
        return self in (CueKind.LEGIT_CODE_NOTICE, CueKind.LEGIT_REPLY_KEYWORD)


@dataclass(frozen=True, slots=True)
class Cue:
    """One catalogue phrase found in a text.

    ``phrase`` is the catalogue's spelling (with accents, as people write it), ``lang`` is
    ``"en"``, ``"es"`` or ``"mul"`` (both), ``strength`` is 1.0 for a full phrase and
    :data:`WEAK_STRENGTH` for one that also appears in ordinary texts.
    """

    kind: CueKind
    phrase: str
    lang: str
    strength: float = 1.0


def _spellings(phrase: str) -> tuple[str, ...]:
    """The phrase as written, without apostrophes, and with hyphens as spaces or removed."""
    spellings = {phrase: None}
    for text in list(spellings):
        if "'" in text:
            spellings.setdefault(text.replace("'", ""), None)
    for text in list(spellings):
        if "-" in text:
            spellings.setdefault(text.replace("-", " "), None)
            spellings.setdefault(text.replace("-", ""), None)
    return tuple(spellings)


def catalogue() -> tuple[tuple[str, Cue, bool], ...]:
    """Every (normalized key, cue, is_prefix) of the catalogue, spelling variants included."""
    rows: list[tuple[str, Cue, bool]] = []
    catalogues = (
        ("en", phrases_en.PHRASES),
        ("es", phrases_es.PHRASES),
        ("mul", phrases_en.SHARED),
    )
    for lang, by_kind in catalogues:
        for kind_value, phrases in by_kind.items():
            kind = CueKind(kind_value)
            for raw in phrases:
                weak = raw.startswith("~")
                prefix = raw.endswith("*")
                written = raw.removeprefix("~").removesuffix("*")
                strength = WEAK_STRENGTH if weak else 1.0
                for spelling in _spellings(written):
                    key = normalize(spelling)
                    if key:
                        rows.append((key, Cue(kind, spelling, lang, strength), prefix))
    return tuple(rows)


@cache
def _automaton() -> tuple[Any, tuple[tuple[Cue, ...], ...]]:
    """The automaton (pyahocorasick has no type stubs) and the cues of each key, by index.

    The automaton stores plain tuples ``(length, check_left, check_right, index)``: the hot
    loop then needs no attribute look-ups and de-duplicates on ints, not on hashed Cues.
    """
    entries: dict[str, tuple[dict[CueKind, Cue], bool]] = {}
    for key, cue, prefix in catalogue():
        by_kind, was_prefix = entries.setdefault(key, ({}, prefix))
        # The first spelling of a key wins within a kind; a key may serve several kinds.
        by_kind.setdefault(cue.kind, cue)
        if prefix != was_prefix:
            entries[key] = (by_kind, was_prefix and prefix)
    automaton = ahocorasick.Automaton()
    cues: list[tuple[Cue, ...]] = []
    for key, (by_kind, prefix) in entries.items():
        # A key that starts (ends) with a letter or digit must not continue a word there.
        check_left = key[0].isalnum()
        check_right = key[-1].isalnum() and not prefix
        automaton.add_word(key, (len(key), check_left, check_right, len(cues)))
        cues.append(tuple(by_kind.values()))
    automaton.make_automaton()
    return automaton, tuple(cues)


def find_cues(normalized_text: str) -> tuple[Cue, ...]:
    """The catalogue phrases in ``normalized_text``, one per distinct phrase, in text order."""
    if not normalized_text:
        return ()
    text = normalized_text
    last = len(text) - 1
    automaton, cues = _automaton()
    found: dict[int, None] = {}
    for end, (length, check_left, check_right, index) in automaton.iter(text):
        if check_left and end >= length and text[end - length].isalnum():
            continue
        if check_right and end < last:
            after = text[end + 1]
            # "you won't" is not "you won": an apostrophe and a letter continue the word.
            if after.isalnum() or (after == "'" and end + 2 <= last and text[end + 2].isalpha()):
                continue
        start = end - length + 1
        near_link = (start > 0 and text[start - 1] in LINK_NEIGHBOURS) or (
            end < last and text[end + 1] in LINK_NEIGHBOURS
        )
        if near_link and inside_link(text, start, end + 1):
            continue
        found[index] = None
    if not found:
        return ()
    if len(found) == 1:
        return cues[next(iter(found))]
    return tuple(cue for index in found for cue in cues[index])
