"""``smishguard campaigns list|show`` and ``smishguard export``: a tenant's campaigns and its
threat-intel exports, straight from the database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from smishguard.campaigns import TenantCampaignView
from smishguard.cli.service import open_store, settings_from, store_options, tenant_named
from smishguard.intel import ExportFormat
from smishguard.service.clock import utc_now
from smishguard.service.exports import export_for_tenant
from smishguard.service.reporting import Reporting
from smishguard.service.settings import secret_key


@click.group("campaigns")
def campaigns_group() -> None:
    """Campaigns: reports connected into one attack, as a tenant sees them."""


@campaigns_group.command("list")
@click.argument("tenant")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per campaign.")
@store_options
def campaigns_list(tenant: str, limit: int, as_json: bool, state_dir: Path | None,
                   database_url: str | None) -> None:
    """TENANT's campaigns (name or id), most recently active first."""
    with tenant_reporting(tenant, state_dir, database_url) as (tenant_id, reporting):
        views = reporting.campaigns.list_for(tenant_id, limit)
    if as_json:
        for view in views:
            click.echo(json.dumps(_document(view)))
        return
    table = Table("id", "status", "reports", "people", "other orgs", "last seen", "title")
    for view in views:
        c = view.campaign
        table.add_row(c.id, c.status.value, str(len(c.report_ids)), str(c.people_reached),
                      str(view.other_tenants), c.last_seen.strftime("%Y-%m-%d %H:%M"), c.title)
    Console().print(table)


@campaigns_group.command("show")
@click.argument("tenant")
@click.argument("campaign_id")
@click.option("--json", "as_json", is_flag=True)
@store_options
def campaigns_show(tenant: str, campaign_id: str, as_json: bool, state_dir: Path | None,
                   database_url: str | None) -> None:
    """One campaign as TENANT sees it."""
    with tenant_reporting(tenant, state_dir, database_url) as (tenant_id, reporting):
        view = reporting.campaigns.view(tenant_id, campaign_id)
    document = _document(view)
    if as_json:
        click.echo(json.dumps(document, indent=2))
        return
    for key, value in document.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        click.echo(f"{key:>20}: {shown}")


@click.command("export")
@click.option("--tenant", required=True, help="Tenant name or id.")
@click.option("--format", "export_format", type=click.Choice([f.value for f in ExportFormat]),
              required=True, help="rpz (BIND/Unbound), stix (2.1), misp, csv or txt.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write here instead of stdout.")
@store_options
def export_command(tenant: str, export_format: str, output: Path | None,
                   state_dir: Path | None, database_url: str | None) -> None:
    """Export TENANT's campaigns and indicators for blocklists and threat-intel platforms."""
    with tenant_reporting(tenant, state_dir, database_url) as (tenant_id, reporting):
        document = export_for_tenant(reporting.store, reporting, tenant_id, export_format,
                                     utc_now())
    for skipped in document.skipped:
        click.echo(f"smishguard: skipped {skipped.value!r}: {skipped.reason}", err=True)
    if output is None:
        sys.stdout.write(document.text)
        return
    output.write_text(document.text, encoding="utf-8")
    click.echo(f"wrote {output} ({export_format})", err=True)


@contextmanager
def tenant_reporting(tenant: str, state_dir: Path | None,
                     database_url: str | None) -> Iterator[tuple[str, Reporting]]:
    """The tenant's id (TENANT is a name or an id) and the service over the database, closed
    when the block ends."""
    settings = settings_from(state_dir, database_url)
    store = open_store(settings)
    try:
        yield tenant_named(store, tenant).id, Reporting(store, secret_key(settings), utc_now)
    finally:
        store.close()


def _document(view: TenantCampaignView) -> dict[str, object]:
    c = view.campaign
    return {
        "id": c.id, "title": c.title, "status": c.status.value,
        "first_seen": c.first_seen.isoformat(), "last_seen": c.last_seen.isoformat(),
        "first_seen_anywhere": view.first_seen_anywhere.isoformat(),
        "reports": len(c.report_ids), "people_reached": c.people_reached,
        "other_organizations": view.other_tenants, "domains": list(c.domains),
        "senders": list(c.senders), "patterns": list(c.patterns), "brands": list(c.brands),
        "samples": list(c.samples), "notes": list(c.notes),
    }
