"""``smishguard permutations``: the names, and with --registered which of them exist in DNS
(against a real resolver on loopback: tests/sources/dns_server.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from dns_server import Zone, running_resolver

from smishguard.cli.permutations import permutations_command
from smishguard.errors import InvalidInput

KEYWORDS_POLICY = 'keywords = ["okta", "sso"]\n[[brands]]\nname = "Acme"\ndomains = ["acme.com"]\n'


def test_permutations_json_lines(tmp_path: Path) -> None:
    policy = tmp_path / "p.toml"
    policy.write_text(KEYWORDS_POLICY, encoding="utf-8")
    result = CliRunner().invoke(permutations_command,
                                ["--json", "--policy", str(policy), "ACME.com."])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert all(sorted(row) == ["category", "domain"] for row in rows)
    pairs = {(row["category"], row["domain"]) for row in rows}
    assert {("keyword", "acme-okta.com"), ("keyword", "sso-acme.com"),
            ("omission", "acm.com"), ("transposition", "amce.com")} <= pairs
    domains = [row["domain"] for row in rows]
    assert len(domains) == len(set(domains))  # each name once, under its first category
    assert "acme.com" not in domains
    assert not any("login" in d for d in domains)  # the policy's keywords, not the defaults


def test_permutations_table_groups_by_category(tmp_path: Path) -> None:
    policy = tmp_path / "p.toml"
    policy.write_text(KEYWORDS_POLICY, encoding="utf-8")
    result = CliRunner().invoke(permutations_command, ["--policy", str(policy), "acme.com"])
    assert result.exit_code == 0, result.output
    json_result = CliRunner().invoke(permutations_command,
                                     ["--json", "--policy", str(policy), "acme.com"])
    count = len(json_result.stdout.splitlines())
    assert f"{count:,} names" in result.stdout
    lines = result.stdout.splitlines()
    omission = next(i for i, line in enumerate(lines) if "omission (" in line)
    assert "cme.com" in lines[omission]
    assert any("keyword (" in line and ".com" in line for line in lines)


def test_permutations_refuses_a_non_domain() -> None:
    result = CliRunner().invoke(permutations_command, ["not a domain"])
    assert isinstance(result.exception, InvalidInput)
    assert "not a domain name" in str(result.exception)


# --- which look-alikes exist (--registered) ----------------------------------------------

REGISTERED = {
    "acme.com": {"NS": ["ns1.acme.com."]},  # the brand's own, asked first
    "acme-okta.com": {"NS": ["ns1.parking.example."], "A": ["203.0.113.7"],
                      "MX": ["10 mx.acme-okta.com."]},
    "amce.com": {"NS": ["ns1.registrar.example."]},
}


def registered(zone: Zone, *args: str) -> Result:
    with running_resolver(zone) as address:
        return CliRunner(env={"COLUMNS": "160"}).invoke(permutations_command, [
            "--registered", "--nameserver", address, "--timeout", "0.5", *args, "acme.com"])


@pytest.fixture
def policy(tmp_path: Path) -> str:
    path = tmp_path / "p.toml"
    path.write_text(KEYWORDS_POLICY, encoding="utf-8")
    return str(path)


def test_registered_json_gives_the_names_that_exist_with_their_records(policy: str) -> None:
    zone = Zone(REGISTERED, silent=frozenset({"acme-sso.com"}))
    result = registered(zone, "--json", "--policy", policy)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(rows, key=lambda r: r["domain"]) == [
        {"category": "keyword", "domain": "acme-okta.com", "registered": True,
         "ns": ["ns1.parking.example"], "a": ["203.0.113.7"], "aaaa": [],
         "mx": ["10 mx.acme-okta.com"]},
        {"category": "keyword", "domain": "acme-sso.com", "registered": None,
         "error": "no answer in time"},
        {"category": "transposition", "domain": "amce.com", "registered": True,
         "ns": ["ns1.registrar.example"], "a": [], "aaaa": [], "mx": []},
    ]
    names = len(CliRunner().invoke(permutations_command, ["--json", "--policy", policy,
                                                          "acme.com"]).stdout.splitlines())
    assert result.stderr.splitlines()[-1] == (
        f"smishguard: permutations: {names:,} names looked up, 2 registered, {names - 3:,} "
        f"absent, 1 unanswered (try a longer --timeout, less --concurrency or another "
        f"--nameserver)")
    # each registrable domain asked once (the silent one again as its tries time out)
    assert {n for (name, kind), n in zone.asked.items()
            if kind == "NS" and name != "acme-sso.com"} == {1}


def test_registered_table_shows_their_records(policy: str) -> None:
    result = registered(Zone(REGISTERED), "--policy", policy)
    assert result.exit_code == 0, result.output
    assert "registered look-alikes of acme.com" in result.stdout
    row = next(line for line in result.stdout.splitlines() if "acme-okta.com" in line)
    assert "203.0.113.7" in row
    assert "10 mx.acme-okta.com" in row
    assert "ns1.parking.example" in row
    assert "2 names" in result.stdout
    assert "2 registered" in result.stderr
    assert "unanswered" not in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--nameserver", "127.0.0.1", "acme.com"], "apply with --registered"),
    (["--timeout", "1", "acme.com"], "apply with --registered"),
    (["--registered", "--nameserver", "dns.google", "acme.com"], "give a resolver's IP"),
])
def test_lookup_misuse_is_one_clear_error(args: list[str], message: str) -> None:
    result = CliRunner().invoke(permutations_command, args)
    assert isinstance(result.exception, InvalidInput)
    assert message in str(result.exception)


def test_a_resolver_silent_on_the_domain_itself_stops_at_once(policy: str) -> None:
    zone = Zone(REGISTERED, silent=frozenset({"acme.com"}))
    result = registered(zone, "--policy", policy)
    assert isinstance(result.exception, InvalidInput)
    assert str(result.exception) == (
        "the DNS resolver gave no answer for acme.com itself (no answer in time): check the "
        "network, or give a resolver with --nameserver IP")
    assert ("acme-okta.com", "NS") not in zone.asked  # thousands of names not asked


def test_a_resolver_denying_the_domain_itself_is_warned_of(policy: str) -> None:
    """Protective DNS answers NXDOMAIN for what it blocks: its 'absent' proves nothing."""
    zone = Zone({k: v for k, v in REGISTERED.items() if k != "acme.com"})
    result = registered(zone, "--policy", policy)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "smishguard: warning: the DNS resolver says acme.com itself does not exist. If it "
        "does, the resolver filters")
    assert "2 registered" in result.stderr
