"""Commands of the service: ``serve``, ``db upgrade``, ``tenant create|list``, ``key create``.

Settings come from ``SMISHGUARD_*`` variables or the ``[service]`` table of smishguard.toml;
``--state-dir`` and ``--database-url`` override them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from smishguard.errors import InvalidInput, NotFound
from smishguard.policy import load_policy
from smishguard.records import Role, Tenant
from smishguard.service.access import create_key
from smishguard.service.clock import utc_now
from smishguard.service.settings import Settings, load_settings
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store

F = TypeVar("F", bound=Callable[..., Any])
CONFIG_FILE = Path("smishguard.toml")


def store_options(func: F) -> F:
    func = click.option("--database-url", default=None, metavar="URL",
                        help="sqlite:///PATH or postgresql+psycopg://… "
                        "(default: $SMISHGUARD_DATABASE_URL, else SQLite in the state dir).")(func)
    return click.option("--state-dir", type=click.Path(path_type=Path, file_okay=False),
                        default=None, help="Data directory (default: $SMISHGUARD_STATE_DIR, "
                        "else ~/.local/share/smishguard).")(func)


def settings_from(state_dir: Path | None, database_url: str | None, **more: Any) -> Settings:
    return load_settings(config_file=CONFIG_FILE, state_dir=state_dir,
                         database_url=database_url, **more)


def open_store(settings: Settings) -> Store:
    return Store.open(settings.database_url)


@click.group("db")
def db_group() -> None:
    """The database: migrations."""


@db_group.command("upgrade")
@store_options
def db_upgrade(state_dir: Path | None, database_url: str | None) -> None:
    """Bring the schema to the newest revision (also done by `serve` at start)."""
    settings = settings_from(state_dir, database_url)
    open_store(settings).close()
    click.echo("database is at the newest schema revision")


@click.group("tenant")
def tenant_group() -> None:
    """Organizations using this deployment."""


@tenant_group.command("create")
@click.argument("name")
@click.option("--reporting-number", metavar="+E164",
              help="The number employees forward suspicious texts to (Twilio's 'To').")
@click.option("--twilio-auth-token", envvar="TWILIO_AUTH_TOKEN", metavar="TOKEN",
              help="Validates X-Twilio-Signature on the webhook (or $TWILIO_AUTH_TOKEN).")
@click.option("--policy", "policy_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The tenant's policy TOML (default: the built-in brands).")
@store_options
def tenant_create(name: str, reporting_number: str | None, twilio_auth_token: str | None,
                  policy_path: Path | None, state_dir: Path | None,
                  database_url: str | None) -> None:
    """Create a tenant and print its first admin API key (shown once)."""
    if reporting_number and not twilio_auth_token:
        raise InvalidInput("a reporting number needs --twilio-auth-token to check signatures")
    policy_toml = _read_policy(policy_path) if policy_path else None
    store = open_store(settings_from(state_dir, database_url))
    try:
        tenant, key, plain = create_tenant(
            store, name, utc_now, reporting_number=reporting_number,
            twilio_auth_token=twilio_auth_token, policy_toml=policy_toml)
    finally:
        store.close()
    click.echo(f"tenant {tenant.name!r} created (id {tenant.id})")
    click.echo(f"admin API key (shown once, store it now): {plain}")
    click.echo(f"key id: {key.id}", err=True)


@tenant_group.command("list")
@store_options
def tenant_list(state_dir: Path | None, database_url: str | None) -> None:
    """The tenants, their ids and reporting numbers."""
    store = open_store(settings_from(state_dir, database_url))
    try:
        for tenant in store.tenants.all():
            click.echo(f"{tenant.id}  {tenant.name}  {tenant.reporting_number or '-'}")
    finally:
        store.close()


@click.group("key")
def key_group() -> None:
    """API keys of a tenant."""


@key_group.command("create")
@click.argument("tenant")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.ANALYST.value,
              show_default=True)
@store_options
def key_create(tenant: str, role: str, state_dir: Path | None, database_url: str | None) -> None:
    """Create an API key for TENANT (its name or id) and print it (shown once)."""
    store = open_store(settings_from(state_dir, database_url))
    try:
        found = tenant_named(store, tenant)
        key, plain = create_key(store, found.id, Role(role), utc_now)
        store.tenants.audit(tenant_id=found.id, actor="cli", action="key.create",
                            subject=key.id, at=utc_now(), details={"role": role})
    finally:
        store.close()
    click.echo(f"{role} API key for {found.name!r} (shown once, store it now): {plain}")


def tenant_named(store: Store, name_or_id: str) -> Tenant:
    """A tenant by its name, else by its id (NotFound for neither)."""
    try:
        return store.tenants.by_name(name_or_id)
    except NotFound:
        return store.tenants.get(name_or_id)


def _read_policy(path: Path) -> str:
    load_policy(path)  # a clear error now rather than at the first report
    return path.read_text(encoding="utf-8")
