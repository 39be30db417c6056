"""Turning rows into the core's values and back: the one place that knows both shapes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import RowMapping

from smishguard.model import Channel, Decision, Label, Report, Signal, Verdict
from smishguard.records import (
    AlertEvent,
    AlertFormat,
    AlertTarget,
    ApiKey,
    ObservedDomain,
    OutboxItem,
    Role,
    Tenant,
)
from smishguard.urls import extract_urls


def verdict_document(verdict: Verdict) -> dict[str, Any]:
    return {
        "signals": [
            {"detector": s.detector, "weight": s.weight, "reason": s.reason,
             "evidence": s.evidence}
            for s in verdict.signals
        ],
        "failures": list(verdict.failures),
    }


def report_values(report: Report) -> dict[str, Any]:
    return {
        "id": report.id,
        "tenant_id": report.tenant_id,
        "text": report.text,
        "sender": report.sender,
        "reporter": report.reporter,
        "reporter_hint": report.reporter_hint,
        "channel": report.channel.value,
        "received_at": report.received_at,
        "label": report.verdict.label.value,
        "score": report.verdict.score,
        "verdict": verdict_document(report.verdict),
        "domains": list(report.domains),
        "decision": report.decision.value if report.decision else None,
    }


def report_from_row(row: RowMapping, *, with_links: bool = True) -> Report:
    """The report of a row; ``with_links`` reads the verdict's links again from the text
    (replies and pages that name them need them; bulk reads for campaigns do not)."""
    document = row.get("verdict") or {}
    verdict = Verdict(
        label=Label(row["label"]),
        score=float(row["score"]),
        signals=tuple(
            Signal(s["detector"], float(s["weight"]), s["reason"], s.get("evidence", ""))
            for s in document.get("signals", [])
        ),
        failures=tuple(document.get("failures", [])),
        # Links are not stored: they are read again from the text, as the scanner read them.
        urls=tuple(extract_urls(row["text"])) if with_links else (),
    )
    return Report(
        id=row["id"],
        tenant_id=row["tenant_id"],
        text=row["text"],
        received_at=row["received_at"],
        verdict=verdict,
        sender=row["sender"],
        reporter=row["reporter"],
        reporter_hint=row["reporter_hint"],
        channel=Channel(row["channel"]),
        domains=tuple(row["domains"] or ()),
        decision=Decision(row["decision"]) if row["decision"] else None,
    )


def tenant_from_row(row: RowMapping) -> Tenant:
    return Tenant(
        id=row["id"],
        name=row["name"],
        created_at=row["created_at"],
        reporting_number=row["reporting_number"],
        twilio_auth_token=row["twilio_auth_token"],
        policy_toml=row["policy_toml"],
    )


def key_from_row(row: RowMapping) -> ApiKey:
    return ApiKey(
        id=row["id"],
        tenant_id=row["tenant_id"],
        role=Role(row["role"]),
        prefix=row["prefix"],
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
    )


def observed_from_row(row: RowMapping) -> ObservedDomain:
    return ObservedDomain(
        domain=row["domain"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        brand=row["brand"],
        kind=row["kind"],
        score=float(row["score"]),
        reason=row["reason"],
        source=row["source"],
        times_seen=int(row["times_seen"]),
        decision=row.get("decision") or "",
        ct_log=row["ct_log"],
        ct_index=row["ct_index"],
        certified_with=tuple(row["certified_with"] or ()),
    )


def target_from_row(row: RowMapping) -> AlertTarget:
    return AlertTarget(
        id=row["id"],
        tenant_id=row["tenant_id"],
        url=row["url"],
        format=AlertFormat(row["format"]),
        created_at=row["created_at"],
        secret=row["secret"],
        enabled=bool(row["enabled"]),
        events=events_from_column(row["events"]),
    )


def events_column(events: tuple[AlertEvent, ...]) -> str:
    """A target's events as alert_targets.events keeps them: comma-separated, '' for every
    event (also those added later)."""
    return ",".join(events)


def events_from_column(text: str) -> tuple[AlertEvent, ...]:
    """:func:`events_column` read back: () for every event."""
    return tuple(AlertEvent(e) for e in text.split(",") if e)


def outbox_from_row(row: RowMapping) -> OutboxItem:
    return OutboxItem(
        id=int(row["id"]),
        tenant_id=row["tenant_id"],
        target_id=row["target_id"],
        event=row["event"],
        payload=dict(row["payload"]),
        created_at=row["created_at"],
        attempts=int(row["attempts"]),
        next_attempt_at=row["next_attempt_at"],
        delivered_at=row["delivered_at"],
        last_error=row["last_error"],
        dead_at=row["dead_at"],
    )
