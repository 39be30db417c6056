"""``smishguard policy check``: the findings, the names, the JSON document, the exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smishguard.cli import main
from smishguard.policy import DEFAULT_KEYWORDS

POLICY = """include_default_brands = false
not_lookalikes = ["pages.dev"]

[[brands]]
name = "Acme"
domains = ["acme.com", "github.io"]

[[brands]]
name = "Chase"
domains = ["chase.com"]

[[brands]]
name = "Acme Labs"
domains = ["acmelabs.com"]
aliases = ["acme"]
"""


def _check(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str,
           text: str = POLICY) -> tuple[int, str, str]:
    policy = tmp_path / "policy.toml"
    policy.write_text(text, encoding="utf-8")
    code = main(["policy", "check", "--policy", str(policy), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_errors_and_warnings_are_printed_and_errors_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _check(tmp_path, capsys)
    assert code == 1
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["error", "error", "warning"]
    assert "github.io" in lines[0]
    assert "pages.dev" in lines[1]
    assert "Acme Labs: its name 'acme' reads as Acme's" in lines[2]
    assert "Chase" not in out  # a note: shown with -v
    assert err.splitlines() == [
        "policy: 3 brands, 4 names read (2 distinctive, 1 of 4 letters, 1 everyday word), "
        f"{len(DEFAULT_KEYWORDS)} keywords: "
        "2 errors, 1 warning, 1 note (-v shows them)"
    ]


def test_verbose_shows_the_notes_and_names_lists_every_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _check(tmp_path, capsys, "-v", "--names")
    assert code == 1
    assert "note: Chase: every name ('chase') is an everyday word" in out
    lines = out.splitlines()
    acme = lines.index("Acme (acme.com, github.io)")
    assert lines[acme + 1].split()[:3] == ["acme", "4", "letters"]
    assert "Chase (chase.com)" in lines
    assert any(line.split()[:3] == ["chase", "everyday", "word"] for line in lines)


def test_json_is_one_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _check(tmp_path, capsys, "--json")
    assert (code, err) == (1, "")
    document = json.loads(out)
    assert (document["errors"], document["warnings"], document["notes"]) == (2, 1, 1)
    assert [f["code"] for f in document["findings"]] == [
        "shared-host-domain", "shared-host-not-lookalike", "name-taken", "weak-names-only"]
    acme = document["brands"][0]
    assert acme["names"][0] == {"name": "acme", "source": "domain", "strength": "4 letters",
                                "reading": acme["names"][0]["reading"]}
    assert [n["name"] for n in acme["names"]] == ["acme", "github"]  # a shared host's name too
    assert document["names_by_strength"]["distinctive"] == 2


def test_a_clean_policy_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = 'include_default_brands = false\n[[brands]]\nname = "Twilio"\ndomains = ["twilio.com"]\n'
    code, out, err = _check(tmp_path, capsys, text=text)
    assert (code, out) == (0, "")
    assert "1 brand, 1 name read (1 distinctive)" in err
    assert "0 errors" in err


def test_a_policy_that_does_not_load_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _check(tmp_path, capsys, text="[[brands]]\nname = 3\n")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("smishguard: error: policy key 'brands[0].name'")


@pytest.mark.parametrize("command", [["watch"], ["scan", "--json"], ["permutations"]])
def test_commands_that_load_the_policy_warn_of_its_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(POLICY, encoding="utf-8")
    names = tmp_path / "names.txt"
    names.write_text("acme-login.github.io\n", encoding="utf-8")
    argument = {"watch": str(names), "permutations": "acme.com",
                "scan": "Your Acme account is locked: https://acme-login.github.io"}[command[0]]
    code = main([*command, "--policy", str(policy), argument])
    _, err = capsys.readouterr()
    assert code == 0
    warnings = [line for line in err.splitlines() if line.startswith("smishguard: warning:")]
    assert [line.split(": ")[2:4] for line in warnings] == [
        ["policy", "Acme"], ["policy", "not_lookalikes"]]
    assert "github.io is a shared host" in warnings[0]
