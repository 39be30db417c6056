"""Look-alike characters: the generator's glyphs fold back to the index's skeletons."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.domains.homoglyphs import (
    ASCII_GLYPHS,
    ascii_variants,
    borrows_letters,
    folds_twice,
    glyph_distance,
    reads_as,
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
     ("日本", None), ("acme", "acme"), ("straße", None),
     # a mark drawn into the letter, which accent stripping does not reach: a stroke, a hook,
     # a small capital, a bar; and look-alikes whose names do not say their letter
     ("twiłio", "twilio"), ("trezør", "trezor"), ("faƈebɓok", "facebbok"), ("ʙank", "bank"),
     ("ʉsps", "usps"), ("ꞑetflix", "netflix"), ("dpɗ", "dpd"), ("ıcloud", "icloud"),
     ("twilıə", "twilie"), ("ƿaypal", "paypal")],
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


@pytest.mark.parametrize(
    ("written", "name", "reads"),
    [
        ("c1ti", "citi", True), ("clti", "citi", True), ("citl", "citi", True),
        ("rnicros0ft", "microsoft", True), ("vvhatsapp", "whatsapp", True),
        ("clropbox", "dropbox", True), ("1c1c1", "icici", True), ("paypal", "paypal", True),
        # one skeleton, but two swaps apart: i → l, then cl → d
        ("dtl", "citi", False), ("idd", "icici", False), ("dsco", "cisco", False),
        ("amazom", "amazon", False), ("paypa", "paypal", False), ("paypall", "paypal", False),
        # a letter for a name's own digit makes a word (iwin), not a disguise; the reverse is one
        ("iwin", "1win", False), ("lwin", "1win", False), ("1w1n", "1win", True),
    ],
)  # fmt: skip
def test_reads_as_takes_one_swap_per_letter(written: str, name: str, reads: bool) -> None:
    assert reads_as(written, name) is reads


@given(st.sampled_from(["citi", "icici", "cisco", "paypal", "microsoft", "dropbox", "warm"]),
       st.data())  # fmt: skip
def test_swaps_of_the_names_own_letters_read_back(name: str, data: st.DataObject) -> None:
    """Any number of swaps, each of the name's own letters (as the generator writes them)."""
    pieces: list[str] = []
    at = 0
    while at < len(name):
        width = 2 if name[at : at + 2] in ASCII_GLYPHS and data.draw(st.booleans()) else 1
        piece = name[at : at + width]
        glyphs = ASCII_GLYPHS.get(piece, ())
        swap = bool(glyphs) and data.draw(st.booleans())
        pieces.append(data.draw(st.sampled_from(glyphs)) if swap else piece)
        at += width
    written = "".join(pieces)
    assert reads_as(written, name)
    assert skeleton(written) == skeleton(name)


@pytest.mark.parametrize(
    ("written", "name", "edits"),
    [
        ("icicibankf", "icicibank", 1), ("lclclbnk", "icicibank", 1), ("clti", "citi", 0),
        ("paypa1l", "paypal", 1), ("rnicrosft", "microsoft", 1), ("paypla", "paypal", 1),
        # the skeletons are one slip or none apart, the names as written are not
        ("galda", "galicia", 3), ("idadbank", "icicibank", 4), ("dtl", "citi", 2),
    ],
)  # fmt: skip
def test_glyph_distance_counts_slips_as_written(written: str, name: str, edits: int) -> None:
    assert glyph_distance(written, name) == edits


@pytest.mark.parametrize(
    ("name", "twice"),
    [("galicia", True), ("citi", True), ("cisco", True), ("icloud", False), ("paypal", False),
     ("clio", False), ("microsoft", False)],
)  # fmt: skip
def test_folds_twice(name: str, twice: bool) -> None:
    assert folds_twice(name) is twice


@pytest.mark.parametrize(("text", "expected"), [
    ("santandernet", "santandernet"),  # the pair rn is kept: it straddles the name's edge
    ("rnicros0ft", "rnlcrosoft"),  # single letters still fold
    ("wvvakifbank", "wvvaklfbank"),
])
def test_a_skeleton_without_pairs_folds_single_letters_only(text: str, expected: str) -> None:
    assert skeleton(text, pairs=False) == expected
    assert skeleton(text) != expected  # with its pairs folded, it reads otherwise
