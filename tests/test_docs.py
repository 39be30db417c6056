"""The docs tell the truth: every detector id, command, option and policy key is documented,
and the README's Quick start is exactly two commands."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from smishguard import policy
from smishguard.cli import cli
from smishguard.detectors.registry import BUILTIN_DETECTOR_IDS
from smishguard.service.settings import SETTING_KEYS

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def test_every_detector_id_is_documented() -> None:
    text = (DOCS / "detectors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", text, flags=re.M))
    assert documented == set(BUILTIN_DETECTOR_IDS)


def commands_under(path: str, command: click.Command) -> list[tuple[str, click.Command]]:
    """The command and, for a group (``tenant``), each subcommand (``tenant create``)."""
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            found += commands_under(f"{path} {name}", sub)
    return found


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_is_documented(name: str) -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"## `smishguard {name}`" in text
    section = text.split(f"## `smishguard {name}`", 1)[1].split("\n## ", 1)[0]
    for path, command in commands_under(f"smishguard {name}", cli.commands[name]):
        assert path in section, f"{path} is not shown in docs/cli.md"
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "help":
                long_name = next(o for o in param.opts if o.startswith("--"))
                assert f"`{long_name}" in section, f"{path}: {long_name} is not in docs/cli.md"


@pytest.mark.parametrize("key", SETTING_KEYS)
def test_every_service_setting_is_documented(key: str) -> None:
    text = (DOCS / "service.md").read_text(encoding="utf-8")
    assert f"| `SMISHGUARD_{key.upper()}` | `{key}` |" in text


@pytest.mark.parametrize(
    "key",
    sorted(policy._TOP_KEYS | policy._BRAND_KEYS | policy._THRESHOLD_KEYS),
)
def test_every_policy_key_is_documented(key: str) -> None:
    assert f"| `{key}` |" in (DOCS / "policy.md").read_text(encoding="utf-8")


def test_quick_start_is_two_commands_that_exist() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["./run demo", "./run tests"]
    run_script = (REPO / "run").read_text(encoding="utf-8")
    assert "  demo)" in run_script
    assert "  tests)" in run_script
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "./run tests" in ci
