"""Tenants, their API keys and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from smishguard.errors import Conflict, NotFound
from smishguard.records import ApiKey, Tenant
from smishguard.store.rows import key_from_row, tenant_from_row
from smishguard.store.tables import api_keys, audit_log, tenants


class TenantStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, tenant: Tenant) -> Tenant:
        try:
            with self._engine.begin() as connection:
                connection.execute(insert(tenants).values(
                    id=tenant.id, name=tenant.name, reporting_number=tenant.reporting_number,
                    twilio_auth_token=tenant.twilio_auth_token, policy_toml=tenant.policy_toml,
                    created_at=tenant.created_at,
                ))
        except IntegrityError as exc:
            raise Conflict(
                f"a tenant named {tenant.name!r} or with reporting number "
                f"{tenant.reporting_number} exists already"
            ) from exc
        return tenant

    def get(self, tenant_id: str) -> Tenant:
        return self._one(tenants.c.id == tenant_id, f"no tenant with id {tenant_id!r}")

    def by_name(self, name: str) -> Tenant:
        return self._one(tenants.c.name == name, f"no tenant named {name!r}")

    def by_reporting_number(self, number: str) -> Tenant | None:
        with self._engine.connect() as connection:
            row = connection.execute(
                select(tenants).where(tenants.c.reporting_number == number)
            ).mappings().first()
        return tenant_from_row(row) if row else None

    def all(self) -> list[Tenant]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(tenants).order_by(tenants.c.name)).mappings()
            return [tenant_from_row(row) for row in rows]

    def set_policy(self, tenant_id: str, policy_toml: str | None) -> None:
        with self._engine.begin() as connection:
            done = connection.execute(
                update(tenants).where(tenants.c.id == tenant_id).values(policy_toml=policy_toml)
            )
            if done.rowcount == 0:
                raise NotFound(f"no tenant with id {tenant_id!r}")

    def add_key(self, key: ApiKey, key_hash: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(insert(api_keys).values(
                id=key.id, tenant_id=key.tenant_id, role=key.role.value, key_hash=key_hash,
                prefix=key.prefix, created_at=key.created_at, revoked_at=None,
            ))

    def key_by_hash(self, key_hash: str) -> ApiKey | None:
        """The live (not revoked) key with this hash, if any."""
        with self._engine.connect() as connection:
            row = connection.execute(
                select(api_keys).where(
                    api_keys.c.key_hash == key_hash, api_keys.c.revoked_at.is_(None)
                )
            ).mappings().first()
        return key_from_row(row) if row else None

    def keys(self, tenant_id: str) -> list[ApiKey]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(api_keys).where(api_keys.c.tenant_id == tenant_id)
                .order_by(api_keys.c.created_at)
            ).mappings()
            return [key_from_row(row) for row in rows]

    def revoke_key(self, tenant_id: str, key_id: str, at: datetime) -> None:
        with self._engine.begin() as connection:
            done = connection.execute(
                update(api_keys)
                .where(api_keys.c.id == key_id, api_keys.c.tenant_id == tenant_id)
                .values(revoked_at=at)
            )
            if done.rowcount == 0:
                raise NotFound(f"no key with id {key_id!r}")

    def audit(self, *, tenant_id: str | None, actor: str, action: str, at: datetime,
              subject: str = "", details: dict[str, Any] | None = None) -> None:
        with self._engine.begin() as connection:
            connection.execute(insert(audit_log).values(
                tenant_id=tenant_id, actor=actor, action=action, subject=subject, at=at,
                details=details or {},
            ))

    def audit_entries(self, tenant_id: str, limit: int = 100) -> list[dict[str, Any]]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(audit_log).where(audit_log.c.tenant_id == tenant_id)
                .order_by(audit_log.c.id.desc()).limit(limit)
            ).mappings()
            return [dict(row) for row in rows]

    def _one(self, condition: Any, missing: str) -> Tenant:
        with self._engine.connect() as connection:
            row = connection.execute(select(tenants).where(condition)).mappings().first()
        if row is None:
            raise NotFound(missing)
        return tenant_from_row(row)
