"""``smishguard scan`` and ``smishguard eval``."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import click
from rich.console import Console
from rich.table import Table

from smishguard.cli.common import load_policy_option, policy_option, progress_bar
from smishguard.cli.output import VerdictTable, error_json, verdict_json
from smishguard.errors import InvalidInput
from smishguard.evaluation import confusion, is_malicious_label
from smishguard.model import Message, Verdict
from smishguard.scanner import Scanner
from smishguard.sources.messages import MessageRow, read_messages


def _warn(message: str) -> None:
    click.echo(f"smishguard: warning: {message}", err=True)


T = TypeVar("T")


def _progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """The items, with a progress bar on stderr when stderr is a terminal."""
    with progress_bar(label, total) as advance:
        for item in items:
            yield item
            if advance is not None:
                advance()


def _scan_rows(scanner: Scanner, rows: Iterable[MessageRow]) -> Iterator[
        tuple[MessageRow, Verdict | None]]:
    """Pairs each row with its verdict (None for unreadable rows), in input order."""
    buffered = list(rows)
    messages = [r.message for r in buffered if r.message is not None]
    verdicts = iter(scanner.iter_scan(messages))
    for row in buffered:
        yield row, (next(verdicts) if row.message is not None else None)


def _stdin_text() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _warn(f"standard input is not valid UTF-8 (first bad byte at offset {exc.start}); "
              "undecodable bytes were replaced with U+FFFD")
        return data.decode("utf-8", errors="replace")


@click.command("scan")
@policy_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per message per line.")
@click.option("--file", "file_path", type=click.Path(path_type=Path), default=None,
              help="CSV with a 'text' column, or JSON lines with a 'text' field.")
@click.option("--sender", default=None, help="Who sent the message(s): number or sender ID.")
@click.argument("texts", nargs=-1)
def scan_command(policy_path: Path | None, as_json: bool, file_path: Path | None,
                 sender: str | None, texts: tuple[str, ...]) -> None:
    """Scan SMS: each TEXT argument is one message ('-' reads one from stdin)."""
    if file_path is not None and texts:
        raise InvalidInput("give either TEXT arguments or --file, not both")
    if file_path is None and not texts:
        raise InvalidInput("nothing to scan: give TEXT, '-' for stdin, or --file PATH")
    scanner = Scanner(load_policy_option(policy_path))
    if file_path is not None:
        rows = list(read_messages(file_path, _warn))
        if sender is not None:
            rows = [
                MessageRow(r.row, Message(r.message.text, r.message.sender or sender))
                if r.message is not None else r
                for r in rows
            ]
    else:
        rows = []
        for i, text in enumerate(texts, 1):
            body = _stdin_text() if text == "-" else text
            if not body.strip():
                raise InvalidInput(f"message {i} is empty: there is nothing to scan")
            rows.append(MessageRow(i, Message(body, sender)))
    table = None if as_json else VerdictTable()
    errors = 0
    for row, verdict in _progress(_scan_rows(scanner, rows), len(rows), "scanning"):
        if verdict is None or row.message is None:
            errors += 1
            error = row.error or "unreadable row"
            if table is None:
                click.echo(error_json(row.row, error))
            else:
                table.add_error(row.row, error)
        elif table is None:
            click.echo(verdict_json(verdict))
        else:
            table.add(row.row, row.message.text, verdict)
    if table is not None:
        table.print(Console())
    if errors:
        raise InvalidInput(f"{errors} of {len(rows)} rows could not be read (see 'error')")


@click.command("eval")
@policy_option
@click.argument("path", type=click.Path(path_type=Path))
def eval_command(policy_path: Path | None, path: Path) -> None:
    """Accuracy on a labelled CSV (text,label: ham/spam/smishing or clean/phishing)."""
    scanner = Scanner(load_policy_option(policy_path))
    rows = list(read_messages(path, _warn, require_label=True))
    bad = [r for r in rows if r.message is None or r.label is None]
    for r in bad[:5]:
        _warn(f"row {r.row} skipped: {r.error}")
    if bad:
        _warn(f"{len(bad)} rows skipped in all")
    good = [r for r in rows if r.message is not None and r.label is not None]
    if not good:
        raise InvalidInput(f"{path}: no readable labelled rows")
    pairs = [
        (is_malicious_label(row.label or ""), verdict.label)
        for row, verdict in _progress(_scan_rows(scanner, good), len(good), "evaluating")
        if verdict is not None
    ]
    c = confusion(pairs)
    rates = c.binary
    out = Console()
    matrix = Table(title=f"{path.name}: {rates.total} messages", show_lines=False)
    matrix.add_column("truth \\ verdict")
    for name in ("clean", "suspicious", "phishing"):
        matrix.add_column(name, justify="right")
    matrix.add_row("ham", str(c.ham_clean), str(c.ham_suspicious), str(c.ham_phishing))
    matrix.add_row("malicious", str(c.malicious_clean), str(c.malicious_suspicious),
                   str(c.malicious_phishing))
    out.print(matrix)
    out.print("flagged = verdict suspicious or phishing; malicious = spam, smishing, phishing")
    out.print(f"precision  {rates.precision:.4f}")
    out.print(f"recall     {rates.recall:.4f}")
    out.print(f"F1         {rates.f1:.4f}")
    out.print(f"false-positive rate on ham  {rates.ham_false_positive_rate:.4%} "
              f"({rates.false_positives} of {rates.ham})")
