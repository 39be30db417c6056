"""Read messages to scan from CSV (a ``text`` column) or JSON lines (a ``text`` field).

Rows come back in input order, each either a Message or the reason it could not be read, so
a batch goes on past a bad row and every output line still matches an input row. Bytes that
are not UTF-8 are replaced (U+FFFD) and reported once.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from smishguard.errors import InvalidInput
from smishguard.evaluation import is_malicious_label
from smishguard.model import Message
from smishguard.sources.files import READ_ERRORS, open_binary

# Python's csv refuses fields over 128 KiB by default; an SMS file may hold longer junk,
# which the scanner truncates itself. Beyond this a row is reported as unreadable.
MAX_FIELD_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class MessageRow:
    """One input row: its number (1-based, header excluded) and a message or an error."""

    row: int
    message: Message | None = None
    label: str | None = None
    error: str | None = None


def read_text(path: Path, warn: Callable[[str], None]) -> str:
    """The file's text (decompressed if need be); undecodable bytes are replaced and
    reported through ``warn``."""
    with open_binary(str(path), sys.stdin.buffer) as stream:
        try:
            data = stream.read()
        except READ_ERRORS as exc:
            raise InvalidInput(f"cannot read {path}: {exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        warn(
            f"{path}: not valid UTF-8 (first bad byte at offset {exc.start}); "
            "undecodable bytes were replaced with U+FFFD"
        )
        return data.decode("utf-8-sig", errors="replace")


def detect_format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    return "jsonl" if text.lstrip().startswith("{") else "csv"


def read_messages(
    path: Path, warn: Callable[[str], None], *, require_label: bool = False
) -> Iterator[MessageRow]:
    """Rows of a CSV or JSON-lines file of messages, in order."""
    text = read_text(path, warn)
    if detect_format(path, text) == "csv":
        return _csv_rows(path, text, require_label)
    return _jsonl_rows(text, require_label)


def _row(row: int, text: object, sender: object, label: object, require_label: bool) -> MessageRow:
    if not isinstance(text, str):
        return MessageRow(row, error="the 'text' value is missing or not a string")
    if sender is not None and not isinstance(sender, str):
        return MessageRow(row, error="the 'sender' value is not a string")
    label_text: str | None = None
    if require_label:
        if not isinstance(label, str) or not label.strip():
            return MessageRow(row, error="the 'label' value is missing")
        try:
            is_malicious_label(label)
        except InvalidInput as exc:
            return MessageRow(row, error=str(exc))
        label_text = label
    return MessageRow(row, Message(text, sender or None), label=label_text)


def _csv_rows(path: Path, text: str, require_label: bool) -> Iterator[MessageRow]:
    csv.field_size_limit(MAX_FIELD_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = reader.fieldnames or []
    if "text" not in fields:
        raise InvalidInput(
            f"{path}: no 'text' column in the CSV header (found: {', '.join(fields) or 'none'})"
        )
    if require_label and "label" not in fields:
        raise InvalidInput(f"{path}: no 'label' column in the CSV header")
    row = 0
    while True:
        row += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield MessageRow(row, error=f"unreadable CSV row: {exc}")
            continue
        yield _row(row, record.get("text"), record.get("sender"), record.get("label"),
                   require_label)


def _jsonl_rows(text: str, require_label: bool) -> Iterator[MessageRow]:
    row = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        row += 1
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield MessageRow(row, error=f"not valid JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield MessageRow(row, error="a JSON line must be an object with a 'text' field")
            continue
        yield _row(row, record.get("text"), record.get("sender"), record.get("label"),
                   require_label)
