"""alert add|list|disable|enable and alerts deliver, through the real entry point, on both
backends, delivering to a receiver on loopback."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alert_receiver import Receiver, receiving
from live_server import free_port

from smishguard.cli import main
from smishguard.records import AlertEvent
from smishguard.service.alerts import create_target
from smishguard.service.clock import utc_now
from smishguard.service.reporting import Reporting, Submission
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store

SECRET = re.compile(r"whsec_[A-Za-z0-9_-]{40,}")
ADDED = re.compile(r"alert target ([0-9a-f-]{36}) added")
PHISH = "Okta: your account will be locked. Verify at okta-verify-login.com now"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """The database with the tenant Acme in it."""
    opened = Store.open(database_url)
    create_tenant(opened, "Acme", utc_now)
    yield opened
    opened.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as running:
        yield running


def add(capsys: pytest.CaptureFixture[str], database_url: str, url: str,
        *options: str) -> tuple[str, str]:
    code, out, err = run(capsys, "alert", "add", "Acme", url, *options,
                         "--database-url", database_url)
    assert code == 0, err
    [target_id] = ADDED.findall(out)
    [secret] = SECRET.findall(out)
    return target_id, secret


def test_add_list_disable_enable(capsys: pytest.CaptureFixture[str], store: Store,
                                 database_url: str) -> None:
    target_id, secret = add(capsys, database_url,
                            "https://hooks.slack.com/services/T0/B0/XXXX", "--format", "slack")
    assert store.alerts.target(target_id).secret == secret  # type: ignore[union-attr]
    code, out, _ = run(capsys, "alert", "list", "Acme", "--database-url", database_url)
    assert code == 0
    [line] = out.splitlines()
    assert target_id in line
    assert "slack" in line
    assert "enabled" in line
    assert "https://hooks.slack.com/…" in line
    assert "XXXX" not in out
    assert secret not in out
    code, out, _ = run(capsys, "alert", "disable", "Acme", target_id,
                       "--database-url", database_url)
    assert (code, out.strip()) == (0, f"alert target {target_id} disabled")
    assert "disabled" in run(capsys, "alert", "list", "Acme", "--database-url",
                             database_url)[1]
    assert run(capsys, "alert", "enable", "Acme", target_id, "--database-url",
               database_url)[0] == 0
    assert store.alerts.target(target_id).enabled  # type: ignore[union-attr]
    assert "every event" in line


def test_a_target_for_one_event(capsys: pytest.CaptureFixture[str], store: Store,
                                database_url: str) -> None:
    target_id, _ = add(capsys, database_url, "https://hooks.example.com/watch",
                       "--event", "domain.lookalike_observed")
    assert store.alerts.target(target_id).events == (  # type: ignore[union-attr]
        AlertEvent.LOOKALIKE_OBSERVED,)
    [line] = run(capsys, "alert", "list", "Acme", "--database-url", database_url)[1].splitlines()
    assert "domain.lookalike_observed" in line
    assert "first_phishing_report" not in line
    code, _, err = run(capsys, "alert", "add", "Acme", "https://example.com/", "--event",
                       "everything", "--database-url", database_url)
    assert code == 2
    assert "'everything' is not one of 'domain.first_phishing_report'" in err
    assert len(store.alerts.targets(store.tenants.all()[0].id)) == 1


@pytest.mark.parametrize(("args", "message"), [
    (["alert", "add", "Acme", "ftp://example.com/"], "must start with https:// or http://"),
    (["alert", "add", "Nobody", "https://example.com/"], "no tenant with id 'Nobody'"),
    (["alert", "disable", "Acme", "no-such-target"], "no alert target with id"),
    (["alert", "list", "Nobody"], "no tenant"),
])
def test_bad_alert_commands_fail_in_one_line(capsys: pytest.CaptureFixture[str], store: Store,
                                             database_url: str, args: list[str],
                                             message: str) -> None:
    code, out, err = run(capsys, *args, "--database-url", database_url)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


def test_deliver_once_delivers_what_is_due_and_reports_failures(
        capsys: pytest.CaptureFixture[str], store: Store, database_url: str,
        receiver: Receiver) -> None:
    add(capsys, database_url, receiver.url("/hook"))
    add(capsys, database_url, f"http://127.0.0.1:{free_port()}/down")  # nothing listens
    acme = store.tenants.by_name("Acme")
    report = Reporting(store, b"k", utc_now).submit(acme.id, Submission(text=PHISH))
    code, out, _ = run(capsys, "alerts", "deliver", "--once", "--database-url", database_url)
    assert code == 0
    assert "delivered\n" in out
    assert "failed (ConnectError: " in out
    assert "next attempt" in out
    assert "/down" not in out
    assert out.splitlines()[-1] == "delivered 1, failed 1, dead 0"
    [alert] = receiver.requests
    assert json.loads(alert.body)["report_id"] == report.id
    # The retry is not due yet: a second run at once sends nothing.
    code, out, _ = run(capsys, "alerts", "deliver", "--once", "--database-url", database_url)
    assert out.splitlines() == ["delivered 0, failed 0, dead 0"]
    assert len(store.alerts.pending(acme.id)) == 1


def test_deliver_runs_until_interrupted(store: Store, database_url: str,
                                        receiver: Receiver) -> None:
    acme = store.tenants.by_name("Acme")
    store_target = create_target(store, acme.id, receiver.url("/T0/credential"), utc_now)[0]
    script = Path(sys.executable).parent / "smishguard"
    # Ctrl-C as at a terminal: a shell without job control starts background jobs with
    # SIGINT ignored, which the worker would inherit from this test run.
    worker = subprocess.Popen(
        [str(script), "alerts", "deliver", "--interval", "0.05", "--database-url",
         database_url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        Reporting(store, b"k", utc_now).submit(acme.id, Submission(text=PHISH))
        deadline = time.monotonic() + 30
        while not store.alerts.delivered(acme.id) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            out, err = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()  # never left running, nor its pipes to later tests
            out, err = worker.communicate()
            pytest.fail(f"alerts deliver did not stop on Ctrl-C within 30 s: {err[-2000:]}")
    assert worker.returncode == 0, err
    assert "stopped" in err
    assert "delivered" in err  # its log line
    assert store_target.secret not in err + out
    assert "credential" not in err + out
    assert len(receiver.requests) == 1
