"""Alert commands: ``alert add|list|disable|enable`` manage a tenant's webhooks; ``alerts
deliver`` delivers the outbox outside the server (once, or until interrupted)."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from smishguard.cli.service import open_store, settings_from, store_options, tenant_named
from smishguard.records import AlertEvent, AlertFormat, AlertTarget
from smishguard.service.alert_worker import AlertWorker, delivery_client
from smishguard.service.alerts import (
    DeliveryRound,
    create_target,
    redacted_url,
    set_target_enabled,
)
from smishguard.service.clock import utc_now
from smishguard.store.alerts import TargetDeliveries


@click.group("alert")
def alert_group() -> None:
    """Where a tenant's alerts go: webhooks (JSON or Slack-compatible, HMAC-signed)."""


@alert_group.command("add")
@click.argument("tenant")
@click.argument("url")
@click.option("--format", "alert_format", type=click.Choice([f.value for f in AlertFormat]),
              default=AlertFormat.JSON.value, show_default=True,
              help="json: the alert document; slack: a Slack incoming-webhook body.")
@click.option("--event", "events", multiple=True, type=click.Choice([e.value for e in AlertEvent]),
              help="Send only this event (repeat for more; default: every event).")
@store_options
def alert_add(tenant: str, url: str, alert_format: str, events: tuple[str, ...],
              state_dir: Path | None, database_url: str | None) -> None:
    """Send TENANT's alerts to URL; prints the signing secret (shown once)."""
    store = open_store(settings_from(state_dir, database_url))
    try:
        found = tenant_named(store, tenant)
        target, secret = create_target(store, found.id, url, utc_now,
                                       alert_format=AlertFormat(alert_format),
                                       events=[AlertEvent(e) for e in events])
    finally:
        store.close()
    click.echo(f"alert target {target.id} added for {found.name!r} "
               f"({target.format.value} to {redacted_url(target.url)}, {_events(target)})")
    click.echo(f"signing secret (shown once, store it now): {secret}")


@alert_group.command("list")
@click.argument("tenant")
@store_options
def alert_list(tenant: str, state_dir: Path | None, database_url: str | None) -> None:
    """TENANT's alert targets and how their alerts stand (never the secret or URL path)."""
    store = open_store(settings_from(state_dir, database_url))
    try:
        found = tenant_named(store, tenant)
        targets = store.alerts.targets(found.id)
        deliveries = store.alerts.deliveries(found.id)
    finally:
        store.close()
    if not targets:
        click.echo(f"no alert targets for {found.name!r} (add one: smishguard alert add)")
    for target in targets:
        counts = deliveries.get(target.id, TargetDeliveries(target.id))
        state = "enabled" if target.enabled else "disabled"
        click.echo(f"{target.id}  {target.format.value:<5}  {state:<8}  "
                   f"{redacted_url(target.url)}  {_events(target)}  pending {counts.pending}, "
                   f"delivered {counts.delivered}, dead {counts.dead}"
                   + (f"  last error: {counts.last_error}" if counts.last_error else ""))


def _set_enabled(tenant: str, target_id: str, enabled: bool, state_dir: Path | None,
                 database_url: str | None) -> None:
    store = open_store(settings_from(state_dir, database_url))
    try:
        found = tenant_named(store, tenant)
        set_target_enabled(store, found.id, target_id, enabled, utc_now)
    finally:
        store.close()
    click.echo(f"alert target {target_id} {'enabled' if enabled else 'disabled'}")


@alert_group.command("disable")
@click.argument("tenant")
@click.argument("target_id")
@store_options
def alert_disable(tenant: str, target_id: str, state_dir: Path | None,
                  database_url: str | None) -> None:
    """Stop alerts to a target; its pending alerts wait until it is enabled again."""
    _set_enabled(tenant, target_id, False, state_dir, database_url)


@alert_group.command("enable")
@click.argument("tenant")
@click.argument("target_id")
@store_options
def alert_enable(tenant: str, target_id: str, state_dir: Path | None,
                 database_url: str | None) -> None:
    """Resume alerts to a disabled target, with those that waited."""
    _set_enabled(tenant, target_id, True, state_dir, database_url)


@click.group("alerts")
def alerts_group() -> None:
    """The alert outbox: deliver it outside the server."""


@alerts_group.command("deliver")
@click.option("--once", is_flag=True,
              help="Deliver what is due now, print what happened and exit.")
@click.option("--interval", type=click.FloatRange(0.01, 3600), default=None,
              help="Seconds between rounds (default: the alert_interval setting, 2.0).")
@store_options
def alerts_deliver(once: bool, interval: float | None, state_dir: Path | None,
                   database_url: str | None) -> None:
    """Deliver due alerts with retries, until interrupted (or --once). Safe beside a running
    server: each alert is taken by one worker at a time."""
    settings = settings_from(state_dir, database_url, alert_interval=interval)
    store = open_store(settings)
    try:
        with delivery_client() as client:
            worker = AlertWorker(store, client, utc_now, interval=settings.alert_interval,
                                 public_url=settings.public_url)
            if once:
                _summarise(worker.run_once())
                return
            _log_deliveries()
            click.echo(f"delivering alerts every {settings.alert_interval:g} s "
                       "(Ctrl-C to stop)", err=True)
            try:
                worker.run()
            except KeyboardInterrupt:
                click.echo("stopped", err=True)
    finally:
        store.close()


def _log_deliveries() -> None:
    """Our own log lines on stderr, and only ours: httpx logs each request's full URL at INFO,
    and a webhook URL's path can be a credential."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    ours = logging.getLogger("smishguard")
    ours.addHandler(handler)
    ours.setLevel(logging.INFO)


def _summarise(delivered: DeliveryRound) -> None:
    for attempt in delivered.attempts:
        line = f"alert {attempt.item_id} to {attempt.target_id}: {attempt.outcome.value}"
        if attempt.error:
            line += f" ({attempt.error})"
        if attempt.next_attempt_at is not None:
            line += f", next attempt {attempt.next_attempt_at.isoformat(timespec='seconds')}"
        click.echo(line)
    click.echo(f"delivered {delivered.delivered}, failed {delivered.failed}, "
               f"dead {delivered.dead}")


def _events(target: AlertTarget) -> str:
    return ", ".join(e.value for e in target.events) if target.events else "every event"
