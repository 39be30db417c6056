"""The text model at inference time: a TF-IDF-weighted linear model in plain Python.

No scikit-learn here: the model is a table ``feature → complex(coef·idf, idf²)`` (built from
each feature's coefficient and document frequency), an intercept and a Platt sigmoid, so it
loads in milliseconds and scores an SMS in about ten microseconds. It reproduces the
scikit-learn pipeline it was exported from (``TfidfVectorizer(binary=True, norm="l2")`` + a
linear model + sigmoid calibration) to floating-point rounding:

    decision = Σ coef_f·idf_f / sqrt(Σ idf_f²) + intercept     over the distinct features f
    probability = 1 / (1 + exp(platt_a · decision + platt_b))   (scikit-learn's convention)

Packing the two sums into one complex number lets a single C-level ``sum(map(...))`` compute
both (complex addition adds real and imaginary parts separately, so nothing is lost).

The JSON form (written by :func:`model_to_json`) is deterministic: sorted keys, floats in
their shortest round-trip form, ``features`` as ``{"name": [coefficient, document
frequency]}`` (integers are shorter than idf floats; the idf is recomputed exactly as
scikit-learn computes it, and the exporter writes that same idf back into the pipeline).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from smishguard.errors import ModelError
from smishguard.textmodel.features import TOKEN_PATTERN, Feature, feature_key, feature_name, fold

MODEL_FORMAT = "smishguard-text-model"
MODEL_FORMAT_VERSION = 1


def _sigmoid(value: float) -> float:
    """1 / (1 + e^-value), without overflow for large |value|."""
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def smooth_idf(documents: int, document_frequency: int) -> float:
    """scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1."""
    return math.log((documents + 1) / (document_frequency + 1)) + 1.0


@dataclass(frozen=True, slots=True, eq=False)
class LinearTextModel:
    """A calibrated linear text model; read-only once built.

    ``features`` maps each vocabulary feature ("claim", or "claim code" for a pair) to its
    coefficient and document frequency among ``documents`` training texts; features with a
    zero coefficient stay, since their idf still counts in the norm. ``threshold`` is the
    probability from which the model alone calls a message malicious (chosen on the training
    data). ``info`` records how the model was made (data, seed, parameters).
    """

    features: Mapping[str, tuple[float, int]]
    documents: int
    intercept: float
    platt_a: float
    platt_b: float
    threshold: float = 0.5
    info: Mapping[str, str] = field(default_factory=dict)
    # feature key → complex(coef·idf, idf²), derived from ``features``
    table: dict[Feature, complex] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        table: dict[Feature, complex] = {}
        for name, (coef, frequency) in self.features.items():
            idf = smooth_idf(self.documents, frequency)
            table[feature_key(name)] = complex(coef * idf, idf * idf)
        object.__setattr__(self, "table", table)

    def idf(self, name: str) -> float:
        """The idf of a vocabulary feature (KeyError outside it)."""
        return smooth_idf(self.documents, self.features[name][1])

    def decision_function(self, text: str) -> float:
        """The linear model's raw score (scikit-learn's ``decision_function``)."""
        table = self.table
        tokens: list[str] = TOKEN_PATTERN.findall(fold(text))
        # Only vocabulary features enter the set: fewer insertions than building every
        # feature first, and the same distinct set scikit-learn counts.
        present: set[Feature] = set(filter(table.__contains__, tokens))
        present.update(filter(table.__contains__, pairwise(tokens)))
        total = sum(map(table.__getitem__, present), 0j)
        if total.imag <= 0.0:  # no known feature: scikit-learn's l2 norm leaves a zero vector
            return self.intercept
        return total.real / math.sqrt(total.imag) + self.intercept

    def predict_proba(self, text: str) -> float:
        """The calibrated probability that ``text`` is spam or phishing."""
        return _sigmoid(-(self.platt_a * self.decision_function(text) + self.platt_b))

    def predict_many(self, texts: Iterable[str]) -> list[float]:
        """:meth:`predict_proba` of every text, in order."""
        return [self.predict_proba(text) for text in texts]

    def is_malicious(self, text: str) -> bool:
        """The model alone: probability at or above :attr:`threshold`."""
        return self.predict_proba(text) >= self.threshold

    def top_features(self, text: str, count: int = 3) -> list[str]:
        """The ``count`` features of ``text`` that push hardest towards malicious, strongest
        first ("claim", "won £"): the evidence shown with a verdict. Slower than scoring;
        call it only for messages worth explaining."""
        tokens: list[str] = TOKEN_PATTERN.findall(fold(text))
        present: set[Feature] = {t for t in tokens if t in self.table}
        present.update(b for b in pairwise(tokens) if b in self.table)
        pushing = sorted(
            ((self.table[f].real, feature_name(f)) for f in present if self.table[f].real > 0),
            key=lambda pair: (-pair[0], pair[1]),
        )
        return [name for _, name in pushing[:count]]

    def weight_of(self, feature: Feature) -> float:
        """A feature's coef·idf (0.0 outside the vocabulary): for explanations and tests."""
        return self.table.get(feature, 0j).real


def model_to_json(model: LinearTextModel) -> str:
    """The deterministic JSON text of ``model`` (see :func:`model_from_json`)."""
    document = {
        "format": MODEL_FORMAT,
        "version": MODEL_FORMAT_VERSION,
        "documents": model.documents,
        "intercept": model.intercept,
        "platt": {"a": model.platt_a, "b": model.platt_b},
        "threshold": model.threshold,
        "info": dict(model.info),
        "features": {name: [coef, df] for name, (coef, df) in model.features.items()},
    }
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def _number(document: Mapping[str, Any], *path: str) -> float:
    value: Any = document
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            raise ModelError(f"text model file has no '{'.'.join(path)}': rebuild it")
        value = value[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ModelError(f"text model field '{'.'.join(path)}' is not a finite number")
    return float(value)


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
    documents = _number(document, "documents")
    if documents < 1 or documents != int(documents):
        raise ModelError("text model field 'documents' must be a positive integer")
    info = document.get("info", {})
    if not isinstance(info, dict) or not all(isinstance(v, str) for v in info.values()):
        raise ModelError("text model field 'info' must map names to strings")
    return LinearTextModel(
        features={name: _feature(name, pair) for name, pair in raw_features.items()},
        documents=int(documents),
        intercept=_number(document, "intercept"),
        platt_a=_number(document, "platt", "a"),
        platt_b=_number(document, "platt", "b"),
        threshold=_number(document, "threshold"),
        info=info,
    )
