"""The team's labelled sets (tests/fixtures): load them and run a scanner over them.

Shared by the tests and by ``benchmarks/accuracy.py`` (which puts tests/ on sys.path).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from smishguard.model import Label, Message, Verdict
from smishguard.scanner import Scanner


@dataclass(frozen=True, slots=True)
class TeamRow:
    id: str
    lang: str
    message: Message
    expected: str  # "phishing", "suspicious" (at least), or "not-phishing"


@dataclass(frozen=True, slots=True)
class TeamResult:
    row: TeamRow
    verdict: Verdict

    @property
    def ok(self) -> bool:
        label = self.verdict.label
        if self.row.expected == "phishing":
            return label is Label.PHISHING
        if self.row.expected == "suspicious":
            return label is not Label.CLEAN
        if self.row.expected == "clean":
            return label is Label.CLEAN
        return label is not Label.PHISHING


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def oktapus_rows(fixtures: Path, *, real: bool) -> list[TeamRow]:
    """The 0ktapus-style texts (expected phishing) or the same texts with the real domain."""
    return [
        TeamRow(
            r["id"] + (":real" if real else ""),
            r["lang"],
            Message(r["real_text"] if real else r["text"], r["sender"] or None),
            "not-phishing" if real else "phishing",
        )
        for r in _read(fixtures / "oktapus.csv")
    ]


def everyday_rows(fixtures: Path) -> list[TeamRow]:
    return [
        TeamRow(r["id"], r["lang"], Message(r["text"], r["sender"] or None), r["expected"])
        for r in _read(fixtures / "everyday_smishing.csv")
    ]


def legitimate_rows(fixtures: Path) -> list[TeamRow]:
    return [
        TeamRow(r["id"], r["lang"], Message(r["text"], r["sender"] or None), "not-phishing")
        for r in _read(fixtures / "legitimate.csv")
    ]


def run(scanner: Scanner, rows: list[TeamRow]) -> list[TeamResult]:
    verdicts = scanner.scan_many([r.message for r in rows])
    return [TeamResult(r, v) for r, v in zip(rows, verdicts, strict=True)]
