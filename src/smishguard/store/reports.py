"""Reports: recorded with the alerts they raise in one transaction, listed, searched, decided."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from smishguard.errors import Conflict, NotFound
from smishguard.model import Decision, Label, Report
from smishguard.records import AlertEvent
from smishguard.store.alerts import queue_alert
from smishguard.store.dialect import escape_like, insert_ignoring_duplicates
from smishguard.store.rows import report_from_row, report_values
from smishguard.store.tables import (
    alerted_domains,
    pending_forwards,
    report_domains,
    reports,
)

AlertPayload = Callable[[str], dict[str, Any] | None]
"""Builds the alert body for a domain reported as phishing for the first time; None when the
domain must not alert (an analyst of the tenant cleared it)."""


@dataclass(frozen=True, slots=True)
class ReportQuery:
    """Filters for listing a tenant's reports, newest first."""

    label: Label | None = None
    decision: Decision | None = None
    undecided: bool = False
    domain: str | None = None
    text: str | None = None  # case-insensitive substring of the message
    received_after: datetime | None = None
    received_before: datetime | None = None
    before_seq: int | None = None  # the paging cursor
    limit: int = 50


@dataclass(frozen=True, slots=True)
class ReportPage:
    reports: tuple[Report, ...]
    next_cursor: int | None


class AlreadyRecorded(Conflict):
    """A report with this external id is stored already (a retry, or a replayed webhook)."""

    def __init__(self, existing: Report) -> None:
        super().__init__(f"report {existing.id} was recorded already with this id")
        self.existing = existing


class ReportStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(self, report: Report, recorded_at: datetime,
               alert_payload: AlertPayload | None = None,
               external_id: str | None = None,
               alert_domains: Sequence[str] | None = None) -> tuple[str, ...]:
        """Commit the report; when it is phishing, the domains reported for the first time at
        this tenant (``alert_domains``, else the report's domains) get an outbox row per alert
        target in the same transaction. Returns those domains. With ``external_id`` (a
        MessageSid, an Idempotency-Key) stored already for this tenant, nothing is written and
        AlreadyRecorded names the stored report."""
        try:
            with self._engine.begin() as connection:
                inserted = connection.execute(insert(reports).values(
                    recorded_at=recorded_at, external_id=external_id, **report_values(report))
                ).inserted_primary_key
                assert inserted is not None
                return self._record_rest(
                    connection, report, inserted[0], recorded_at, alert_payload,
                    report.domains if alert_domains is None else alert_domains)
        except IntegrityError as exc:
            existing = self.by_external_id(report.tenant_id, external_id) if external_id else None
            if existing is None:
                raise
            raise AlreadyRecorded(existing) from exc

    def by_external_id(self, tenant_id: str, external_id: str) -> Report | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(reports).where(
                reports.c.tenant_id == tenant_id, reports.c.external_id == external_id)
            ).mappings().first()
        return report_from_row(row) if row else None

    def _record_rest(self, connection: Connection, report: Report, seq: int,
                     recorded_at: datetime, alert_payload: AlertPayload | None,
                     alert_domains: Sequence[str]) -> tuple[str, ...]:
        """Domains, alerted domains and outbox rows of a report, in its transaction."""
        first_seen: list[str] = []
        for domain in dict.fromkeys(report.domains):
            connection.execute(insert(report_domains).values(
                report_seq=seq, domain=domain, tenant_id=report.tenant_id))
        if report.verdict.label is not Label.PHISHING or alert_payload is None:
            return ()
        for domain in dict.fromkeys(alert_domains):
            payload = alert_payload(domain)
            if payload is None:
                continue
            is_new = insert_ignoring_duplicates(connection, alerted_domains, {
                "tenant_id": report.tenant_id, "domain": domain,
                "report_id": report.id, "alerted_at": recorded_at,
            })
            if not is_new:
                continue
            first_seen.append(domain)
            queue_alert(connection, report.tenant_id, AlertEvent.FIRST_PHISHING_REPORT, payload,
                        recorded_at)
        return tuple(first_seen)

    def get(self, tenant_id: str, report_id: str) -> Report:
        with self._engine.connect() as connection:
            row = connection.execute(select(reports).where(
                reports.c.tenant_id == tenant_id, reports.c.id == report_id)).mappings().first()
        if row is None:
            raise NotFound(f"no report with id {report_id!r}")
        return report_from_row(row)

    def search(self, tenant_id: str, query: ReportQuery) -> ReportPage:
        statement = select(reports).where(reports.c.tenant_id == tenant_id)
        if query.label is not None:
            statement = statement.where(reports.c.label == query.label.value)
        if query.decision is not None:
            statement = statement.where(reports.c.decision == query.decision.value)
        if query.undecided:
            statement = statement.where(reports.c.decision.is_(None))
        if query.domain:
            statement = statement.where(reports.c.seq.in_(
                select(report_domains.c.report_seq).where(
                    report_domains.c.tenant_id == tenant_id,
                    report_domains.c.domain == query.domain.lower())))
        if query.text:
            pattern = "%" + escape_like(query.text.lower()) + "%"
            statement = statement.where(func.lower(reports.c.text).like(pattern, escape="\\"))
        if query.received_after is not None:
            statement = statement.where(reports.c.received_at >= query.received_after)
        if query.received_before is not None:
            statement = statement.where(reports.c.received_at < query.received_before)
        if query.before_seq is not None:
            statement = statement.where(reports.c.seq < query.before_seq)
        statement = statement.order_by(reports.c.seq.desc()).limit(query.limit + 1)
        with self._engine.connect() as connection:
            rows = list(connection.execute(statement).mappings())
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        cursor = int(rows[-1]["seq"]) if more and rows else None
        return ReportPage(tuple(report_from_row(row) for row in rows), cursor)

    def count(self, tenant_id: str) -> int:
        with self._engine.connect() as connection:
            return int(connection.execute(
                select(func.count()).select_from(reports).where(reports.c.tenant_id == tenant_id)
            ).scalar_one())

    def decide(self, tenant_id: str, report_id: str, decision: Decision, decided_by: str,
               at: datetime) -> Report:
        with self._engine.begin() as connection:
            done = connection.execute(
                update(reports)
                .where(reports.c.tenant_id == tenant_id, reports.c.id == report_id)
                .values(decision=decision.value, decided_at=at, decided_by=decided_by))
            if done.rowcount == 0:
                raise NotFound(f"no report with id {report_id!r}")
        return self.get(tenant_id, report_id)

    def decisions(self, tenant_id: str | None = None) -> list[Report]:
        """Reports analysts decided on (the retraining set), oldest first."""
        statement = select(reports).where(reports.c.decision.is_not(None))
        if tenant_id is not None:
            statement = statement.where(reports.c.tenant_id == tenant_id)
        with self._engine.connect() as connection:
            rows = connection.execute(statement.order_by(reports.c.seq)).mappings()
            return [report_from_row(row) for row in rows]

    def await_sender(self, tenant_id: str, reporter: str, report_id: str, at: datetime) -> None:
        """Remember that this reporter's last forwarded text still lacks its sender."""
        with self._engine.begin() as connection:
            connection.execute(delete(pending_forwards).where(
                pending_forwards.c.tenant_id == tenant_id,
                pending_forwards.c.reporter == reporter))
            connection.execute(insert(pending_forwards).values(
                tenant_id=tenant_id, reporter=reporter, report_id=report_id, created_at=at))

    def attach_sender(self, tenant_id: str, reporter: str, sender: str,
                      not_before: datetime) -> Report | None:
        """Give the reporter's pending report (forwarded after ``not_before``) its sender."""
        with self._engine.begin() as connection:
            pending = connection.execute(
                select(pending_forwards.c.report_id, pending_forwards.c.created_at).where(
                    pending_forwards.c.tenant_id == tenant_id,
                    pending_forwards.c.reporter == reporter)
            ).first()
            if pending is None:
                return None
            connection.execute(delete(pending_forwards).where(
                pending_forwards.c.tenant_id == tenant_id,
                pending_forwards.c.reporter == reporter))
            if pending.created_at < not_before:
                return None
            connection.execute(update(reports).where(
                reports.c.tenant_id == tenant_id, reports.c.id == pending.report_id
            ).values(sender=sender))
        return self.get(tenant_id, pending.report_id)

