"""``smishguard serve``: the HTTP API (and, with ``--demo``, a demo tenant with sample reports)."""

from __future__ import annotations

import csv
from pathlib import Path

import click

from smishguard.cli.service import open_store, settings_from, store_options
from smishguard.errors import InvalidInput, NotFound
from smishguard.model import Channel
from smishguard.records import Role
from smishguard.service.access import create_key
from smishguard.service.clock import utc_now
from smishguard.service.invitations import create_invite, enrolment_link
from smishguard.service.reporting import Reporting, Submission
from smishguard.service.settings import Settings, secret_key
from smishguard.service.tenancy import create_tenant, policy_warnings
from smishguard.store import Store

DEMO_TENANT = "Demo Co"
DEMO_REPORTER = "+15550100042"  # a fictional 555 number


@click.command("serve")
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option("--demo", "demo_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Create the 'Demo Co' tenant, report the messages of this CSV "
              "('text' column) and print a key to look at them with.")
@store_options
def serve_command(host: str | None, port: int | None, demo_file: Path | None,
                  state_dir: Path | None, database_url: str | None) -> None:
    """Run the HTTP API: reports, scans, the Twilio webhook, /openapi.json, /metrics."""
    import uvicorn

    from smishguard.api import create_app

    settings = settings_from(state_dir, database_url, host=host, port=port)
    store = open_store(settings)
    if demo_file is not None:
        seed_demo(settings, store, demo_file)
    app = create_app(settings, store)
    for line in policy_warnings(store.tenants.all()):  # fix them on the dashboard's policy page
        click.echo(f"smishguard: warning: {line}", err=True)
    clustered = app.state.services.reporting.campaigns.load()
    click.echo(f"campaign index restored: {clustered:,} items", err=True)
    base = f"http://{settings.host}:{settings.port}"
    click.echo(f"smishguard serving on {base}  (API docs {base}/docs, "
               f"OpenAPI {base}/openapi.json, health {base}/healthz)", err=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning",
                access_log=False, server_header=False)


def seed_demo(settings: Settings, store: Store, demo_file: Path) -> None:
    """The demo tenant, its sample reports (once) and a fresh analyst key to look with."""
    try:
        tenant = store.tenants.by_name(DEMO_TENANT)
    except NotFound:
        tenant, _, _ = create_tenant(store, DEMO_TENANT, utc_now)
    if store.reports.count(tenant.id) == 0:
        reporting = Reporting(store, secret_key(settings), utc_now)
        for text, sender in _messages(demo_file):
            reporting.submit(tenant.id, Submission(text=text, sender=sender,
                                                   reporter=DEMO_REPORTER, channel=Channel.API))
    _, plain = create_key(store, tenant.id, Role.ANALYST, utc_now)
    _, token = create_invite(store, tenant.id, Role.ADMIN, "demo", utc_now, note="demo admin")
    count = store.reports.count(tenant.id)
    base = f"http://{settings.host}:{settings.port}"
    # Passkeys need a host name: the dashboard is opened on localhost, not 127.0.0.1.
    dashboard = settings.public_url or f"http://localhost:{settings.port}"
    click.echo(f"demo tenant {DEMO_TENANT!r}: {count} sample reports in {settings.database_url}")
    click.echo(f"look at them:  curl -H 'Authorization: Bearer {plain}' {base}/v1/reports")
    click.echo(f"dashboard (enrol a passkey, once): {enrolment_link(dashboard, token)}")


def _messages(path: Path) -> list[tuple[str, str | None]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InvalidInput(f"cannot read demo messages from {path}: {exc}") from exc
    if not rows or "text" not in rows[0]:
        raise InvalidInput(f"{path} needs a 'text' column")
    return [(row["text"], row.get("sender") or None) for row in rows
            if (row.get("text") or "").strip()]
