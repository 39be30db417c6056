"""The model shipped in the package: present, small, loadable, and sane on clear cases."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from smishguard import textmodel
from smishguard.errors import ModelError
from smishguard.textmodel import DEFAULT_MODEL_RESOURCE, load_default_model
from smishguard.textmodel.splits import Split
from smishguard.textmodel.training import fit_text_model

MAX_MODEL_BYTES = 2_000_000


def test_shipped_model_loads_and_is_small() -> None:
    """How fast it loads is measured by benchmarks/scan_speed.py, not here: a timed assertion
    failed once in a CI run when a garbage collection of the earlier tests' objects fell
    inside the load (1.0 s CPU against ~0.09 s alone)."""
    data = resources.files("smishguard").joinpath(DEFAULT_MODEL_RESOURCE).read_bytes()
    assert len(data) < MAX_MODEL_BYTES
    model = textmodel.model_from_json(data)
    assert len(model.gram_table) > 1000
    assert len(model.token_table) > 1000
    assert 0.5 <= model.threshold < 1.0
    assert load_default_model() is load_default_model()  # read once


@pytest.mark.parametrize(
    "text",
    [
        "WINNER!! As a valued network customer you have been selected to receive a £900 prize "
        "reward! To claim call 09061701461. Claim code KL341. Valid 12 hours only.",
        "Congratulations! You have won a guaranteed cash prize. Txt CLAIM to 87121 now",
        "Has ganado un premio. Haz clic aqui para reclamarlo",
    ],
)
def test_classic_spam_is_flagged(text: str) -> None:
    model = load_default_model()
    assert model.predict_proba(text) >= model.threshold


@pytest.mark.parametrize(
    "text",
    [
        "Hey, running 10 min late, see you at the cafe",
        "Can you pick up milk on the way home?",
        "Your Acme verification code is 482913. Don't share it with anyone.",
        "Tu código de verificación es 482913. No lo compartas con nadie.",
        "Hola, llego 10 minutos tarde",
    ],
)
def test_chat_and_codes_are_not_flagged(text: str) -> None:
    model = load_default_model()
    assert model.predict_proba(text) < model.threshold


@pytest.mark.parametrize(
    "text",
    [
        "Your package has been delivered.",
        "Reminder: your appointment is tomorrow. Reply C to confirm",
        "Acme IT: scheduled maintenance tonight, the VPN will be unavailable.",
    ],
)
@pytest.mark.parametrize(
    "addition",
    [
        " https://it.acme.com/status",
        " https://x.example/Q2P4X7/09061701461",  # digits inside a link are not numbers
        " ups.com/track?n=1Z999",
        " help@acme.com",
        " 98765432",
        " 482913",
        " 10:30",
        " 12/10/2023",
        " 1Z999AA10123456784",
    ],
)
def test_a_link_or_plain_number_never_changes_the_score(text: str, addition: str) -> None:
    model = load_default_model()
    assert model.predict_proba(text + addition) == model.predict_proba(text)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Call 09061701461 to claim", "Call 09066364589 to claim"),
        ("Call (555) 010-0199 today", "Call (555) 010-0143 today"),
        ("Txt STOP to 87239", "Txt STOP to 80086"),
        ("You won £1000 cash", "You won £250 cash"),
    ],
)
def test_only_a_numbers_kind_matters(one: str, other: str) -> None:
    model = load_default_model()
    assert model.predict_proba(one) == model.predict_proba(other)


@pytest.mark.parametrize("marker", ["PREMIUM", "SHORTCODE", "PENCE", "MONEY"])
def test_spam_number_kinds_push_towards_malicious(marker: str) -> None:
    # the strongest numeric evidence in the training spam: learned, not hand-set
    assert load_default_model().weight_of(marker) > 0


def test_missing_or_corrupt_resource_is_a_model_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(textmodel, "files", lambda _package: tmp_path)
    with pytest.raises(ModelError, match="missing: reinstall smishguard, or rebuild"):
        load_default_model.__wrapped__()
    (tmp_path / "data").mkdir()
    (tmp_path / DEFAULT_MODEL_RESOURCE).write_text('{"format": "nope"}', encoding="utf-8")
    with pytest.raises(ModelError, match="corrupt"):
        load_default_model.__wrapped__()


@pytest.mark.data
def test_real_data_subset_compact_equals_sklearn_and_is_deterministic(
    corpus_split: Split,
) -> None:
    # A slice of the real train part (every 5th message) keeps this test fast.
    records = corpus_split.train[::5]
    groups = corpus_split.train_groups[::5]
    first = fit_text_model(records, groups, seed=13)
    second = fit_text_model(records, groups, seed=13)
    assert textmodel.model_to_json(first.model) == textmodel.model_to_json(second.model)
    texts = [r.text for r in corpus_split.test[:400]]
    expected = first.pipeline.predict_proba(texts)[:, 1]
    assert np.abs(expected - np.array(first.model.predict_many(texts))).max() < 1e-9
