"""From SMS text to the text model's features: one fold, one regex, no per-call setup.

The model must judge the *wording*, not the era a message comes from. The training data is
mostly 2003–2011 SMS: its ham is personal chat that almost never carries a link or a number,
while today's legitimate texts (codes, delivery notices, bank alerts, IT notices) always do.
A model that sees links and digits learns "has a link or a number → spam" and flags every
one-time code. So:

- **Links and e-mail addresses are dropped**, and so are **numbers** (any run of digits, with
  the letters glued after it: codes, prices, "150p", "3pm", phone numbers, dates, times).
  Each leaves a gap that no bigram spans, so adding a link or a number to a message, or
  changing one, leaves its score exactly unchanged. The URL and sender detectors judge links
  and numbers; the text model never sees them.
- **Case and accents are folded** ("Información" → "informacion"), so Spanish written with or
  without accents reads alike.
- Currency signs (£ $ €) are tokens of their own ("won £" is still wording).
- Tatoeba's stock names (Tom, Mary, María) never become features: in the Spanish ham proxy
  they are a shortcut to "ham" that real messages do not share.

Features are the set of tokens and the set of adjacent token pairs (bigrams, as tuples).
Training (scikit-learn) and inference share :func:`tokenize`; :func:`training_analyzer` gives
the strings scikit-learn sees.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import pairwise

# A feature is a token ("claim") or a pair of adjacent tokens (("claim", "code")).
Feature = str | tuple[str, str]

# Stock names of the Tatoeba sentences (the Spanish ham proxy): a shortcut to "ham" that real
# messages do not share, so they never become features.
EXCLUDED_TOKENS = frozenset({"tom", "mary", "maria"})

# Top-level domains we treat as a link when written bare ("getzed.co.uk", "bit.ly/x",
# "nus.edu.sg"). Two-letter suffixes that are also common English or Spanish words (in, me,
# es, de, se, la, us, to, it, no, so, be, do, go, my, id, at...) are left out: "logged.in" in
# sloppy chat is more often words than a link.
_BARE_TLDS = (
    "com|net|org|info|biz|xyz|top|club|online|site|website|app|live|shop|store|link|click|vip"
    "|icu|buzz|support|help|services|gov|edu|io|ly|cc|co|tk|ml|ga|cf|gq|eu|uk|ie|fr|nl|pl|pt"
    "|ch|cz|dk|fi|ru|ua|tr|gr|ro|hu|cn|hk|tw|jp|kr|sg|ph|vn|pk|ng|ke|za|nz|au|ca|mx|br|ar|cl"
    "|pe|ve|uy|ec|ae"
)

# Why it is shaped like this: Python's regex engine tries every alternative at every position
# where a match fails, so each match first swallows the separators before its token (spaces,
# punctuation: up to 32, so a long run costs linear time), and the common case (a plain word)
# must not pay for the link patterns: the lookahead guard is an ASCII-only possessive scan that
# fails at once unless a ".", "@" or ":" follows inside the same run; only then are the link
# patterns tried. Every repetition is bounded or possessive, so no input makes it quadratic.
TOKEN_PATTERN = re.compile(
    r"""
    [^a-z0-9£$€_+-]{0,32}+                   # skip separators inside the match (no retries)
    (?:
    (?=[a-z0-9_+-]{0,64}+[.@:][a-z0-9/])     # guard: only runs with . @ : inside can be links
    (?: (?:https?://|hxxps?://|www\.)\S*+                          # scheme or www.
      | [\w.+-]{1,64}+@[\w-]{1,63}+(?:\.[\w-]{1,63}+){1,6}          # e-mail address
      | (?:[a-z0-9-]{1,63}+\.){1,6}(?:"""
    + _BARE_TLDS
    + r""")\b(?:/\S*+)?                     # bare domain, maybe a path
    )
    | ( [a-z]++(?:'[a-z]++)*+                 # a word (after folding), inner apostrophes kept
      | [£$€]                                 # a currency sign
      )
    | [0-9]++[a-z]*+                          # a number, with its unit (150p, 3pm, 2nd): dropped
    )
    """,
    re.VERBOSE,
)
"""The tokenizer, applied to folded text. Links, e-mail addresses and numbers match with an
empty group, so ``findall`` yields ``""`` for them: a gap no feature contains."""

# Letters that Unicode does not decompose but people write as plain ASCII.
_EXTRA_FOLDS = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d"}


def _fold_table() -> dict[int, str]:
    """Latin letters with accents, ligatures, full-width forms → plain lower-case ASCII."""
    table: dict[int, str] = {}
    ranges = (
        range(0x00C0, 0x0250),  # Latin-1 Supplement letters, Latin Extended-A and -B
        range(0x1E00, 0x1F00),  # Latin Extended Additional
        range(0xFB00, 0xFB07),  # Latin ligatures
        range(0xFF01, 0xFF5F),  # full-width ASCII
    )
    for block in ranges:
        for code in block:
            decomposed = unicodedata.normalize("NFKD", chr(code))
            plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
            if plain and plain.isascii() and plain != chr(code):
                table[code] = plain
    for letter, plain in _EXTRA_FOLDS.items():
        table[ord(letter)] = plain  # text is lower-cased before folding
    table.update({ord("’"): "'", ord("‘"): "'", ord("`"): "'"})
    return table


FOLD_TABLE = _fold_table()


def fold(text: str) -> str:
    """Lower case; accents, ligatures and full-width forms folded to ASCII."""
    lowered = text.lower()
    # Most SMS are ASCII: skip the (much slower) per-character translation for them.
    return lowered if lowered.isascii() else lowered.translate(FOLD_TABLE)


def tokenize(text: str) -> list[str]:
    """Tokens of ``text``; ``""`` marks a dropped span (a link, an e-mail address, a number)."""
    tokens: list[str] = TOKEN_PATTERN.findall(fold(text))
    return tokens


def features(text: str) -> set[Feature]:
    """Every token and adjacent token pair of ``text`` (a superset of the model's vocabulary:
    keys with gaps or excluded tokens simply are not in it)."""
    tokens = tokenize(text)
    found: set[Feature] = set(tokens)
    found.update(pairwise(tokens))
    return found


def _usable(token: str) -> bool:
    return bool(token) and token not in EXCLUDED_TOKENS


def training_analyzer(text: str) -> list[str]:
    """The features of ``text`` as scikit-learn's vectorizer sees them: unigrams, and bigrams
    joined by one space (tokens never contain a space). Gaps and excluded tokens are never
    bridged, so every string here is a feature :func:`features` also yields."""
    tokens = tokenize(text)
    grams = [t for t in tokens if _usable(t)]
    grams.extend(f"{a} {b}" for a, b in pairwise(tokens) if _usable(a) and _usable(b))
    return grams


def feature_key(name: str) -> Feature:
    """The inference key of a vocabulary string: "a b" → ("a", "b"), "a" → "a"."""
    first, sep, second = name.partition(" ")
    return (first, second) if sep else first


def feature_name(key: Feature) -> str:
    """The vocabulary string of an inference key (inverse of :func:`feature_key`)."""
    return key if isinstance(key, str) else f"{key[0]} {key[1]}"


def vocabulary_of(texts: Iterable[str]) -> set[str]:
    """Every training feature string of ``texts`` (for tests and diagnostics)."""
    return {gram for text in texts for gram in training_analyzer(text)}
