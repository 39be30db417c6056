"""campaigns list|show and export through the real entry point, on a SQLite state dir."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smishguard.cli import main
from smishguard.service.reporting import Reporting, Submission
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store

KIT = "Acme IT: your password has expired. Log in at acme-okta.com within 24 hours. Ticket {n}"


@pytest.fixture
def state(tmp_path: Path) -> Path:
    store = Store.open(f"sqlite:///{tmp_path / 'smishguard.db'}")
    moment = [datetime(2026, 11, 28, 9, tzinfo=UTC)]

    def clock() -> datetime:
        moment[0] += timedelta(minutes=1)
        return moment[0]

    try:
        acme, _, _ = create_tenant(store, "Acme", clock)
        create_tenant(store, "Globex", clock)
        reporting = Reporting(store, b"k", clock)
        for n in range(3):
            reporting.submit(acme.id, Submission(text=KIT.format(n=n),
                                                 reporter=f"+1415555010{n}"))
    finally:
        store.close()
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_show_and_export(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    code, out, _ = run(capsys, "campaigns", "list", "Acme", "--json", "--state-dir", str(state))
    assert code == 0
    [campaign] = [json.loads(line) for line in out.splitlines()]
    assert campaign["reports"] == 3
    assert campaign["people_reached"] == 3
    code, out, _ = run(capsys, "campaigns", "show", "Acme", campaign["id"], "--json",
                       "--state-dir", str(state))
    assert code == 0
    assert json.loads(out)["domains"] == ["acme-okta.com"]
    code, out, _ = run(capsys, "export", "--tenant", "Acme", "--format", "txt",
                       "--state-dir", str(state))
    assert code == 0
    assert out.split() == ["acme-okta.com"]


def test_another_tenant_sees_nothing(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    _, out, _ = run(capsys, "campaigns", "list", "Acme", "--json", "--state-dir", str(state))
    campaign_id = json.loads(out.splitlines()[0])["id"]
    code, out, _ = run(capsys, "campaigns", "list", "Globex", "--json",
                       "--state-dir", str(state))
    assert code == 0
    assert out == ""
    code, _, err = run(capsys, "campaigns", "show", "Globex", campaign_id,
                       "--state-dir", str(state))
    assert code == 2
    assert "no campaign" in err
