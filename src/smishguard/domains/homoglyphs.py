"""Look-alike characters, one table for both directions.

The look-alike index reads a name through :func:`skeleton` (every look-alike folded onto one
representative) and the permutation generator writes look-alikes with :func:`ascii_variants`
and :func:`unicode_variants`. Both sides use the tables below, so whatever the generator can
produce the index can read back. Folds chain (``i`` → ``l``, then ``cl`` → ``d``), so two
names with one skeleton may be two swaps apart: :func:`reads_as` and :func:`glyph_distance`
check a find as written.

ASCII look-alikes are the few that survive in a plain host name and fool a reader at a glance:
``0``/``o``, ``1``/``l``/``i``, ``5``/``s``, ``rn``/``m``, ``vv``/``w``, ``cl``/``d``. Unicode
look-alikes come from Unicode's confusables data as shipped by the ``confusable-homoglyphs``
package, plus accent stripping (NFKD): ``pаypal`` with a Cyrillic ``а`` reads as ``paypal``.
A Latin letter with a mark drawn into it, which accent stripping does not reach (``ø``, ``ł``,
``ɓ``, small capitals such as ``ʙ``), is read as the letter Unicode names it after
(``trezør`` reads as ``trezor``); the permutations do not write those.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib.resources import files
from typing import Final

# Single characters folded onto a representative. 'i' and '1' fold onto 'l' because all
# three are one vertical stroke in many sans-serif fonts. A bytes table: str.translate with a
# dict costs ~0.7 µs a label, bytes.translate ~0.1 µs.
FOLD: Final = bytes.maketrans(b"01i5", b"olls")
_SINGLE_STR: Final = str.maketrans({"0": "o", "1": "l", "i": "l", "5": "s"})
# Character pairs that read as one letter (rn → m, vv → w, cl → d) are replaced after the
# single-character fold, in skeleton() below.

# What the permutation generator may write for each ASCII character (and pair). Every entry
# folds to the same skeleton as its key (checked by the tests).
ASCII_GLYPHS: Final[dict[str, tuple[str, ...]]] = {
    "o": ("0",),
    "0": ("o",),
    "l": ("1", "i"),
    "i": ("1", "l"),
    "1": ("l", "i"),
    "s": ("5",),
    "5": ("s",),
    "m": ("rn",),
    "rn": ("m",),
    "w": ("vv",),
    "vv": ("w",),
    "d": ("cl",),
    "cl": ("d",),
}


def reads_as(written: str, name: str) -> bool:
    """Whether ``written`` is ``name`` with look-alikes swapped in, each for letters of the
    name itself (``c1ti``, ``clti`` → citi), not for letters another swap made: two names
    with one skeleton may be two swaps apart (``dtl`` folds as ``citi`` does, through
    ``i`` → ``l`` and then ``cl`` → ``d``, yet reads as neither ``citi`` nor ``clti``). Never a
    letter for one of the name's digits: kits write digits for letters, and a name's digit
    written as a letter is a word (``iwin`` is a game site, not ``1win``)."""
    if written == name:
        return True  # the common case: a name as itself, in front of someone's domain
    size, want = len(written), len(name)
    todo = [(0, 0)]  # (letters of written read, letters of name matched)
    seen: set[tuple[int, int]] = set()
    while todo:
        at = todo.pop()
        if at in seen:
            continue
        seen.add(at)
        i, j = at
        if i == size or j == want:
            if i == size and j == want:
                return True
            continue
        if written[i] == name[j]:
            todo.append((i + 1, j + 1))
        if name[j].isdigit():
            continue  # a letter for a name's digit makes a word (iwin of 1win), not a disguise
        for width in (1, 2) if j + 1 < want else (1,):  # one or two letters (m for rn)
            for glyph in ASCII_GLYPHS.get(name[j : j + width], ()):
                if written.startswith(glyph, i):
                    todo.append((i + len(glyph), j + width))
    return False


def folds_twice(text: str) -> bool:
    """Whether the skeleton of ``text`` folds a pair that another fold made: ``ci`` becomes
    ``cl`` and then ``d`` (``galicia`` folds to ``gallda``), so names two swaps apart, or
    not look-alikes at all, share it (``galda`` is one slip from it, three from galicia)."""
    pairs = text.replace("rn", "m").replace("vv", "w").replace("cl", "d")
    return skeleton(text) != pairs.translate(_SINGLE_STR)


def glyph_distance(written: str, name: str) -> int:
    """Edits from ``name`` to ``written``, as OSA counts them (a swap of two neighbours is
    one), where a look-alike written for the name's own letters (``1`` for ``l``, ``rn`` for
    ``m``) costs nothing. Unlike the distance of skeletons, never shortened by a fold that
    another fold made: ``galda`` is 2 from ``galicia``, ``icicibankf`` 1 from ``icicibank``."""
    size, want = len(written), len(name)
    far = size + want + 1
    cost = [[far] * (want + 1) for _ in range(size + 1)]
    cost[0][0] = 0
    for i in range(size + 1):
        row = cost[i]
        for j in range(want + 1):
            here = row[j]
            if here == far:
                continue
            if i < size:
                cost[i + 1][j] = min(cost[i + 1][j], here + 1)  # a letter added
            if j < want:
                row[j + 1] = min(row[j + 1], here + 1)  # a letter left out
                if i < size:
                    changed = 0 if written[i] == name[j] else 1
                    cost[i + 1][j + 1] = min(cost[i + 1][j + 1], here + changed)
                    if (i + 1 < size and j + 1 < want and written[i] == name[j + 1]
                            and written[i + 1] == name[j]):  # fmt: skip
                        cost[i + 2][j + 2] = min(cost[i + 2][j + 2], here + 1)
                for width in (1, 2) if j + 1 < want else (1,):
                    for glyph in ASCII_GLYPHS.get(name[j : j + width], ()):
                        if written.startswith(glyph, i):
                            end = cost[i + len(glyph)]
                            end[j + width] = min(end[j + width], here)
    return cost[size][want]


# Scripts whose letters pass IDNA 2008 and are mixed into Latin names by attackers.
_IDN_SCRIPTS: Final = ("CYRILLIC SMALL LETTER", "GREEK SMALL LETTER", "LATIN SMALL LETTER")


def skeleton(text: str, pairs: bool = True) -> str:
    """Fold ASCII look-alikes: ``rnicros0ft`` → ``mlcrosoft``, ``paypal`` → ``paypal``.

    Two names that read the same at a glance have the same skeleton. Hyphens and dots are
    kept, so pairs never fold across a label or token boundary. Without ``pairs``, only
    single letters fold (``rn`` stays ``rn``): a pair can straddle a name's edge
    (``santandernet``, whose ``rn`` would hide ``santander``).
    """
    if text.isascii():
        text = text.encode("ascii").translate(FOLD).decode("ascii")
    else:
        text = text.translate(_SINGLE_STR)
    if not pairs:
        return text
    if "rn" in text:
        text = text.replace("rn", "m")
    if "vv" in text:
        text = text.replace("vv", "w")
    if "cl" in text:
        text = text.replace("cl", "d")
    return text


@cache
def _unicode_to_ascii() -> dict[str, str]:
    """Non-ASCII character → the ASCII letter or digit it imitates (read-only once built)."""
    raw = json.loads(
        files("confusable_homoglyphs").joinpath("confusables.json").read_text(encoding="utf-8")
    )
    table: dict[str, str] = {}
    for char, entries in raw.items():
        if len(char) != 1 or char.isascii():
            continue
        for entry in entries:
            target = entry["c"]
            if len(target) == 1 and target.isascii() and target.isalnum():
                table[char] = target.lower()
                break
    # The data lists look-alikes of ASCII letters under the ASCII key as well.
    for char, entries in raw.items():
        if len(char) == 1 and char.isascii() and char.isalnum():
            for entry in entries:
                target = entry["c"]
                if len(target) == 1 and not target.isascii():
                    table.setdefault(target, char.lower())
    return table


@cache
def _reading_table() -> dict[str, str]:
    """What :func:`to_ascii` reads a character as: the confusables, and the Latin letters with
    a mark drawn in (read, never written: the permutations keep to the confusables)."""
    table = dict(_marked_latin_letters())
    table.update(_unicode_to_ascii())
    return table


# Latin letters a mark is drawn into rather than added to, so that accent stripping (NFKD) does
# not reach the letter: a stroke (ø, ł, ɇ), a hook (ɓ, ƈ), a descender (ꞑ), a tail (ɽ), or
# a small capital (ʙ, ᴍ). Unicode names the letter: LATIN SMALL LETTER O WITH STROKE.
_MARKED_LETTER: Final = re.compile(
    r"LATIN (?:SMALL LETTER|LETTER SMALL CAPITAL) (?:DOTLESS )?([A-Z])(?: WITH .+| BAR)?")
# Letters whose names do not say the letter they imitate.
_UNNAMED_LOOKALIKES: Final = {"ə": "e", "ŋ": "n", "ĸ": "k", "ƅ": "b", "ƿ": "p"}
# Latin-1's letters, Latin Extended-A and -B, IPA, the phonetic extensions, Latin Extended
# Additional, -C and -D.
_LATIN_BLOCKS: Final = ((0x00C0, 0x00FF), (0x0100, 0x02AF), (0x1D00, 0x1DBF), (0x1E00, 0x1EFF),
                        (0x2C60, 0x2C7F), (0xA720, 0xA7FF))


def _marked_latin_letters() -> list[tuple[str, str]]:
    """(small Latin letter with a mark drawn in, the ASCII letter it is): ``ø`` → ``o``."""
    found = list(_UNNAMED_LOOKALIKES.items())
    for first, last in _LATIN_BLOCKS:
        for point in range(first, last + 1):
            match = _MARKED_LETTER.fullmatch(unicodedata.name(chr(point), ""))
            if match is not None:
                found.append((chr(point), match.group(1).lower()))
    return found


# Latin-1's letters and Latin Extended-A and -B (ß, ø, ł, ǧ): European and African alphabets.
_LATIN_LETTERS: Final = ("\u00c0", "\u024f")


def to_ascii(text: str) -> str | None:
    """Read a Unicode label as the ASCII it imitates, or None if some character has no reading.

    ``pаypal`` (Cyrillic а) → ``paypal``; ``páypal`` → ``paypal``; ``日本`` → None.
    """
    table = _reading_table()
    out: list[str] = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        mapped = table.get(char)
        if mapped is None:
            base = unicodedata.normalize("NFKD", char)[:1]
            if not (base.isascii() and base.isalnum()):
                return None
            mapped = base.lower()
        out.append(mapped)
    return "".join(out)


def ascii_variants(name: str) -> set[str]:
    """Every name with one ASCII look-alike swapped in: ``paypal`` → ``paypa1``, ``paypai``…"""
    out: set[str] = set()
    for i in range(len(name)):
        for width in (1, 2):
            part = name[i : i + width]
            if len(part) != width:
                continue
            for glyph in ASCII_GLYPHS.get(part, ()):
                out.add(name[:i] + glyph + name[i + width :])
    out.discard(name)
    return out


@cache
def _idn_lookalikes() -> dict[str, tuple[str, ...]]:
    """ASCII letter → Cyrillic, Greek and Latin letters that imitate it and IDNA accepts."""
    found: dict[str, list[str]] = {}
    for char, target in _unicode_to_ascii().items():
        name = unicodedata.name(char, "")
        if target.isalpha() and name.startswith(_IDN_SCRIPTS) and char == char.lower():
            found.setdefault(target, []).append(char)
    return {letter: tuple(sorted(chars)) for letter, chars in found.items()}


def unicode_variants(name: str) -> set[str]:
    """Every Unicode spelling of ``name`` with one letter swapped for a look-alike."""
    lookalikes = _idn_lookalikes()
    out: set[str] = set()
    for i, char in enumerate(name):
        for glyph in lookalikes.get(char, ()):
            out.add(name[:i] + glyph + name[i + 1 :])
    return out


def borrows_letters(label: str) -> bool:
    """Whether a Unicode label spells with letters no Latin alphabet writes words with (``аpple``
    with a Cyrillic ``а``, ``telegrɑm`` with the phonetic alpha): look-alikes, where ``café``
    and ``straße`` are words as their languages write them."""
    plain = unicodedata.normalize("NFKD", label)
    return any(
        not (char.isascii() or _LATIN_LETTERS[0] <= char <= _LATIN_LETTERS[1])
        for char in plain
        if not unicodedata.combining(char)
    )
