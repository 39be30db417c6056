"""The text model's tokenizer: links, e-mails and numbers leave gaps; case and accents fold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.textmodel.features import (
    EXCLUDED_TOKENS,
    feature_key,
    feature_name,
    features,
    fold,
    tokenize,
    training_analyzer,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call 09061701461 now!", ["call", "", "now"]),
        ("Your code is 482913.", ["your", "code", "is", ""]),
        ("won £1,000 cash", ["won", "£", "", "", "cash"]),
        ("$45.20 at 3:30pm", ["$", "", "", "at", "", ""]),
        ("only 150p/msg, 18+", ["only", "", "msg", ""]),  # a number takes its unit along
        ("Visit https://acme.com/login?x=1 today", ["visit", "", "today"]),
        ("HTTP://EVIL.EXAMPLE/a", [""]),
        ("hxxps://acme-okta.com/x", [""]),
        ("see www.getzed.co.uk/tc", ["see", ""]),
        ("log in at acme-okta.com now", ["log", "in", "at", "", "now"]),
        ("bit.ly/abc", [""]),
        ("mail a.b+c@mail.example.org please", ["mail", "", "please"]),
        ("ok.so lar", ["ok", "so", "lar"]),  # sloppy chat, not a domain
        ("Información ÚTIL", ["informacion", "util"]),
        ("¿Qué tal, Begoña?", ["que", "tal", "begona"]),
        ("ＦＲＥＥ ｃａｓｈ", ["free", "cash"]),
        ("Straße", ["strasse"]),
        ("I'll be there, don’t worry", ["i'll", "be", "there", "don't", "worry"]),
        ("KL341 2nite", ["kl", "", ""]),
        ("see nus.edu.sg/x", ["see", ""]),
        ("", []),
        ("🙂 !!! ...", []),
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


def test_bigrams_never_span_a_gap() -> None:
    found = features("claim 12345 now at https://x.example today")
    assert ("claim", "now") not in found
    assert ("at", "today") not in found
    assert {"claim", "now", "at", "today"} <= found


def test_adjacent_words_make_bigrams() -> None:
    assert ("claim", "your") in features("Claim your prize")
    assert training_analyzer("Claim your prize") == [
        "claim",
        "your",
        "prize",
        "claim your",
        "your prize",
    ]


def test_excluded_tokens_are_gaps_for_training() -> None:
    grams = training_analyzer("Tom y Mary se fueron")
    assert not any(token in grams for token in EXCLUDED_TOKENS)
    assert "y" in grams
    assert "y se" not in grams  # 'se' follows 'mary', an excluded token: no bridging pair
    assert "se fueron" in grams


@pytest.mark.parametrize("name", ["claim", "claim code", "won £"])
def test_feature_name_round_trip(name: str) -> None:
    assert feature_name(feature_key(name)) == name


@given(st.text(max_size=300))
def test_tokenize_never_raises_and_tokens_have_no_space(text: str) -> None:
    for token in tokenize(text):
        assert not any(c.isspace() for c in token)


@given(st.text(max_size=200))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=200))
def test_training_features_are_all_inference_features(text: str) -> None:
    # Exactness of the exported model rests on this: every string scikit-learn counts is a
    # key the pure-Python model looks up for the same text.
    inference = features(text)
    for gram in training_analyzer(text):
        assert feature_key(gram) in inference


@given(st.text(alphabet="abcdefghij .", max_size=40), st.integers(0, 10**12))
def test_numbers_leave_the_same_gap_whatever_their_value(words: str, number: int) -> None:
    assert tokenize(f"{words} 7 end") == tokenize(f"{words} {number} end")
