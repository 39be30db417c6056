"""Reading the SMS corpus CSVs: order, labels, cleaning and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from smishguard.corpus import (
    clean_text,
    corpus_files,
    default_data_dir,
    read_corpus,
    read_sms_file,
)
from smishguard.errors import DataError

HEADER = "text,label,lang,source\n"


def _write(path: Path, body: str, header: str = HEADER) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("I'll be there in &lt;#&gt; mins", "I'll be there in 10 mins"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("at &lt;TIME&gt; ok", "at 10:30 ok"),
        ("plain text", "plain text"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_read_file_labels_and_cleaning(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "x.csv",
        '"Hi, you &amp; me",ham,en,x\nWIN now,Spam,en,x\nVerify,smishing,en,x\n  ,ham,en,x\n',
    )
    records = read_sms_file(path)
    assert [(r.text, r.label, r.is_malicious) for r in records] == [
        ("Hi, you & me", "ham", False),
        ("WIN now", "spam", True),
        ("Verify", "smishing", True),
    ]  # the blank text is skipped


def test_known_files_are_read_first(tmp_path: Path) -> None:
    for name in ("aaa.csv", "tatoeba_es.csv", "uci_sms_spam_collection.csv"):
        _write(tmp_path / "sms" / name, f"hello,ham,en,{name}\n")
    assert [p.name for p in corpus_files(tmp_path)] == [
        "uci_sms_spam_collection.csv",
        "tatoeba_es.csv",
        "aaa.csv",
    ]
    assert len(read_corpus(tmp_path)) == 3
    assert corpus_files(tmp_path / "sms") == corpus_files(tmp_path)  # the sms folder itself


@pytest.mark.parametrize(
    ("body", "header", "message"),
    [
        ("hi,ham,en,x\n", "text,label\n", "header is text,label"),
        ("hi,phishy,en,x\n", HEADER, r"x.csv:2: unknown label 'phishy'"),
        ("hi,ham,en\n", HEADER, "x.csv:2: expected 4 fields"),
    ],
)
def test_malformed_files(tmp_path: Path, body: str, header: str, message: str) -> None:
    path = _write(tmp_path / "x.csv", body, header)
    with pytest.raises(DataError, match=message):
        read_sms_file(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(HEADER.encode() + b"caf\xe9,ham,en,x\n")
    with pytest.raises(DataError, match="not UTF-8"):
        read_sms_file(path)


def test_missing_folder_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="SMISHGUARD_DATA_DIR"):
        corpus_files(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match=r"no \*\.csv files"):
        corpus_files(tmp_path / "empty")


def test_default_data_dir() -> None:
    assert default_data_dir({"SMISHGUARD_DATA_DIR": "/data/x"}) == Path("/data/x")
    assert default_data_dir({}).parts[-2:] == ("shared", "data")
