"""A brand name buried, perhaps misspelled, inside a tenant name on a free host.

The hosts are made up in the shapes kits use (a slip in the name, words glued around it).
"""

from __future__ import annotations

import pytest

from smishguard.domains.approximate import ApproximateNames, pieces, slips_allowed
from smishguard.domains.brandnames import NameTable, brand_names
from smishguard.domains.lookalike import LookalikeIndex
from smishguard.domains.words import english_words
from smishguard.model import ImitationKind as K
from smishguard.policy import Brand, Policy

BRANDS = (
    Brand("Banrural", ("banrural.com.gt",)),
    Brand("Garanti BBVA", ("garantibbva.com.tr",), aliases=("garanti",)),
    Brand("Coinbase", ("coinbase.com",)),
    Brand("Interac", ("interac.ca",)),
    Brand("Ledger", ("ledger.com",)),
    Brand("PayPal", ("paypal.com",)),
    Brand("Telegram", ("telegram.org",)),
    Brand("Netflix", ("netflix.com",)),
)


@pytest.fixture(scope="module")
def index() -> LookalikeIndex:
    return LookalikeIndex.from_policy(Policy(brands=BRANDS))


@pytest.mark.parametrize(
    ("host", "brand", "kind", "matched"),
    [
        # one slip, words glued on both sides
        ("mybanruarlportal.netlify.app", "Banrural", K.TYPO, "banruarl"),
        ("xqcoinbqseauth.webflow.io", "Coinbase", K.TYPO, "coinbqse"),
        # a letter left out, in consonant junk, on a dynamic-DNS name
        ("qqgrantixyz.duckdns.org", "Garanti BBVA", K.TYPO, "granti"),
        # the name whole inside a longer token, beside other tokens
        ("cdn-myledgerwalletz.webflow.io", "Ledger", K.KEYWORD, "ledger"),
        # or made plural, as kits write it (an English word of its own: ledgers)
        ("mywalletledgers.webflow.io", "Ledger", K.KEYWORD, "ledger"),
    ],
)
def test_a_name_inside_a_tenant_label_on_a_free_host(
    index: LookalikeIndex, host: str, brand: str, kind: K, matched: str
) -> None:
    found = index.match(host)
    assert found is not None, host
    assert (found.brand, found.kind, found.matched) == (brand, kind, matched)
    # weak evidence: just over the "suspicious" threshold, never alarming on its own
    assert 0.4 <= found.score < 0.5


@pytest.mark.parametrize(
    "host",
    [
        # the same names on a registered domain: not a free host, nothing
        "mybanruarlportal.com",
        "xqcoinbqseauth.net",
        # the window is part of an English word (intercom, not interac)
        "myintercomsite.netlify.app",
        # so is the name whole (interactive, not interac)
        "interactive-party-0563.framer.app",
        # a machine's hexadecimal id
        "c0deba5e1f2a3b.netlify.app",
        # a CDN is still a CDN (the brand's own customers' names live there)
        "paypal.cdn.cloudflare.net",
    ],
)
def test_nothing_elsewhere_or_in_words(index: LookalikeIndex, host: str) -> None:
    assert index.match(host) is None, host


def test_on_a_cheap_ending_only_a_whole_name_of_six_letters_counts(
    index: LookalikeIndex,
) -> None:
    found = index.match("telegramxq.top")  # a word brand glued to junk
    assert found is not None
    assert (found.brand, found.matched, found.score) == ("Telegram", "telegram", 0.45)
    # elsewhere a tag of two letters glued on is a kit's copy, weaker (test_lookalike)
    elsewhere = index.match("telegramxq.com")
    assert elsewhere is not None
    assert (elsewhere.keyword, elsewhere.score) == ("xq", 0.42)
    assert index.match("telegramxqzv.com") is None  # junk, not a tag
    assert index.match("netfilmz.top") is None  # a slip there is mostly other words


@pytest.mark.parametrize("host", ["paypal-login.duckdns.org", "paypal-login.ydns.eu"])
def test_a_dynamic_dns_tenant_is_judged_like_any_free_host(
    index: LookalikeIndex, host: str
) -> None:
    """duckdns.org and ydns.eu hold "dns" but give anyone a name: they are not DNS steering."""
    found = index.match(host)
    assert found is not None
    assert found.brand == "PayPal"
    assert found.score >= 0.9


def test_pieces_cover_the_name_in_order() -> None:
    for name in ("banrural", "coinbase", "ledger", "instagram", "mercadolibre"):
        k = slips_allowed(len(name))
        parts = pieces(name, k)
        assert len(parts) == k + 1
        assert "".join(p for _, p in parts) == name
        assert [o for o, _ in parts] == [sum(len(p) for _, p in parts[:i]) for i in range(k + 1)]


def test_slips_grow_with_the_name() -> None:
    assert [slips_allowed(n) for n in (5, 7, 8, 12)] == [1, 1, 2, 2]


def test_the_closest_name_wins_and_the_memo_keeps_answers() -> None:
    words = english_words()
    names = NameTable(brand_names(BRANDS, words)).by_skeleton.values()
    approximate = ApproximateNames(names, words)
    first = approximate.find("zzcoinbaseqq")
    assert first is not None
    assert (first.name.flat, first.edit) == ("coinbase", "beside")
    assert approximate.find("zzcoinbaseqq") is first
    assert approximate.find("nothinghere") is None


def test_no_slip_is_read_across_english_words() -> None:
    """A tenant of English words (4 letters or more) run together holds no brand read with a
    slip across them; a garble beside a word still counts."""
    index = LookalikeIndex.from_policy(Policy(brands=(
        Brand("Gemini", ("gemini.com",)), Brand("Steam", ("steampowered.com",)))))
    assert index.match("barragemislay.weebly.com") is None  # barrage|mislay: 'gemisl'
    assert index.match("softnessteapots.godaddysites.com") is None  # softness|teapots: 'stea'
    found = index.match("gemimiworld.weebly.com")  # gemimi is no word
    assert found is not None
    assert (found.brand, found.kind) == ("Gemini", K.TYPO)
