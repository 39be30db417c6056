"""Permutations: every name is valid and new, and the look-alike index reads them back."""

from __future__ import annotations

import idna
import pytest

from smishguard.domains.homoglyphs import skeleton, to_ascii
from smishguard.domains.lookalike import LookalikeIndex
from smishguard.domains.permutations import iter_permutations, permutations
from smishguard.errors import InvalidInput
from smishguard.policy import DEFAULT_KEYWORDS, Brand, Policy

CATEGORIES = [
    "addition", "bitsquatting", "homoglyph", "hyphenation", "insertion", "omission",
    "repetition", "replacement", "subdomain", "transposition", "vowel-swap", "keyword",
    "tld-swap", "dictionary", "product",
]  # fmt: skip


@pytest.fixture(scope="module")
def twilio() -> dict[str, tuple[str, ...]]:
    return permutations("twilio.com", DEFAULT_KEYWORDS)


def test_categories_in_order(twilio: dict[str, tuple[str, ...]]) -> None:
    assert list(twilio) == CATEGORIES
    assert all(twilio[c] for c in CATEGORIES if c != "product")
    assert twilio["product"] == ()  # Twilio makes no product of the built-in ones


def test_names_are_valid_new_and_unique(twilio: dict[str, tuple[str, ...]]) -> None:
    everything = [name for names in twilio.values() for name in names]
    assert len(everything) == len(set(everything))
    assert "twilio.com" not in everything
    for name in everything:
        assert len(name) <= 253
        assert idna.decode(name)  # IDNA accepts it (punycode included)


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("addition", "twilios.com"),
        ("bitsquatting", "twilio.com".replace("w", "v", 1)),
        ("homoglyph", "twil1o.com"),
        ("hyphenation", "twi-lio.com"),
        ("insertion", "twilkio.com"),
        ("omission", "twlio.com"),
        ("repetition", "twwilio.com"),
        ("replacement", "twilii.com"),
        ("subdomain", "twil.io.com"),
        ("subdomain", "twilio.com-login.xyz"),
        ("transposition", "twiilo.com"),
        ("vowel-swap", "twilia.com"),
        ("keyword", "twilio-okta.com"),
        ("keyword", "oktatwilio.xyz"),
        ("keyword", "sso-twilio.net"),
        ("tld-swap", "twilio.xyz"),
        ("dictionary", "twilio-okta-sso.com"),
    ],
)
def test_examples(twilio: dict[str, tuple[str, ...]], category: str, expected: str) -> None:
    assert expected in twilio[category]


def test_a_makers_products_are_permuted_and_read_back_as_the_maker() -> None:
    names = permutations("apple.com", DEFAULT_KEYWORDS)["product"]
    assert {"appleid-login.com", "loginappleid.com", "appleid.top", "applecare.vip"} <= set(names)
    assert "appleid.com" not in names  # Apple's own
    index = LookalikeIndex.from_policy(Policy(brands=(Brand("Apple", ("apple.com",)),)))
    keyworded = [n for n in names if "-" in n]
    found = [n for n in keyworded if (m := index.match(n)) is not None and m.brand == "Apple"]
    assert len(found) == len(keyworded), sorted(set(keyworded) - set(found))[:10]


def test_keyword_combos_cover_both_orders_and_tlds() -> None:
    found = permutations("acme.com", ["okta"])["keyword"]
    for form in ("acme-okta", "okta-acme", "acmeokta", "oktaacme"):
        for tld in ("com", "net", "org", "us", "co", "io", "info", "xyz", "online", "site", "app"):
            assert f"{form}.{tld}" in found


def test_takes_the_registrable_name_of_a_host() -> None:
    assert "acme-okta.co.uk" in permutations("www.acme.co.uk", ["okta"])["keyword"]


@pytest.mark.parametrize("bad", ["", "acme", "com", "co.uk", "-acme.com", "a..b", "acme .com"])
def test_rejects_non_domains(bad: str) -> None:
    with pytest.raises(InvalidInput):
        permutations(bad, DEFAULT_KEYWORDS)


def test_flat_stream() -> None:
    items = list(iter_permutations("acme.com", ["okta"]))
    assert items[0].category == "addition"
    # one keyword makes no dictionary names; Acme makes no built-in product
    assert {item.category for item in items} == set(CATEGORIES) - {"dictionary", "product"}


def test_idn_homoglyphs_are_punycode_of_lookalikes(twilio: dict[str, tuple[str, ...]]) -> None:
    idn = [name for name in twilio["homoglyph"] if name.startswith("xn--")]
    assert len(idn) >= 5
    for name in idn:
        label = idna.decode(name).split(".")[0]
        reading = to_ascii(label)
        assert reading is not None
        assert skeleton(reading) == skeleton("twilio")


# Categories the index reads back in full for a strong name, and the least share it must read
# back of the others (it skips mistakes at the first letter, plural s, digits, words, …;
# a letter added to or left out of a name under 8 letters counts only where phishing sites
# live, below).
@pytest.mark.parametrize(
    ("category", "least"),
    [
        ("homoglyph", 1.0), ("hyphenation", 1.0), ("keyword", 1.0), ("dictionary", 1.0),
        ("tld-swap", 1.0), ("repetition", 0.5), ("transposition", 0.75), ("subdomain", 0.95),
        ("insertion", 0.4), ("replacement", 0.25),
        ("bitsquatting", 0.4), ("vowel-swap", 0.4),
    ],
)  # fmt: skip
def test_index_reads_permutations_back(
    twilio: dict[str, tuple[str, ...]], category: str, least: float
) -> None:
    index = LookalikeIndex.from_policy(Policy(brands=(Brand("Twilio", ("twilio.com",)),)))
    names = twilio[category]
    found = [n for n in names if (m := index.match(n)) is not None and m.brand == "Twilio"]
    assert len(found) >= least * len(names), sorted(set(names) - set(found))[:10]


@pytest.mark.parametrize(
    ("category", "least"),
    [("hyphenation", 1.0), ("homoglyph", 0.9), ("keyword", 0.9), ("repetition", 1.0)],
)
def test_index_reads_back_a_long_everyday_words_permutations(category: str, least: float) -> None:
    """telegram is an English word, but of 8 letters: no other word is its hyphenation, its
    Unicode spelling or it run together with a sign-in word (only everyday keywords such as
    telegram-service stay unreported)."""
    policy = Policy(brands=(Brand("Telegram", ("telegram.org",)),))
    index = LookalikeIndex.from_policy(policy)
    names = permutations("telegram.org", policy.keywords)[category]
    found = [n for n in names if (m := index.match(n)) is not None and m.brand == "Telegram"
             and m.score >= policy.thresholds.suspicious]  # fmt: skip
    assert len(found) >= least * len(names), sorted(set(names) - set(found))[:10]


SHORT_AND_LONG = Policy(
    brands=(Brand("Twilio", ("twilio.com",)), Brand("Microsoft", ("microsoft.com",)))
)


def read_back(names: list[str], brand: str) -> list[str]:
    """The names SHORT_AND_LONG's index reports (suspicious or more) as ``brand``'s."""
    index = LookalikeIndex.from_policy(SHORT_AND_LONG)
    suspicious = SHORT_AND_LONG.thresholds.suspicious
    return [n for n in names if (m := index.match(n)) is not None and m.brand == brand
            and m.score >= suspicious]  # fmt: skip


def test_letters_added_to_a_short_name_count_where_phishing_sites_live(
    twilio: dict[str, tuple[str, ...]],
) -> None:
    """twilioa.com is weak evidence (tiktokv.com and trezorx.com are real sites); on a cheap
    ending the same names are suspicious, as are letters added to a name of 8 or more."""
    labels = [n.split(".")[0] for n in twilio["addition"]]
    # letters only: digits are versions (twilio2); twilioo doubles the last letter (repetition)
    letters = [f"{label}.com" for label in labels if label[-1].isalpha() and label[-1] != label[-2]]
    assert len(letters) >= 20
    assert read_back(letters, "Twilio") == []
    on_top = [n.removesuffix(".com") + ".top" for n in letters]
    assert len(read_back(on_top, "Twilio")) >= 0.9 * len(on_top)
    longer = [n for n in permutations("microsoft.com", ())["addition"]
              if n.split(".")[0][-1] not in "s0123456789"]  # fmt: skip
    assert len(read_back(longer, "Microsoft")) >= 0.9 * len(longer)


def test_a_letter_left_out_of_a_short_name_counts_where_phishing_sites_live(
    twilio: dict[str, tuple[str, ...]],
) -> None:
    """twilo.com is weak evidence (klara.com, telkom.co.za and docer.com are real sites:
    Klarna, Telekom and Docker with a letter left out); where phishing sites live, or beside
    a keyword, it is a typo, as a longer name's is anywhere."""
    left_out = list(twilio["omission"])
    assert len(left_out) >= 5
    assert read_back(left_out, "Twilio") == []
    on_top = [n.removesuffix(".com") + ".top" for n in left_out]
    assert len(read_back(on_top, "Twilio")) >= 0.5 * len(on_top)
    beside_keyword = [n.removesuffix(".com") + "-login.com" for n in left_out]
    assert len(read_back(beside_keyword, "Twilio")) >= 0.5 * len(beside_keyword)
    longer = permutations("microsoft.com", ())["omission"]
    assert len(read_back(list(longer), "Microsoft")) >= 0.5 * len(longer)
