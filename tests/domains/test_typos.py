"""Typing mistakes: the generators make what describe_edit names, and deletions find them."""

from __future__ import annotations

import pytest

from smishguard.domains import typos


@pytest.mark.parametrize(
    ("candidate", "name", "edit"),
    [
        ("twlio", "twilio", "omission"), ("twiilio", "twilio", "repetition"),
        ("twilios", "twilio", "addition"), ("twiliop", "twilio", "addition"),
        ("twqilio", "twilio", "insertion"), ("wtilio", "twilio", "transposition"),
        ("twilia", "twilio", "vowel-swap"), ("twilip", "twilio", "replacement"),
        ("tvilio", "twilio", "bitsquatting"), ("twi-lio", "twilio", "hyphenation"),
        ("acmee", "acme", "repetition"), ("zzzz", "acme", ""), ("acme", "acme", ""),
    ],
)  # fmt: skip
def test_describe_edit(candidate: str, name: str, edit: str) -> None:
    assert typos.describe_edit(candidate, name) == edit


@pytest.mark.parametrize(
    ("generator", "edit"),
    [
        (typos.omission, "omission"), (typos.transposition, "transposition"),
        (typos.vowel_swap, "vowel-swap"), (typos.hyphenation, "hyphenation"),
    ],
)  # fmt: skip
def test_generators_make_the_edit_they_name(generator: typos.Generator, edit: str) -> None:
    for variant in generator("twilio"):
        assert typos.describe_edit(variant, "twilio") == edit


def test_every_single_edit_shares_a_deletion() -> None:
    name = typos.deletions("twilio", 1)
    for generator in (
        typos.omission,
        typos.repetition,
        typos.insertion,
        typos.replacement,
        typos.addition,
        typos.transposition,
        typos.bitsquatting,
    ):
        for variant in generator("twilio"):
            assert name & typos.deletions(variant, 1), variant


def test_keyboard_neighbours() -> None:
    assert set("qwsz") <= set(typos.KEYBOARD_NEIGHBOURS["a"])  # QWERTY and AZERTY
    assert "-" not in "".join(typos.KEYBOARD_NEIGHBOURS.values())


def test_bitsquatting_stays_in_host_characters() -> None:
    assert all(set(v) <= set(typos.HOST_CHARS) for v in typos.bitsquatting("twilio"))


def test_deletions_are_every_string_with_up_to_depth_characters_left_out() -> None:
    """Deleting each set of positions once agrees with deleting one character at a time."""

    def one_at_a_time(text: str, depth: int, keep: int) -> set[str]:
        out, frontier = {text}, {text}
        for _ in range(depth):
            frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(keep, len(w))}
            out |= frontier
        return out

    for text in ("", "a", "ab", "aab", "paypal", "steamcommunity"):
        for depth in (0, 1, 2):
            for keep in (0, 1):
                assert typos.deletions(text, depth, keep) == one_at_a_time(text, depth, keep)
    with pytest.raises(ValueError, match="up to two deep"):
        typos.deletions("paypal", 3)  # no rule looks three edits away


@pytest.mark.parametrize("text", ["paypal", "paypa", "aab", "", "steamcommunity"])
@pytest.mark.parametrize("depth", [0, 1, 2])
def test_deletions_within_a_set_are_the_intersection(text: str, depth: int) -> None:
    within = frozenset(("paypal", "ppal", "payal", "aa", "ab", "", "steam"))
    expected = typos.deletions(text, depth) & within
    assert typos.deletions(text, depth, within=within) == expected


@pytest.mark.parametrize(
    ("candidate", "name", "extra"),
    [
        ("paaypaal", "paypal", 2),
        ("telegraamm", "telegram", 2),
        ("whatssappp", "whatsapp", 2),  # a double letter written three times
        ("paypall", "paypal", 1),
        ("paypal", "paypal", 0),
        ("papal", "paypal", 0),  # a letter dropped
        ("paypalx", "paypal", 0),  # a letter added that is not a repetition
        ("xxxvideos", "xvideos", 0),  # a letter written twice more: xxx is a prefix of its own
        ("aypal", "paypal", 0),
    ],
)
def test_stretched_by_counts_letters_written_once_more(
    candidate: str, name: str, extra: int
) -> None:
    assert typos.stretched_by(candidate, name) == extra
    assert (typos.collapse_runs(candidate) == typos.collapse_runs(name)) or extra == 0
