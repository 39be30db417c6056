"""``smishguard admin invite``: a one-time enrolment link, its token stored only hashed."""

from __future__ import annotations

from pathlib import Path

import pytest
from service_fixtures import SettableClock

from smishguard.cli import main
from smishguard.records import Role
from smishguard.service.invitations import token_hash, usable_invite
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("options", "role", "base"), [
    ((), Role.ADMIN, "http://localhost:8000"),
    (("--role", "analyst", "--note", "Ana, SOC", "--base-url", "https://sg.acme.com/"),
     Role.ANALYST, "https://sg.acme.com"),
])
def test_invite_prints_a_link_whose_token_is_stored_hashed(
        capsys: pytest.CaptureFixture[str], store: Store, database_url: str, tmp_path: Path,
        clock: SettableClock, options: tuple[str, ...], role: Role, base: str) -> None:
    create_tenant(store, "Acme", clock)
    code, out, _ = run(capsys, "admin", "invite", "Acme", *options, "--state-dir",
                       str(tmp_path), "--database-url", database_url)
    assert code == 0
    link = out.strip().splitlines()[-1]
    assert link.startswith(f"{base}/dashboard/enrol?invite=")
    token = link.split("invite=", 1)[1]
    invite = store.users.invite(token_hash(token))
    assert invite is not None
    assert invite.role is role
    usable_invite(store, token, invite.created_at)  # does not raise
    latest = store.tenants.audit_entries(invite.tenant_id)[0]
    assert (latest["action"], latest["actor"]) == ("dashboard.invite", "cli")


@pytest.mark.parametrize(("args", "message"), [
    (("admin", "invite", "Nobody"), "no tenant"),
    (("admin", "invite", "Acme", "--role", "ingest"), "invalid value"),
    (("admin", "invite", "Acme", "--hours", "0"), "invalid value"),
])
def test_bad_invites_fail_in_one_line(capsys: pytest.CaptureFixture[str], store: Store,
                                      database_url: str, tmp_path: Path, clock: SettableClock,
                                      args: tuple[str, ...], message: str) -> None:
    create_tenant(store, "Acme", clock)
    code, out, err = run(capsys, *args, "--state-dir", str(tmp_path), "--database-url",
                         database_url)
    assert code == 2
    assert out == ""
    assert message in err.lower()
