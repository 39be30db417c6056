"""The policy's keywords as the look-alike index reads them beside a brand name.

Keywords are matched in two spaces: folded to skeletons (beside a brand found in a skeleton,
``acme-l0gin``) and as written (peeled off a label to find a typo inside, ``twiiliosso``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, TypeAlias

from smishguard.domains.homoglyphs import skeleton
from smishguard.domains.labels import FILLERS, GENERIC_KEYWORDS
from smishguard.domains.words import Words

# A letter tree: each letter to the tree of what may follow it; "" marks a word's end.
_Tree: TypeAlias = "dict[str, _Tree]"

# The longest piece read when a glued label is split into words (the word list's longest).
_LONGEST_PIECE: Final = 20


def _regexes(words: dict[str, str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a run of one or more of ``words``, exactly one of them), longest alternatives first."""
    if not words:
        never = re.compile(r"(?!)")
        return never, never
    one = _trie_pattern(words)
    return re.compile(f"(?:{one})+"), re.compile(f"(?:{one})")


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex for any of ``words``, written as their letter tree (``log(?:in|out)?`` for
    log, login, logout) rather than as a list of alternatives: ``re`` tries a list's
    alternatives one by one, so a match cost grew with the number of keywords (about 1.4 µs
    for 360 of them); a tree costs the letters read (0.3 µs).

    It matches what the list, longest words first, matches, in the same order: the words
    that match at one place are prefixes of each other, and the tree tries the longer
    before it ends a word (``?`` is greedy)."""
    root: _Tree = {}
    for word in words:
        node = root
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def branch(node: _Tree) -> str:
        ways = [re.escape(letter) + branch(child) for letter, child in sorted(node.items())
                if letter]
        if not ways:
            return ""
        body = ways[0] if len(ways) == 1 else f"(?:{'|'.join(ways)})"
        return f"(?:{body})?" if "" in node else body

    return branch(root)


def _by_ends(words: list[str], end: slice) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for word in words:
        grouped.setdefault(word[end], []).append(word)
    return {key: tuple(found) for key, found in grouped.items()}


@dataclass(frozen=True, slots=True)
class Keywords:
    """Compiled once per policy; every method is a regex or set lookup."""

    originals: dict[str, str]  # skeleton → keyword as the policy spells it
    run: re.Pattern[str]  # one or more keywords (skeletons)
    one: re.Pattern[str]
    pointed: re.Pattern[str]  # any keyword but the everyday ones (office, online, my)
    fillers: re.Pattern[str]  # www, com, net…: words that spell a domain out
    filler: re.Pattern[str]
    prefix: re.Pattern[str]  # keywords of 3 letters or more, as written, at the start
    prefix_one: re.Pattern[str]
    suffix: re.Pattern[str]  # the same, reversed, at the start of the reversed label
    suffix_one: re.Pattern[str]
    # Those keywords by their first (last) two letters: the regexes run only when one of them
    # starts (ends) the text, a str.startswith in C instead of ~1 µs of alternation.
    heads: dict[str, tuple[str, ...]]
    tails: dict[str, tuple[str, ...]]
    pointed_words: frozenset[str]  # the pointed keywords as written (login, verify, not my)
    spellings: frozenset[str]  # every keyword as written, without hyphens
    starts: frozenset[str]  # the first two letters of every keyword as written: a cheap gate

    @classmethod
    def of(cls, keywords: Sequence[str]) -> Keywords:
        flat = [k.replace("-", "") for k in keywords if k.replace("-", "")]
        originals = {skeleton(k): k for k in flat}
        run, one = _regexes(originals)
        pointed, _ = _regexes({s: k for s, k in originals.items() if k not in GENERIC_KEYWORDS})
        fillers, filler = _regexes({f: f for f in FILLERS})
        long_words = [k for k in flat if len(k) >= 3]
        prefix, prefix_one = _regexes({k: k for k in long_words})
        suffix, suffix_one = _regexes({k[::-1]: k for k in long_words})
        return cls(
            originals=originals, run=run, one=one, pointed=pointed, fillers=fillers,
            filler=filler, prefix=prefix, prefix_one=prefix_one, suffix=suffix,
            suffix_one=suffix_one, heads=_by_ends(long_words, slice(None, 2)),
            tails=_by_ends(long_words, slice(-2, None)),
            pointed_words=frozenset(k for k in flat if k not in GENERIC_KEYWORDS),
            spellings=frozenset(flat),
            starts=frozenset(k[:2] for k in flat),
        )  # fmt: skip

    def read(self, part: str) -> str | None:
        """The first keyword of ``part`` (a skeleton) if it is only keywords, else None."""
        if not self.run.fullmatch(part):
            return None
        found = self.one.match(part)
        word = found.group() if found else part
        return self.originals.get(word, word)

    def is_pointed(self, part: str) -> bool:
        """Whether a run of keywords holds one that points at sign-in or payment."""
        return self.pointed.search(part) is not None

    def read_each(self, parts: Iterable[str]) -> tuple[str, bool] | None:
        """(the first keyword, whether any is pointed) when every one of ``parts`` (skeletons:
        tokens or labels) is keywords only, else None; ('', False) for no parts."""
        first = ""
        pointed = False
        for part in parts:
            word = self.read(part)
            if word is None:
                return None
            first = first or word
            pointed = pointed or self.is_pointed(part)
        return first, pointed

    def read_fillers(self, part: str) -> str | None:
        """The first filler of ``part`` if it is only fillers (www-…-com), else None."""
        if not self.fillers.fullmatch(part):
            return None
        found = self.filler.match(part)
        return found.group() if found else None

    def read_words(self, text: str, words: Words, least: int = 3) -> str | None:
        """Whether ``text`` (as written) reads as keywords and English words of 3 letters or
        more run together: its first pointed keyword of ``least`` letters or more
        (``livehelp`` → help, ``issuesupport`` → support), '' when it holds none
        (``proexchange``), None when it does not read so."""
        size = len(text)
        # reached[i]: text[:i] reads so, holding the pointed keyword given ('' none yet)
        reached: list[str | None] = [None] * (size + 1)
        reached[0] = ""
        for i in range(size):
            before = reached[i]
            if before is None:
                continue
            for j in range(i + 3, min(size, i + _LONGEST_PIECE) + 1):
                piece = text[i:j]
                keyword = piece in self.spellings
                if not keyword and not words.is_word(piece):
                    continue
                pointed = before or (
                    piece
                    if keyword and len(piece) >= least and piece in self.pointed_words
                    else ""
                )
                if reached[j] is None or (pointed and not reached[j]):
                    reached[j] = pointed
        return reached[size]

    def ending_in(self, text: str, least: int = 4) -> str:
        """The pointed keyword of ``least`` letters or more that ``text`` (as written) ends
        with (``login`` of ``essonnelogin``), '' when none."""
        for word in self.tails.get(text[-2:], ()):
            if len(word) >= least and word in self.pointed_words and text.endswith(word):
                return word
        return ""

    def peel(self, text: str) -> list[tuple[str, str]]:
        """(core, keyword) for ``text`` without its leading, then its trailing keywords.

        ``twiiliosso`` → ``[("twiilio", "sso")]``; the core keeps 4 letters or more.
        """
        out: list[tuple[str, str]] = []
        starts = self.heads.get(text[:2])
        head = self.prefix.match(text) if starts and text.startswith(starts) else None
        if head and head.end() < len(text) - 3:
            first = self.prefix_one.match(head.group())
            out.append((text[head.end() :], first.group() if first else ""))
        ends = self.tails.get(text[-2:])
        tail = self.suffix.match(text[::-1]) if ends and text.endswith(ends) else None
        if tail and tail.end() < len(text) - 3:
            last = self.suffix_one.match(tail.group())
            out.append((text[: len(text) - tail.end()], last.group()[::-1] if last else ""))
        return out
