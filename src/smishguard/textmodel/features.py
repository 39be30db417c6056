"""From SMS text to the text model's features: folded tokens, each read as character n-grams.

The model must judge the *wording*, not the era a message comes from. The training data is
mostly 2003–2011 SMS: its ham is personal chat that almost never carries a link or a long
number, while today's legitimate texts (codes, delivery notices, bank alerts, IT notices)
always do. So:

- **Links and e-mail addresses are dropped**: adding, removing or changing one never changes
  the score (the URL detectors judge links; a link alone never makes a message phishing).
- **A number becomes its kind, or nothing.** In this data the strongest spam evidence is the
  kind of number, never its value: a UK premium-rate or shared-cost line (09…, 087…, 084…,
  070…), a freephone, mobile or other phone number, a 5-digit short code after "to" or "on"
  ("txt WIN to 80086"), a sum after a currency sign, a price in pence ("150p", "10p/min"), an
  age limit ("18+"); a clock time or a date is ordinary chat. Each becomes one *marker* token
  (:data:`MARKERS`: ``PREMIUM``, ``SHORTCODE``, ``MONEY`` …). Every other number is dropped
  with the letters glued after it ("2nd", "12hrs"): one-time codes, amounts without a
  currency sign, tracking, order and account numbers. So a code never makes a text spammy,
  and the value of a number never matters, only its kind.
- **Case and accents are folded** ("Información" → "informacion"); digits of any script count
  as digits.
- **Punctuation runs are tokens** ("!!", "...", "?"), and so are currency signs.
- Tatoeba's stock names (Tom, Mary, María) are dropped: in the Spanish ham proxy they are a
  shortcut to "ham" that real messages do not share.

A word or punctuation token is read as the set of its character n-grams of 2 and 5
characters, of the token padded with one space on each side ("winner" → " w", "wi", "in", "nn",
"ne", "er", "r ", " winn", "winne", "inner", "nner "; a padded token shorter than 5 is itself
one feature: " won "): spelling variants and obfuscations ("wkly", "txt", "FR33" → "fr")
share many n-grams with what they imitate. A marker is one atomic
feature. Since a token's features depend on that token alone, the model precomputes each known
token's contribution once and scores a message with one table lookup per token
(:mod:`smishguard.textmodel.linear`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import pairwise

# Stock names of the Tatoeba sentences (the Spanish ham proxy): never features.
EXCLUDED_TOKENS = frozenset({"tom", "mary", "maria"})

# Character n-gram sizes. Two and five characters score as well in cross-validation as all of
# 2..5 (see MODEL_CARD.md) with half the n-grams, and n-grams are the cost of an unknown word.
GRAM_SIZES = (2, 5)

# Marker tokens (upper case: folded text has no other upper-case ASCII) and how an
# explanation names them.
MARKERS: dict[str, str] = {
    "PREMIUM": "a premium-rate phone number",
    "FREEPHONE": "a freephone number",
    "MOBILE": "a mobile number",
    "PHONE": "a phone number",
    "SHORTCODE": "a short code to text",
    "MONEY": "a sum of money",
    "PENCE": "a price in pence",
    "AGELIMIT": "an age limit",
}

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

# Numbers worth keeping as their kind, on folded text (every repetition bounded). A match
# must not continue a longer number on either side, so "2016-10-29" is never a phone number
# and "£1.50" is one sum.
SHAPE_PATTERN = re.compile(
    r"""
    (?=[0-9+(])        # every shape starts here: lets the scan skip other characters fast
    (?:(?P<phone> (?<![0-9.,+]) \+?\(?[0-9][0-9 ().-]{7,17}[0-9] (?![0-9]|[.,][0-9]) )
    | (?P<short> (?<=\bto\ |\bon\ ) [0-9]{5} (?![0-9]|[.,][0-9]) )
    | (?P<money> (?:(?<=[£$€])|(?<=[£$€]\ )) [0-9][0-9,]{0,15}(?:\.[0-9]{1,4})?
                 (?![0-9]|[.,][0-9]) )
    | (?P<pence> (?<![0-9.,]) [0-9]{1,3}(?:\.[0-9]{1,2})?p(?:pm|/|(?![a-z])) )
    | (?P<age> (?<![0-9.]) 1[68]\+ ))
    """,
    re.VERBOSE,
)

_PREMIUM_PREFIXES = ("09", "087", "084", "070")
_SIMPLE_SHAPES = {
    "short": " SHORTCODE ",
    "money": " MONEY ",
    "pence": " PENCE ",
    "age": " AGELIMIT ",
}


def phone_kind(number: str) -> str:
    """The marker of a phone-like span ("09061 701461" → "PREMIUM"), or "" when it is not a
    phone number we can tell (tracking, order and account numbers: no marker)."""
    digits = "".join(c for c in number if c.isdigit())
    formatted = not number.isdigit()  # spaces, dashes, dots, parentheses or a leading +
    if number.startswith("+") or digits.startswith("00"):
        digits = digits.removeprefix("00")
        if not digits.startswith("44"):
            return "PHONE" if 10 <= len(digits) <= 15 else ""
        digits = "0" + digits[2:]
    elif digits.startswith("44") and len(digits) == 12:  # UK, country code without +
        digits = "0" + digits[2:]
    if digits.startswith("0"):  # a national number: its prefix says what kind
        if not 10 <= len(digits) <= 11:
            return ""
        if digits.startswith(_PREMIUM_PREFIXES):
            return "PREMIUM"
        if digits.startswith("080"):
            return "FREEPHONE"
        return "MOBILE" if digits.startswith("07") else "PHONE"
    if len(digits) == 10 and (digits[0] in "6789" or (formatted and digits[0] in "2345")):
        return "PHONE"  # an Indian mobile, or a written-out North American number
    if formatted and len(digits) == 11 and digits[0] == "1":
        return "FREEPHONE" if digits[1:4] in {"800", "888", "877", "866", "855"} else "PHONE"
    return ""


def _shape(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind == "phone":
        span = match.group()
        marker = phone_kind(span)
        if marker:
            return f" {marker} "
        # "call 09061701461 2 claim" reads as one 12-digit span: try its parts
        parts = span.split()
        kinds = [phone_kind(part) for part in parts]
        if any(kinds):
            return f" {' '.join(kind or part for kind, part in zip(kinds, parts, strict=True))} "
        return span
    return _SIMPLE_SHAPES[kind or ""]


# What stands in for a cut-out link: a character the tokenizer drops, so it leaves a gap
# (no word pair spans it), exactly as a link the tokenizer drops itself.
LINK_GAP = " \x00 "


def shape_numbers(folded: str) -> str:
    """``folded`` with its links and e-mail addresses cut out (digits inside a link are not a
    number) and every number of a known kind replaced by its marker token."""
    unlinked = LINK_PATTERN.sub(LINK_GAP, folded) if _LINK_STEP.search(folded) else folded
    return SHAPE_PATTERN.sub(_shape, unlinked)


# A link or an e-mail address, on folded text. The common case (a plain word) must not pay
# for the link patterns: the lookahead guard is an ASCII-only possessive scan that fails at
# once unless a ".", "@" or ":" follows inside the same run; only then are they tried.
_LINK = (
    r"""
    (?=[a-z0-9_+-]{0,64}+[.@:][a-z0-9/])     # guard: only runs with . @ : inside can be links
    (?: (?:https?://|hxxps?://|www\.)\S*+                          # scheme or www.
      | [\w.+-]{1,64}+@[\w-]{1,63}+(?:\.[\w-]{1,63}+){1,6}          # e-mail address
      | (?:[a-z0-9-]{1,63}+\.){1,6}(?:"""
    + _BARE_TLDS
    + r""")\b(?:/\S*+)?                     # bare domain, maybe a path
    )"""
)
LINK_PATTERN = re.compile(_LINK, re.VERBOSE)

# What follows a token's link alternative: numbers, words, markers, signs, marks, the rest.
_NOT_LINK = r"""
      [0-9]++(?:[.,:/-][0-9]++)*+[a-z]*+      # any other number, with its unit: dropped
    | ( [a-z]++(?:'[a-z]++)*+                 # a word (after folding), inner apostrophes kept
      | [A-Z]++                               # a marker from shape_numbers
      | [£$€]                                 # a currency sign
      | [!?.¡¿]{1,16}+                        # marks of tone: ! ? . … ¡ ¿
      )
    | [^\sa-zA-Z0-9£$€!?.¡¿]{1,16}+           # layout, symbols, other scripts: dropped
    )
    """

# Why it is shaped like this: each match first swallows the whitespace before its token (at
# most 32 characters per attempt, so a long run costs linear time); links come first; every
# repetition is bounded or possessive, so no input makes it quadratic.
TOKEN_PATTERN = re.compile(
    r"""
    \s{0,32}+                                # skip whitespace inside the match (no retries)
    (?:"""
    + _LINK
    + "\n    |"
    + _NOT_LINK,
    re.VERBOSE,
)
"""The tokenizer, applied to folded, shaped text. Links, e-mail addresses and numbers match
with an empty group, so ``findall`` yields ``""`` for them."""

# Every link alternative starts with the guard above, which needs one of these two-character
# steps: a text without one cannot hold a link, and skips the link patterns altogether (the
# guard alone, tried before every word, is a good part of the tokenizer's time).
_LINK_STEP = re.compile(r"[.@:][a-z0-9/]")
# TOKEN_PATTERN without its link alternative: the same tokens on text with no _LINK_STEP.
_UNLINKED_TOKEN_PATTERN = re.compile(
    r"""
    \s{0,32}+
    (?:"""
    + _NOT_LINK,
    re.VERBOSE,
)

# Letters that Unicode does not decompose but people write as plain ASCII.
_EXTRA_FOLDS = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d"}


def _fold_table() -> dict[int, str]:
    """Latin letters with accents, ligatures, full-width forms → plain lower-case ASCII;
    decimal digits of every script → ASCII digits."""
    table: dict[int, str] = {}
    ranges = (
        range(0x00C0, 0x0250),  # Latin-1 Supplement letters, Latin Extended-A and -B
        range(0x1E00, 0x1F00),  # Latin Extended Additional
        range(0xFB00, 0xFB07),  # Latin ligatures
        range(0xFF01, 0xFF5F),  # full-width ASCII
        range(0x1D400, 0x1D800),  # mathematical bold, italic ... letters and digits
    )
    for block in ranges:
        for code in block:
            decomposed = unicodedata.normalize("NFKD", chr(code))
            plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
            if plain and plain.isascii() and plain != chr(code):
                table[code] = plain
    for letter, plain in _EXTRA_FOLDS.items():
        table[ord(letter)] = plain  # text is lower-cased before folding
    table.update({ord("’"): "'", ord("‘"): "'", ord("`"): "'", ord("…"): "..."})
    for code in range(0x80, 0x10000):  # other scripts' digits (the BMP holds nearly all)
        value = unicodedata.decimal(chr(code), None)
        if value is not None:
            table.setdefault(code, str(value))
    return table


FOLD_TABLE = _fold_table()


def fold(text: str) -> str:
    """Lower case; accents, ligatures and full-width forms folded to ASCII."""
    lowered = text.lower()
    # Most SMS are ASCII: skip the (much slower) per-character translation for them.
    return lowered if lowered.isascii() else lowered.translate(FOLD_TABLE)


_has_digit = re.compile(r"[0-9]").search


def tokenize(text: str) -> list[str]:
    """Tokens of ``text``: words, punctuation runs, currency signs and markers; ``""`` marks
    a dropped span (a link, an e-mail address, a number of no known kind)."""
    folded = fold(text)
    if _has_digit(folded):
        folded = shape_numbers(folded)
    pattern = TOKEN_PATTERN if _LINK_STEP.search(folded) else _UNLINKED_TOKEN_PATTERN
    tokens: list[str] = pattern.findall(folded)
    return tokens


def token_pairs(tokens: Iterable[str]) -> set[tuple[str, str]]:
    """The distinct pairs of adjacent feature tokens ("claim", "now"); a gap (a link, a
    dropped number or symbol) or an excluded name breaks the chain."""
    return {
        (first, second)
        for first, second in pairwise(tokens)
        if is_feature_token(first) and is_feature_token(second)
    }


def pair_name(first: str, second: str) -> str:
    """A pair's feature name: the two tokens and one space (tokens never hold a space)."""
    return f"{first} {second}"


def split_pair(name: str) -> tuple[str, str] | None:
    """The two tokens of a pair's feature name, or None for an n-gram or a marker (an n-gram
    holds a space only at an end, from the padding: " won", "n ")."""
    first, space, second = name.partition(" ")
    return (first, second) if space and first and second else None


def is_marker(token: str) -> bool:
    """Is ``token`` a number's kind (``PREMIUM``, ``MONEY`` …) rather than text?"""
    return token in MARKERS


def is_feature_token(token: str) -> bool:
    """Does ``token`` carry features? (Not a dropped span, not an excluded name.)"""
    return bool(token) and token not in EXCLUDED_TOKENS


def gram_slices(size: int, sizes: tuple[int, ...] = GRAM_SIZES) -> tuple[slice, ...]:
    """The slices that cut the n-grams (of each length in ``sizes``, ascending) out of a padded
    token of ``size`` characters; a padded token no longer than an n-gram size is cut whole,
    once, and larger sizes are skipped."""
    cuts: list[slice] = []
    for n in sizes:
        if size <= n:
            cuts.append(slice(0, size))
            break
        cuts.extend(slice(i, i + n) for i in range(size - n + 1))
    return tuple(cuts)


def token_grams(token: str, sizes: tuple[int, ...] = GRAM_SIZES) -> list[str]:
    """The features of one token: a marker is itself; any other token gives the character
    n-grams of `` token `` (see :func:`gram_slices`). Duplicates are kept; take the set."""
    if token in MARKERS:
        return [token]
    padded = f" {token} "
    return [padded[cut] for cut in gram_slices(len(padded), sizes)]


def feature_label(token: str) -> str:
    """How an explanation shows a token: a marker's description, else the token."""
    return MARKERS.get(token, token)
