from __future__ import annotations

import pytest
from cpu_bound import within_cpu
from hypothesis import given
from hypothesis import strategies as st

from smishguard.policy import DEFAULT_BRANDS, Brand
from smishguard.text.brands import BrandMatcher
from smishguard.text.normalize import normalize

ACME = Brand("Acme", ("acme.com",), ("acme corp",))
MERCANTIL = Brand("Mercantil Ibérica", ("mercantil-iberica.es",), ("mercantil",))
BRANDS = (ACME, MERCANTIL, *DEFAULT_BRANDS)
MATCHER = BrandMatcher(BRANDS)


def names(text: str) -> list[str]:
    return [m.brand.name for m in MATCHER.find(normalize(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme IT: your password expired", ["Acme"]),
        ("ACME CORP - action required", ["Acme"]),
        ("Mercantil Ibérica IT: su contraseña", ["Mercantil Ibérica"]),
        ("mercantil iberica: aviso", ["Mercantil Ibérica"]),
        ("Bank of America: new payee added", ["Bank of America"]),
        ("BofA: direct deposit posted", ["Bank of America"]),
        ("E-ZPass: unpaid toll", ["E-ZPass"]),
        ("AT&T: your bill", ["AT&T"]),
        ("Your Okta and Twilio accounts", ["Okta", "Twilio"]),
        ("Acme and acme again", ["Acme"]),  # one mention per brand
        # not as part of a word
        ("acmes and preacme", []),
        ("the twilionaire", []),
        # not inside links or addresses: those are the link detector's
        ("log in at acme-okta.com now", []),
        ("see https://sso.twilio-login.net/x", []),
        ("write to it@acme.com", []),
        ("Acme: see acme.com/help", ["Acme"]),
        # a sentence ending with the name is still a mention
        ("Message from Acme.", ["Acme"]),
    ],
)
def test_find(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "leading"),
    [
        ("Acme IT: your password expired", True),
        ("Reminder from Acme HR: benefits close today", True),
        ("Aviso de Mercantil: su cuenta", True),
        ("hi, this is Dave, can you check Acme later", False),
        ("lol acme is down again: what a day", False),  # a colon, but after a long heading
        ("[Acme] Su cuenta", True),
    ],
)
def test_leading(text: str, leading: bool) -> None:
    (mention,) = MATCHER.find(normalize(text))
    assert mention.leading is leading


@pytest.mark.parametrize(
    ("text", "leading"),
    [
        ("Orange: tu factura ya está disponible", True),
        ("Apple ID: your account has been locked", True),
        ("bring an apple for lunch: thanks", False),
        ("Hi: I ate an orange", False),
    ],
)
def test_everyday_word_brands_lead_only_at_the_start(text: str, leading: bool) -> None:
    (mention,) = MATCHER.find(normalize(text))
    assert mention.ambiguous
    assert mention.leading is leading


def test_empty_matcher_and_text() -> None:
    assert BrandMatcher(()).find("acme") == ()
    assert MATCHER.find("") == ()


@given(st.text())
def test_never_raises(text: str) -> None:
    for mention in MATCHER.find(normalize(text)):
        assert mention.brand in BRANDS


@pytest.mark.parametrize(
    "text", ["acme " * 20_000, "acme-okta.com/" * 7_000, "a" * 100_000, "acme." * 20_000]
)
def test_bounded_time_on_100kb(text: str) -> None:
    within_cpu(1.0, lambda: MATCHER.find(normalize(text)))
