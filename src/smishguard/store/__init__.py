"""ADAPTER: the only SQL in smishguard (SQLAlchemy 2 Core + Alembic; SQLite or PostgreSQL).

``Store.open(url)`` migrates the schema to the newest revision and hands out one repository
per concern: ``tenants`` (and keys, audit log), ``reports``, ``alerts``, ``domains``,
``campaigns`` (clustered items, each tenant's status and notes, domain decisions), ``users``
(dashboard people, passkeys, invites, sessions), ``insights`` (counts over reports) and
``kits`` (leads kept to find a kit's copies across calls).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from smishguard.errors import StoreError
from smishguard.store.alerts import AlertStore
from smishguard.store.campaigns import CampaignStore
from smishguard.store.domains import ObservedDomainStore
from smishguard.store.engine import default_database_url, open_engine
from smishguard.store.insights import ReportInsights
from smishguard.store.kits import KitLeadStore
from smishguard.store.migrate import upgrade
from smishguard.store.reports import ReportPage, ReportQuery, ReportStore
from smishguard.store.tenants import TenantStore
from smishguard.store.users import UserStore


@dataclass(frozen=True, slots=True)
class Store:
    engine: Engine
    tenants: TenantStore
    reports: ReportStore
    alerts: AlertStore
    domains: ObservedDomainStore
    campaigns: CampaignStore
    users: UserStore
    insights: ReportInsights
    kits: KitLeadStore

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        engine = open_engine(url)
        try:
            if migrate:
                upgrade(engine)
            else:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
        except OperationalError as exc:
            engine.dispose()
            raise StoreError(
                f"cannot open the database {engine.url.render_as_string(hide_password=True)}: "
                f"{' '.join(str(exc.orig).split())}"
            ) from exc
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot prepare the database: {exc}") from exc
        return cls(engine, TenantStore(engine), ReportStore(engine), AlertStore(engine),
                   ObservedDomainStore(engine), CampaignStore(engine), UserStore(engine),
                   ReportInsights(engine), KitLeadStore(engine))

    def is_healthy(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def close(self) -> None:
        self.engine.dispose()


__all__ = ["ReportPage", "ReportQuery", "Store", "default_database_url"]
