"""The text model's features as a scikit-learn transformer (training side only).

:class:`TokenGramVectorizer` turns texts into the vectors that
:class:`~smishguard.textmodel.linear.LinearTextModel` scores without scikit-learn: each
distinct token of a message (:func:`~smishguard.textmodel.features.tokenize`) contributes
``v_t``, the idf-weighted indicator vector of its distinct features (character n-grams, or one
marker weighted by ``marker_weight``); the message is ``Σ v_t / sqrt(Σ |v_t|²)``. That norm is
the sum of the tokens' own squared norms, not the squared norm of the sum (it ignores the
n-grams two tokens share), which is what lets inference precompute each token's contribution.
With ``pairs``, each distinct pair of adjacent tokens ("claim now") is one more such "token"
with a single feature.
Features must occur in at least ``min_df`` training texts; the idf is scikit-learn's smoothed
one, computed by :func:`~smishguard.textmodel.linear.smooth_idf` on both sides.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from smishguard.textmodel.features import (
    GRAM_SIZES,
    MARKERS,
    is_feature_token,
    pair_name,
    token_grams,
    token_pairs,
    tokenize,
)
from smishguard.textmodel.linear import smooth_idf


def feature_tokens(text: str, pairs: bool = False) -> set[str]:
    """The distinct tokens of ``text`` that carry features, and with ``pairs`` the names of
    its distinct pairs of adjacent tokens ("claim now"), each one more "token"."""
    tokens = tokenize(text)
    found = {token for token in tokens if is_feature_token(token)}
    if pairs:
        found.update(pair_name(first, second) for first, second in token_pairs(tokens))
    return found


class TokenGramVectorizer(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Texts → l2-normalised sums of per-token n-gram vectors (see the module doc)."""

    def __init__(
        self,
        gram_sizes: tuple[int, ...] = GRAM_SIZES,
        min_df: int = 2,
        marker_weight: float = 1.0,
        pairs: bool = False,
    ) -> None:
        self.gram_sizes = gram_sizes
        self.min_df = min_df
        self.marker_weight = marker_weight
        self.pairs = pairs

    def _grams(self, token: str) -> set[str]:
        if " " in token:  # a pair's name ("claim now"): one atomic feature
            return {token}
        return set(token_grams(token, self.gram_sizes))

    def fit(self, texts: Sequence[str], y: Any = None) -> TokenGramVectorizer:
        token_sets = [feature_tokens(text, self.pairs) for text in texts]
        token_frequency: Counter[str] = Counter()
        for tokens in token_sets:
            token_frequency.update(tokens)
        grams = {token: self._grams(token) for token in token_frequency}
        feature_frequency: Counter[str] = Counter()
        for tokens in token_sets:
            feature_frequency.update(set().union(*(grams[token] for token in tokens)))
        names = sorted(name for name, df in feature_frequency.items() if df >= self.min_df)
        self.vocabulary_ = {name: index for index, name in enumerate(names)}
        self.document_frequency_ = np.array([feature_frequency[name] for name in names])
        self.documents_ = len(texts)
        self.idf_ = np.array([smooth_idf(len(texts), int(df)) for df in self.document_frequency_])
        # Tokens worth precomputing at inference: those of at least min_df training texts.
        self.tokens_ = tuple(
            sorted(t for t, df in token_frequency.items() if df >= self.min_df and " " not in t)
        )
        return self

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array(sorted(self.vocabulary_, key=self.vocabulary_.__getitem__), dtype=object)

    def _token_vector(self, token: str) -> tuple[list[int], list[float]]:
        columns, values = [], []
        for gram in sorted(self._grams(token)):
            column = self.vocabulary_.get(gram)
            if column is not None:
                weight = self.idf_[column]
                if gram in MARKERS:
                    weight *= self.marker_weight
                columns.append(column)
                values.append(float(weight))
        return columns, values

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        cache: dict[str, tuple[list[int], list[float], float]] = {}
        indptr, indices, data = [0], [], []
        for text in texts:
            row: dict[int, float] = {}
            squared = 0.0
            for token in sorted(feature_tokens(text, self.pairs)):
                if token not in cache:
                    columns, values = self._token_vector(token)
                    cache[token] = (columns, values, sum(v * v for v in values))
                columns, values, norm = cache[token]
                squared += norm
                for column, value in zip(columns, values, strict=True):
                    row[column] = row.get(column, 0.0) + value
            scale = 1.0 / math.sqrt(squared) if squared > 0.0 else 0.0
            for column in sorted(row):
                indices.append(column)
                data.append(row[column] * scale)
            indptr.append(len(indices))
        shape = (len(indptr) - 1, len(self.vocabulary_))
        return sparse.csr_matrix((data, indices, indptr), shape=shape, dtype=np.float64)
