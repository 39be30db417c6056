"""Look-alike characters: the generator's glyphs fold back to the index's skeletons."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.domains.homoglyphs import (
    ASCII_GLYPHS,
    ascii_variants,
    borrows_letters,
    skeleton,
    to_ascii,
    unicode_variants,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("paypal", "paypal"), ("paypa1", "paypal"), ("paypai", "paypal"),
        ("rnicrosoft", "mlcrosoft"), ("micros0ft", "mlcrosoft"), ("vvells", "wells"),
        ("clropbox", "dropbox"), ("5ecure", "secure"), ("acme-okta", "acme-okta"),
    ],
)  # fmt: skip
def test_skeleton(text: str, expected: str) -> None:
    assert skeleton(text) == expected


@pytest.mark.parametrize(("char", "glyphs"), sorted(ASCII_GLYPHS.items()))
def test_every_ascii_glyph_folds_like_its_letter(char: str, glyphs: tuple[str, ...]) -> None:
    for glyph in glyphs:
        assert skeleton(glyph) == skeleton(char)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("pаypal", "paypal"), ("páypal", "paypal"), ("ѕecure", "secure"), ("аррӏе", "apple"),
     ("日本", None), ("acme", "acme")],
)  # fmt: skip
def test_to_ascii(text: str, expected: str | None) -> None:
    reading = to_ascii(text)
    if expected is None:
        assert reading is None
    else:
        assert reading is not None
        assert skeleton(reading) == skeleton(expected)


@pytest.mark.parametrize(
    ("label", "borrows"),
    [("аpple", True), ("telegrɑm", True), ("аррӏе", True), ("café", False), ("straße", False),
     ("acme", False), ("müller", False)],
)  # fmt: skip
def test_borrowed_letters_are_not_accents(label: str, borrows: bool) -> None:
    assert borrows_letters(label) is borrows


def test_variants_read_back() -> None:
    for variant in ascii_variants("paypal"):
        assert skeleton(variant) == skeleton("paypal")
    unicode = unicode_variants("paypal")
    assert "pаypal" in unicode  # Cyrillic а
    for variant in unicode:
        reading = to_ascii(variant)
        assert reading is not None
        assert skeleton(reading) == skeleton("paypal")


@given(st.text(max_size=50))
def test_skeleton_is_idempotent_on_ascii_words(text: str) -> None:
    word = "".join(c for c in text.lower() if c.isascii() and c.isalnum())
    assert skeleton(skeleton(word)) == skeleton(word)
