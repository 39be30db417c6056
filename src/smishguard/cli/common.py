"""What every command shares: the policy option and turning errors into one line."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from smishguard.domains.policy_review import shared_host_errors
from smishguard.domains.suffixes import suffix_table
from smishguard.policy import Policy, resolve_policy

F = TypeVar("F", bound=Callable[..., Any])


def policy_option(func: F) -> F:
    """--policy FILE: else smishguard.toml in the working directory, else the built-in one."""
    return click.option(
        "--policy",
        "policy_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Policy TOML file (default: ./smishguard.toml if present, else the built-in).",
    )(func)


def load_policy_option(policy_path: Path | None, *, warn: bool = True) -> Policy:
    """The policy in force; with ``warn``, a line on stderr for each of its errors (a shared
    host listed as a brand's own: every look-alike under it would pass)."""
    policy = resolve_policy(policy_path, Path.cwd())
    if warn:
        for finding in shared_host_errors(policy, suffix_table()):
            click.echo(f"smishguard: warning: policy: {finding.message}", err=True)
    return policy


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()  # click 8.5 deprecates get_text_stream


@contextmanager
def progress_bar(label: str, total: int) -> Iterator[Callable[[], None] | None]:
    """A function that moves a progress bar on stderr one step (``total`` steps), when stderr
    is a terminal; None otherwise."""
    if not stderr_is_terminal():
        yield None
        return
    columns = (*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


def counted(number: int, noun: str, plural: str = "") -> str:
    """``1 name``, ``4 names``, ``12,086 names``: a count for a summary line (``plural`` when
    the noun does not just take an s: ``1 not a host name``, ``2 not host names``)."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
