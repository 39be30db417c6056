"""review_policy: each brand's names as the engine reads them, and the policy's mistakes."""

from __future__ import annotations

import pytest

from smishguard.domains.lookalike import LookalikeIndex
from smishguard.domains.policy_review import Code, Level, PolicyReview, review_policy
from smishguard.domains.suffixes import suffix_table
from smishguard.domains.words import english_words
from smishguard.policy import Brand, Policy, default_policy


def _review(*brands: Brand, not_lookalikes: tuple[str, ...] = ()) -> PolicyReview:
    policy = Policy(brands=brands, not_lookalikes=not_lookalikes)
    return review_policy(policy, english_words(), suffix_table())


def _codes(review: PolicyReview) -> list[tuple[Level, Code, str]]:
    return [(f.level, f.code, f.brand) for f in review.findings]


def test_a_shared_host_listed_as_owned_is_an_error() -> None:
    acme = Brand("Acme", ("acme.com", "github.io"))
    review = _review(acme)
    assert _codes(review) == [(Level.ERROR, Code.SHARED_HOST_DOMAIN, "Acme")]
    assert "github.io" in review.findings[0].message
    assert "acme.github.io" in review.findings[0].message  # what to list instead
    # The reason it is an error: with it, the engine never flags a look-alike there.
    index = LookalikeIndex.from_policy(Policy(brands=(acme,)))
    assert index.match("acme-login.github.io") is None
    fixed = LookalikeIndex.from_policy(Policy(brands=(Brand("Acme", ("acme.com",)),)))
    assert fixed.match("acme-login.github.io") is not None


def test_free_hosts_the_engine_knows_beside_the_suffix_list_count() -> None:
    review = _review(Brand("Microsoft", ("microsoft.com", "sharepoint.com")))
    assert _codes(review) == [(Level.ERROR, Code.SHARED_HOST_DOMAIN, "Microsoft")]


def test_a_domain_with_shared_hosts_under_it_is_a_warning() -> None:
    review = _review(Brand("Amazon Web Services", ("amazonaws.com",)))
    assert _codes(review) == [(Level.WARNING, Code.FREE_HOSTS_UNDER_DOMAIN,
                               "Amazon Web Services")]


def test_a_public_suffix_is_a_warning_but_not_a_government_one_nor_the_brands() -> None:
    review = _review(Brand("Acme UK", ("acme.co.uk", "co.uk")),
                     Brand("HMRC", ("hmrc.gov.uk", "gov.uk")),
                     Brand("NHS", ("nhs.uk",)))  # a suffix named after the brand: its own
    assert [c for c in _codes(review) if c[0] is not Level.NOTE] == [
        (Level.WARNING, Code.PUBLIC_SUFFIX_DOMAIN, "Acme UK")]
    assert "co.uk" in review.findings[0].message


def test_a_shared_host_among_the_reviewed_namesakes_is_an_error() -> None:
    review = _review(Brand("Acme", ("acme.com",)),
                     not_lookalikes=("acme-fans.pages.dev", "pages.dev"))
    assert _codes(review) == [(Level.ERROR, Code.SHARED_HOST_NOT_LOOKALIKE, "")]
    assert "pages.dev" in review.findings[0].message


def test_a_name_another_brand_listed_first_is_a_warning() -> None:
    review = _review(Brand("Delta Air Lines", ("delta.com",)),
                     Brand("Delta Dental", ("deltadental.com",), ("delta",)),
                     Brand("Paypai Games", ("paypai.com",)),
                     Brand("PayPal", ("paypal.com",)))
    taken = [f for f in review.findings if f.code is Code.NAME_TAKEN]
    assert [(f.brand, f.level) for f in taken] == [("Delta Dental", Level.WARNING),
                                                   ("PayPal", Level.WARNING)]
    assert "'delta'" in taken[0].message
    assert "Delta Air Lines's" in taken[0].message
    # the same name in look-alike letters (paypai and paypal fold alike)
    assert "'paypal'" in taken[1].message
    assert "Paypai Games's" in taken[1].message
    dental = next(b for b in review.brands if b.brand == "Delta Dental")
    assert [n.name for n in dental.names] == ["deltadental"]


def test_a_brand_with_no_name_to_be_found_by_is_a_warning() -> None:
    review = _review(Brand("X", ("x.com",)), Brand("Y", ("yqz.gov.pk",)))
    found = {f.brand: f for f in review.findings}
    assert (found["X"].code, found["X"].level) == (Code.NO_NAME, Level.WARNING)
    assert "no look-alike of it is found" in found["X"].message
    assert found["Y"].code is Code.NO_NAME
    assert "yqz.gov.pk" in found["Y"].message  # still found written out whole
    y = next(b for b in review.brands if b.brand == "Y")
    assert y.spelled_out == ("yqz.gov.pk",)


def test_weak_names_only_is_a_note_and_a_distinctive_alias_clears_it() -> None:
    review = _review(Brand("Chase", ("chase.com",)), Brand("DHL", ("dhl.com",)),
                     Brand("Orange", ("orange.fr",), ("orangemoney",)))
    assert _codes(review) == [(Level.NOTE, Code.WEAK_NAMES_ONLY, "Chase"),
                              (Level.NOTE, Code.WEAK_NAMES_ONLY, "DHL")]


def test_a_domain_listed_by_two_brands_is_a_note() -> None:
    review = _review(Brand("HMRC", ("gov.uk",)), Brand("DVLA", ("gov.uk", "dvla.gov.uk")))
    notes = [f for f in review.findings if f.code is Code.DOMAIN_LISTED_TWICE]
    assert [(f.brand, f.level) for f in notes] == [("DVLA", Level.NOTE)]
    assert "HMRC" in notes[0].message


def test_each_name_is_read_by_its_strength() -> None:
    review = _review(Brand("Twilio", ("twilio.com", "twil.io"), ("acme",)),
                     Brand("BT", ("bt.com",)))
    twilio, bt = review.brands
    strengths = {n.name: (n.strength, n.source) for n in twilio.names}
    assert strengths == {"twilio": ("distinctive", "domain"), "acme": ("4 letters", "name")}
    assert "one typo" in twilio.names[0].reading
    assert [(left.name, "cut" in left.why) for left in twilio.left_out] == [("twil", True)]
    assert [(n.name, n.strength) for n in bt.names] == [("bt", "2 letters")]
    assert review.names_by_strength() == {"distinctive": 1, "4 letters": 1, "everyday word": 0,
                                          "3 letters": 0, "2 letters": 1}


@pytest.mark.parametrize("name", ["telegram", "apple"])
def test_an_everyday_word_says_whether_its_misspellings_count(name: str) -> None:
    review = _review(Brand(name.title(), (f"{name}.org",)))
    reading = review.brands[0].names[0]
    assert reading.strength == "everyday word"
    counted = "misspellings count" in reading.reading
    assert counted is (len(name) >= 8)


def test_the_built_in_policy_has_no_error() -> None:
    review = review_policy(default_policy(), english_words(), suffix_table())
    assert review.count(Level.ERROR) == 0, [f.message for f in review.findings]
    assert len(review.brands) == len(default_policy().brands)


def test_the_built_in_policy_owns_googles_api_hosts_not_anyones_bucket() -> None:
    index = LookalikeIndex.from_policy(default_policy())
    assert index.match("gmail.googleapis.com") is None  # Google's own, listed
    assert index.match("www.googleapis.com") is None
    bucket = index.match("paypal-login.storage.googleapis.com")  # anyone's bucket
    assert bucket is not None
    assert (bucket.brand, bucket.score >= 0.7) == ("PayPal", True)


def test_a_unicode_domain_name_is_left_out_with_what_to_do() -> None:
    review = _review(Brand("Société Générale", ("societegenerale.fr", "xn--socit-gnrale-bebb.fr")))
    [brand] = review.brands
    assert [n.name for n in brand.names] == ["societegenerale"]
    assert [(left.name, "alias" in left.why) for left in brand.left_out] == [
        ("xn--socit-gnrale-bebb", True)]
