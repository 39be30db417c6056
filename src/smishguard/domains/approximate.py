"""A brand name hidden, perhaps misspelled, anywhere inside a tenant name on a free host.

On a free host (``*.webflow.io``, ``*.weebly.com``, ``*.duckdns.org``) the attacker picks the
tenant label for nothing, and kits bury the brand in it with a slip or two and words around:
``mybanruarlportal``, ``en-coinbqse-auth``, ``qqgrantixyz``, ``signinorangeclient``
(made-up examples in the shapes of the feed's).
The other rules need the name on token boundaries, beside known keywords, or as the whole
label; here it may sit anywhere. Only on free hosts, where the brands' own sites and their
namesakes seldom live (the popular-domain lists hold almost none), and only as weak evidence
(:mod:`~smishguard.domains.context`), because a tenant name is also where people write the
word "orange" or "ledger" for their own reasons. On the cheap endings (.top, .xyz, .cc) only
a name of 6 letters or more found whole counts (``telegramxq.top``): with slips, names there
are too often other words run together (``netfilm``, ``lemonpay``).

How it is found, in time that stays flat as brands grow: a name of ``m`` letters written with
at most ``k`` slips (``k`` = 1 under 8 letters, else 2) keeps one of ``k + 1`` pieces of it
intact (the pigeonhole principle; a swap across a cut can break two, and pieces under three
letters are left out as they are in too many labels: a little recall traded for speed). So
every piece of every name goes into one Aho-Corasick automaton; a scan of each token of the
label lists the names one of whose pieces it holds, and each is verified with an edit
distance (OSA, a swap counting as one) on the windows around the piece that start with the
name's first letter. A window inside an English word is that word (``interc`` of
``intercom`` is not ``interac``), and so is a name found whole inside a longer one
(``purchase`` holds no Chase, ``interactive`` no Interac), but for its plural (``ledgers``:
kits write names so); a hexadecimal id is a machine's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

import ahocorasick
from rapidfuzz.distance import OSA

from smishguard.domains.brandnames import BrandName, Strength
from smishguard.domains.context import PLACE
from smishguard.domains.homoglyphs import skeleton
from smishguard.domains.labels import MAX_LABEL
from smishguard.domains.lookalike_hits import Hit
from smishguard.domains.words import Words
from smishguard.model import ImitationKind

MIN_NAME: Final = 5  # shorter names, slips allowed, are inside too many tenant names
MIN_PIECE: Final = 3
EXACT_MIN: Final = 6
# Weak evidence on a free host: a name found whole inside the label, or with slips.
SCORE_WHOLE: Final = 0.45
SCORE_SLIPS: Final = 0.42
_MEMO_SIZE: Final = 1 << 15
_HEX: Final = frozenset("0123456789abcdef")
_DIGITS: Final = re.compile(r"[0-9]+")
# Two-letter words and endings that run on in names (mygreat, bookmarking, androidapps).
_SHORT_WORDS: Final = frozenset(("my", "go", "me", "we", "us", "up", "in", "on", "to", "of", "at",
                          "it", "is", "be", "do", "no", "so", "ing", "er", "s", "es", "ed"))


def slips_allowed(size: int) -> int:
    """Slips a name of ``size`` letters may carry and still be found: 1, or 2 from 8."""
    return 1 if size < 8 else 2


def pieces(flat: str, cuts: int) -> list[tuple[int, str]]:
    """``flat`` cut into ``cuts + 1`` pieces of nearly equal length, with their offsets."""
    parts = cuts + 1
    size, extra = divmod(len(flat), parts)
    out, at = [], 0
    for i in range(parts):
        n = size + (1 if i < extra else 0)
        out.append((at, flat[at : at + n]))
        at += n
    return out


class ApproximateNames:
    """Brand names of 5 letters or more, found with up to 1-2 slips inside a longer label."""

    __slots__ = ("_automaton", "_memo", "_words")

    def __init__(self, names: Iterable[BrandName], words: Words) -> None:
        self._words = words
        self._memo: dict[str, Hit | None] = {}
        automaton = ahocorasick.Automaton()
        found: dict[str, list[tuple[BrandName, int, int]]] = {}
        for name in names:
            flat = name.skeleton
            if len(flat) < MIN_NAME or name.strength < Strength.WORD or not flat.isalnum():
                continue
            k = slips_allowed(len(flat))
            for offset, piece in pieces(flat, k):
                if len(piece) >= MIN_PIECE:
                    found.setdefault(piece, []).append((name, offset, k))
        for piece, entries in found.items():
            automaton.add_word(piece, (len(piece), tuple(entries)))
        self._automaton = automaton if found else None
        if found:
            automaton.make_automaton()

    def find(self, label: str, exact: bool = False) -> Hit | None:
        """The brand name inside the tenant label ``label`` (as written), as weak evidence
        raised on the free host (``needs`` :data:`~smishguard.domains.context.PLACE`);
        ``exact``: only a name of :data:`EXACT_MIN` letters or more, found whole."""
        if self._automaton is None or len(label) > MAX_LABEL:
            return None
        memo = self._memo
        if label in memo:
            hit = memo[label]
        else:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            hit = memo[label] = self._search(label)
        if exact and hit is not None and not self._glued_to_junk(hit):
            return None
        return hit

    def _glued_to_junk(self, hit: Hit) -> bool:
        """A name of :data:`EXACT_MIN` letters or more found whole, glued to letters that are
        no words (``telegramxq``; not ``weatherlive``, ``mygreatweather``, ``bookmarking``)."""
        flat = hit.name.flat
        if hit.edit != "beside" or len(flat) < EXACT_MIN or flat not in hit.keyword:
            return False
        token = hit.keyword
        at = token.index(flat)
        if self._words.holds(token, at, at + len(flat), 3, starting=False):
            return False  # inside a longer word: exchange is not change
        rests = [token[:at], token[at + len(flat) :]]
        parts = [part for rest in rests for part in _DIGITS.split(rest) if part]
        return any(rests) and not any(self._wordy(part) for part in parts)

    def _wordy(self, text: str) -> bool:
        """Whether ``text`` is English words run together (``mygreat``, ``ing``); digits
        around the name are a serial, never words."""
        words = self._words
        n = len(text)
        ends = [True] + [False] * n
        for stop in range(1, n + 1):
            for start in range(stop):
                part = text[start:stop]
                if ends[start] and (words.is_word(part) or part in _SHORT_WORDS):
                    ends[stop] = True
                    break
        return ends[n]

    def _search(self, label: str) -> Hit | None:
        best: tuple[int, int, BrandName, str, str] | None = None  # slips, -size, name, ...
        tokens = [t for t in label.replace("_", "-").split("-") if t]
        for token in tokens:
            found = self._in_token(token)
            if found is not None and (best is None or found[:2] < best[:2]):
                best = found
        if best is None:
            return None
        slips, _, name, shown, token = best
        others = [t for t in tokens if t != token]
        if slips == 0:
            keyword = token if len(token) > len(shown) else (others[0] if others else "")
            return Hit(0.0, ImitationKind.KEYWORD, name, name.text, keyword=keyword,
                       edit="beside", boost=SCORE_WHOLE, needs=PLACE)  # fmt: skip
        return Hit(0.0, ImitationKind.TYPO, name, shown, edit="misspelling",
                   boost=SCORE_SLIPS, needs=PLACE)  # fmt: skip

    def _in_token(self, token: str) -> tuple[int, int, BrandName, str, str] | None:
        """The best name in one hyphen-free token: (slips, -length, name, window, token)."""
        if len(token) < MIN_NAME - 1 or not token.isalnum():
            return None
        if not token.isalpha() and all(c in _HEX for c in token):
            return None  # a machine's hexadecimal id (acbfbcd0801014bd6), not a name
        text = skeleton(token)
        same = len(text) == len(token)
        best: tuple[int, int, BrandName, str, str] | None = None
        seen: set[tuple[str, int]] = set()
        for end, (size, entries) in self._automaton.iter(text):  # type: ignore[union-attr]
            start = end + 1 - size
            for name, offset, k in entries:
                origin = start - offset
                if (name.skeleton, origin) in seen:
                    continue
                seen.add((name.skeleton, origin))
                found = self._verify(text, name.skeleton, origin, k)
                if found is None:
                    continue
                slips, (i, j) = found
                shown = token[i:j] if same else text[i:j]
                if slips and (not shown.isalpha() or self._words.holds(token, i, j, 3)
                              or self._all_words(token)):  # fmt: skip
                    continue  # another word (intercom, monet) or machine junk, not a slip
                if not slips and self._words.in_longer_word(token, i, j):
                    continue  # the name inside a longer word (purchase, steamer)
                rank = (slips, -len(name.skeleton))
                if best is None or rank < best[:2]:
                    best = (slips, -len(name.skeleton), name, shown, token)
        return best

    def _all_words(self, token: str) -> bool:
        """Whether ``token``, digits aside, is English words of 4 letters or more run together:
        a name read with slips across them is an accident of the letters
        (``softness|teapots`` holds no Steam, ``barrage|mislay`` no Gemini; so a name made of
        words, ``mobilelegend``, is not read with a slip, a little recall for many fewer)."""
        letters = _DIGITS.sub("", token)
        # words of 4 letters or more only: kits' garbles split into short ones (con|bass)
        return len(letters) >= MIN_NAME and self._words.is_words(letters, 4)

    @staticmethod
    def _verify(text: str, flat: str, origin: int, k: int) -> tuple[int, tuple[int, int]] | None:
        """The fewest slips (≤ ``k``) of a window of ``text`` starting near ``origin`` with
        ``flat``'s first letter, and that window; None when there is none."""
        m = len(flat)
        first = flat[0]
        best: tuple[int, tuple[int, int]] | None = None
        for start in range(max(0, origin - k), min(len(text), origin + k + 1)):
            if text[start] != first:
                continue
            for size in range(m - k, m + k + 1):
                stop = start + size
                if stop > len(text):
                    break
                # No score_cutoff: on names this short it saves nothing, and a keyword argument
                # costs more to pass than the distance does to compute.
                slips = OSA.distance(text[start:stop], flat)
                if slips <= k and (best is None or slips < best[0]):
                    best = (slips, (start, stop))
                    if slips == 0:
                        return best
        return best
