"""Smoke tests of benchmarks/watch_peers.py: its inputs are what they claim, and its runner
judges a few names with each tool (the peers only when their scratch venv is installed)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from smishguard.policy import parse_policy

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from watch.brands import EVAL_BRANDS, IDP_WORDS, constructed_names, policy_toml  # noqa: E402
from watch.inputs import (  # noqa: E402
    FEED_LABELS,
    TENANT_HOSTS,
    feed_lines,
    free_host_tenants,
    labelled_hosts,
    platform_named_sites,
)
from watch.peers import PINS, RUNNER, default_venv  # noqa: E402

_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
KEYS = {b.key for b in EVAL_BRANDS}


def test_constructed_names_are_seeded_hosts_of_known_brands() -> None:
    first = list(constructed_names(EVAL_BRANDS, 7))
    assert first == list(constructed_names(EVAL_BRANDS, 7))
    assert first != list(constructed_names(EVAL_BRANDS, 8))
    assert all(_HOST.match(name) for _, name, _ in first), "every name is a host name"
    assert {key for _, _, key in first} <= KEYS
    assert {subset for subset, _, _ in first} == {
        "brand+keyword", "brand+other word", "subdomain/free host", "typo+keyword", "typo alone"}
    words = {w for b in EVAL_BRANDS for w in b.words}
    typos = [name.split(".")[0] for subset, name, _ in first if subset == "typo alone"]
    assert typos
    assert not set(typos) & words, "a typo is never a brand's own name"


def test_made_up_free_host_sites_are_seeded_tenants_named_with_words() -> None:
    words = ["apple", "river", "stone", "garden", "blue", "sun", "cloudy"]
    first = free_host_tenants(words, 50, 7)
    assert first == free_host_tenants(words, 50, 7)
    assert first != free_host_tenants(words, 50, 8)
    assert len(set(first)) == 50
    for host in first:
        tenant, _, suffix = host.partition(".")
        assert suffix in TENANT_HOSTS
        assert _HOST.match(host), host
        letters = tenant.replace("-", "").rstrip("0123456789")
        assert any(letters.startswith(w) for w in words), host


def test_made_up_platform_named_sites_hold_a_random_id_beside_the_words() -> None:
    words = ["river", "stone", "garden"]
    first = platform_named_sites(words, 300, 7)
    assert first == platform_named_sites(words, 300, 7)
    assert first != platform_named_sites(words, 300, 8)
    assert len(set(first)) == 300
    hosts = {host.split(".", 1)[1] for host in first}
    assert {"vercel.app", "netlify.app", "ondigitalocean.app", "r2.dev"} <= hosts
    for host in first:
        assert _HOST.match(host), host
        if host.endswith(".r2.dev"):
            assert re.fullmatch(r"pub-[0-9a-f]{32}\.r2\.dev", host), host
        elif not host.endswith("amplifyapp.com"):
            assert any(w in host for w in words), host


def _rows(path: Path) -> list[list[str]]:
    return [r.split("\t") for r in path.read_text(encoding="utf-8").splitlines()
            if r and not r.startswith("#")]


def test_labels_keep_no_host_names() -> None:
    brands: set[str] = set()
    for path in FEED_LABELS:
        rows = _rows(path)
        assert len(rows) >= 200
        for number, brand, digest in rows:
            assert number.isdigit()
            assert brand in KEYS
            assert re.fullmatch(r"[0-9a-f]{16}", digest)
        brands |= {brand for _, brand, _ in rows}
    assert brands == KEYS, "the brand list is the labelled brands"


def test_the_samples_share_no_line() -> None:
    seen: set[int] = set()
    for path in FEED_LABELS:
        numbers = [int(number) for number, _, _ in _rows(path)]
        assert numbers == sorted(set(numbers)), path.name
        assert not seen & set(numbers), path.name
        seen |= set(numbers)


def test_generated_policy_reads_back_with_every_brand_and_word() -> None:
    import tomllib

    policy = parse_policy(tomllib.loads(policy_toml(EVAL_BRANDS)))
    assert [b.name for b in policy.brands] == [b.name for b in EVAL_BRANDS]
    assert set(IDP_WORDS) <= set(policy.keywords)
    usps = next(b for b in policy.brands if b.name == "USPS")
    assert "informeddelivery" in usps.aliases  # a product name, given to every tool


@pytest.mark.data
def test_labels_match_the_shared_feed(shared_data: Path) -> None:
    lines = feed_lines(shared_data)
    for path in FEED_LABELS:
        assert len(labelled_hosts(lines, path)) >= 200


def _run(python: Path, tool: str, tmp_path: Path, names: list[str]) -> dict[str, Any]:
    brands = [b for b in EVAL_BRANDS if b.key in ("paypal", "steam")]
    (tmp_path / "names.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    (tmp_path / "policy.toml").write_text(policy_toml(brands), encoding="utf-8")
    job = {"tool": tool, "cpu": 0, "policy": str(tmp_path / "policy.toml"),
           "brands": [{"key": b.key, "name": b.name, "domains": list(b.domains),
                       "aliases": list(b.aliases), "keywords": list(b.words)} for b in brands],
           "dictionary": ["login", "secure"], "tlds": ["com", "xyz"], "primary_only": True,
           "lists": [{"name": "x", "path": str(tmp_path / "names.txt"), "timed": True}],
           "out": str(tmp_path / "out.json")}
    (tmp_path / "job.json").write_text(json.dumps(job), encoding="utf-8")
    subprocess.run([str(python), str(RUNNER), str(tmp_path / "job.json")], check=True,
                   timeout=120)
    result: dict[str, Any] = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert result["network_attempts"] == []
    return result


def test_smishguard_runner_reports_the_watch_hits(tmp_path: Path) -> None:
    result = _run(Path(sys.executable), "smishguard", tmp_path,
                  ["paypal-login.com", "www.example.org", "paypal.com", "steam-login.xyz"])
    for variant in ("smishguard", "smishguard first sight"):
        hits = result["variants"][variant]["x"]["hits"]
        assert {i: key for i, (key, _, _) in hits.items()} == {"0": "paypal", "3": "steam"}
    assert result["variants"]["smishguard index.match"]["x"]["cpu_s"] >= 0


def test_the_runner_refuses_to_time_python_as_the_compiled_build(tmp_path: Path) -> None:
    job = {"tool": "smishguard", "compiled": True, "cpu": 0, "brands": [], "lists": [],
           "policy": str(tmp_path / "policy.toml"), "out": str(tmp_path / "out.json")}
    (tmp_path / "policy.toml").write_text(policy_toml(EVAL_BRANDS[:1]), encoding="utf-8")
    (tmp_path / "job.json").write_text(json.dumps(job), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the Python sources
    done = subprocess.run([sys.executable, str(RUNNER), str(tmp_path / "job.json")],
                          capture_output=True, text=True, timeout=120, env=env, check=False)
    assert done.returncode != 0
    assert "the Python sources were imported" in done.stderr
    assert not (tmp_path / "out.json").exists()


def _peer_python() -> Path:
    venv = default_venv()
    stamp = venv / "smishguard-pins.txt"
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != "\n".join(PINS):
        pytest.skip(f"the peers' scratch venv is not installed at {venv} "
                    "(run benchmarks/watch_peers.py once)")
    return venv / "bin" / "python"


@pytest.mark.parametrize(("tool", "variant", "expected"), [
    # paypal-login.com is a dictionary permutation; paypal.com (the original) is allow-listed
    # by the report, not by the runner.
    ("dnstwist", "dnstwist", {"0": "paypal", "2": "paypal"}),
    ("opensquat", "openSquat", {"0": "paypal", "2": "paypal", "3": "steam"}),  # paypal.com too
])
def test_peer_runners_offline(tmp_path: Path, tool: str, variant: str,
                              expected: dict[str, str]) -> None:
    result = _run(_peer_python(), tool, tmp_path,
                  ["paypal-login.com", "www.example.org", "paypal.com", "steam-login.xyz"])
    hits = result["variants"][variant]["x"]["hits"]
    assert {i: key for i, (key, *_) in hits.items()} == expected


def test_samples_read_within_the_feed_take_the_hits_given_there() -> None:
    from watch.report import flags, within_stream

    feed = ["a.qmobi1.com", "x.com", "a.qmobi2.com", "a.qmobi3.com"]
    result = {"tool": "smishguard", "variants": {"smishguard": {
        "feed_stream": {"hits": {"0": ["darb", 0.5, "subdomain"], "3": ["darb", 0.5, "subdomain"]}},
        "sample": {"hits": {}, "seconds": 0.1},
        "fp": {"hits": {"0": ["acme", 0.9, "keyword"]}},
    }}}
    sample = ["a.qmobi3.com", "x.com", "a.qmobi2.com"]
    within = within_stream(result, "smishguard", "feed_stream", feed, {"sample": sample}, "w")
    body = within["variants"]["w"]
    assert body["sample"] == {"hits": {"0": ["darb", 0.5, "subdomain"]}, "seconds": 0.1}
    assert body["fp"] == result["variants"]["smishguard"]["fp"]  # other lists as they are
    assert flags(within, "w", "sample", sample, lambda _: False, 0.4).hits == {0: "darb"}
    assert result["variants"]["smishguard"]["sample"]["hits"] == {}  # the result is not changed
