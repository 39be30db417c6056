"""The shipped English word list and the readings the look-alike rules make with it."""

from __future__ import annotations

import pytest

from smishguard.domains.words import english_words


@pytest.mark.parametrize(
    ("text", "least", "expected"),
    [
        ("softnessteapots", 3, True),  # softness|teapots
        ("talkmarketing", 3, True),
        ("conbass", 3, True),  # con|bass: short words
        ("conbass", 4, False),  # ... which a least of 4 leaves out
        ("moocraasooft", 3, False),
        ("barrage", 4, True),  # one word is words too
    ],
)
def test_is_words(text: str, least: int, expected: bool) -> None:
    assert english_words().is_words(text, least) is expected


@pytest.mark.parametrize(
    ("text", "span", "reach", "longer", "expected"),
    [
        ("purchaselist", (3, 8), 3, 1, True),  # purchase holds chase
        ("mywalletledgers", (8, 14), 3, 1, False),  # its plural alone: ledgers
        ("shawlogin", (0, 4), 4, 2, False),  # shawl is one letter longer
        ("shawlogin", (0, 4), 4, 1, True),
        ("riverwelcomed", (8, 13), 4, 2, True),  # welcomed holds comed
        ("xyzcomedq", (3, 8), 4, 2, False),
    ],
)
def test_in_longer_word(text: str, span: tuple[int, int], reach: int, longer: int,
                        expected: bool) -> None:
    start, stop = span
    assert english_words().in_longer_word(text, start, stop, reach, longer) is expected
