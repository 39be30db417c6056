"""Heavy misspellings of a brand, looked for only where phishing sites live.

Kits on free hosts and cheap endings misspell on purpose, to slip past filters and blocklists
(``robnihhoodloogin.godaddysites.com``, ``metta-masck-walet.gitbook.io``, ``exidus_wallet``):
two letters changed, a letter doubled in the keyword too, the name split by a hyphen. The
typo rules of :mod:`~smishguard.domains.lookalike_hits` refuse these, because on ``.com`` such
names are mostly other sites. Where anyone gets a name for free, or for a dollar, a name that
is nearly a brand's and is not a word is evidence, weak enough to be raised only there
(:mod:`~smishguard.domains.context`). Two exceptions hold anywhere: one slip beside a pointed
keyword (``ocinbase-verify.com``), and one or two slips of a name of 13 letters or more
(``steamconmnuity.com``), or three of one of 14 that keep its first two letters
(``steamcomunutty.com``), which no other name is that near. On a free host alone, beside a
sign-in word, three slips of a distinctive name of 8 letters or more count too
(``mcirosfotx-login.gitbook.io``), the least sure of these (0.42), and so does a kit's garbled
name of 6 letters or more (``kuykoicnlogin.webflow.io``: up to three slips, half the name at
most, its first sound kept: c, k and q are one) when no other name is as near, by two slips.
On a free host or a cheap ending, a name of 8 letters or more is also read by its head alone,
all but its last three letters with the rest garbled (``telegamgom.top``), when the head is
that name's alone. And there a name (an everyday word's too) is read by its consonants alone,
in order and with its first letter, the vowels between them changed and letters doubled as
kits garble (``moocraasooft``, ``cuonbaas-looginn``), when no other brand has those
consonants: 4 of them or more on a free host (3 beside a sign-in word; also at the head of a
longer token, ``moocraasooftuslogin``), 5 or more on a cheap ending.

:class:`Misspellings` is a second deletion index (SymSpell), two deletions deep, of the brand
names of 5 letters or more, and a set of the keywords with one slip (``logn``, ``wallat``)
to peel off the candidate (also with a letter or two of junk after it: ``loginaf``); the long
names are found by their thirds (Aho-Corasick) and compared directly, as are the names read
through three slips (by first letter and length). It runs only on chosen labels that matched
nothing else (the index memoises the answer per label).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import pairwise, product
from typing import Final

import ahocorasick

from smishguard.domains.brandnames import BrandName, Strength
from smishguard.domains.context import PLACE
from smishguard.domains.homoglyphs import skeleton
from smishguard.domains.lookalike_hits import Hit, typo_score
from smishguard.domains.suffixes import INFRA_STEMS
from smishguard.domains.typos import deletions, describe_edit, distance
from smishguard.domains.words import Words
from smishguard.model import ImitationKind

MIN_NAME: Final = 5  # shorter names are one or two letters from too many others
_MIN_CORE: Final = 5
_MAX_CORE: Final = 24
_LONG: Final = 10  # names this long stay plain through two slips (steamcomunitty)
LONG_ANYWHERE: Final = 13  # names this long are nobody else's two slips away, on any ending
LONG_THREE: Final = 14  # ... and these three slips away, when the first two letters stay
# On a free host, beside a sign-in word, names this long are read through three slips.
THREE_SLIPS: Final = 8
GARBLED: Final = 6  # ... and these, when no other name is as near (find_garbled)
HEADED: Final = 8  # on free hosts and cheap endings, names this long are read by their head alone
_HEAD_KEPT: Final = 5
# On a free host, a name with this many consonants or more is read by them alone,
# its vowels changed and letters doubled (moocraasooft: find_revowelled); one more on a cheap
# ending, one fewer on a free host beside a sign-in word.
REVOWELLED: Final = 4
_VOWELS: Final = frozenset("aeiouy")
TWO_SLIPS: Final = 8  # on a cheap ending, names this long are read through two that keep their ends
# A candidate opening with an English word this long is that word's, not a slip.
_HEAD_WORD: Final = 5
_HEAD: Final = 7  # letters of a name and a candidate that are indexed and looked up
_MEMO_SIZE: Final = 1 << 15
# Scores in a phishing-like place: a misspelling alone, and beside a keyword.
SCORE: Final = 0.45
SCORE_KEYWORD: Final = 0.5
SCORE_THREE: Final = 0.42  # three slips: the least sure of the misspellings
_ALPHABET: Final = "abcdefghijklmnopqrstuvwxyz"
# "login" as kits garble it at a token's end: l, perhaps o (or 0), perhaps a letter, then g.
_GARBLED_SIGN_IN: Final = re.compile(r"l[o0]?[a-z]?g")
# Digits kits sprinkle into a name (fideli7t1x, f1del-ility), each read as left out or as the
# letters it is written for; a token this long with this many digits at most, one between
# letters, and names this long.
_DIGIT_LETTERS: Final = {
    "0": ("", "o"), "1": ("", "i", "l"), "3": ("", "e"), "4": ("", "a"), "5": ("", "s"),
    "7": ("", "t"), "8": ("", "b"), "9": ("", "g"),
}  # fmt: skip
_DIGIT_NOISED: Final = re.compile(r"[a-z][0-9]+[a-z]")
_NOISE_SIZES: Final = range(7, 14)
_NOISE_DIGITS: Final = 3
NOISED_NAME: Final = 7
_HEX: Final = frozenset("0123456789abcdef")


def keyword_slips(keywords: Iterable[str], words: Words) -> frozenset[str]:
    """Every keyword as written and, from 4 letters, with one slip that leaves 4 letters and
    no English word (``trick`` is not ``track``): a letter left out, doubled (once or twice:
    ``looginn``), two swapped, or (from 5 letters) changed."""
    out: set[str] = set()
    for word in keywords:
        out |= _slips(word, words)
    return frozenset(out)


def _slips(word: str, words: Words) -> set[str]:
    if len(word) < 2 or not word.isalnum():
        return set()
    n = len(word)
    if n < 4:
        return {word}
    slips = {word[: i + 1] + word[i:] for i in range(n)}
    slips |= {w[: i + 1] + w[i:] for w in slips for i in range(len(w))}
    slips |= {word[:i] + word[i + 1 :] for i in range(n)}
    slips |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(n - 1)}
    if n >= 5:
        slips |= {word[:i] + c + word[i + 1 :] for i in range(n) for c in _ALPHABET}
    is_word = words.known.__contains__
    return {w for w in slips if len(w) >= 4 and not is_word(w)} | {word}


class Misspellings:
    """Names two slips away, for labels on free hosts and cheap endings (and the two
    exceptions above, anywhere)."""

    __slots__ = (
        "_delete_keys", "_deletes", "_garbled", "_garbled_sizes", "_heads", "_long_heads",
        "_long_least", "_long_pieces", "_memo", "_names", "_pointed", "_pointed_words",
        "_read_last", "_revowelled", "_signs", "_slips", "_three", "_two_slips", "_words",
    )  # fmt: skip

    def __init__(
        self, names: Iterable[BrandName], keywords: Iterable[str], pointed: Iterable[str],
        words: Words,
    ) -> None:  # fmt: skip
        self._words = words
        # The nearest name of a candidate, by (candidate, far): tokens repeat across labels.
        self._memo: dict[tuple[str, bool], tuple[int, BrandName] | None] = {}
        self._names: dict[str, BrandName] = {}
        # The last label read (text, tokens, candidates): find and find_three read the same.
        self._read_last: tuple[str, list[str], list[tuple[str, str]]] = ("", [], [])
        deletes: dict[str, dict[str, BrandName]] = {}
        for name in names:
            self._names.setdefault(name.skeleton, name)
            self._names.setdefault(name.flat, name)
            if len(name.flat) < MIN_NAME or name.strength < Strength.WORD:
                continue
            # As written and folded (ornage must not become omage before it is compared); the
            # head only (SymSpell's prefix): a name two slips away has a head two slips away.
            for spelling in {name.flat[:_HEAD], name.skeleton[:_HEAD]}:
                for key in deletions(spelling, 2 if len(name.flat) >= 6 else 1):
                    deletes.setdefault(key, {})[name.flat] = name
        self._deletes = {key: tuple(found.values()) for key, found in deletes.items()}
        self._delete_keys = frozenset(self._deletes)
        # The candidates a long name's two slips may be on a cheap ending (_keeps_ends): only
        # these are searched two deletions deep there.
        self._two_slips = frozenset(
            (flat[:2], flat[-1], size) for flat in {n.flat for n in self._names.values()}
            if len(flat) >= TWO_SLIPS for size in range(len(flat) - 1, len(flat) + 2)
        )  # fmt: skip
        # Two gates before a label is compared with a long distinctive name: its (first
        # letter, length), and one of the name's thirds, which two slips leave whole unless
        # both are swaps across the thirds' ends (found in one pass: Aho-Corasick); three
        # slips (LONG_THREE) may leave none whole, and then the name is not found.
        long = {n.flat: n for n in self._names.values()
                if n.typo_strength == Strength.STRONG and len(n.flat) >= LONG_ANYWHERE}  # fmt: skip
        self._long_heads = frozenset(
            (flat[0], size) for flat in long
            for size in range(len(flat) - _most_slips(flat), len(flat) + _most_slips(flat) + 1)
        )  # fmt: skip
        self._long_least = min((len(flat) - _most_slips(flat) for flat in long), default=64)
        by_piece: dict[str, list[BrandName]] = {}
        for flat, name in sorted(long.items()):
            third = len(flat) // 3
            for piece in (flat[:third], flat[third : 2 * third], flat[2 * third :]):
                by_piece.setdefault(piece, []).append(name)
        self._long_pieces = ahocorasick.Automaton()
        for piece, found in by_piece.items():
            self._long_pieces.add_word(piece, tuple(found))
        if by_piece:
            self._long_pieces.make_automaton()
        # Names read through three slips, by first letter (kept by every slip), in name order.
        three: dict[str, list[BrandName]] = {}
        for flat, name in sorted(self._names.items()):
            if (flat == name.flat and name.typo_strength == Strength.STRONG
                    and len(flat) >= THREE_SLIPS and flat.isalpha()):  # fmt: skip
                three.setdefault(flat[0], []).append(name)
        self._three = {first: tuple(found) for first, found in three.items()}
        # Names read through a kit's garbling, in name order: by first sound (c, k and q are
        # one), everyday words among them (ledger, uphold); and the distinctive ones by length
        # (no other may be about as near; an everyday word's being as near (booking beside
        # kkooinx) does not take a garbled kucoin away).
        by_sound: dict[str, list[BrandName]] = {}
        by_size: dict[int, list[BrandName]] = {}
        flats = sorted(self._names.items())
        for flat, name in flats:
            if (flat == name.flat and name.typo_strength >= Strength.WORD
                    and len(flat) >= GARBLED and flat.isalpha()):  # fmt: skip
                by_sound.setdefault(_first_sound(flat), []).append(name)
                if name.typo_strength == Strength.STRONG:
                    by_size.setdefault(len(flat), []).append(name)
        self._garbled = {sound: tuple(found) for sound, found in by_sound.items()}
        self._garbled_sizes = {size: tuple(found) for size, found in by_size.items()}
        # Names read by their head (find_headed): a head that opens with an English word
        # (whatsapp, starlink) or another brand's name (banco…) is no one name's.
        heads: dict[str, list[BrandName]] = {}
        ordered = [flat for flat, _ in flats]
        for flat, name in flats:
            if (flat == name.flat and name.typo_strength == Strength.STRONG
                    and len(flat) >= HEADED and flat.isalpha()):  # fmt: skip
                kept = flat[: max(_HEAD_KEPT, len(flat) - 3)]
                if any(words.is_word(kept[:i]) for i in range(4, len(kept) + 1)):
                    continue
                first = bisect_left(ordered, kept)  # the names starting with it are in a row
                last = bisect_left(ordered, kept + "\x7f")
                if any(other.brand is not name.brand for _, other in flats[first:last]):
                    continue
                heads.setdefault(name.skeleton[:_HEAD_KEPT], []).append(name)
        self._heads = {head: tuple(found) for head, found in heads.items()}
        # Names by their consonants (find_revowelled), everyday words among them as in
        # find_garbled (leedgrre); consonants two brands' names share are no one name's.
        revowelled: dict[str, list[BrandName]] = {}
        for flat, name in flats:
            if flat == name.flat and name.typo_strength >= Strength.WORD and flat.isalpha():
                key = consonants(flat)
                if len(key) >= REVOWELLED - 1:  # 3 only beside a sign-in word
                    revowelled.setdefault(key, []).append(name)
        self._revowelled = {
            key: found[0] for key, found in revowelled.items()
            if all(other.brand is found[0].brand for other in found)
        }  # fmt: skip
        by_word = {word: _slips(word, words) for word in keywords}
        self._slips = frozenset().union(*by_word.values())
        self._pointed = frozenset().union(*(by_word.get(w) or _slips(w, words) for w in pointed))
        # Elsewhere only a pointed keyword as written, of 3 letters or more, will do; found in
        # one pass (an Aho-Corasick automaton) before any candidate is made.
        self._pointed_words = frozenset(w for w in pointed if len(w) >= 3 and w.isalnum())
        self._signs = ahocorasick.Automaton()
        for word in self._pointed_words:
            self._signs.add_word(word, word)
        if self._pointed_words:
            self._signs.make_automaton()

    def find(self, text: str, free: bool) -> Hit | None:
        """The brand a chosen label (``text``, as written) misspells, as weak evidence.

        One slip that keeps the first letter (or swaps the first two), or two in a long name,
        count on free hosts and cheap endings alike, as do two that keep the first two letters
        and the last of a name of 8 letters or more (telegropm); two slips, or a changed first
        letter, otherwise only on a free host or beside a pointed keyword (on the cheap endings
        alone they reach real names: betflix, pakpay).
        """
        tokens, candidates = self._read(text)
        pointed = free or any(t in self._pointed for t in tokens)
        best: tuple[int, int, str, BrandName, str] | None = None
        for core, keyword in candidates:
            # A peeled two-letter keyword (hr, my, it) is too easily any two letters.
            far = (pointed or keyword in self._pointed) and len(keyword) != 2
            found = self._nearest(core, far)
            if found is None:
                continue
            edits, name = found
            if any(stem in core and stem not in name.flat for stem in INFRA_STEMS):
                continue  # the slips make a CDN's stem (linkcdn): a CDN's name, not a kit's
            rank = (edits, -len(name.flat))
            if best is None or rank < best[:2]:
                best = (edits, -len(name.flat), core, name, keyword)
        if best is None:
            return None
        _, _, core, name, keyword = best
        if not keyword:  # a keyword token beside it (mircosotf-logn)
            keyword = next((t for t in tokens if t in self._slips and t != core), "")
        edit = describe_edit(core, name.flat) or "misspelling"
        kind = ImitationKind.TYPO_KEYWORD if keyword else ImitationKind.TYPO
        boost = SCORE_KEYWORD if keyword else SCORE
        return Hit(0.0, kind, name, core, keyword=keyword, edit=edit, boost=boost,
                   needs=PLACE)  # fmt: skip

    def find_three(self, text: str) -> Hit | None:
        """On a free host, beside a sign-in word as written or with a slip: three slips that
        keep the first letter of a distinctive name of 8 letters or more (``mcirosfotx-login``),
        the heaviest misspellings kits use there; weak evidence raised only in that place. Run
        after every other search found nothing, or behind the weak hit of a name inside a
        longer one (``metaaaamask``: the index's ``_inner``)."""
        tokens, candidates = self._read(text)
        beside = next((t for t in tokens if t in self._pointed), "")
        for core, keyword in candidates:
            keyword = keyword if keyword in self._pointed else beside
            if not keyword or keyword in core or len(core) < THREE_SLIPS - 1:
                continue
            names = self._three.get(core[0])
            if names is None or not core.isalpha() or self._words.is_word(core):
                continue
            for name in names:
                if abs(len(name.flat) - len(core)) <= 3 and distance(core, name.flat) == 3:
                    if self._opens_with_other_word(core, name.flat) or self._is_two_words(core):
                        break  # words of their own (problemrica), not this core's slips
                    return Hit(0.0, ImitationKind.TYPO_KEYWORD, name, core, keyword=keyword,
                               edit="misspelling", boost=SCORE_THREE, needs=PLACE)  # fmt: skip
        return None

    def find_garbled(self, text: str) -> Hit | None:
        """On a free host, beside a sign-in word as written or with a slip: a token (or one with
        the sign-in word peeled off) of 6 to 12 letters that is a name of 6 or more garbled by
        up to three slips, half the name at most, keeping its first sound (``kuykoicnlogin``,
        ``kraikkennlogi``; the sign-in word also garbled further, ``kiocoiologunx``:
        :func:`_garbled_sign_ins`), when no other distinctive name is within two more slips. An
        everyday word's name counts too (``upohulld_iogin`` for uphold): the garble is no
        English word, and a sign-in word on a free host is beside it. Weak evidence raised
        only in that place. Run after every other search found nothing."""
        tokens, candidates = self._read(text)
        beside = next((t for t in tokens if t in self._pointed), "") or next(
            (t for t in tokens if _is_garbled_sign_in(t, self._words)), "")
        read = [(core, peeled if peeled in self._pointed else beside)
                for core, peeled in candidates
                if peeled or core in tokens]  # com-sso: two tokens run together, no one name
        read += _garbled_sign_ins(tokens, self._words)
        best: tuple[int, BrandName, str, str] | None = None
        for core, keyword in read:
            size = len(core)
            if not keyword or keyword in core or not GARBLED <= size <= 12 or not core.isalpha():
                continue
            names = self._garbled.get(_first_sound(core))
            if names is None or self._words.is_word(core) or self._is_two_words(core):
                continue
            nearest: tuple[int, BrandName] | None = None
            for name in names:
                if abs(len(name.flat) - size) > 3:
                    continue
                edits = distance(core, name.flat)
                if edits <= 3 and 2 * edits <= len(name.flat) and (
                    nearest is None or edits < nearest[0]
                ):
                    nearest = edits, name
            if nearest is None or self._another_as_near(core, nearest[1], nearest[0] + 1):
                continue
            edits, name = nearest
            if self._opens_with_other_word(core, name.flat):
                continue  # a word of its own opens it (problemrica), not this name's slips
            if best is None or edits < best[0]:
                best = (edits, name, core, keyword)
        if best is None:
            return None
        _, name, core, keyword = best
        return Hit(0.0, ImitationKind.TYPO_KEYWORD, name, core, keyword=keyword,
                   edit="misspelling", boost=SCORE_THREE, needs=PLACE)  # fmt: skip

    def find_digit_noise(self, text: str) -> Hit | None:
        """On a free host or a cheap ending: a token (or two run together) of 7 to 13
        characters with up to three digits, one of them between letters, that is a distinctive
        name of 7 letters or more with digits sprinkled in (``fideli7t1x``, ``fid3l1t1``,
        ``f1del-ility``): each digit read as left out or as the letter it is written for (1 as
        i or l, 3 as e, 7 as t), one reading within two slips of the name that keep its first
        two letters. Hex strings (hashes, ids) are left alone. Weak evidence raised only in
        that place. Run after every other search found nothing."""
        if _DIGIT_NOISED.search(text) is None:
            return None  # most labels: the cheap test first
        tokens, _ = self._read(text)
        is_word = self._words.is_word
        pairs = (a + b for a, b in pairwise(tokens) if not (is_word(a) or is_word(b)))
        for piece in (*tokens, *pairs):  # a word beside a tenant's id is no name (mail-u0ti)
            if not _is_digit_noised(piece):
                continue
            for reading in _digit_readings(piece):
                found = self._nearest(reading, True) if len(reading) >= _MIN_CORE else None
                if found is None:
                    continue
                edits, name = found
                if (edits <= 2 and name.typo_strength == Strength.STRONG
                        and len(name.flat) >= NOISED_NAME and reading[:2] == name.flat[:2]):
                    return Hit(0.0, ImitationKind.TYPO, name, piece, edit="digits",
                               boost=SCORE, needs=PLACE)  # fmt: skip
        return None

    def find_headed(self, text: str) -> Hit | None:
        """On a free host or a cheap ending: a token that opens with all but the last three
        letters of a distinctive name of 8 letters or more (5 at least) and garbles the rest,
        about as long as the name (``telegamgom``, ``telegreed`` for telegram), as written or
        in look-alike letters (``teiegrok``), when it is no English word, nor two, nor opens
        with one, and the head is that name's alone (no English word opens it, no other
        brand's name starts with it); weak evidence raised only there. Run after every other
        search found nothing."""
        heads = self._heads
        for token in text.split("-"):
            size = len(token)
            if size < HEADED - 1 or not token.isalpha():
                continue
            # the head folded (two letters more: a look-alike pair such as rn may end it)
            names = heads.get(skeleton(token[: _HEAD_KEPT + 2])[:_HEAD_KEPT])
            if names is None:
                continue
            folded = skeleton(token)
            for name in names:
                flat = name.flat
                kept = max(_HEAD_KEPT, len(flat) - 3)
                if token == flat or not len(flat) - 1 <= size <= len(flat) + 3:
                    continue
                if token[:kept] != flat[:kept] and folded[:kept] != name.skeleton[:kept]:
                    continue
                if (self._words.is_word(token) or self._is_two_words(token)
                        or self._opens_with_other_word(token, flat)):  # fmt: skip
                    continue
                return Hit(0.0, ImitationKind.TYPO, name, token, edit="misspelling",
                           boost=SCORE_THREE, needs=PLACE)  # fmt: skip
        return None

    def find_revowelled(self, text: str, free: bool = True) -> Hit | None:
        """Where phishing sites live: a token (or one with a keyword peeled off, or a run of
        letters between digits) with the consonants of a brand's name, in order, with its
        first letter, and other vowels between them or letters doubled (``moocraasooft``,
        ``cuonbaas-looginn``; an everyday word's name too, ``leedgrre-logn``): how kits
        garble a name past filters. The name has 4 consonants
        or more on a free host (``free``), 5 or more on a cheap ending, and is no other
        brand's by them; on a free host 3 do beside a sign-in word, the token as long as the
        name at least (``gaamuunii-logn``). On a free host a token may also open with the
        consonants of a name of 4 or more and run on (``moocraasooftuslogin``). The token is
        no English word, nor two; on a free host a token may open with the 4 consonants of a
        name and no vowel (``trzr-bridge``, ``rblx2024``). Weak evidence raised only there.
        Run after every other search found nothing."""
        tokens, candidates = self._read(text)
        beside = any(len(t) >= 4 and t in self._pointed for t in tokens)
        for candidate, keyword in candidates:
            if keyword and keyword not in self._slips:
                continue  # a keyword with junk after it (talkmo|remoress) reads anything
            # a sign-in word of 4 letters or more (ti, a slip of it, is any two letters)
            signed = free and (beside or (len(keyword) >= 4 and keyword in self._pointed))
            for core in _letter_runs(candidate):
                name = self._by_consonants(core, free, signed)
                if name is None:
                    continue
                return self._consonant_hit(name, core, keyword, tokens, "revowelled")
        if not free:
            return None
        for core in _vowelless_runs(tokens):  # its vowels left out (trzr-bridge, ldgr-live)
            name = self._by_consonants(core, free, beside)
            if name is not None:
                return self._consonant_hit(name, core, "", tokens, "disemvowelled")
        for token in tokens:  # a garbled name run on into more (metiimskuslogin)
            for core in _letter_runs(token):
                found = self._by_consonant_head(core)
                if found is not None:
                    name, head, rest = found
                    return Hit(0.0, ImitationKind.TYPO_KEYWORD, name, head, keyword=rest,
                               edit="revowelled", boost=SCORE_THREE, needs=PLACE)  # fmt: skip
        return None

    def _consonant_hit(
        self, name: BrandName, core: str, keyword: str, tokens: list[str], edit: str
    ) -> Hit:
        """Weak evidence that ``core`` is ``name`` read by its consonants, beside ``keyword``
        or else a keyword token of the label (``moocraasooft-logn``)."""
        keyword = keyword or next((t for t in tokens if t in self._slips and t != core), "")
        kind = ImitationKind.TYPO_KEYWORD if keyword else ImitationKind.TYPO
        return Hit(0.0, kind, name, core, keyword=keyword, edit=edit, boost=SCORE_THREE,
                   needs=PLACE)  # fmt: skip

    def _by_consonant_head(self, core: str) -> tuple[BrandName, str, str] | None:
        """(name, the letters that hold its consonants, the rest) for a token that opens with
        the consonants of a name of 4 consonants or more and runs on with 2 more at least,
        the name not written in it, the token no English words."""
        key = consonants(core)
        revowelled = self._revowelled
        for size in range(len(key) - 2, REVOWELLED - 1, -1):
            name = revowelled.get(key[:size])
            if name is None or core[0] != name.flat[0] or name.flat in core:
                continue
            if self._words.is_words(core):
                return None  # (talkmarketing: English words, not Telekom's consonants)
            end = next(i for i in range(size, len(core) + 1) if consonants(core[:i]) == key[:size])
            if self._opens_with_other_word(core, end=end):
                return None  # a word run on (cannabisclub: not Coinbase's c n b s)
            return name, core[:end], core[end:]
        return None

    def _by_consonants(self, core: str, free: bool, signed: bool) -> BrandName | None:
        """The name whose consonants ``core`` has, by :meth:`find_revowelled`'s rules."""
        key = consonants(core)
        name = self._revowelled.get(key)
        if name is None or core[0] != name.flat[0] or core in self._names:
            return None
        if len(key) < (REVOWELLED if free else REVOWELLED + 1) and not (
                signed and len(core) >= len(name.flat) >= 5):  # fmt: skip
            return None
        if (self._words.is_word(core) or self._is_two_words(core)
                or self._opens_with_other_word(core)):  # innately|l, no Intel
            return None
        return name

    def _another_as_near(self, core: str, name: BrandName, edits: int) -> bool:
        """Whether a garbled-name candidate other than ``name`` is ``edits`` slips or fewer
        from ``core``."""
        size = len(core)
        for other in range(size - 3, size + 4):
            for candidate in self._garbled_sizes.get(other, ()):
                if candidate is not name and distance(core, candidate.flat) <= edits:
                    return True
        return False

    def _opens_with_other_word(self, core: str, flat: str = "", end: int = 0) -> bool:
        """Whether ``core`` (or its first ``end`` letters) opens with an English word of 5
        letters or more that ``flat`` does not (``problemrica`` is not ``promerica``;
        ``walletconjnt`` may be ``walletconnect``); with no ``flat``, any such word: a word
        run on (``cannabis|club``) holds no garbled name."""
        is_word = self._words.is_word
        return any(
            is_word(core[:i]) and not (flat and flat.startswith(core[:i]))
            for i in range(_HEAD_WORD, end + 1 if end else len(core))
        )

    def find_beside_sign_in(self, text: str) -> Hit | None:
        """Elsewhere than free hosts and cheap endings: one slip that keeps the head, beside a
        pointed keyword as written (``ocinbase-verify.com``, ``interalogin.com``)."""
        if not self._pointed_words or next(self._signs.iter(text), None) is None:
            return None
        tokens, candidates = self._read(text)
        signs = self._pointed_words
        beside = next((t for t in tokens if t in signs), "")
        best: tuple[int, str, BrandName, str] | None = None
        for core, keyword in candidates:
            keyword = keyword if keyword in signs else beside
            if not keyword or keyword == core:
                continue
            found = self._nearest(core, False)
            if found is None or found[0] != 1 or len(found[1].flat) < 6:
                continue
            name = found[1]
            if core[1] != name.flat[1] and core[:2] != name.flat[1::-1]:
                continue  # the second letter stays but for a swap (nudata is not nrdata)
            if best is None or -len(name.flat) < best[0]:
                best = (-len(name.flat), core, name, keyword)
        if best is None:
            return None
        _, core, name, keyword = best
        edit = describe_edit(core, name.flat) or "misspelling"
        return Hit(SCORE_KEYWORD, ImitationKind.TYPO_KEYWORD, name, core, keyword=keyword,
                   edit=edit)  # fmt: skip

    def find_long(self, text: str) -> Hit | None:
        """Anywhere: one or two slips that keep the first letter of a distinctive name of 13
        letters or more, or three that keep the first two of one of 14 or more, as the whole
        label or a token (``steamconmnuity.com``, ``steanmcommun1ity.com``,
        ``steamcomunutty.com``): no other name is that near so long a one."""
        if len(text) < self._long_least:
            return None  # most labels: shorter than any long name less two letters
        if "-" not in text:
            return self._long_hit(text)
        for whole in (text.replace("-", ""), *text.split("-")):
            hit = self._long_hit(whole)
            if hit is not None:
                return hit
        return None

    def _long_hit(self, whole: str) -> Hit | None:
        if (whole[:1], len(whole)) not in self._long_heads:
            return None
        found = self._nearest_long(whole)
        if found is None or self._words.is_word(whole) or self._is_two_words(whole):
            return None
        edits, name = found
        if _less_a_word(whole, name.flat, self._words):
            return None  # another name: henryschein of henryscheinone
        edit = describe_edit(whole, name.flat) or "misspelling"
        return Hit(typo_score(Strength.STRONG, edits, ""), ImitationKind.TYPO, name, whole,
                   edit=edit)  # fmt: skip

    def _nearest_long(self, whole: str) -> tuple[int, BrandName] | None:
        """(edits, name) of the nearest long name one or two slips from ``whole`` that keeps
        its first letter, or three that keep its first two (as written or folded), the first
        in name order of equally near."""
        found: tuple[int, BrandName] | None = None
        sk = ""
        for _, names in self._long_pieces.iter(whole):
            for name in names:
                flat = name.flat
                if flat[0] != whole[0] or not -3 <= len(flat) - len(whole) <= 3:
                    continue
                sk = sk or skeleton(whole)
                edits = min(distance(whole, flat), distance(sk, name.skeleton))
                most = _most_slips(flat) if whole[1] == flat[1] else 2
                if edits == 0 or edits > most:
                    continue
                if found is None or (edits, flat) < (found[0], found[1].flat):
                    found = edits, name
        return found

    def _read(self, text: str) -> tuple[list[str], list[tuple[str, str]]]:
        """The tokens of a label and its candidates (:meth:`_candidates`), kept for the last
        label read: every search here reads a label so, and find_three reads find's again."""
        last, tokens, candidates = self._read_last
        if text != last:  # the empty label reads as the initial entry does
            tokens = [t for t in text.replace("_", "-").split("-") if t]
            candidates = list(self._candidates(tokens))
            self._read_last = (text, tokens, candidates)
        return tokens, candidates

    def _candidates(self, tokens: list[str]) -> Iterable[tuple[str, str]]:
        """(core, keyword peeled off it) for each token and its peels, and each pair of
        tokens run together (``metta-masck``)."""
        slips = self._slips
        for whole in tokens:
            n = len(whole)
            if n > _MAX_CORE + 12:
                continue
            if _MIN_CORE <= n <= _MAX_CORE:
                yield whole, ""
            for cut in range(2, n - 1):
                head, tail = whole[:cut], whole[cut:]
                if cut >= _MIN_CORE and (tail in slips or _slip_and_junk(tail, slips)):
                    yield head, tail
                if n - cut >= _MIN_CORE and head in slips:
                    yield tail, head
        for a, b in pairwise(tokens):
            if len(a) >= 2 and len(b) >= 2 and 6 <= len(a) + len(b) <= _MAX_CORE:
                yield a + b, ""

    def _nearest(self, core: str, far: bool) -> tuple[int, BrandName] | None:
        """(edits, name) of the nearest name allowed for ``core``, or None; ``far`` allows
        two slips and a changed first letter."""
        memo = self._memo
        key = (core, far)
        if key in memo:
            return memo[key]
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        found = memo[key] = self._search(core, far)
        return found

    def _search(self, core: str, far: bool) -> tuple[int, BrandName] | None:
        if self._words.is_word(core):
            return None  # a name of its own, not a misspelling
        sk = skeleton(core)
        exact = self._names.get(core) or self._names.get(sk)
        if exact is not None:
            return None if self._is_two_words(core) else (0, exact)
        found: tuple[int, BrandName] | None = None
        deletes = self._deletes
        far_enough = (far and len(core) >= 5) or len(core) >= _LONG
        depth = 2 if far_enough or (core[:2], core[-1], len(core)) in self._two_slips else 1
        head, sk_head = core[:_HEAD], sk[:_HEAD]
        hits = deletions(head, depth, within=self._delete_keys)
        if sk_head != head:
            hits |= deletions(sk_head, depth, within=self._delete_keys)
        if not hits or self._is_two_words(core):
            return None  # nothing near, or two words of its own (whitenoise, netfilm)
        for key in sorted(hits):  # the same name of equally near ones in every run
            for name in deletes[key]:
                edits = min(distance(core, name.flat), distance(sk, name.skeleton))
                if edits > 2 or (edits == 2 and (len(name.flat) < 6 or len(core) < 5)):
                    continue
                if edits == 2 and core[0] != name.flat[0]:
                    continue  # two slips keep the first letter
                if not far and not _near(edits, core, name.flat):
                    continue
                if found is None or (edits, -len(name.flat)) < (found[0], -len(found[1].flat)):
                    found = edits, name
        return found

    def _is_two_words(self, core: str) -> bool:
        words = self._words
        return any(
            words.is_word(core[:i]) and words.is_word(core[i:]) for i in range(3, len(core) - 2)
        )


def consonants(text: str) -> str:
    """``text`` without its vowels (y among them) but a first one, each run of one letter
    written once: ``metamask`` and ``moottamusk`` → ``mtmsk``, ``outlook`` → ``otlk``."""
    out: list[str] = [text[:1]] if text[:1] in _VOWELS else []
    last = ""
    for char in text:
        if char not in _VOWELS and char != last:
            out.append(char)
        last = char if char not in _VOWELS else last
    return "".join(out)


def _vowelless_runs(tokens: list[str]) -> list[str]:
    """The first 4 letters of each token that opens with exactly 4 letters and no vowel, then
    a digit or nothing (``trzr`` of ``en-trzr-bridge``, ``tktk`` of ``tktk1818``): names of 4
    consonants written without their vowels, which :func:`_letter_runs` leaves out as too
    short. A run after a digit (``ea3krkn69``) is a random name's chance letters."""
    size = _MIN_CORE - 1
    return [
        token[:size]
        for token in tokens
        if len(token) >= size and (len(token) == size or token[size].isdigit())
        and token[:size].isalpha() and _VOWELS.isdisjoint(token[:size])
    ]  # fmt: skip


def _letter_runs(text: str) -> list[str]:
    """The runs of 5 letters or more between digits in ``text`` (``ceonbies11wlt``:
    ``ceonbies``); ``text`` itself when it has no digit."""
    if text.isalpha():
        return [text] if len(text) >= _MIN_CORE else []
    runs = "".join(c if c.isalpha() else " " for c in text).split()
    return [run for run in runs if len(run) >= _MIN_CORE]


def _most_slips(flat: str) -> int:
    """The slips a long name is read through anywhere: three from LONG_THREE letters."""
    return 3 if len(flat) >= LONG_THREE else 2


def _first_sound(text: str) -> str:
    """The first letter, with c, k and q as one (kucoin is garbled as qucoin and kukoin)."""
    first = text[:1]
    return "k" if first in ("c", "q") else first


def _is_garbled_sign_in(text: str, words: Words, least: int = 4) -> bool:
    """Whether ``text`` (a whole token of ``least`` letters or more, ``logugin``; or a
    token's end, ``least`` 0) is "login" garbled as :func:`_garbled_sign_ins` reads it."""
    letters = text.rstrip("0123456789")
    return (least <= len(letters) <= 9 and _GARBLED_SIGN_IN.match(text) is not None
            and not words.is_word(letters))


def _garbled_sign_ins(tokens: list[str], words: Words) -> list[tuple[str, str]]:
    """(head, tail) for each token that ends in "login" garbled past filters, more than one
    slip can say (``loxgoin``, ``logunx``, ``lgiin``, ``l0gen``, ``logxnio``): an l, perhaps an o
    and one more letter, then a g, and up to 9 letters in all; the tail no English word
    (``logic``, ``logo``), the token no English words (``reversal|galena``)."""
    out: list[tuple[str, str]] = []
    for token in tokens:
        if (_GARBLED_SIGN_IN.search(token, GARBLED) is None  # the cheap test first
                or words.is_words(token.rstrip("0123456789"))):  # fmt: skip
            continue
        cut = token.find("l", GARBLED)  # the sign-in word opens with an l
        while 0 <= cut < len(token) - 2:
            if _is_garbled_sign_in(token[cut:], words, least=0):
                out.append((token[:cut], token[cut:]))
            cut = token.find("l", cut + 1)
    return out


def _is_digit_noised(piece: str) -> bool:
    """Whether ``piece`` has digits sprinkled in as :meth:`Misspellings.find_digit_noise`
    reads them: 7 to 13 characters, 1 to 3 digits, one between letters, not a hex string."""
    return (len(piece) in _NOISE_SIZES and _DIGIT_NOISED.search(piece) is not None
            and sum(c.isdigit() for c in piece) <= _NOISE_DIGITS
            and not _HEX.issuperset(piece))  # fmt: skip


def _digit_readings(piece: str) -> list[str]:
    """``piece`` with each digit left out or read as a letter it is written for, in a fixed
    order: ``f1del`` → ``fdel``, ``fidel``, ``fldel``."""
    options = [_DIGIT_LETTERS.get(c, (c,)) if c.isdigit() else (c,) for c in piece]
    return ["".join(letters) for letters in product(*options)]


def _slip_and_junk(tail: str, slips: frozenset[str]) -> bool:
    """A keyword with a slip and one or two letters or digits after it (``loginaf``,
    ``logiina``): kits end a label so to make each one new."""
    return len(tail) > 5 and (tail[:-1] in slips or tail[:-2] in slips)


def _keeps_ends(core: str, name: str) -> bool:
    """Two slips between the first two letters and the last of a name of 8 letters or more,
    a letter longer or shorter at most (``telegropm``): the shape of a kit's misspelling;
    changed ends reach other names (``akademix`` is not ``academia``)."""
    return (
        len(name) >= TWO_SLIPS
        and abs(len(core) - len(name)) <= 1
        and core[:2] == name[:2]
        and core[-1] == name[-1]
    )


def _keeps_head(core: str, name: str) -> bool:
    """The first letter stays, or the first two are swapped (``egmini``)."""
    return core[0] == name[0] or (
        len(core) == len(name) and core[:2] == name[1::-1] and core[2:] == name[2:]
    )


def _near(edits: int, core: str, name: str) -> bool:
    """Near enough anywhere on a cheap ending: one slip, or two that leave a long name plain
    (as long as it, as written: steamcomunitty) or keep the ends of a name of 8 letters or
    more (:func:`_keeps_ends`), keeping the head (:func:`_keeps_head`)."""
    plain = len(name) >= _LONG and len(core) == len(name)
    if edits == 2 and not plain and not _keeps_ends(core, name):
        return False
    if edits == 2 and distance(core, name) != 2:
        return False  # look-alike letters do not stretch a long name (checkporn)
    return _keeps_head(core, name)


def _less_a_word(whole: str, flat: str, words: Words) -> bool:
    """Whether ``whole`` is the name ``flat`` with a whole English word cut off one end
    (``henryschein`` of ``henryscheinone``): a name of its own, often the parent's, not a
    slip of the longer one."""
    if flat.startswith(whole):
        rest = flat[len(whole) :]
    elif flat.endswith(whole):
        rest = flat[: len(flat) - len(whole)]
    else:
        return False
    return len(rest) >= 2 and words.is_word(rest)
