"""How the look-alike index reads a host: its labels, their tokens and skeletons.

Kept apart from :mod:`~smishguard.domains.lookalike` so the index module is about matching.
"""

from __future__ import annotations

from typing import Final

import idna

from smishguard.domains.homoglyphs import skeleton, to_ascii

MAX_HOST: Final = 253  # longer names are not host names: rejected before any work
MAX_LABEL: Final = 63  # nor are names with a longer label
# Labels that spell a domain out around a brand: www-acme-com, acme.com-login.xyz.
TLD_WORDS: Final = frozenset(
    ("com", "net", "org", "co", "io", "us", "uk", "info", "biz", "gov", "edu", "es", "mx")
)
# Language labels in front of a brand's host (zh.acme.com, en.acme.com): joined to the name by
# a hyphen in front of it (zh-acme.com) they spell the host name out, as www-acme.com does.
# Not country labels, nor after the name: brands name their regional domains so
# (kr-weathernews.com, ubuntu-fr.org, tiktokv-eu.com in the popular-domain lists).
LANGUAGES: Final = frozenset(("en", "zh", "ja", "ko", "vi", "he", "el", "da", "sv", "cs", "fa"))
# What spells a host out only in front of it: a language and a URL's scheme
# (https-www-acme.com is https://www.acme.com).
IN_FRONT: Final = LANGUAGES | {"http", "https"}
HOST_FILLERS: Final = IN_FRONT | {"www"}  # what a written host name starts with, dot hyphenated
FILLER_WORDS: Final = TLD_WORDS | HOST_FILLERS  # every word that spells a host out
FILLERS: Final = (*sorted(TLD_WORDS | IN_FRONT), "www")
# Keywords that are everyday compounds with a common word (box-office, target-online): beside
# a tiny or word brand name they do not point at a sign-in page, so they do not count there.
# fmt: off
GENERIC_KEYWORDS: Final = frozenset((
    "office", "service", "team", "staff", "online", "web", "app", "my", "mobile", "personal",
    "connect", "corp", "desk", "remote", "schedule", "benefits", "customer", "it", "hr", "id",
    "portal", "admin", "access",
))
# fmt: on
# Words companies name their own sites with, run on to their name (alibabacorp.com,
# sonymobile.com, quickbooksconnect.com, yandex-team.ru, redditmail.com; a payment product,
# samsungpay.com; staff sites, uberinternal.com): beside a distinctive name and nothing else,
# only weak evidence (0.38), raised where phishing sites live.
OWN_SITE_WORDS: Final = frozenset(
    ("corp", "mobile", "connect", "team", "mail", "pay", "internal")
)
# Legacy generic endings; with the two-letter country endings, the "established" ones.
ESTABLISHED_TLDS: Final = frozenset(
    ("com", "net", "org", "edu", "gov", "int", "mil", "info", "biz")
)
# Frequent subdomain labels (DNS popularity lists, CT logs); those holding no brand name of a
# policy are skipped outright.
# fmt: off
COMMON_LABELS: Final = (
    "www", "www1", "www2", "mail", "webmail", "smtp", "imap", "pop", "mx", "ns1", "ns2", "ftp",
    "api", "apis", "cdn", "static", "assets", "img", "images", "media", "video", "files", "data",
    "app", "apps", "web", "mobile", "login", "auth", "secure", "accounts", "account", "id",
    "support", "help", "blog", "shop", "store", "news", "docs", "status", "portal", "admin", "dev",
    "test", "stage", "staging", "prod", "beta", "cloud", "edge", "dns", "cpanel", "autodiscover",
    "webdisk", "whm", "cpcalendars", "cpcontacts", "email", "link", "links", "click", "track",
    "tracking", "analytics", "stats", "metrics", "ads", "pixel", "tag", "sync", "events", "push",
    "live", "stream", "download", "upload", "content", "origin", "cache", "proxy", "vpn", "remote",
    "gateway", "service", "services", "config", "update", "updates", "global", "prod-east",
    "prod-west", "east", "west", "north", "south", "eu", "us", "uk", "en", "es", "de", "fr", "jp",
    "cn", "my", "go", "dashboard", "console", "connect", "sso", "m", "wap", "h5",
)
# fmt: on

# A label as the index reads it, a plain tuple because one is made per label in the hot path:
# (ASCII reading, tokens of its skeleton or None when one token, flat skeleton, ASCII reading
# without hyphens, label as people see it, is Unicode).
Reading = tuple[str, list[str] | None, str, str, str, bool]


def read_label(label: str) -> Reading | None:
    """Read one label; None when it is undecodable punycode or unreadable Unicode (日本)."""
    text = label
    shown = label
    if label.startswith("xn--"):
        try:
            shown = label[4:].encode("ascii").decode("punycode")
        except UnicodeError:
            return None
        reading = to_ascii(shown)
        if reading is None:
            return None
        text = reading
    elif "_" in label:  # kits separate words with it as with a hyphen (uphold_login)
        text = label.replace("_", "-")
    sk = skeleton(text)
    if "-" in sk:
        tokens = [t for t in sk.split("-") if t]
        flat = "".join(tokens)
        return text, tokens, flat, text.replace("-", ""), shown, shown is not label
    return text, None, sk, text, shown, shown is not label


def unpaired(read: Reading) -> tuple[str, list[str] | None] | None:
    """The label's skeleton with single letters folded only, and its tokens (None for one
    token), when a folded pair (``rn`` as ``m``, ``vv``, ``cl``) made the skeleton shorter: the
    pair may straddle a name's edge and hide it (``santandernet``). None when none was folded."""
    text, tokens, flat, orig = read[0], read[1], read[2], read[3]
    if len(flat) >= len(orig):
        return None
    single = skeleton(text, pairs=False)
    if tokens is None:
        return single, None
    parts = [t for t in single.split("-") if t]
    return "".join(parts), parts


def as_shown(part: str, reading: str, shown: str) -> str:
    """``part`` of a Unicode label's ASCII ``reading`` in the label's own letters (``shown``,
    written as the reading is: both with their hyphens or both without): the reading gives
    one letter for each, so the places are the same. ``part`` itself when not found there."""
    at = reading.find(part)
    if at < 0 or len(shown) != len(reading):
        return part
    return shown[at : at + len(part)]


# Google Translate's web proxy serves any site at ``<host, dots as hyphens>.translate.goog``
# (en-wikipedia-org.translate.goog is en.wikipedia.org translated).
TRANSLATE_PROXY: Final = ("translate", "goog")


def proxied_host(labels: list[str]) -> str | None:
    """The host a Google Translate proxy name serves (``www-acme-com.translate.goog`` →
    ``www.acme.com``; the proxy writes a hyphen as two), else None."""
    if len(labels) != 3 or (labels[1], labels[2]) != TRANSLATE_PROXY or "-" not in labels[0]:
        return None
    return labels[0].replace("--", "\0").replace("-", ".").replace("\0", "-")


def to_ascii_host(host: str) -> str:
    """A Unicode host name in ASCII (punycode), or '' when it cannot be one."""
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except UnicodeError:
        try:
            return host.encode("idna").decode("ascii")
        except UnicodeError:
            return ""


def on_boundaries(tokens: list[str], start: int, end: int) -> bool:
    """Whether [start, end) of the joined tokens begins and ends between tokens."""
    pos = 0
    edges = {0}
    for token in tokens:
        pos += len(token)
        edges.add(pos)
    return start in edges and end in edges
