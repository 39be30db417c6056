"""``./run demo``: the service on the embedded default (SQLite, the shipped model) with a demo
tenant whose sample reports are in, and a printed key that lists them."""

from __future__ import annotations

import csv
import re
import shlex
from pathlib import Path

import httpx
import pytest
from serve_process import serve

from smishguard.cli.serve import DEMO_TENANT, seed_demo
from smishguard.service.access import hash_key
from smishguard.service.settings import Settings
from smishguard.store import Store

REPO = Path(__file__).resolve().parent.parent.parent
SAMPLES = REPO / "examples" / "sample_messages.csv"
LOOK_LINE = re.compile(r"curl -H 'Authorization: Bearer (\S+)' (\S+)/v1/reports")


def demo_arguments() -> list[str]:
    """What ``./run demo`` passes to smishguard (its exec line, continuations joined)."""
    script = (REPO / "run").read_text(encoding="utf-8")
    case = script.split("  demo)", 1)[1].split(";;", 1)[0]
    command = case.split('exec "$VENV/bin/smishguard"', 1)[1].replace("\\\n", " ")
    return [arg for arg in shlex.split(command) if arg != "$@"]


def test_run_demo_serves_the_samples_from_its_own_ignored_sqlite_file() -> None:
    args = demo_arguments()
    assert args[0] == "serve"
    assert args[args.index("--demo") + 1] == "examples/sample_messages.csv"
    state_dir = args[args.index("--state-dir") + 1]
    assert args[args.index("--database-url") + 1] == f"sqlite:///{state_dir}/smishguard.db"
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert f"/{state_dir}/" in ignored


def sample_texts() -> list[str]:
    with SAMPLES.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]


def test_demo_serves_every_sample_with_its_verdict(tmp_path: Path) -> None:
    samples = sample_texts()
    lure = next(text for text in samples if "twilio-sso.com" in text)
    state = tmp_path / "demo"
    with serve(state, f"sqlite:///{state / 'smishguard.db'}", "--demo", str(SAMPLES)) as server:
        printed = LOOK_LINE.search(server.output())
        assert printed is not None, server.output()
        key, base = printed.groups()
        assert base == server.base_url
        listed = httpx.get(f"{base}/v1/reports", params={"limit": 500},
                           headers={"Authorization": f"Bearer {key}"}).json()
    labels = {item["text"]: item["verdict"]["label"] for item in listed["items"]}
    assert sorted(labels) == sorted(samples)
    assert labels[lure] == "phishing"


def test_a_second_demo_start_keeps_the_reports_and_adds_none(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'smishguard.db'}"
    settings = Settings(state_dir=tmp_path, database_url=url, secret_key=b"demo-secret")
    store = Store.open(url)
    try:
        keys = []
        for _ in range(2):
            seed_demo(settings, store, SAMPLES)
            printed = LOOK_LINE.search(capsys.readouterr().out)
            assert printed is not None
            keys.append(printed.group(1))
        tenant = store.tenants.by_name(DEMO_TENANT)
        assert store.reports.count(tenant.id) == len(sample_texts())
        assert keys[0] != keys[1]  # each start prints a fresh key; the old one still works
        assert store.tenants.key_by_hash(hash_key(keys[0])) is not None
    finally:
        store.close()
