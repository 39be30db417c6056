"""``smishguard train`` end to end on a tiny corpus written to a temporary data folder."""

from __future__ import annotations

import csv
from importlib.resources import files
from pathlib import Path

from smishguard.corpus import SmsRecord
from smishguard.textmodel import DEFAULT_MODEL_RESOURCE, load_model, model_to_json
from smishguard.textmodel.splits import deduplicate
from smishguard.textmodel.training import default_model_path, train_and_write


def _write_corpus(folder: Path, records: list[SmsRecord]) -> None:
    (folder / "sms").mkdir(parents=True)
    with (folder / "sms" / "synthetic.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["text", "label", "lang", "source"])
        writer.writerows([r.text, r.label, r.lang, r.source] for r in records)


def test_train_and_write(tmp_path: Path, synthetic: list[SmsRecord]) -> None:
    _write_corpus(tmp_path / "data", synthetic)
    said: list[str] = []
    out = tmp_path / "model.json"
    report = train_and_write(tmp_path / "data", out, seed=13, progress=said.append)
    assert report.out_path == out
    assert report.model_bytes == out.stat().st_size
    unique = len(deduplicate(synthetic).records)  # the ham repeats differ only by spaces
    assert report.train_messages + report.test_messages == unique < len(synthetic)
    assert [name for name, _ in report.test] == ["en", "en: ham + rows labelled smishing"]
    assert any("writing the model" in line for line in said)
    text = str(report)
    assert f"wrote {out}" in text
    assert "test       en " in text
    again = train_and_write(tmp_path / "data", tmp_path / "again.json", seed=13)
    assert model_to_json(load_model(out)) == model_to_json(load_model(again.out_path))


def test_default_model_path_is_the_shipped_resource() -> None:
    shipped = files("smishguard").joinpath(DEFAULT_MODEL_RESOURCE).read_bytes()
    assert default_model_path().read_bytes() == shipped
