from __future__ import annotations

import json
from pathlib import Path

import pytest

from smishguard.errors import InvalidInput
from smishguard.sources.messages import read_messages


def rows(path: Path, **kw: bool) -> list[tuple[int, str | None, str | None, str | None]]:
    warnings: list[str] = []
    return [
        (r.row, r.message.text if r.message else None, r.message.sender if r.message else None,
         r.error)
        for r in read_messages(path, warnings.append, **kw)
    ]


def test_csv_with_quotes_newlines_and_sender(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text('text,sender\n"hi, there\nline two",+15550001111\nok,\n', encoding="utf-8")
    assert rows(path) == [(1, "hi, there\nline two", "+15550001111", None), (2, "ok", None, None)]


def test_jsonl_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    lines = [json.dumps({"text": "one"}), "{broken", json.dumps([1]), json.dumps({"text": 5}),
             json.dumps({"text": "five", "sender": "ACME"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = rows(path)
    assert [r[0] for r in got] == [1, 2, 3, 4, 5]
    assert got[0][1] == "one"
    assert got[4][1:3] == ("five", "ACME")
    assert all(r[3] for r in got[1:4])


def test_invalid_utf8_is_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(b"text\nbad \xff byte\n")
    warnings: list[str] = []
    got = list(read_messages(path, warnings.append))
    assert got[0].message is not None
    assert "\ufffd" in got[0].message.text
    assert warnings
    assert "not valid UTF-8" in warnings[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [("body\nhello\n", "no 'text' column"), ("", "no 'text' column")],
)
def test_csv_without_text_column(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "m.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        rows(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        rows(tmp_path / "nope.csv")
    with pytest.raises(InvalidInput, match="is a directory"):
        rows(tmp_path)


def test_labels_are_checked_when_required(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("text,label\na,ham\nb,weird\nc,\n", encoding="utf-8")
    got = list(read_messages(path, lambda _: None, require_label=True))
    assert got[0].label == "ham"
    assert got[1].error is not None
    assert "unknown label" in got[1].error
    assert got[2].error is not None
    assert "missing" in got[2].error


def test_one_megabyte_field_is_read(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("text\n" + "a" * 1_000_000 + "\n", encoding="utf-8")
    got = list(read_messages(path, lambda _: None))
    assert got[0].message is not None
    assert len(got[0].message.text) == 1_000_000


def test_gzipped_csv_is_read(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "m.csv.gz"
    path.write_bytes(gzip.compress(b"text\nhello from a gzip file\n"))
    got = list(read_messages(path, lambda _: None))
    assert got[0].message is not None
    assert got[0].message.text == "hello from a gzip file"
