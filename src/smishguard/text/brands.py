"""Find the protected brands a text names, as words, outside its links.

A :class:`BrandMatcher` is built from a policy's brands (one Aho-Corasick automaton over
their names, aliases and domain labels, all normalized) and finds mentions in normalized
text. A name inside a link or an e-mail address (``acme-okta.com``, ``it@acme.com``) is not a
mention: links are judged by the link detector, and counting them here would count them twice.

Some brand names are everyday words ("apple", "orange", "chase", "correos"): such a mention
is marked ``ambiguous``. A mention is *leading* when the text opens with it or names it in
a short heading before a colon ("Reminder from Acme HR: …"), the way organisations sign
their texts; an everyday-word brand is leading only at the very start ("Orange: …").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

from smishguard.policy import Brand
from smishguard.text.links import LINK_NEIGHBOURS, inside_link
from smishguard.text.normalize import normalize

__all__ = ["EVERYDAY_WORDS", "BrandMatcher", "BrandMention", "counted_mentions"]

# Brand names (or domain labels) of the built-in brands that are also common English or
# Spanish words; a policy's own everyday-word brands are not known here.
EVERYDAY_WORDS = frozenset(
    "apple orange chase steam meta messenger outlook ups ing correos office live windows "
    "cash square target shell sky three virgin now".split()
)

_HEADING_CHARS = 40  # how far into a text a "Sender name:" heading may end
_HEADING_WORDS = 4  # and how many words it may have


@dataclass(frozen=True, slots=True)
class BrandMention:
    """One brand named in a text."""

    brand: Brand
    term: str  # the normalized name, alias or label found
    start: int  # offset in the normalized text
    ambiguous: bool  # the term is also an everyday word
    leading: bool  # the text opens with it, as organisations sign their texts


def _terms(brand: Brand) -> tuple[str, ...]:
    terms = {normalize(name): None for name in (brand.name, *brand.aliases)}
    for label in brand.labels:
        terms.setdefault(normalize(label), None)
    return tuple(t for t in terms if len(t) >= 2)


class BrandMatcher:
    """Finds mentions of a fixed set of brands in normalized text (build once, reuse)."""

    def __init__(self, brands: Sequence[Brand]) -> None:
        self.brands: tuple[Brand, ...] = tuple(brands)
        self._automaton: Any = None  # ahocorasick.Automaton (no type stubs); None if empty
        entries: dict[str, list[int]] = {}
        for index, brand in enumerate(self.brands):
            for term in _terms(brand):
                owners = entries.setdefault(term, [])
                if index not in owners:
                    owners.append(index)
        if entries:
            automaton = ahocorasick.Automaton()
            for term, owners in entries.items():
                automaton.add_word(term, (len(term), tuple(owners), term in EVERYDAY_WORDS))
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, normalized_text: str) -> tuple[BrandMention, ...]:
        """One mention per brand (its first), in text order."""
        if self._automaton is None or not normalized_text:
            return ()
        text = normalized_text
        last = len(text) - 1
        found: dict[int, BrandMention] = {}
        colon = text.find(":", 0, _HEADING_CHARS)
        # A heading is a few words: "Reminder from Acme HR:", not "lol acme is down again:".
        is_heading = colon != -1 and text.count(" ", 0, colon) < _HEADING_WORDS
        header_end = colon if is_heading else 0
        for end, (length, owners, ambiguous) in self._automaton.iter(text):
            start = end - length + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if end < last and text[end + 1].isalnum():
                continue
            if all(o in found for o in owners):
                continue
            near_link = (start > 0 and text[start - 1] in LINK_NEIGHBOURS) or (
                end < last and text[end + 1] in LINK_NEIGHBOURS
            )
            if near_link and inside_link(text, start, end + 1):
                continue
            # Organisations sign their texts first: "Orange: …", "[WhatsApp] …", or in a
            # heading before a colon: "Reminder from Acme HR: …", "Aviso de Cloudflare TI: …".
            leading = start <= 1 or (not ambiguous and start < header_end)
            term = text[start : end + 1]
            for owner in owners:
                found.setdefault(
                    owner, BrandMention(self.brands[owner], term, start, ambiguous, leading)
                )
        return tuple(sorted(found.values(), key=lambda m: m.start))


def counted_mentions(mentions: Sequence[BrandMention]) -> tuple[BrandMention, ...]:
    """Mentions that are not an everyday word used in passing ("an apple a day")."""
    return tuple(m for m in mentions if m.leading or not m.ambiguous)
