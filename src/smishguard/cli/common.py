"""What every command shares: the policy option and turning errors into one line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

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


def load_policy_option(policy_path: Path | None) -> Policy:
    return resolve_policy(policy_path, Path.cwd())


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()  # click 8.5 deprecates get_text_stream
