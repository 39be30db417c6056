"""Everyday nicknames of famous names (whats for WhatsApp) are read as weak aliases."""

from __future__ import annotations

import pytest

from smishguard.domains.brandnames import Strength, brand_names
from smishguard.domains.lookalike import LookalikeIndex
from smishguard.domains.words import english_words
from smishguard.policy import Brand, Policy

META = Brand("Meta", ("facebook.com", "whatsapp.com", "instagram.com"))
SUSPICIOUS = Policy().thresholds.suspicious


@pytest.fixture(scope="module")
def index() -> LookalikeIndex:
    return LookalikeIndex.from_policy(Policy(brands=(META,)))


def test_a_brand_named_whatsapp_has_the_nickname_as_a_weak_alias() -> None:
    names = {n.flat: n for n in brand_names((META,), english_words())}
    assert names["whats"].is_nickname
    assert names["insta"].is_nickname
    assert (names["whats"].strength, names["whats"].brand) == (Strength.WORD, META)
    other = brand_names((Brand("Acme", ("acme.com",)),), english_words())
    assert all(not n.is_nickname for n in other)


@pytest.mark.parametrize(
    "host",
    ["whats-zn.vip", "www.whats-zqh.vip", "www.stablf-whats.xyz", "insta-verify-now.cyou"],
)
def test_a_nickname_beside_a_tag_or_sign_in_word_where_phishing_lives(
    index: LookalikeIndex, host: str
) -> None:
    found = index.match(host)
    assert found is not None, host
    assert found.brand == "Meta"
    assert found.score >= SUSPICIOUS


@pytest.mark.parametrize(
    "host",
    [
        "whats-new.vercel.app",  # among English words it is the word
        "whats-cooking.top",
        "insta-story.top",
        "whats-zn.com",  # weak: only where phishing sites live
        "instacart.com",  # never glued into a longer name,
        "insant-appeal.vercel.app",  # nor misspelled,
        "nitinsaini0606.github.io",  # nor found with slips inside a tenant's name
    ],
)
def test_a_nickname_stays_quiet_as_a_word_or_off_the_places_phishing_lives(
    index: LookalikeIndex, host: str
) -> None:
    found = index.match(host)
    assert found is None or found.score < SUSPICIOUS, (host, found)
