"""``smishguard admin invite``: a one-time link to enrol a passkey for the dashboard (how the
first admin gets in; later admins invite people from the dashboard's People page)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import click

from smishguard.cli.service import open_store, settings_from, store_options, tenant_named
from smishguard.records import Role
from smishguard.service.clock import utc_now
from smishguard.service.invitations import DASHBOARD_ROLES, create_invite, enrolment_link


@click.group("admin")
def admin_group() -> None:
    """The dashboard's people: enrolment links."""


@admin_group.command("invite")
@click.argument("tenant")
@click.option("--role", type=click.Choice([r.value for r in DASHBOARD_ROLES]),
              default=Role.ADMIN.value, show_default=True, help="What the person may do.")
@click.option("--note", default="", metavar="TEXT",
              help="Whom the link is for (shown to admins and prefilled as the name).")
@click.option("--hours", type=click.IntRange(1, 720), default=24, show_default=True,
              help="How long the link stays valid.")
@click.option("--base-url", default=None, metavar="URL",
              help="Where people open the dashboard (default: $SMISHGUARD_PUBLIC_URL, else "
              "http://localhost:PORT).")
@store_options
def admin_invite(tenant: str, role: str, note: str, hours: int, base_url: str | None,
                 state_dir: Path | None, database_url: str | None) -> None:
    """Print a one-time enrolment link for TENANT (its name or id)."""
    settings = settings_from(state_dir, database_url)
    store = open_store(settings)
    try:
        found = tenant_named(store, tenant)
        invite, token = create_invite(store, found.id, Role(role), "cli", utc_now, note=note,
                                      lifetime=timedelta(hours=hours))
    finally:
        store.close()
    # Passkeys need a host name: localhost, not the 127.0.0.1 the server listens on.
    base = base_url or settings.public_url or f"http://localhost:{settings.port}"
    click.echo(f"enrolment link for a new {role} of {found.name!r} "
               f"(works once, until {invite.expires_at:%Y-%m-%d %H:%M} UTC):")
    click.echo(enrolment_link(base, token))
