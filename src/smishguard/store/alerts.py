"""Alert targets and the persisted outbox of alerts still to deliver.

An outbox row is *pending* until it is delivered or delivery gives up (``dead_at``); dead rows
stay, with their last error, so that people can see what was not delivered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, case, func, insert, select, update

from smishguard.errors import NotFound
from smishguard.records import AlertEvent, AlertTarget, OutboxItem
from smishguard.store.rows import (
    events_column,
    events_from_column,
    outbox_from_row,
    target_from_row,
)
from smishguard.store.tables import alert_targets, outbox


def queue_alert(connection: Connection, tenant_id: str, event: AlertEvent,
                payload: Mapping[str, Any], at: datetime) -> None:
    """An outbox row for each of the tenant's enabled targets that are sent this event, in the
    caller's transaction (so the alert is kept exactly when what raised it is)."""
    targets = connection.execute(select(alert_targets.c.id, alert_targets.c.events).where(
        alert_targets.c.tenant_id == tenant_id, alert_targets.c.enabled)).all()
    for target_id, column in targets:
        events = events_from_column(column)
        if events and event not in events:
            continue
        connection.execute(insert(outbox).values(
            tenant_id=tenant_id, target_id=target_id, event=event.value, payload=dict(payload),
            created_at=at, attempts=0, next_attempt_at=at))


@dataclass(frozen=True, slots=True)
class TargetDeliveries:
    """How a target's alerts stand: counts by state, and the newest error not yet overcome."""

    target_id: str
    pending: int = 0
    delivered: int = 0
    dead: int = 0
    last_error: str | None = None


class AlertStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_target(self, target: AlertTarget) -> AlertTarget:
        with self._engine.begin() as connection:
            connection.execute(insert(alert_targets).values(
                id=target.id, tenant_id=target.tenant_id, url=target.url,
                secret=target.secret, format=target.format.value, enabled=target.enabled,
                created_at=target.created_at, events=events_column(target.events)))
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

    def set_enabled(self, tenant_id: str, target_id: str, enabled: bool) -> AlertTarget:
        """Enable or disable one of the tenant's targets. A disabled target gets no new alerts
        and its pending ones wait (they are delivered if it is enabled again)."""
        with self._engine.begin() as connection:
            done = connection.execute(update(alert_targets).where(
                alert_targets.c.tenant_id == tenant_id, alert_targets.c.id == target_id,
            ).values(enabled=enabled))
            if done.rowcount == 0:
                raise NotFound(f"no alert target with id {target_id!r}")
        found = self.target(target_id)
        assert found is not None
        return found

    def deliveries(self, tenant_id: str) -> dict[str, TargetDeliveries]:
        """Per target of the tenant: pending, delivered and dead alerts, and the last error."""
        delivered = outbox.c.delivered_at.is_not(None)
        dead = outbox.c.dead_at.is_not(None)
        counts = select(
            outbox.c.target_id,
            func.sum(case((~delivered & ~dead, 1), else_=0)),
            func.sum(case((delivered, 1), else_=0)),
            func.sum(case((dead, 1), else_=0)),
        ).where(outbox.c.tenant_id == tenant_id).group_by(outbox.c.target_id)
        newest_failure = select(func.max(outbox.c.id)).where(
            outbox.c.tenant_id == tenant_id, outbox.c.delivered_at.is_(None),
            outbox.c.last_error.is_not(None),
        ).group_by(outbox.c.target_id)
        errors = select(outbox.c.target_id, outbox.c.last_error).where(
            outbox.c.id.in_(newest_failure))
        with self._engine.connect() as connection:
            last_errors = {row.target_id: row.last_error for row in connection.execute(errors)}
            return {
                target_id: TargetDeliveries(target_id, int(pending or 0), int(done or 0),
                                            int(gone or 0), last_errors.get(target_id))
                for target_id, pending, done, gone in connection.execute(counts)
            }

    def due(self, now: datetime, limit: int = 100) -> list[OutboxItem]:
        """Pending alerts of enabled targets whose next attempt is due, oldest first."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(outbox)
                .join(alert_targets, alert_targets.c.id == outbox.c.target_id)
                .where(outbox.c.delivered_at.is_(None), outbox.c.dead_at.is_(None),
                       outbox.c.next_attempt_at <= now, alert_targets.c.enabled)
                .order_by(outbox.c.id).limit(limit))
            return [outbox_from_row(row) for row in rows.mappings()]

    def claim(self, item_id: int, now: datetime, until: datetime) -> bool:
        """Take a due alert for one delivery attempt: pushes its next attempt to ``until`` if it
        is still due at ``now``. False when another worker took it first. If this worker dies
        mid-attempt, the alert is due again at ``until``."""
        with self._engine.begin() as connection:
            done = connection.execute(update(outbox).where(
                outbox.c.id == item_id, outbox.c.delivered_at.is_(None),
                outbox.c.dead_at.is_(None), outbox.c.next_attempt_at <= now,
            ).values(next_attempt_at=until))
            return bool(done.rowcount == 1)

    def pending(self, tenant_id: str | None = None) -> list[OutboxItem]:
        """Alerts neither delivered nor given up, oldest first."""
        statement = select(outbox).where(outbox.c.delivered_at.is_(None),
                                         outbox.c.dead_at.is_(None))
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

    def dead(self, tenant_id: str | None = None) -> list[OutboxItem]:
        """Alerts whose delivery gave up, with their last error, oldest first."""
        statement = select(outbox).where(outbox.c.dead_at.is_not(None))
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

    def mark_dead(self, item_id: int, error: str, at: datetime) -> None:
        """The last allowed attempt failed: stop trying, keep the row and its error."""
        with self._engine.begin() as connection:
            connection.execute(update(outbox).where(
                outbox.c.id == item_id,
                outbox.c.delivered_at.is_(None),
            ).values(attempts=outbox.c.attempts + 1, last_error=error[:500], dead_at=at))
