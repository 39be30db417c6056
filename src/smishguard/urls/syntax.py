"""How links are written in texts: the regular expressions, and why they stay linear.

``CANDIDATE`` matches either a link with a scheme (``https://``, ``hxxps[:]//``, ``ftp://``),
optional userinfo, and a host or bracketed IPv6 literal; or a bare host of two labels or more.
Then an optional port and path. Python decides afterwards whether a candidate is a link.

The expression runs in linear time on any input:

* labels and separators use disjoint characters, and labels are possessive, so a host has one
  way to match and nothing is given back;
* a bare host may not start right after a label character, a dot or '@' (fixed-width
  look-behind), so a run like ``a.a.a…`` or the domain of ``john@acme.com`` is tried once;
* the only backtracking is the optional userinfo, bounded by the next ``/``, space or ``?``.

``HINT`` is the quick pre-check: every candidate holds a dot between label characters, a
bracketed dot, ``//`` or a spelled-out `` dot ``. Each branch starts with a literal so the
engine skips ahead fast; the spelled-out dots are found with ``str.find``.
"""

from __future__ import annotations

import re
from typing import Final

# Characters of a host label: word characters of any script, '-' and the full-width '－',
# combining marks (``a\u0301cme``: not word characters to ``re``), variation selectors, and the
# invisible ones IDNA deletes or rejects (soft hyphen, zero-width space and joiners, word
# joiner, BOM), so that ``acme\u200b-okta.com`` is one name, as a browser would read it.
LABEL_CHARS: Final = (
    r"\-\w\uff0d\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    r"\ufe00-\ufe0f\u00ad\u200b-\u200d\u2060\ufeff"
)
LEADING_JUNK: Final = "-_\u00ad\u200b\u200c\u200d\u2060\ufeff"  # never starts a bare name
WIDE_DOTS: Final = "\u3002\uff0e\uff61"  # ideographic and full-width full stops: IDNA dots
SPELLED_DOTS: Final = (" dot ", " DOT ", " Dot ")  # exactly these, so str.find can look
SPELLED_DOT_WORDS: Final = frozenset(s.strip() for s in SPELLED_DOTS)

_DOT_WORD = "(?:dot|DOT|Dot)"
_BRACKET_DOT = (
    rf"\ ?(?:\[\ ?(?:\.|{_DOT_WORD})\ ?\]|\(\ ?{_DOT_WORD}\ ?\)|\{{\ ?{_DOT_WORD}\ ?\}})\ ?"
    r"|\(\.\)|\{\.\}"
)
_SEP = rf"(?:\.|[{WIDE_DOTS}]|{_BRACKET_DOT}|\ {_DOT_WORD}\ )"
_LABEL = rf"[{LABEL_CHARS}]++"  # possessive: nothing after a label can start with its chars

CANDIDATE: Final = re.compile(
    rf"""
    (?:
        (?<![^\W\d_])                                   # not glued to a word before it
        (?P<scheme>(?i:h[tx]{{2}}ps?|f[tx]ps?))
        (?P<colon>://|\[:\]//|\(:\)//|\{{:\}}//|\[://\])
        (?:(?P<userinfo>[^\s/?\#<>"\\]*)@)?
        (?:(?P<ipv6>\[[0-9a-fA-F:.]+\])|(?P<shost>{_LABEL}(?:{_SEP}{_LABEL})*))
    |
        (?<![{LABEL_CHARS}.@])                          # not inside a name or an address
        (?P<bhost>{_LABEL}(?:{_SEP}{_LABEL})+)
    )
    (?P<rootdot>\.(?=[:/?\#]))?
    (?::(?P<port>\d{{1,5}})(?!\w))?
    (?P<path>[/?\#][^\s<>"]*+)?
    """,
    re.VERBOSE,
)

_DOT_HINT = rf"(?<=[{LABEL_CHARS}].)(?=[{LABEL_CHARS}])"
HINT: Final = re.compile(
    rf"""
    \.{_DOT_HINT} | \u3002{_DOT_HINT} | \uff0e{_DOT_HINT} | \uff61{_DOT_HINT}
    | \[\ ?(?:\.|{_DOT_WORD}) | \(\ ?(?:\.|{_DOT_WORD}) | \{{\ ?(?:\.|{_DOT_WORD})
    | //
    """,
    re.VERBOSE,
)

FANCY_CHAR: Final = re.compile(rf"[\ \[({{{WIDE_DOTS}]")  # in every separator but '.'
FANCY_SEP: Final = re.compile(rf"{_BRACKET_DOT}|\ {_DOT_WORD}\ |[{WIDE_DOTS}]", re.VERBOSE)
SEP_SPLIT: Final = re.compile(rf"({_SEP})", re.VERBOSE)
INLINE_DEFANG: Final = re.compile(
    rf"\[\.\]|\(\.\)|\{{\.\}}|\[{_DOT_WORD}\]|\({_DOT_WORD}\)|\{{{_DOT_WORD}\}}"
)


def split_labels(host: str) -> tuple[list[str], list[str]]:
    """Labels and the separators between them; no separators listed when all are '.'."""
    if FANCY_CHAR.search(host) is None:
        return host.split("."), []
    pieces = SEP_SPLIT.split(host)
    return pieces[0::2], pieces[1::2]


def refang_host(written: str) -> tuple[str, bool]:
    """``acme[.]com`` → ``acme.com``, and whether anything was re-fanged."""
    if FANCY_CHAR.search(written) is None:
        return written, False
    return FANCY_SEP.sub(".", written), True


def refang_inline(written: str) -> tuple[str, bool]:
    """``/login[.]php`` → ``/login.php`` (paths, userinfo), and whether anything changed."""
    if "[" not in written and "(" not in written and "{" not in written:
        return written, False
    refanged, changes = INLINE_DEFANG.subn(".", written)
    return refanged, changes > 0


def is_bracketed(separator: str) -> bool:
    """``[.]``, ``(dot)``, `` [ . ] ``: a dot written to be unclickable."""
    return "[" in separator or "(" in separator or "{" in separator
