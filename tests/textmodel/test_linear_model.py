"""The pure-Python model equals the scikit-learn pipeline it was exported from, and its file
format is strict and deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from smishguard.corpus import SmsRecord
from smishguard.errors import ModelError
from smishguard.textmodel import load_model, model_from_json, model_to_json, write_model
from smishguard.textmodel.features import MARKERS
from smishguard.textmodel.linear import LinearTextModel
from smishguard.textmodel.training import FittedTextModel, fit_text_model

UNSEEN = [
    "",
    "🙂",
    "qwerty zxcvb",  # unknown words: their n-grams alone
    "you have won a prize, call now",
    "see you at the station, call me",
    "URGENT!! Verify your account now at https://bank-verify.example/x or it will be closed",
    "Información: tu cuenta está bloqueada",
    "won won won prize prize",  # repeats count once (binary tf)
    "WINNER!! call 09061701461 or txt WIN to 80086, £1.50/wk 18+",  # markers
    "supercalifragilisticexpialidocious-unheard-of-wordsssssssssssssssssssssssssssssss",  # long
    "Tom y Mary",  # excluded names only
]


def test_compact_model_equals_sklearn_pipeline(
    synthetic: list[SmsRecord], synthetic_fit: FittedTextModel
) -> None:
    texts = [r.text for r in synthetic] + UNSEEN
    expected = synthetic_fit.pipeline.predict_proba(texts)[:, 1]
    got = np.array(synthetic_fit.model.predict_many(texts))
    assert np.abs(expected - got).max() < 1e-9


def test_decision_function_equals_sklearn(synthetic_fit: FittedTextModel) -> None:
    pipeline = synthetic_fit.pipeline
    vectorizer = pipeline.named_steps["features"]
    calibrated = pipeline.named_steps["classifier"].calibrated_classifiers_[0]
    expected = calibrated.estimator.decision_function(vectorizer.transform(UNSEEN))
    got = [synthetic_fit.model.decision_function(text) for text in UNSEEN]
    assert np.abs(expected - np.array(got)).max() < 1e-9


def test_model_separates_the_synthetic_classes(synthetic_fit: FittedTextModel) -> None:
    model = synthetic_fit.model
    assert model.predict_proba("congratulations you have won a guaranteed cash prize") > 0.5
    assert model.predict_proba("running late, see you at the station") < 0.5


def test_training_is_deterministic(synthetic: list[SmsRecord]) -> None:
    groups = list(range(len(synthetic)))
    first = fit_text_model(synthetic, groups, seed=5)
    second = fit_text_model(synthetic, groups, seed=5)
    assert model_to_json(first.model) == model_to_json(second.model)
    assert first.oof_probabilities == second.oof_probabilities


def test_training_needs_both_classes(synthetic: list[SmsRecord]) -> None:
    ham = [r for r in synthetic if not r.is_malicious]
    with pytest.raises(ModelError, match="both ham and malicious"):
        fit_text_model(ham, list(range(len(ham))))


def test_json_round_trip_is_byte_identical(synthetic_fit: FittedTextModel) -> None:
    text = model_to_json(synthetic_fit.model)
    again = model_from_json(text)
    assert model_to_json(again) == text
    assert again.predict_many(UNSEEN) == synthetic_fit.model.predict_many(UNSEEN)


def test_json_is_sorted_and_compact(synthetic_fit: FittedTextModel) -> None:
    document = json.loads(model_to_json(synthetic_fit.model))
    names = list(document["features"])
    assert names == sorted(names)
    assert all(isinstance(df, int) and df >= 1 for _, df in document["features"].values())


def test_write_and_load_model(tmp_path: Path, synthetic_fit: FittedTextModel) -> None:
    path = tmp_path / "models" / "m.json"
    size = write_model(synthetic_fit.model, path)
    assert size == path.stat().st_size
    assert model_to_json(load_model(path)) == model_to_json(synthetic_fit.model)
    assert [p.name for p in path.parent.iterdir()] == ["m.json"]  # no temporary left


def test_load_model_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot read the text model"):
        load_model(tmp_path / "absent.json")


def _document(model: LinearTextModel) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(model_to_json(model))
    return loaded


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "not a smishguard text model"),
        (lambda d: d.update(version=99), "version 99 is not supported"),
        (lambda d: d.update(features={}), "has no features"),
        (lambda d: d.update(features={"x": [1.0]}), "feature 'x'"),
        (lambda d: d.update(features={"x": [1.0, 0]}), "feature 'x'"),
        (lambda d: d.update(features={"x": ["a", 2]}), "feature 'x'"),
        (lambda d: d.update(documents=0), "positive integer"),
        (lambda d: d.pop("intercept"), "has no 'intercept'"),
        (lambda d: d.update(platt={"a": "x", "b": 0}), "'platt.a' is not a finite number"),
        (lambda d: d.update(info={"seed": 13}), "'info' must map names to strings"),
        (lambda d: d.update(tokens="abc"), "'tokens' must be a list of strings"),
        (lambda d: d.pop("analyzer"), "has no 'analyzer.marker_weight'"),
        (lambda d: d["analyzer"].update(marker_weight=0), "must be positive"),
        (lambda d: d["analyzer"].update(gram_sizes="2,5"), "must be a list of integers"),
        (lambda d: d["analyzer"].update(gram_sizes=[5, 2]), "must ascend"),
        (lambda d: d["analyzer"].update(gram_sizes=[]), "must ascend"),
    ],
)
def test_corrupt_model_files_are_model_errors(
    synthetic_fit: FittedTextModel, change: object, message: str
) -> None:
    document = _document(synthetic_fit.model)
    change(document)  # type: ignore[operator]
    with pytest.raises(ModelError, match=message):
        model_from_json(json.dumps(document))


@pytest.mark.parametrize("raw", [b"", b"{", b"\xff\xfe", b"[1, 2]"])
def test_non_json_is_a_model_error(raw: bytes) -> None:
    with pytest.raises(ModelError):
        model_from_json(raw)


def test_top_features_explain_the_score(synthetic_fit: FittedTextModel) -> None:
    model = synthetic_fit.model
    top = model.top_features("you have won a guaranteed cash prize, call now", count=2)
    assert len(top) == 2
    weights = [model.weight_of(token) for token in top]
    assert all(w > 0 for w in weights)
    assert weights == sorted(weights, reverse=True)
    assert model.top_features("🙂 https://x.example 482913") == []  # nothing it reads


def test_precomputed_tokens_equal_computed_ones(synthetic_fit: FittedTextModel) -> None:
    model = synthetic_fit.model
    assert model.tokens  # the synthetic corpus repeats its words
    for token in model.tokens:
        assert model.token_table[token] == pytest.approx(model.token_value(token), abs=1e-12)
    assert model.weight_of("tom") == 0.0  # excluded names weigh nothing, even if n-grams match
    assert model.weight_of("") == 0.0


def test_markers_are_weighted_once(synthetic_fit: FittedTextModel) -> None:
    model = synthetic_fit.model
    assert not set(model.features) & set(MARKERS)  # the synthetic corpus has no numbers
    assert model.token_value("PREMIUM") == 0j
