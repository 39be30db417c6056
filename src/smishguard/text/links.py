"""Where links sit in normalized text, so that words inside them are not read as prose.

``acme-okta.com/login`` says "okta" and "login", but those words are the link's, judged by the
link detector; counting them again as a brand mention or a sign-in cue would count them twice.
"""

from __future__ import annotations

import re

__all__ = ["LINK_NEIGHBOURS", "inside_link"]

_LINK_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._/@:%?=&#~+-")
_NOT_LINK_CHAR = re.compile(r"[^a-z0-9._/@:%?=&#~+-]")
_DOT_NAME = re.compile(r"\.[a-z0-9]")
# A match can only be inside a link if a neighbour is one of these: the cheap test that keeps
# ordinary words away from the scan below.
LINK_NEIGHBOURS = frozenset(".-_/@:%?=&#~+")
# How far around a match to look for the rest of its link. Bounded so that a 100 KB run of
# link characters costs a few hundred steps per match, not a scan of the whole text.
_LEFT, _RIGHT = 128, 256


def inside_link(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` lies in a host name, URL or e-mail address.

    The run of link characters around the span must hold a dot followed by a letter or
    digit (``acme.com``, ``x.co/login``, ``it@acme.com``); a full stop ending a sentence
    does not count.
    """
    limit = min(len(text), end + _RIGHT)
    stop = _NOT_LINK_CHAR.search(text, end, limit)
    right = stop.start() if stop else limit
    left, floor = start, max(0, start - _LEFT)
    while left > floor and text[left - 1] in _LINK_CHARS:
        left -= 1
    return _DOT_NAME.search(text, left, right) is not None
