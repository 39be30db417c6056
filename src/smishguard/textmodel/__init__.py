"""The ML text model: does the wording of an SMS resemble known spam and smishing?

Inference (:mod:`~smishguard.textmodel.linear`) is plain Python and loads in milliseconds;
training (:mod:`~smishguard.textmodel.training`) uses scikit-learn and is imported only when
asked for, so scanning never imports scikit-learn.

>>> model = load_default_model()
>>> model.predict_proba("WINNER!! You have won a £900 prize. Call now to claim") > 0.9
True
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from smishguard.errors import ModelError
from smishguard.textmodel.linear import LinearTextModel, model_from_json, model_to_json

if TYPE_CHECKING:
    from smishguard.textmodel.training import Progress, TrainReport, TrainResult

DEFAULT_MODEL_RESOURCE = "data/text_model.json"  # inside the smishguard package

__all__ = [
    "DEFAULT_MODEL_RESOURCE",
    "LinearTextModel",
    "load_default_model",
    "load_model",
    "model_from_json",
    "model_to_json",
    "train_command_impl",
    "train_model",
    "write_model",
]


@cache
def load_default_model() -> LinearTextModel:
    """The model shipped in the package (read once, then shared; treat it as read-only)."""
    resource = files("smishguard").joinpath(DEFAULT_MODEL_RESOURCE)
    try:
        data = resource.read_bytes()
    except FileNotFoundError as exc:
        raise ModelError(
            f"the shipped text model ({DEFAULT_MODEL_RESOURCE} in the smishguard package) is "
            "missing: reinstall smishguard, or rebuild it with "
            "`smishguard train --out src/smishguard/data/text_model.json`"
        ) from exc
    try:
        return model_from_json(data)
    except ModelError as exc:
        raise ModelError(
            f"the shipped text model is corrupt ({exc}): reinstall smishguard, or rebuild it "
            "with `smishguard train --out src/smishguard/data/text_model.json`"
        ) from exc


def load_model(path: Path) -> LinearTextModel:
    """A model file written by :func:`write_model` (``smishguard train --out PATH``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read the text model {path}: {exc.strerror}") from exc
    try:
        return model_from_json(data)
    except ModelError as exc:
        raise ModelError(f"{path}: {exc}") from exc


def train_model(data_dir: Path, seed: int = 13) -> TrainResult:
    """Train on the SMS corpus under ``data_dir`` (see :mod:`smishguard.textmodel.training`)."""
    from smishguard.textmodel.training import train_model as _train_model

    return _train_model(data_dir, seed)


def write_model(model: LinearTextModel, path: Path) -> int:
    """Write ``model`` to ``path`` as deterministic JSON, atomically; returns its size in bytes."""
    data = model_to_json(model).encode("utf-8")
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ModelError(f"cannot write the text model to {path}: {exc.strerror}") from exc
    return len(data)


def train_command_impl(
    data_dir: Path, out_path: Path | None, progress: Progress | None = None
) -> TrainReport:
    """What ``smishguard train [--data DIR] [--out PATH]`` does; returns the figures to print."""
    from smishguard.textmodel.training import train_command_impl as _impl

    return _impl(data_dir, out_path, progress)
