"""How verdicts are shown: one JSON object per line, or a readable table."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from smishguard.model import Label, Verdict
from smishguard.scoring import is_counter_evidence

LABEL_STYLES = {Label.PHISHING: "bold red", Label.SUSPICIOUS: "yellow", Label.CLEAN: "green"}


def verdict_to_dict(verdict: Verdict) -> dict[str, Any]:
    """The documented JSON shape of a verdict."""
    body: dict[str, Any] = {
        "label": verdict.label.value,
        "score": verdict.score,
        "signals": [
            {
                "detector": s.detector,
                "weight": round(s.weight, 4),
                "reason": s.reason,
                "evidence": s.evidence,
            }
            for s in verdict.signals
        ],
    }
    if verdict.failures:
        body["failures"] = list(verdict.failures)
    return body


def verdict_json(verdict: Verdict, **extra: Any) -> str:
    return json.dumps({**verdict_to_dict(verdict), **extra}, ensure_ascii=False)


def error_json(row: int, error: str) -> str:
    return json.dumps({"row": row, "error": error}, ensure_ascii=False)


def preview(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _reasons(verdict: Verdict, limit: int = 3) -> list[str]:
    """What to show a person: the strongest reasons; for a clean verdict, why it is clean."""
    shown = [s for s in verdict.signals if s.weight > 0]
    if verdict.label is Label.CLEAN:
        reassuring = [s for s in shown if is_counter_evidence(s)]
        hints = [s for s in shown if not is_counter_evidence(s)]
        lines = [f"✓ {s.reason}" for s in reassuring[:limit]]
        if hints:
            lines.append("weak hints only: " + "; ".join(s.reason for s in hints[:2]))
        return lines or ["no warning signs found"]
    return [f"• {s.reason}" for s in shown[:limit]]


class VerdictTable:
    """Collects rows and prints one table at the end (rich wraps long reasons nicely)."""

    def __init__(self) -> None:
        self.table = Table(show_lines=True, expand=False)
        self.table.add_column("#", justify="right", style="dim")
        self.table.add_column("verdict")
        self.table.add_column("score", justify="right")
        self.table.add_column("message", max_width=48)
        self.table.add_column("why", max_width=72)

    def add(self, row: int, text: str, verdict: Verdict) -> None:
        why = "\n".join(_reasons(verdict))
        if verdict.failures:
            why += "\n" + "\n".join(f"! {f}" for f in verdict.failures)
        self.table.add_row(
            str(row),
            Text(verdict.label.value, style=LABEL_STYLES[verdict.label]),
            f"{verdict.score:.2f}",
            preview(text),
            why,
        )

    def add_error(self, row: int, error: str) -> None:
        self.table.add_row(str(row), Text("error", style="bold magenta"), "", "", error)

    def print(self, console: Console) -> None:
        console.print(self.table)
