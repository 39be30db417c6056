"""Alert targets and the persisted outbox of alerts still to deliver."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, insert, select, update

from smishguard.records import AlertTarget, OutboxItem
from smishguard.store.rows import outbox_from_row, target_from_row
from smishguard.store.tables import alert_targets, outbox


class AlertStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_target(self, target: AlertTarget) -> AlertTarget:
        with self._engine.begin() as connection:
            connection.execute(insert(alert_targets).values(
                id=target.id, tenant_id=target.tenant_id, url=target.url,
                secret=target.secret, format=target.format.value, enabled=target.enabled,
                created_at=target.created_at))
        return target

    def targets(self, tenant_id: str) -> list[AlertTarget]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(alert_targets).where(
                alert_targets.c.tenant_id == tenant_id).order_by(alert_targets.c.created_at))
            return [target_from_row(row) for row in rows.mappings()]

    def target(self, target_id: str) -> AlertTarget | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(alert_targets).where(
                alert_targets.c.id == target_id)).mappings().first()
        return target_from_row(row) if row else None

    def due(self, now: datetime, limit: int = 100) -> list[OutboxItem]:
        """Undelivered alerts whose next attempt is due, oldest first."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(outbox)
                .where(outbox.c.delivered_at.is_(None), outbox.c.next_attempt_at <= now)
                .order_by(outbox.c.id).limit(limit))
            return [outbox_from_row(row) for row in rows.mappings()]

    def pending(self, tenant_id: str | None = None) -> list[OutboxItem]:
        statement = select(outbox).where(outbox.c.delivered_at.is_(None))
        if tenant_id is not None:
            statement = statement.where(outbox.c.tenant_id == tenant_id)
        with self._engine.connect() as connection:
            rows = connection.execute(statement.order_by(outbox.c.id))
            return [outbox_from_row(row) for row in rows.mappings()]

    def delivered(self, tenant_id: str | None = None) -> list[OutboxItem]:
        statement = select(outbox).where(outbox.c.delivered_at.is_not(None))
        if tenant_id is not None:
            statement = statement.where(outbox.c.tenant_id == tenant_id)
        with self._engine.connect() as connection:
            rows = connection.execute(statement.order_by(outbox.c.id))
            return [outbox_from_row(row) for row in rows.mappings()]

    def mark_delivered(self, item_id: int, at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(update(outbox).where(outbox.c.id == item_id).values(
                delivered_at=at, attempts=outbox.c.attempts + 1, last_error=None))

    def mark_failed(self, item_id: int, error: str, next_attempt_at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(update(outbox).where(
                outbox.c.id == item_id,
                outbox.c.delivered_at.is_(None),
            ).values(attempts=outbox.c.attempts + 1, last_error=error[:500],
                     next_attempt_at=next_attempt_at))
