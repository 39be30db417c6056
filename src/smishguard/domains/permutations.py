"""Look-alikes an attacker might register for a domain, by category (dnstwist's and more).

:func:`permutations` writes the names; :class:`~smishguard.domains.lookalike.LookalikeIndex`
reads them back. Both use the same typo rules (:mod:`~smishguard.domains.typos`) and the same
look-alike characters (:mod:`~smishguard.domains.homoglyphs`).

Categories, in order (a name is listed once, under the first category that makes it):
addition, bitsquatting, homoglyph (ASCII and IDN, as punycode), hyphenation, insertion,
omission, repetition, replacement (keyboard neighbours), subdomain (``ac.me.com`` and
``acme.com-login.xyz``), transposition, vowel-swap, keyword (brand and keyword in both orders,
with and without a hyphen, on the domain's suffix and common TLDs), tld-swap, dictionary
(brand with two keywords: ``acme-okta-login.com``), product (a famous product's own name of
:mod:`~smishguard.domains.products`, alone or beside a keyword: ``appleid-login.com`` for
``apple.com``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

import idna

from smishguard.domains import typos
from smishguard.domains.homoglyphs import ascii_variants, unicode_variants
from smishguard.domains.products import PRODUCTS
from smishguard.domains.suffixes import suffix_table
from smishguard.errors import InvalidInput

# Where brand + keyword names are registered (cheap, generic, or the usual ones).
KEYWORD_TLDS: Final = (
    "com", "net", "org", "us", "co", "io", "info", "xyz", "online", "site", "app",
)
# Other endings for the brand's exact name, as seen in smishing (tolls, parcels, banks).
# fmt: off
SWAP_TLDS: Final = (
    *KEYWORD_TLDS, "biz", "top", "live", "shop", "store", "support", "help", "link", "click",
    "cc", "me", "vip", "icu", "sbs", "cfd", "buzz", "club", "pro", "tech", "services",
    "digital", "cloud", "page", "es", "mx", "uk", "co.uk", "de", "fr", "ca", "in",
)
# fmt: on
DICTIONARY_KEYWORDS: Final = 12  # the first keywords paired with each other: 12 x 11 names
_LABEL: Final = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


@dataclass(frozen=True, slots=True)
class Permutation:
    """One look-alike name and how it was made."""

    category: str
    domain: str


def _split(domain: str) -> tuple[str, str]:
    host = domain.strip().lower().rstrip(".")
    if host.startswith("*."):
        host = host[2:]
    if not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError as exc:
            raise InvalidInput(f"{domain!r} is not a domain name (try acme.com)") from exc
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise InvalidInput(f"{domain!r} is not a domain name (try acme.com)")
    icann, _ = suffix_table().depths(labels)
    if icann >= len(labels):
        raise InvalidInput(f"{domain!r} is a public suffix, not a registrable domain")
    return labels[-icann - 1], ".".join(labels[-icann:])


def _keyword_names(name: str, suffix: str, keywords: Sequence[str]) -> Iterator[str]:
    for keyword in keywords:
        for form in (
            f"{name}-{keyword}",
            f"{keyword}-{name}",
            f"{name}{keyword}",
            f"{keyword}{name}",
        ):
            for tld in dict.fromkeys((suffix, *KEYWORD_TLDS)):
                yield f"{form}.{tld}"


def _subdomain_names(name: str, suffix: str, keywords: Sequence[str]) -> Iterator[str]:
    for split in typos.dot_insertion(name):
        yield f"{split}.{suffix}"
    for keyword in keywords:
        for tld in ("xyz", "top", "info", "vip", "online"):
            yield f"{name}.{suffix}-{keyword}.{tld}"


def _homoglyph_names(name: str, suffix: str) -> Iterator[str]:
    for variant in sorted(ascii_variants(name)):
        yield f"{variant}.{suffix}"
    for variant in sorted(unicode_variants(name)):
        try:
            yield idna.encode(f"{variant}.{suffix}").decode("ascii")
        except idna.IDNAError:
            continue  # a look-alike IDNA 2008 refuses cannot be registered


def _dictionary_names(name: str, suffix: str, keywords: Sequence[str]) -> Iterator[str]:
    words = keywords[:DICTIONARY_KEYWORDS]
    for first in words:
        for second in words:
            if first != second:
                yield f"{name}-{first}-{second}.{suffix}"


def _product_names(domain: str, keywords: Sequence[str]) -> Iterator[str]:
    """The names of the products ``domain``'s owner makes, beside keywords and alone on the
    usual endings; never a product's own domain."""
    for product in PRODUCTS:
        if domain in product.makers:
            for name in product.names:
                yield from (f"{name}.{tld}" for tld in SWAP_TLDS
                            if f"{name}.{tld}" not in product.domains)
                yield from _keyword_names(name, "com", keywords)


def _is_valid(domain: str) -> bool:
    if len(domain) > 253:
        return False
    return all(_LABEL.match(label) for label in domain.split("."))


def permutations(domain: str, keywords: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Look-alike names of ``domain``'s registrable name, by category, without duplicates.

    ``keywords`` are the words put beside the brand (``policy.keywords``). Raises
    :class:`~smishguard.errors.InvalidInput` when ``domain`` is not a domain name.
    """
    name, suffix = _split(domain)
    words = [k for k in dict.fromkeys(k.strip().lower() for k in keywords) if _LABEL.match(k)]

    def on_suffix(make: Callable[[str], Iterable[str]]) -> Iterator[str]:
        return (f"{variant}.{suffix}" for variant in make(name))

    makers: dict[str, Iterable[str]] = {
        "addition": on_suffix(typos.addition),
        "bitsquatting": on_suffix(typos.bitsquatting),
        "homoglyph": _homoglyph_names(name, suffix),
        "hyphenation": on_suffix(typos.hyphenation),
        "insertion": on_suffix(typos.insertion),
        "omission": on_suffix(typos.omission),
        "repetition": on_suffix(typos.repetition),
        "replacement": on_suffix(typos.replacement),
        "subdomain": _subdomain_names(name, suffix, words),
        "transposition": on_suffix(typos.transposition),
        "vowel-swap": on_suffix(typos.vowel_swap),
        "keyword": _keyword_names(name, suffix, words),
        "tld-swap": (f"{name}.{tld}" for tld in SWAP_TLDS if tld != suffix),
        "dictionary": _dictionary_names(name, suffix, words),
        "product": _product_names(f"{name}.{suffix}", words),
    }
    seen = {f"{name}.{suffix}"}
    out: dict[str, tuple[str, ...]] = {}
    for category, names in makers.items():
        fresh: list[str] = []
        for candidate in names:
            if candidate not in seen and _is_valid(candidate):
                seen.add(candidate)
                fresh.append(candidate)
        out[category] = tuple(fresh)
    return out


def iter_permutations(domain: str, keywords: Sequence[str]) -> Iterator[Permutation]:
    """:func:`permutations` as a flat stream of (category, domain) records."""
    for category, domains in permutations(domain, keywords).items():
        for found in domains:
            yield Permutation(category=category, domain=found)
