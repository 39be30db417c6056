"""How phishing-like the place around a brand name is: the ending, the host, the other labels.

A distinctive brand name beside words that are not keywords (``coinbase-hub``), glued to
junk (``paypal73qk``) or in front of someone else's domain (``trezor.qzvrk.cc``) has the shape
of many real names too (``google-analytics.com``, ``gemini.example.com``). What tells them
apart is where the name lives. Phishing names sit on free hosts and on the cheap new endings
and carry serial numbers and sign-in words; the brands' namesakes sit on ``.com`` and country
endings. :func:`context_level` is that test; the look-alike index asks it only for the
weak evidence (after a hit, so it costs nothing on the names that hold no brand).
"""

from __future__ import annotations

from typing import Final

# Endings where most look-alike names are registered (the top endings of the OpenPhish feed
# and of the abuse reports of Spamhaus and Interisle): cheap, new, or free. Not .com and the
# legacy endings, not country endings people use, not .app/.dev (many real developer sites).
# fmt: off
RISKY_TLDS: Final = frozenset((
    "top", "xyz", "vip", "shop", "icu", "cfd", "click", "sbs", "cyou", "site", "online", "live",
    "help", "bond", "life", "win", "world", "club", "one", "ink", "work", "guru", "buzz", "xin",
    "link", "qpon", "lol", "store", "website", "support", "rest", "monster", "quest", "fun",
    "space", "today", "mom", "cam", "best", "hair", "beauty", "skin", "makeup", "autos",
    "boats", "homes", "yachts", "motorcycles", "cloud", "cc",
    "pw", "su", "ws", "fit", "kim", "rent", "bar", "host",
    # (not Freenom's .tk, .ml, .ga, .cf, .gq: free until Freenom stopped registering in 2023,
    # country endings again since; one flagged feed host of 12,000 was there, and Google's
    # country sites are: google.ml, google.tk)
    # cheap new endings with look-alikes in the feed and none in Tranco or Umbrella, even under
    # 1,000 brands (not .ltd, .pics: youtubemp3.ltd, syosetu.pics are popular there)
    "onl", "company", "college", "solutions",
    # second levels where anyone registers for free or nearly (my.id is free to Indonesians)
    "my.id", "web.id", "biz.id",
    # and China's provincial second levels (hl.cn, tw.cn): no popular site in Tranco or
    # Umbrella, whole phishing campaigns in the feed
    *(f"{province}.cn" for province in (
        "ah", "bj", "cq", "fj", "gd", "gs", "gz", "gx", "ha", "hb", "he", "hi", "hl", "hn", "jl",
        "js", "jx", "ln", "nm", "nx", "qh", "sc", "sd", "sh", "sn", "sx", "tj", "xj", "xz", "yn",
        "zj", "hk", "mo", "tw",
    )),
))
# fmt: on
# Second levels where a brand beside other words is a lure though the brand's own names there
# are not (icloud.com.cn, samsunggalaxy.com.cn): whole campaigns in the feed write the brand
# among hyphenated words (hub-for-whatsapp.com.cn, go-net-whatsappweb.com.cn), and none of the
# hundreds of .com.cn names in Tranco and Umbrella is so written.
LURE_SECOND_LEVELS: Final = frozenset(("com.cn",))
# Words of a brand's own serving hosts (icloud-content, aliexpress-media): beside a brand on
# those second levels they are the brand's, not a lure.
SERVING_WORDS: Final = frozenset(
    ("content", "cdn", "static", "assets", "img", "images", "media", "video", "origin", "cache")
)
# Cloud endpoints whose tenant names are made by machines (storage buckets, load balancers,
# API hosts): a product name in them is the cloud's own customers' naming, not a lure.
CLOUD_ENDPOINTS: Final = frozenset(
    (
        "amazonaws.com",
        "windows.net",
        "azure.net",
        "azure.com",
        "googleapis.com",
        "cloudapp.net",
        "amazonaws.com.cn",
        "goog",
    )
)

# Context levels, weakest first.
NONE: Final = 0
POINTED: Final = 1
SERIAL: Final = 2
# The chosen label is hyphenated words ending in a serial (confirmation-id4936,
# guest-hotel73352): the shape of a kit's throwaway domains, not of a product's (signature365).
KIT_SERIAL: Final = 3
PLACE: Final = 4


def is_risky_tld(tld: str) -> bool:
    """One of the cheap endings where look-alikes are registered (.top, .xyz, .cc, .my.id)."""
    return tld in RISKY_TLDS


def is_lure_place(tld: str, label: str) -> bool:
    """Whether a chosen ``label`` on the ending ``tld`` (as :func:`ending` spells it) is a lure
    second level's name of hyphenated words, none a serving host's (hub-for-acme.com.cn, not
    acme-content.com.cn): read as on the cheap endings."""
    if tld not in LURE_SECOND_LEVELS:
        return False
    words = label.split("-")
    return len(words) > 1 and SERVING_WORDS.isdisjoint(words)


def ending(labels: list[str]) -> str:
    """The ending a host is registered under, as :data:`RISKY_TLDS` spells it: a cheap or lure
    second level with its top level (``my.id``, ``com.cn``), else the top-level label."""
    if len(labels) > 2:
        second = labels[-2] + "." + labels[-1]
        if second in RISKY_TLDS or second in LURE_SECOND_LEVELS:
            return second
    return labels[-1]


def is_cloud_endpoint(labels: list[str]) -> bool:
    n = len(labels)
    return (
        labels[-1] in CLOUD_ENDPOINTS
        or (n > 2 and f"{labels[-2]}.{labels[-1]}" in CLOUD_ENDPOINTS)
        or (n > 3 and f"{labels[-3]}.{labels[-2]}.{labels[-1]}" in CLOUD_ENDPOINTS)
    )


def serial_token(tokens: list[str]) -> str:
    """The first token that carries a serial number, three digits or more (att-208461,
    id73015), else ''."""
    for token in tokens:
        digits = 0
        for c in token:
            if c.isdigit():
                digits += 1
        if digits >= 3:
            return token
    return ""


def has_serial(tokens: list[str]) -> bool:
    """Whether a token carries a serial number (:func:`serial_token`)."""
    return serial_token(tokens) != ""


def ends_in_serial(tokens: list[str]) -> bool:
    """Whether hyphenated tokens end in a serial of three digits or more
    (``confirmation-id4936``; not ``signature365``, one token)."""
    if len(tokens) < 2:
        return False
    last = tokens[-1]
    digits = len(last) - len(last.rstrip("0123456789"))
    return digits >= 3


def context_level(labels: list[str], at: int, free: bool, pointed: frozenset[str]) -> int:
    """How phishing-like the place of a host is: :data:`PLACE` on a free host, a risky ending,
    or a lure second level with the chosen label of hyphenated words; :data:`KIT_SERIAL` with
    the chosen label of hyphenated words ending in a serial (:func:`ends_in_serial`),
    :data:`SERIAL` with a serial number elsewhere in it; :data:`POINTED` with a pointed
    keyword (login, verify; not online) as a token of any label; else :data:`NONE`.

    ``labels`` is the host split on dots, ``at`` the index of the chosen label (the tenant on
    a free host), ``pointed`` the policy's pointed keywords as written.
    """
    if is_cloud_endpoint(labels):
        return NONE
    place = ending(labels)
    if free or is_risky_tld(place) or is_lure_place(place, labels[at]):
        return PLACE
    level = NONE
    for i in range(at + 1):
        tokens = labels[i].split("-")
        if i == at and has_serial(tokens):
            return KIT_SERIAL if ends_in_serial(tokens) else SERIAL
        if level == NONE:
            for token in tokens:
                if token in pointed:
                    level = POINTED
                    break
    return level
