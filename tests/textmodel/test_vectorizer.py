"""TokenGramVectorizer: the training-side features equal the pure-Python model's sums."""

from __future__ import annotations

import math

import numpy as np
import pytest

from smishguard.corpus import SmsRecord
from smishguard.textmodel.features import token_grams
from smishguard.textmodel.linear import smooth_idf
from smishguard.textmodel.vectorizer import TokenGramVectorizer, feature_tokens

TEXTS = [
    "win cash now!",
    "win a prize, call 09061701461",
    "see you soon",
    "see you at the cafe, Tom",
    "call 09066364589 to win",
]


def test_vocabulary_document_frequencies_and_tokens() -> None:
    vectorizer = TokenGramVectorizer((2, 5), min_df=2, marker_weight=3.0).fit(TEXTS)
    vocabulary = vectorizer.vocabulary_
    assert list(vocabulary) == sorted(vocabulary)
    df = dict(zip(vectorizer.get_feature_names_out(), vectorizer.document_frequency_, strict=True))
    assert df["PREMIUM"] == 2
    assert df[" w"] == 3  # win (three texts)
    assert " tom " not in vocabulary  # excluded name
    assert all(count >= 2 for count in df.values())
    assert vectorizer.tokens_ == ("PREMIUM", "call", "see", "win", "you")
    assert vectorizer.idf_[vocabulary[" w"]] == smooth_idf(5, 3)


def test_a_row_is_the_sum_of_token_vectors_over_their_norms() -> None:
    vectorizer = TokenGramVectorizer((2, 5), min_df=1, marker_weight=3.0).fit(TEXTS)
    row = vectorizer.transform(["win win, call 09061701461"]).toarray()[0]
    expected = np.zeros_like(row)
    squared = 0.0
    for token in ("win", "call", "PREMIUM"):
        vector = np.zeros_like(row)
        for gram in set(token_grams(token, (2, 5))):
            column = vectorizer.vocabulary_[gram]
            weight = 3.0 if gram == "PREMIUM" else 1.0
            vector[column] = vectorizer.idf_[column] * weight
        expected += vector
        squared += float(vector @ vector)
    assert row == pytest.approx(expected / math.sqrt(squared))
    assert feature_tokens("win win, call 09061701461") == {"win", "call", "PREMIUM"}


def test_text_without_known_features_is_a_zero_row() -> None:
    vectorizer = TokenGramVectorizer((2, 5), min_df=2).fit(TEXTS)
    assert vectorizer.transform(["🙂 https://x.example", ""]).nnz == 0


def test_fit_is_deterministic(synthetic: list[SmsRecord]) -> None:
    texts = [r.text for r in synthetic]
    first = TokenGramVectorizer().fit(texts)
    second = TokenGramVectorizer().fit(list(reversed(texts)))
    assert first.vocabulary_ == second.vocabulary_
    assert first.tokens_ == second.tokens_
    assert (first.transform(texts) != second.transform(texts)).nnz == 0
