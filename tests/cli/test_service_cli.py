"""db, tenant and key commands through the real entry point, on both backends."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smishguard.cli import main
from smishguard.records import Role
from smishguard.service.access import authenticate
from smishguard.service.tenancy import policy_warnings
from smishguard.store import Store

KEY = re.compile(r"sg_[A-Za-z0-9_-]{40,}")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_tenant_create_prints_a_working_admin_key(capsys: pytest.CaptureFixture[str],
                                                  database_url: str) -> None:
    code, out, _ = run(capsys, "tenant", "create", "Acme", "--reporting-number",
                       "+1 415 555 0100", "--twilio-auth-token", "secret-token",
                       "--database-url", database_url)
    assert code == 0
    [admin_key] = KEY.findall(out)
    store = Store.open(database_url)
    try:
        tenant = store.tenants.by_name("Acme")
        assert tenant.reporting_number == "+14155550100"
        assert authenticate(store, f"Bearer {admin_key}").role is Role.ADMIN
        code, out, _ = run(capsys, "key", "create", "Acme", "--role", "ingest",
                           "--database-url", database_url)
        assert code == 0
        [ingest_key] = KEY.findall(out)
        assert authenticate(store, f"Bearer {ingest_key}").role is Role.INGEST
        code, out, _ = run(capsys, "tenant", "list", "--database-url", database_url)
        assert tenant.id in out
        assert "secret-token" not in out
    finally:
        store.close()


@pytest.mark.parametrize(("args", "message"), [
    (["tenant", "create", "Acme", "--reporting-number", "555-0100", "--twilio-auth-token",
      "t"], "E.164"),
    (["tenant", "create", "Acme", "--reporting-number", "+14155550100"],
     "needs --twilio-auth-token"),
    (["tenant", "create", "   "], "1 to 200 characters"),
    (["key", "create", "Nobody"], "no tenant with id 'Nobody'"),
])
def test_bad_commands_fail_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       args: list[str], message: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    code, _, err = run(capsys, *args, "--state-dir", str(tmp_path))
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_duplicate_tenant_is_refused(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    assert run(capsys, "tenant", "create", "Acme", "--state-dir", str(tmp_path))[0] == 0
    code, _, err = run(capsys, "tenant", "create", "Acme", "--state-dir", str(tmp_path))
    assert code == 2
    assert "exists already" in err


def test_unreachable_database_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "db", "upgrade", "--database-url",
                       "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert code == 5
    assert err.startswith("smishguard: error: cannot open the database")
    assert len(err.strip().splitlines()) == 1


def test_db_upgrade_creates_the_sqlite_file(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    code, out, _ = run(capsys, "db", "upgrade", "--state-dir", str(tmp_path / "state"))
    assert code == 0
    assert "newest schema revision" in out
    assert (tmp_path / "state" / "smishguard.db").is_file()


def test_tenant_create_refuses_a_policy_that_lists_a_shared_host_as_owned(
    capsys: pytest.CaptureFixture[str], database_url: str, tmp_path: Path
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('not_lookalikes = ["acme-fans.pages.dev"]\n[[brands]]\nname = "Acme"\n'
                      'domains = ["acme.com", "github.io"]\n', encoding="utf-8")
    code, out, err = run(capsys, "tenant", "create", "Acme", "--policy", str(policy),
                         "--database-url", database_url)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "github.io is a shared host" in err
    assert "acme.github.io" in err
    store = Store.open(database_url)
    try:
        assert [t.name for t in store.tenants.all()] == []
    finally:
        store.close()


def test_serve_warns_of_a_stored_policy_that_lists_a_shared_host(
    capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    """A policy stored before such policies were refused: serve names it as it starts."""
    good = '[[brands]]\nname = "Acme"\ndomains = ["acme.com"]\n'
    assert run(capsys, "tenant", "create", "Acme", "--database-url", database_url)[0] == 0
    assert run(capsys, "tenant", "create", "Globex", "--database-url", database_url)[0] == 0
    store = Store.open(database_url)
    try:
        acme, globex = store.tenants.by_name("Acme"), store.tenants.by_name("Globex")
        store.tenants.set_policy(acme.id, good.replace('"acme.com"', '"acme.com", "pages.dev"'))
        store.tenants.set_policy(globex.id, good)
        warnings = policy_warnings(store.tenants.all())
    finally:
        store.close()
    assert len(warnings) == 1
    assert warnings[0].startswith("tenant 'Acme': policy: Acme: pages.dev is a shared host")
