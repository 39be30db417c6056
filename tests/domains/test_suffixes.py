"""The fast suffix walk agrees with tldextract (registrable.py) and knows free hosts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.domains.registrable import split_host
from smishguard.domains.suffixes import (
    BLOGSPOT_ENDINGS,
    EXTRA_FREE_HOSTS,
    is_infrastructure,
    is_restricted_suffix,
    suffix_table,
)
from smishguard.domains.words import english_words


def _registrable(host: str) -> str:
    labels = host.split(".")
    icann, private = suffix_table().depths(labels)
    depth = private or icann
    return ".".join(labels[-depth - 1 :]) if depth < len(labels) else ""


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.acme.com", "acme.com"), ("login.acme.co.uk", "acme.co.uk"),
        ("acme-login.pages.dev", "acme-login.pages.dev"),
        ("a.b.acme.vercel.app", "acme.vercel.app"),
        ("x.city.kawasaki.jp", "city.kawasaki.jp"), ("x.y.kawasaki.jp", "x.y.kawasaki.jp"),
        ("acme.unknowntld", "acme.unknowntld"), ("co.uk", ""),
        ("acme.weebly.com", "acme.weebly.com"),
    ],
)  # fmt: skip
def test_registrable(host: str, expected: str) -> None:
    assert _registrable(host) == expected


SUFFIXES = ["com", "co.uk", "pages.dev", "vercel.app", "github.io", "kawasaki.jp", "ck",
            "s3.amazonaws.com", "com.br", "blogspot.com", "appspot.com", "gov.uk"]  # fmt: skip


@given(
    st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), min_size=1, max_size=4),
    st.sampled_from(SUFFIXES),
)
def test_agrees_with_tldextract(labels: list[str], suffix: str) -> None:
    host = ".".join(labels) + "." + suffix
    assert _registrable(host) == split_host(host).registrable_domain


def test_extra_free_hosts_are_private_suffixes() -> None:
    for host in (*EXTRA_FREE_HOSTS, *(f"blogspot.{e}" for e in BLOGSPOT_ENDINGS)):
        labels = f"tenant.{host}".split(".")
        assert suffix_table().depths(labels)[1] == len(labels) - 1


@pytest.mark.parametrize(
    ("host", "expected"),
    [("www.apple.com.edgekey.net", True), ("x.com.c.volcfcdndvs.com", True),
     ("a.b.cdn.chinamobile.com", True), ("paypal.com.secure-login.info", False),
     ("www.ledger-billing.org", False)],
)  # fmt: skip
def test_infrastructure(host: str, expected: bool) -> None:
    labels = host.split(".")
    icann, _ = suffix_table().depths(labels)
    assert is_infrastructure(labels, len(labels) - icann - 1, "ledger") is expected


@pytest.mark.parametrize(
    ("host", "restricted"),
    [("x.gov", True), ("x.gov.au", True), ("x.mil.br", True), ("x.com.au", False),
     ("gov.example.com", False), ("x.org.au", False)],
)
def test_restricted_suffixes(host: str, restricted: bool) -> None:
    labels = host.split(".")
    icann, _ = suffix_table().depths(labels)
    assert is_restricted_suffix(labels, len(labels) - icann) is restricted


@pytest.mark.parametrize(
    ("host", "expected"),
    [("www.fidelltyportfolloknowledge.lat", False),  # knowledge holds edge: no CDN
     ("www.fldelityportfolioknowiedge.lat", False),  # the word in look-alike letters too
     ("www.ledger-wallet-crypto-guide.com", False),  # ledger, where the brand is Crypto.com
     ("x.microsoft.com.b-0005.b-msedge.net", True),  # sedge is too short a word to count
     ("www.apple.com.edgekey.net", True), ("x.com.c.volcfcdndvs.com", True),
     ("img.pledgecdn.com", True)],  # a stem outside the word still counts
)  # fmt: skip
def test_a_stem_inside_an_english_word_names_no_cdn(host: str, expected: bool) -> None:
    labels = host.split(".")
    icann, _ = suffix_table().depths(labels)
    found = is_infrastructure(labels, len(labels) - icann - 1, "crypto", words=english_words())
    assert found is expected
