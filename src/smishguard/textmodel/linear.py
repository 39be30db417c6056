"""The text model at inference time: a TF-IDF-weighted linear model in plain Python.

No scikit-learn here. The model is a table ``feature → (coefficient, document frequency)``
over character n-grams and markers (:mod:`smishguard.textmodel.features`), an intercept and a
Platt sigmoid. It reproduces the scikit-learn pipeline it was exported from
(:class:`~smishguard.textmodel.vectorizer.TokenGramVectorizer` + a linear model + sigmoid
calibration) to floating-point rounding:

    v_t = Σ idf_g·w_g·e_g  over the distinct features g of token t (w_g: 1, or the marker
          weight for a marker; e_g: the unit vector of g)
    x   = Σ v_t / sqrt(Σ |v_t|²)    over the distinct tokens t of the message
    decision    = coef · x + intercept
    probability = 1 / (1 + exp(platt_a · decision + platt_b))   (scikit-learn's convention)

so each token adds ``complex(coef · v_t, |v_t|²)`` to one running sum: the model precomputes
that number for every token it was trained on (``tokens``) and computes it from the n-gram
table for any other token. Scoring a message is one lookup per distinct token, and complex
addition keeps the two sums apart.

The JSON form (written by :func:`model_to_json`) is deterministic: sorted keys, floats in
their shortest round-trip form, ``features`` as ``{"name": [coefficient, document
frequency]}`` (the idf is recomputed exactly as scikit-learn computes it, and the exporter
writes that same idf back into the pipeline).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, cast

from smishguard.errors import ModelError
from smishguard.textmodel.features import (
    EXCLUDED_TOKENS,
    GRAM_SIZES,
    MARKERS,
    feature_label,
    gram_slices,
    split_pair,
    token_grams,
    tokenize,
)

MODEL_FORMAT = "smishguard-text-model"
MODEL_FORMAT_VERSION = 2


def _sigmoid(value: float) -> float:
    """1 / (1 + e^-value), without overflow for large |value|."""
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def smooth_idf(documents: int, document_frequency: int) -> float:
    """scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1."""
    return math.log((documents + 1) / (document_frequency + 1)) + 1.0


_SLICED_LENGTH = 48  # padded tokens shorter than this use precomputed slices


@dataclass(frozen=True, slots=True, eq=False)
class LinearTextModel:
    """A calibrated linear text model; read-only once built.

    ``features`` maps each vocabulary feature (a character n-gram such as " won", or a marker
    such as "PREMIUM") to its coefficient and document frequency among ``documents`` training
    texts; features with a zero coefficient stay, since their idf still counts in the norm.
    ``tokens`` are the tokens whose contribution is precomputed (those of at least two
    training texts: only a speed-up, any other token is computed on the fly). ``threshold``
    is the probability from which the model alone calls a message malicious (chosen by
    cross-validation on the training data). ``info`` records how the model was made.
    """

    features: Mapping[str, tuple[float, int]]
    documents: int
    intercept: float
    platt_a: float
    platt_b: float
    threshold: float = 0.5
    tokens: Sequence[str] = ()
    marker_weight: float = 1.0
    gram_sizes: tuple[int, ...] = GRAM_SIZES
    info: Mapping[str, str] = field(default_factory=dict)
    # feature → complex(coef·idf·w, (idf·w)²); token → the sum over its distinct features
    gram_table: dict[str, complex] = field(init=False, repr=False)
    token_table: dict[str, complex] = field(init=False, repr=False)
    # (token, next token) → complex(coef·idf, idf²) of the pair features
    pair_table: dict[tuple[str, str], complex] = field(init=False, repr=False)
    # padded token length → the slices that cut out its n-grams (short tokens only)
    slices: tuple[tuple[slice, ...], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        sizes = self.gram_sizes
        if not sizes or sizes[0] < 1 or list(sizes) != sorted(set(sizes)):
            raise ModelError(f"text model n-gram sizes {list(sizes)} must ascend from 1 or more")
        grams: dict[str, complex] = {}
        pairs: dict[tuple[str, str], complex] = {}
        for name, (coef, frequency) in self.features.items():
            weight = smooth_idf(self.documents, frequency)
            if name in MARKERS:
                weight *= self.marker_weight
            pair = split_pair(name)
            if pair is None:
                grams[name] = complex(coef * weight, weight * weight)
            else:
                pairs[pair] = complex(coef * weight, weight * weight)
        object.__setattr__(self, "gram_table", grams)
        object.__setattr__(self, "pair_table", pairs)
        slices = tuple(gram_slices(size, sizes) for size in range(_SLICED_LENGTH))
        object.__setattr__(self, "slices", slices)
        table = {token: 0j for token in EXCLUDED_TOKENS | {""}}
        for token in self.tokens:
            table.setdefault(token, self.token_value(token))
        object.__setattr__(self, "token_table", table)

    def token_value(self, token: str) -> complex:
        """``complex(coef · v_t, |v_t|²)`` of one token, computed from the n-gram table."""
        if token in EXCLUDED_TOKENS or not token:
            return 0j
        padded = f" {token} "
        if token in MARKERS or len(padded) >= len(self.slices):
            grams = set(token_grams(token, self.gram_sizes))
        else:  # the same n-grams, cut by C-level slicing: this runs for every unknown word
            grams = set(map(padded.__getitem__, self.slices[len(padded)]))
        return sum(filter(None, map(self.gram_table.get, grams)), 0j)

    def _decision(self, total: complex) -> float:
        if total.imag <= 0.0:  # no known feature: the l2 norm leaves a zero vector
            return self.intercept
        return total.real / math.sqrt(total.imag) + self.intercept

    def decision_function(self, text: str) -> float:
        """The linear model's raw score (scikit-learn's ``decision_function``)."""
        return self._decision(self._total(tokenize(text), {}))

    def _total(self, tokens: Sequence[str], unknown: dict[str, complex]) -> complex:
        """Σ ``complex(coef · v_t, |v_t|²)`` over the distinct tokens and pairs; ``unknown``
        memoises the values of tokens missing from the table (shared by a batch)."""
        distinct = set(tokens)
        # One C-level pass over the table; the Python loop runs only for unknown tokens.
        found = list(map(self.token_table.get, distinct))
        values: list[complex] = (
            [
                self._unknown_value(token, unknown) if value is None else value
                for token, value in zip(distinct, found, strict=True)
            ]
            if None in found
            else cast(list[complex], found)
        )
        total = sum(values, 0j)
        if self.pair_table:  # a pair with a gap or an excluded name is never in the table
            total += sum(filter(None, map(self.pair_table.get, set(pairwise(tokens)))), 0j)
        return total

    def _unknown_value(self, token: str, unknown: dict[str, complex]) -> complex:
        value = unknown.get(token)
        if value is None:
            value = unknown[token] = self.token_value(token)
        return value

    def predict_proba(self, text: str) -> float:
        """The calibrated probability that ``text`` is spam or phishing."""
        return _sigmoid(-(self.platt_a * self.decision_function(text) + self.platt_b))

    def predict_many(self, texts: Iterable[str]) -> list[float]:
        """:meth:`predict_proba` of every text, in order (faster than one by one: an unknown
        token's value is computed once per call)."""
        return self.predict_tokenized(map(tokenize, texts))

    def predict_tokenized(self, token_lists: Iterable[Sequence[str]]) -> list[float]:
        """:meth:`predict_many` of texts already split by
        :func:`~smishguard.textmodel.features.tokenize` (so a caller that also explains
        some of them with :meth:`top_tokens` tokenizes each text once)."""
        unknown: dict[str, complex] = {}
        total_of = self._total
        decision_of = self._decision
        platt_a, platt_b = self.platt_a, self.platt_b
        return [
            _sigmoid(-(platt_a * decision_of(total_of(tokens, unknown)) + platt_b))
            for tokens in token_lists
        ]

    def is_malicious(self, text: str) -> bool:
        """The model alone: probability at or above :attr:`threshold`."""
        return self.predict_proba(text) >= self.threshold

    def top_features(self, text: str, count: int = 3) -> list[str]:
        """The ``count`` tokens of ``text`` that push hardest towards malicious, strongest
        first ("claim", "a premium-rate phone number"): the evidence shown with a verdict."""
        return self.top_tokens(tokenize(text), count)

    def top_tokens(self, tokens: Sequence[str], count: int = 3) -> list[str]:
        """:meth:`top_features` of a text already split by
        :func:`~smishguard.textmodel.features.tokenize`."""
        table_get = self.token_table.get
        pushing = []
        for token in set(tokens):
            value = table_get(token)
            weight = (self.token_value(token) if value is None else value).real
            if weight > 0:
                pushing.append((-weight, feature_label(token)))
        pair_get = self.pair_table.get
        for first, second in set(pairwise(tokens)):
            pair = pair_get((first, second))
            if pair is not None and pair.real > 0:
                pushing.append((-pair.real, f"{feature_label(first)} {feature_label(second)}"))
        return [label for _, label in sorted(pushing)[:count]]

    def weight_of(self, token: str) -> float:
        """How much one token pushes (``coef · v_t``; 0.0 for a token with no known feature),
        before the message's norm: for explanations and tests."""
        value = self.token_table.get(token)
        return (self.token_value(token) if value is None else value).real


def model_to_json(model: LinearTextModel) -> str:
    """The deterministic JSON text of ``model`` (see :func:`model_from_json`)."""
    document = {
        "format": MODEL_FORMAT,
        "version": MODEL_FORMAT_VERSION,
        "documents": model.documents,
        "intercept": model.intercept,
        "platt": {"a": model.platt_a, "b": model.platt_b},
        "threshold": model.threshold,
        "analyzer": {"gram_sizes": list(model.gram_sizes), "marker_weight": model.marker_weight},
        "info": dict(model.info),
        "features": {name: [coef, df] for name, (coef, df) in model.features.items()},
        "tokens": sorted(model.tokens),
    }
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def _value(document: Mapping[str, Any], *path: str) -> Any:
    value: Any = document
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            raise ModelError(f"text model file has no '{'.'.join(path)}': rebuild it")
        value = value[key]
    return value


def _number(document: Mapping[str, Any], *path: str) -> float:
    value = _value(document, *path)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ModelError(f"text model field '{'.'.join(path)}' is not a finite number")
    return float(value)


def _integer(document: Mapping[str, Any], *path: str) -> int:
    value = _number(document, *path)
    if value < 1 or value != int(value):
        raise ModelError(f"text model field '{'.'.join(path)}' must be a positive integer")
    return int(value)


def _feature(name: str, pair: Any) -> tuple[float, int]:
    if (
        isinstance(pair, list)
        and len(pair) == 2
        and isinstance(pair[0], int | float)
        and not isinstance(pair[0], bool)
        and math.isfinite(pair[0])
        and isinstance(pair[1], int)
        and not isinstance(pair[1], bool)
        and pair[1] >= 1
    ):
        return float(pair[0]), pair[1]
    raise ModelError(f"text model feature {name!r} is not [coefficient, document frequency]")


def model_from_json(text: str | bytes) -> LinearTextModel:
    """Parse the JSON written by :func:`model_to_json`; ModelError if it is not one."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"text model file is not valid JSON ({exc}): rebuild it") from exc
    if not isinstance(document, dict) or document.get("format") != MODEL_FORMAT:
        raise ModelError(f"not a smishguard text model (format should be {MODEL_FORMAT!r})")
    if document.get("version") != MODEL_FORMAT_VERSION:
        raise ModelError(
            f"text model format version {document.get('version')!r} is not supported "
            f"(expected {MODEL_FORMAT_VERSION}): rebuild it with `smishguard train`"
        )
    raw_features = document.get("features")
    if not isinstance(raw_features, dict) or not raw_features:
        raise ModelError("text model file has no features: rebuild it")
    tokens = document.get("tokens", [])
    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
        raise ModelError("text model field 'tokens' must be a list of strings")
    info = document.get("info", {})
    if not isinstance(info, dict) or not all(isinstance(v, str) for v in info.values()):
        raise ModelError("text model field 'info' must map names to strings")
    marker_weight = _number(document, "analyzer", "marker_weight")
    if marker_weight <= 0:
        raise ModelError("text model field 'analyzer.marker_weight' must be positive")
    sizes = _value(document, "analyzer", "gram_sizes")
    if not isinstance(sizes, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) for n in sizes
    ):
        raise ModelError("text model field 'analyzer.gram_sizes' must be a list of integers")
    return LinearTextModel(
        features={name: _feature(name, pair) for name, pair in raw_features.items()},
        documents=_integer(document, "documents"),
        intercept=_number(document, "intercept"),
        platt_a=_number(document, "platt", "a"),
        platt_b=_number(document, "platt", "b"),
        threshold=_number(document, "threshold"),
        tokens=tuple(tokens),
        marker_weight=marker_weight,
        gram_sizes=tuple(sizes),
        info=info,
    )
