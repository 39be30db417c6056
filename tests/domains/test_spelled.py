"""A brand's short domain written out: which domains count, and how they are found."""

from __future__ import annotations

import pytest

from smishguard.domains.spelled import SpelledDomains
from smishguard.policy import Brand

SKAT = Brand(name="Skattestyrelsen", domains=("skat.dk",), aliases=("skat",))
SWISS_POST = Brand(name="Swiss Post", domains=("post.ch", "swisspost.ch"))
SCO = Brand(name="Special Communications Organization", domains=("sco.gov.pk",))
SHORT = Brand(name="Telegram", domains=("t.me", "telegram.org"))


@pytest.fixture(scope="module")
def spelled() -> SpelledDomains:
    # the names the index reads as brand names: skat (an alias) reads skat.dk already
    names = frozenset({"skat", "skattestyrelsen", "swisspost", "telegram"})
    return SpelledDomains((SKAT, SWISS_POST, SCO, SHORT), names, 8)


def test_only_domains_whose_name_is_no_brand_name(spelled: SpelledDomains) -> None:
    assert set(spelled.heads) == {"post", "sco"}  # not skat (a name), not t.me (too short)
    assert spelled.heads["sco"][0][0] == ("gov", "pk")
    assert spelled.heads["post"][0][1].brand is SWISS_POST


@pytest.mark.parametrize(
    ("words", "domain"),
    [
        (["post", "ch", "s1receive"], "post.ch"),
        (["mail", "sco", "gov", "pk"], "sco.gov.pk"),
        (["log", "in", "post", "ch"], "post.ch"),
        (["post", "office", "ch"], None),  # not consecutive
        (["sco", "gov"], None),  # not whole
        (["post"], None),
    ],
)
def test_found_as_consecutive_words(
    spelled: SpelledDomains, words: list[str], domain: str | None
) -> None:
    found = spelled.find(words)
    assert (found.text if found else None) == domain


@pytest.mark.parametrize(
    ("label", "opens"),
    [("post", True), ("post-ch", True), ("auth-post", True), ("x-sco-y", False), ("poster", False)],
)
def test_the_cheap_gate_reads_a_labels_ends(
    spelled: SpelledDomains, label: str, opens: bool
) -> None:
    assert spelled.may_open(label) is opens
    assert spelled.may_open(label) is opens  # the remembered answer is the same


def test_the_gate_memo_is_bounded(spelled: SpelledDomains) -> None:
    for i in range(20):
        spelled.may_open(f"label{i}")
    assert spelled.may_open("post-ch") is True
    assert len(spelled._opens) <= 8
