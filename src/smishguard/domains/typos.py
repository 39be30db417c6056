"""Typing mistakes, one set of rules for both directions.

The permutation generator writes typos of a name with the generators below (dnstwist's
categories); the look-alike index recognises them with a deletion index (SymSpell: a typo of
a name shares a one- or two-letter deletion with it) and names the mistake with
:func:`describe_edit`. Keyboards are QWERTY, QWERTZ and AZERTY, as in dnstwist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from typing import Final

from rapidfuzz.distance import OSA

Generator = Callable[[str], Iterator[str]]  # name → its variants of one kind
VOWELS: Final = "aeiou"
HOST_CHARS: Final = "abcdefghijklmnopqrstuvwxyz0123456789"

_KEYBOARDS: Final = (
    ("1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm"),
    ("1234567890", "qwertzuiop", "asdfghjkl", "yxcvbnm"),
    ("1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn"),
)


def _neighbours() -> dict[str, str]:
    near: dict[str, set[str]] = {}
    for rows in _KEYBOARDS:
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                keys = near.setdefault(key, set())
                for dr in (-1, 0, 1):
                    if 0 <= r + dr < len(rows):
                        other = rows[r + dr]
                        for dc in (-1, 0, 1):
                            if 0 <= c + dc < len(other) and (dr, dc) != (0, 0):
                                keys.add(other[c + dc])
    return {k: "".join(sorted(v - {"-"})) for k, v in near.items()}


KEYBOARD_NEIGHBOURS: Final[dict[str, str]] = _neighbours()


def distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit (OSA)."""
    return int(OSA.distance(a, b))


def deletions(
    text: str, depth: int, keep: int = 0, within: AbstractSet[str] | None = None
) -> set[str]:
    """All strings made by deleting up to ``depth`` (0, 1 or 2) characters (SymSpell's
    neighbourhood). The first ``keep`` characters are never deleted. With ``within``, only
    those in it: the intersection, without storing the others on the way.
    """
    if not 0 <= depth <= 2:
        raise ValueError(f"deletions go up to two deep, not {depth}")
    out = {text} if within is None or text in within else set()
    if depth == 0:
        return out
    size = len(text)
    # Each set of positions once: after deleting at i, delete only at i or later (in the
    # shortened string), so "ab" loses its "a" then its "b", never its "b" then its "a".
    for i in range(keep, size):
        shorter = text[:i] + text[i + 1 :]
        if within is None or shorter in within:
            out.add(shorter)
        if depth == 2:
            for j in range(i, size - 1):
                shortest = shorter[:j] + shorter[j + 1 :]
                if within is None or shortest in within:
                    out.add(shortest)
    return out


def collapse_runs(text: str) -> str:
    """``text`` with every run of one letter written once (``paaypaal`` → ``paypal``)."""
    out: list[str] = []
    previous = ""
    for c in text:
        if c != previous:
            out.append(c)
            previous = c
    return "".join(out)


def stretched_by(candidate: str, name: str) -> int:
    """How many letters ``candidate`` adds to ``name`` by writing some of its letters once
    more each (``paaypaal``, ``telegraamm``: 2), or 0 when it differs otherwise (``papal``,
    or ``xxxvideos``, a letter written twice more)."""
    size, length = len(candidate), len(name)
    if size <= length:
        return 0
    i = j = 0
    while i < size and j < length:
        letter = candidate[i]
        if letter != name[j]:
            return 0
        start, name_start = i, j
        while i < size and candidate[i] == letter:
            i += 1
        while j < length and name[j] == letter:
            j += 1
        if not 0 <= (i - start) - (j - name_start) <= 1:
            return 0
    return size - length if i == size and j == length else 0


def describe_edit(candidate: str, name: str) -> str:
    """Name the single mistake that turns ``name`` into ``candidate`` ('' if not one edit).

    Returns one of: omission, repetition, addition, insertion, transposition, vowel-swap,
    bitsquatting, replacement, hyphenation.
    """
    if candidate.replace("-", "") == name and candidate != name:
        return "hyphenation"
    lc, ln = len(candidate), len(name)
    if lc == ln - 1:
        return "omission" if any(name[:i] + name[i + 1 :] == candidate for i in range(ln)) else ""
    if lc == ln + 1:
        extra = [i for i in range(lc) if candidate[:i] + candidate[i + 1 :] == name]
        if not extra:
            return ""
        if any(i > 0 and candidate[i] == candidate[i - 1] for i in extra):
            return "repetition"
        return "addition" if extra[-1] == lc - 1 else "insertion"
    if lc != ln:
        return ""
    diff = [i for i in range(ln) if candidate[i] != name[i]]
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        i = diff[0]
        if candidate[i] == name[i + 1] and candidate[i + 1] == name[i]:
            return "transposition"
    if len(diff) != 1:
        return ""
    old, new = name[diff[0]], candidate[diff[0]]
    if old in VOWELS and new in VOWELS:
        return "vowel-swap"
    if bin(ord(old) ^ ord(new)).count("1") == 1:
        return "bitsquatting"
    return "replacement"


def omission(name: str) -> Iterator[str]:
    for i in range(len(name)):
        yield name[:i] + name[i + 1 :]


def repetition(name: str) -> Iterator[str]:
    for i, char in enumerate(name):
        if char.isalnum():
            yield name[: i + 1] + char + name[i + 1 :]


def transposition(name: str) -> Iterator[str]:
    for i in range(len(name) - 1):
        if name[i] != name[i + 1]:
            yield name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def insertion(name: str) -> Iterator[str]:
    """A neighbouring key pressed with the intended one (before or after it)."""
    for i, char in enumerate(name):
        for key in KEYBOARD_NEIGHBOURS.get(char, ""):
            yield name[:i] + key + name[i:]
            yield name[: i + 1] + key + name[i + 1 :]


def replacement(name: str) -> Iterator[str]:
    """A neighbouring key pressed instead of the intended one."""
    for i, char in enumerate(name):
        for key in KEYBOARD_NEIGHBOURS.get(char, ""):
            yield name[:i] + key + name[i + 1 :]


def addition(name: str) -> Iterator[str]:
    for char in HOST_CHARS:
        yield name + char


def vowel_swap(name: str) -> Iterator[str]:
    for i, char in enumerate(name):
        if char in VOWELS:
            for vowel in VOWELS:
                if vowel != char:
                    yield name[:i] + vowel + name[i + 1 :]


def bitsquatting(name: str) -> Iterator[str]:
    """One flipped bit in one character that still gives a valid host character."""
    for i, char in enumerate(name):
        for bit in range(8):
            flipped = chr(ord(char) ^ (1 << bit))
            if flipped in HOST_CHARS:
                yield name[:i] + flipped + name[i + 1 :]


def hyphenation(name: str) -> Iterator[str]:
    for i in range(1, len(name)):
        if name[i - 1] != "-" and name[i] != "-":
            yield name[:i] + "-" + name[i:]


def dot_insertion(name: str) -> Iterator[str]:
    """``paypal`` → ``pay.pal``: the tail becomes the registered name."""
    for i in range(1, len(name)):
        if name[i - 1] != "-" and name[i] != "-":
            yield name[:i] + "." + name[i:]
