"""The names a brand can be imitated by, and how much each one can be trusted to mean it.

A brand's names are its :attr:`~smishguard.policy.Brand.labels`: the first label of each of
its domains, its display name and its aliases, lower-cased, each also without hyphens.
How freely a name may be matched depends on how distinctive it is (:class:`Strength`); the
rules themselves are documented in :mod:`smishguard.domains.lookalike`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from smishguard.domains.homoglyphs import skeleton
from smishguard.domains.words import Words
from smishguard.policy import Brand

MIN_NAME = 3  # shorter names (fb, wa, g, a) are never matched: too many meanings
_HOST_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")


class Strength(IntEnum):
    """How distinctive a brand name is, from weakest to strongest."""

    TINY = 0  # 3 letters: att, ups, ing, dhl
    WORD = 1  # an everyday word: box, chase, target, orange, apple, live
    SHORT = 2  # 4 letters, not a word: acme, citi, evri, hsbc
    STRONG = 3  # 5 letters or more, not an everyday word: paypal, twilio, microsoft


@dataclass(frozen=True, slots=True)
class BrandName:
    """One name of one brand, ready for matching."""

    brand: Brand
    text: str  # as written in the domain or policy: "t-mobile", "acme"
    flat: str  # without hyphens: "tmobile"
    skeleton: str  # look-alikes folded: "tmoblle"
    strength: Strength
    is_alias: bool  # from the name or an alias, not the label of one of its domains

    @property
    def max_typos(self) -> int:
        """Edits tolerated: none for weak names, 1, or 2 from 9 letters."""
        if self.strength < Strength.SHORT:
            return 0
        return 2 if len(self.flat) >= 9 else 1


def strength_of(flat: str, words: Words) -> Strength:
    if len(flat) <= 3:
        return Strength.TINY
    if words.is_common(flat):
        return Strength.WORD
    if len(flat) == 4:
        return Strength.SHORT
    return Strength.STRONG


def brand_names(brands: tuple[Brand, ...], words: Words) -> list[BrandName]:
    """Every matchable name of every brand, in policy order, without duplicates."""
    seen: set[str] = set()
    names: list[BrandName] = []
    for brand in brands:
        from_domains = {domain.split(".")[0] for domain in brand.domains}
        for text in brand.labels:
            flat = text.replace("-", "")
            if len(flat) < MIN_NAME or not _HOST_LABEL.match(text) or text.startswith("xn--"):
                continue
            if flat in seen:
                continue
            seen.add(flat)
            names.append(
                BrandName(
                    brand=brand,
                    text=text,
                    flat=flat,
                    skeleton=skeleton(flat),
                    strength=strength_of(flat, words),
                    is_alias=text not in from_domains,
                )
            )
    return names
