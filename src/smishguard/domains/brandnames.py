"""The names a brand can be imitated by, and how much each one can be trusted to mean it.

A brand's names are its :attr:`~smishguard.policy.Brand.labels`: the first label of each of
its domains, its display name and its aliases, lower-cased, each also without hyphens, and
the everyday nicknames of a few famous ones (:data:`NICKNAMES`: ``whats`` for WhatsApp).
How freely a name may be matched depends on how distinctive it is (:class:`Strength`); the
rules themselves are documented in :mod:`smishguard.domains.lookalike`. :class:`NameTable`
holds the lookup structures built from them once per policy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Final

import ahocorasick

from smishguard.domains.homoglyphs import skeleton
from smishguard.domains.labels import COMMON_LABELS
from smishguard.domains.typos import collapse_runs, deletions
from smishguard.domains.words import Words
from smishguard.policy import Brand

MIN_NAME: Final = 3  # shorter names (fb, wa, g, a) are never matched: too many meanings
_HOST_LABEL: Final = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")


LONG_WORD: Final = 8  # everyday words this long are misspelled as distinctive names are


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
    is_nickname: bool = False  # one of NICKNAMES: read only as a token, never misspelled

    @property
    def typo_strength(self) -> Strength:
        """How freely a misspelling of the name counts: as its strength, but an everyday word
        of 8 letters or more (telegram, fidelity) is one no other word is a slip or two from."""
        if self.strength == Strength.WORD and len(self.flat) >= LONG_WORD:
            return Strength.STRONG
        return self.strength

    @property
    def max_typos(self) -> int:
        """Edits tolerated: none for weak names, 1, or 2 from 9 letters."""
        if self.typo_strength < Strength.SHORT:
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


# What people call a few famous names in everyday speech ("manda no whats"), which kits
# write where the name would be (whats-zn.vip): a brand with the name has the nickname as a
# weak alias too, read as an everyday word is (beside keywords, tags and serials only where
# phishing sites live, never glued nor misspelled).
NICKNAMES: Final = {"whatsapp": ("whats",), "instagram": ("insta",)}


def brand_names(brands: tuple[Brand, ...], words: Words) -> list[BrandName]:
    """Every matchable name of every brand, in policy order, without duplicates; the
    :data:`NICKNAMES` of its names after them."""
    seen: set[str] = set()
    names: list[BrandName] = []
    nicknames: list[BrandName] = []
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
            nicknames += (
                BrandName(brand=brand, text=nick, flat=nick, skeleton=skeleton(nick),
                          strength=Strength.WORD, is_alias=True, is_nickname=True)
                for nick in NICKNAMES.get(flat, ())
            )  # fmt: skip
    for nickname in nicknames:
        if nickname.flat not in seen:
            seen.add(nickname.flat)
            names.append(nickname)
    return names


def two_letter_names(brands: tuple[Brand, ...]) -> dict[str, BrandName]:
    """The brands' two-letter names and domain names (bt, fb of fb.com), first brand first:
    never matched alone, only as a token beside a serial number where phishing sites live
    (bt-205827)."""
    found: dict[str, BrandName] = {}
    for brand in brands:
        from_domains = {domain.split(".")[0] for domain in brand.domains}
        for text in (*brand.labels, *sorted(from_domains)):
            if len(text) == 2 and text.isalnum() and text not in found:
                found[text] = BrandName(brand, text, text, skeleton(text), Strength.TINY,
                                        is_alias=text not in from_domains)  # fmt: skip
    return found


# A distinctive name this long is read mistyped with a tag run on (lookalike_hits).
TAGGED_NAME: Final = 8


def typo_heads(name: BrandName) -> set[tuple[str, str, int]]:
    """Gate keys of every candidate that could be a typo of ``name`` under the index's rules.

    A key is (first two letters, last letter, length); for a letter added at the end it is
    (first two letters, "+" and the letter before it, length). The first letter never changes;
    the second only by a swap with the third or by doubling the first; the last only by a swap
    with the one before it or by an addition (see lookalike_hits.typo_hit).
    """
    if name.max_typos == 0:
        return set()
    flat, size, last = name.flat, len(name.flat), name.flat[-1]
    heads = {(flat[:2], last, size + d) for d in range(-name.max_typos, name.max_typos + 1)}
    heads.add((flat[:2], flat[-2], size))  # the last two letters swapped
    heads.add((flat[0] + flat[2], last, size))  # the second and third letters swapped
    heads.add((flat[0] * 2, last, size + 1))  # the first letter doubled
    heads.add((flat[:2], "+" + last, size + 1))  # a letter added at the end
    return heads


def _automaton(names: dict[str, BrandName]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for sk, name in names.items():
        automaton.add_word(sk, name)
    automaton.make_automaton()
    return automaton


class GluedNames:
    """Names that are matched run together with keywords as written (``dhlservice``), gated
    by their first and last three letters (``"dhl<"``, ``">dhl"``)."""

    __slots__ = ("ends", "exact", "sizes")

    def __init__(self, names: list[BrandName]) -> None:
        self.exact = {n.flat: n for n in names}
        self.ends = frozenset(
            end for flat in self.exact for end in (flat[:3] + "<", ">" + flat[-3:])
        )
        self.sizes = tuple(sorted({len(flat) for flat in self.exact}))


class NameTable:
    """Every brand name of a policy, indexed for O(1)-in-brands lookups.

    ``automaton`` finds every name inside a label (skeletons); ``distinctive`` only the short
    and strong ones (for labels of one token, where weak names can only be the whole label,
    found in ``weak``); ``glued`` holds the word and 3-letter names, ``glued_short`` those and
    the 4-letter ones, as run together with keywords; ``deletes`` is the SymSpell index of the
    names that allow typos, gated by ``typo_heads``; ``plain_labels`` are frequent subdomain
    labels that hold no name.
    """

    __slots__ = (
        "automaton", "by_skeleton", "delete_keys", "deletes", "distinctive", "dot_heads",
        "dot_tails", "exact", "glued", "glued_short", "loose_heads", "plain_labels", "stretched",
        "stretched_ends", "tagged_heads", "tiny", "typo_heads", "weak",
    )  # fmt: skip

    def __init__(self, names: list[BrandName]) -> None:
        self.by_skeleton: dict[str, BrandName] = {}
        self.exact: dict[str, BrandName] = {}
        for name in names:
            self.by_skeleton.setdefault(name.skeleton, name)
            self.exact.setdefault(name.flat, name)
        # Every label a dot put inside a name can leave in front (pay of pay.pal): a gate;
        # and for distinctive names and everyday words of 5 letters or more (s.team), what the
        # dot leaves behind it (pal), by that label.
        self.dot_heads = frozenset(flat[:i] for flat in self.exact for i in range(1, len(flat)))
        tails: dict[str, list[str]] = {}
        for flat, name in self.exact.items():
            if name.strength > Strength.WORD or (name.strength == Strength.WORD and len(flat) >= 5):
                for i in range(1, len(flat)):
                    tails.setdefault(flat[:i], []).append(flat[i:])
        self.dot_tails = {head: tuple(found) for head, found in tails.items()}
        self.weak = {sk: n for sk, n in self.by_skeleton.items() if n.strength <= Strength.WORD}
        strong = {sk: n for sk, n in self.by_skeleton.items() if n.typo_strength > Strength.WORD}
        # 3-letter names as written, for the head of a one-word label (dhlqvx.top).
        self.tiny = {n.flat: n for n in self.exact.values() if n.strength == Strength.TINY}
        # Weak names as written, for one-word labels that run them together with keywords
        # (dhlservice, passworddhl): gated by their first and last three letters.
        self.glued = GluedNames([n for n in self.exact.values() if n.strength <= Strength.WORD])
        # The same with the 4-letter names, for a token among others (metasupport-qzvrk),
        # where no automaton reads a short name glued to a keyword.
        self.glued_short = GluedNames(
            [n for n in self.exact.values() if n.strength <= Strength.SHORT]
        )
        self.automaton = _automaton(self.by_skeleton) if self.by_skeleton else None
        self.distinctive = _automaton(strong) if strong else self.automaton
        deletes: dict[str, list[BrandName]] = {}
        for sk, name in self.by_skeleton.items():
            if name.max_typos:
                for key in deletions(sk, name.max_typos, keep=1):
                    deletes.setdefault(key, []).append(name)
        self.deletes = {key: tuple(found) for key, found in deletes.items()}
        self.delete_keys = frozenset(self.deletes)
        self.typo_heads = frozenset(h for n in self.by_skeleton.values() for h in typo_heads(n))
        # The looser gate (lookalike_hits.typo_hit's loose rules: one end of the name stays):
        # (first two letters, length) and (first letter, last letter, length).
        loose: set[tuple[str, ...]] = set()
        for name in self.by_skeleton.values():
            if name.typo_strength == Strength.STRONG:
                for size in range(len(name.flat) - name.max_typos, len(name.flat) + 2):
                    loose.add((name.flat[:2], str(size)))
                    loose.add((name.flat[0], name.flat[-1], str(size)))
        self.loose_heads = frozenset(loose)
        # The gate of a long distinctive name mistyped with a tag run on (whatsapwacs): the
        # typo_heads of its slips that keep its length or leave one letter out.
        self.tagged_heads = frozenset(
            head for name in self.by_skeleton.values()
            if name.typo_strength == Strength.STRONG and len(name.flat) >= TAGGED_NAME
            for head in typo_heads(name)
            if head[2] in (len(name.flat) - 1, len(name.flat)) and not head[1].startswith("+")
        )  # fmt: skip
        # Names that take typos freely, by their letters written once: a name stretched by
        # repeated letters (paaypaal) is found in one lookup.
        self.stretched: dict[str, BrandName] = {}
        # The cheap gate: the first two letters (the first may be doubled), the last, length.
        ends: set[tuple[str, str, int]] = set()
        for name in self.exact.values():
            if name.typo_strength == Strength.STRONG:
                flat = name.flat
                self.stretched.setdefault(collapse_runs(flat), name)
                for extra in (2, 3):
                    ends.add((flat[:2], flat[-1], len(flat) + extra))
                    ends.add((flat[0] * 2, flat[-1], len(flat) + extra))
        self.stretched_ends = frozenset(ends)
        self.plain_labels = frozenset(
            label for label in COMMON_LABELS
            if self.automaton is None or not any(self.automaton.iter(skeleton(label)))
        )  # fmt: skip
