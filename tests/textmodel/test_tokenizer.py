"""The text model's tokenizer: links vanish, numbers become their kind or vanish, case and
accents fold, and each token reads as its character n-grams."""

from __future__ import annotations

import pytest
from cpu_bound import within_cpu
from hypothesis import given
from hypothesis import strategies as st

from smishguard.textmodel.features import (
    _LINK_STEP,
    _UNLINKED_TOKEN_PATTERN,
    EXCLUDED_TOKENS,
    GRAM_SIZES,
    MARKERS,
    TOKEN_PATTERN,
    feature_label,
    fold,
    gram_slices,
    is_feature_token,
    phone_kind,
    token_grams,
    tokenize,
)


def _tokens(text: str) -> list[str]:
    return [token for token in tokenize(text) if token]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call 09061701461 now!", ["call", "PREMIUM", "now", "!"]),
        ("call 0871 872 9758 or 0800 169 6031", ["call", "PREMIUM", "or", "FREEPHONE"]),
        ("ring 07801543489 or +44 7801 543489", ["ring", "MOBILE", "or", "MOBILE"]),
        ("help08718728876", ["help", "PREMIUM"]),  # glued to a word: still a phone number
        ("call (555) 010-0199 or 1-800-555-0199", ["call", "PHONE", "or", "FREEPHONE"]),
        ("Call 7044518857 now", ["call", "PHONE", "now"]),
        ("txt WIN to 80086", ["txt", "win", "to", "SHORTCODE"]),
        ("won £1,000 cash", ["won", "£", "MONEY", "cash"]),
        ("only £1.50/wk", ["only", "£", "MONEY", "wk"]),
        ("$ 45.20 paid", ["$", "MONEY", "paid"]),
        ("150p/msg, 10p per min, 150ppm", ["PENCE", "msg", "PENCE", "per", "min", "PENCE"]),
        ("over 18+ only", ["over", "AGELIMIT", "only"]),
        # numbers of no known kind vanish, with the letters glued after them
        ("Your code is 482913.", ["your", "code", "is", "."]),
        ("at 3:30pm on 12/10/2023, 2nd floor", ["at", "on", "floor"]),
        ("Tracking 1234567890 and 771234567890", ["tracking", "and"]),
        ("KL341 gr8 2nite", ["kl", "gr"]),
        ("call 09061701461 2 claim", ["call", "PREMIUM", "claim"]),
        # links and e-mail addresses vanish, digits inside them are not numbers
        ("Visit https://acme.com/login?x=1 today", ["visit", "today"]),
        ("Ack at https://x.pagerduty.com/i/Q2P4X7", ["ack", "at"]),
        ("see www.getzed.co.uk/tc or bit.ly/abc", ["see", "or"]),
        ("mail a.b+c@mail.example.org or 07801543489@x.com", ["mail", "or"]),
        ("ok.so lar", ["ok", ".", "so", "lar"]),  # sloppy chat, not a domain
        # case, accents, marks of tone; layout and symbols vanish
        ("Información ÚTIL", ["informacion", "util"]),
        ("¿Qué tal, Begoña?", ["¿", "que", "tal", "begona", "?"]),
        ("WINNER!! Wait… ok?!", ["winner", "!!", "wait", "...", "ok", "?!"]),
        ("Brand: (50%) off #1 :)", ["brand", "off"]),
        ("ＦＲＥＥ ｃａｓｈ", ["free", "cash"]),
        ("𝐖𝐈𝐍 ٤٨٢٩١٣", ["win"]),  # styled letters fold; other scripts' digits are digits
        ("Straße", ["strasse"]),
        ("I'll be there, don’t worry", ["i'll", "be", "there", "don't", "worry"]),
        ("", []),
        ("🙂 *** ---", []),
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert _tokens(text) == expected


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("09061701461", "PREMIUM"),
        ("0871 872 9758", "PREMIUM"),
        ("0845 021 3680", "PREMIUM"),
        ("08000930705", "FREEPHONE"),
        ("07781482378", "MOBILE"),
        ("+447801259231", "MOBILE"),
        ("447801259231", "MOBILE"),
        ("0207 153 9153", "PHONE"),
        ("+34 612 345 678", "PHONE"),
        ("9891943823", "PHONE"),
        ("(555) 010-0199", "PHONE"),
        ("1-800-555-0199", "FREEPHONE"),
        ("1234567890", ""),  # a bare 10-digit number starting with 1: tracking, not a phone
        ("771234567890", ""),
        ("0906170146", "PREMIUM"),
        ("090617014612", ""),  # too long for a UK number
    ],
)
def test_phone_kind(number: str, kind: str) -> None:
    assert phone_kind(number) == kind


@given(st.sampled_from(["call {} now", "Helpline {}", "txt {}"]), st.integers(10**8, 10**9 - 1))
def test_a_phone_numbers_value_never_matters(template: str, digits: int) -> None:
    # every premium-rate number of the same shape gives the same tokens
    assert tokenize(template.format(f"09{digits}")) == tokenize(template.format("09061701461"))


@given(st.text(alphabet="abcdefghij .!", max_size=40), st.integers(0, 10**8))
def test_plain_numbers_leave_the_same_tokens_whatever_their_value(words: str, number: int) -> None:
    # codes, amounts without a sign, times: no token, so their value cannot matter
    assert tokenize(f"{words} 7 end") == tokenize(f"{words} {number} end")


@given(st.text(max_size=300))
def test_tokenize_never_raises_and_tokens_have_no_space(text: str) -> None:
    for token in tokenize(text):
        assert not any(c.isspace() for c in token)
        assert token == "" or token in MARKERS or token == fold(token)


@given(st.text(alphabet="ab1 .@:/-_+wht'é£!", max_size=60))
def test_the_link_free_fast_path_finds_the_same_tokens(text: str) -> None:
    # Texts with no ". @ :" step into a letter, digit or "/" use a pattern without the link
    # alternative; on any text without such a step both patterns must agree.
    if not _LINK_STEP.search(text):
        assert _UNLINKED_TOKEN_PATTERN.findall(text) == TOKEN_PATTERN.findall(text)


@given(st.text(max_size=200))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_long_runs_take_linear_time() -> None:
    # possessive, bounded repetitions: a hostile 200 KB message is still tokenized quickly
    for text in ("a" + " " * 100_000 + "b", "1" * 100_000, "a." * 50_000, "!" * 100_000):
        within_cpu(2.0, lambda: tokenize(text))  # noqa: B023 (called at once)


@pytest.mark.parametrize(
    ("token", "grams"),
    [
        ("a", [" a", "a ", " a "]),  # padded shorter than 5: itself, once
        ("won", [" w", "wo", "on", "n ", " won "]),
        ("winner", [" w", "wi", "in", "nn", "ne", "er", "r ", " winn", "winne", "inner", "nner "]),
        ("!!", [" !", "!!", "! ", " !! "]),
        ("PREMIUM", ["PREMIUM"]),  # a marker is one atomic feature
    ],
)
def test_token_grams(token: str, grams: list[str]) -> None:
    assert GRAM_SIZES == (2, 5)
    assert token_grams(token) == grams


@given(st.text(alphabet="abcxyz!?.", min_size=1, max_size=30), st.sampled_from([(2, 5), (1, 3, 4)]))
def test_gram_slices_cut_token_grams(token: str, sizes: tuple[int, ...]) -> None:
    padded = f" {token} "
    assert [padded[cut] for cut in gram_slices(len(padded), sizes)] == token_grams(token, sizes)


def test_excluded_names_and_gaps_carry_no_features() -> None:
    assert all(not is_feature_token(name) for name in EXCLUDED_TOKENS)
    assert not is_feature_token("")
    assert is_feature_token("hola")
    assert _tokens("Tom y Mary se fueron") == ["tom", "y", "mary", "se", "fueron"]


def test_feature_labels_name_markers() -> None:
    assert feature_label("PREMIUM") == "a premium-rate phone number"
    assert feature_label("claim") == "claim"
