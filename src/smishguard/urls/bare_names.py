"""When a name written without ``http://`` counts as a link.

SMS ham is full of ``word.word`` that is not a link: a sentence end without a space
(``ok.lor``, ``hi.how r u``, ``home.Call me``), abbreviations (``e.g.``, ``U.S.A``), times and
amounts (``5.30pm``, ``12.50``). Most generic top-level domains are English words
(``.how``, ``.call``, ``.you``, ``.love``, ``.now``) and many country codes are English or
Spanish words (``.it``, ``.in``, ``.me``, ``.so``, ``.es``, ``.de``, ``.la``), so "the suffix is
on the Public Suffix List" alone would turn ordinary chat into links.

Every bare name needs a suffix on the Public Suffix List, and its top-level domain written in
lower case (or the whole name in capitals): that rejects the glued sentence ``home.Call`` (the
extractor then retries without up to three trailing labels, to find ``acme.com`` in
``acme.com.Call me``). Then, from the strongest cue in the writing to the weakest:

* ``www.``, a bracketed dot (``[.]``, ``(dot)``) or a port: nothing more.
* a path (``acme.com/login``, ``t.me/acme``): nothing more. A name that is itself a public
  suffix (``gov.uk/tax``) counts only with a path.
* spelled-out ``acme-okta dot com``: a common top-level domain, and not ``the dot com``.
* nothing (``acme-okta.com``): a name part of two characters or more (or a shortener, ``t.co``)
  and either a top-level domain in ``COMMON_TLDS`` (chosen so that none is a frequent word in
  English or Spanish chat), or a two-label public suffix (``acme.co.uk``), or a hyphen in the
  name (``acme-okta.it``), or a known shortener.

So ``correos.es`` alone is not a link (``Gracias.es tarde`` looks just the same), while
``correos.es/envios``, ``www.correos.es`` and ``correos-envios.es`` are. A bare IPv4 address
needs a port, path or bracketed dot, unless its first number has two digits or more:
``1.2.3.4`` alone may be a version number. ``tests/urls/test_corpus.py`` holds the rules to
the shared ham corpora: every link they find there is a real domain.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

from smishguard.domains.registrable import HostParts
from smishguard.urls.hosts import is_dotted_quad
from smishguard.urls.shorteners import is_shortener_host

# Common top-level domains, and those smishing uses most, that are not frequent words in
# English or Spanish chat (in SMS-speak "gd" is good, "ru" is "are you", "ar" ends Singlish
# sentences, so they are left out too). Each one is checked against the bundled PSL in tests.
COMMON_TLDS: Final[frozenset[str]] = frozenset(
    {
        # generic
        "com",
        "net",
        "org",
        "info",
        "biz",
        "edu",
        "gov",
        "mil",
        "mobi",
        "pro",
        "asia",
        "io",
        "ai",
        "app",
        "dev",
        # new generic ones much used for phishing and spam
        "top",
        "xyz",
        "icu",
        "vip",
        "cfd",
        "sbs",
        "bond",
        "cyou",
        "buzz",
        "lat",
        "online",
        "site",
        "website",
        "store",
        "shop",
        "club",
        "live",
        "link",
        "click",
        "support",
        "tech",
        "cloud",
        "space",
        "host",
        "services",
        "center",
        "network",
        "digital",
        "solutions",
        "agency",
        "group",
        "finance",
        "bank",
        "loan",
        "delivery",
        "express",
        "claims",
        "monster",
        "quest",
        # country codes that are not words in English or Spanish chat
        "uk",
        "us",
        "ca",
        "au",
        "nz",
        "ie",
        "mx",
        "cl",
        "co",
        "ec",
        "uy",
        "py",
        "bo",
        "cr",
        "gt",
        "hn",
        "sv",
        "br",
        "pt",
        "fr",
        "nl",
        "eu",
        "ch",
        "cz",
        "pl",
        "cn",
        "jp",
        "kr",
        "hk",
        "sg",
        "tw",
        "vn",
        "ng",
        "ke",
        "tk",
        "ml",
        "ga",
        "cf",
        "gq",
        "ly",
        "gl",
        "cc",
        "pw",
        "ws",
        "tv",
    }
)

# ``the dot com`` is a phrase, not a domain.
SPELLED_DOT_STOPWORDS: Final[frozenset[str]] = frozenset(
    {
        "a",
        "an",
        "and",
        "her",
        "his",
        "its",
        "my",
        "of",
        "or",
        "our",
        "polka",
        "that",
        "the",
        "their",
        "this",
        "your",
    }
)


class Cue(IntEnum):
    """How strongly the writing itself says "this is a link", weakest first."""

    NONE = 0  # acme.com
    SPELLED = 1  # acme dot com
    PATH = 2  # acme.com/login
    MARKED = 3  # www.acme.com, acme[.]com, acme.com:8443


def might_count_as_link(written: str, cue: Cue) -> bool:
    """A quick necessary condition for ``counts_as_link``, checked before the PSL lookup.

    Chat is full of ``word.word`` candidates; most fail here without touching IDNA or the PSL.
    """
    name, _, tld = written.rpartition(".")
    if tld != tld.lower() and written != written.upper():
        return False
    if cue >= Cue.PATH:
        return True
    if not tld.isascii() or "." in name or "-" in name:
        return True  # IDN suffixes, possible two-label suffixes and hyphenated names
    return tld.lower() in COMMON_TLDS or is_shortener_host(written)


def counts_as_link(written: str, parts: HostParts, cue: Cue, *, is_shortener: bool) -> bool:
    """Whether a host name written without a scheme is a link (see the module docstring).

    ``written`` is the host as written, re-fanged, in its original case; ``parts`` the split
    of its ASCII form on the Public Suffix List.
    """
    if not parts.suffix:
        return False
    tld = written.rpartition(".")[2]
    if tld != tld.lower() and written != written.upper():
        return False  # a sentence glued on: "www.acme.com.Call me" (retried without "Call")
    if cue is Cue.MARKED:
        return bool(parts.name) or "." in parts.suffix
    last = parts.suffix.rpartition(".")[2]
    if not parts.name:
        # A public suffix itself, such as gov.uk, is a site too, but only with a path.
        return cue is Cue.PATH and "." in parts.suffix
    if cue is Cue.PATH:
        return True
    name = _written_name(written, parts)  # "bücher", not "xn--bcher-kva", for how it looks
    if len(name) < 2 and not is_shortener:
        return False
    if cue is Cue.SPELLED:
        return last in COMMON_TLDS and name.lower() not in SPELLED_DOT_STOPWORDS
    return last in COMMON_TLDS or "." in parts.suffix or "-" in name or is_shortener


def _written_name(written: str, parts: HostParts) -> str:
    labels = written.split(".")
    depth = parts.suffix.count(".") + 2
    # UTS 46 may map a character to a dot ("⒈" → "1."): then fall back to the ASCII name.
    return labels[-depth] if len(labels) >= depth else parts.name


def address_counts_as_link(written: str, cue: Cue) -> bool:
    """Whether a bare IPv4 address is a link: ``1.2.3.4`` alone may be a version number.

    It must be a plain dotted quad; with a port, path or defanged dot it counts; alone it
    counts when its first number has two digits or more (``103.208.86.96``, ``10.0.0.1``).
    """
    if not is_dotted_quad(written):
        return False
    return cue >= Cue.PATH or (written[0] != "0" and written.index(".") >= 2)
