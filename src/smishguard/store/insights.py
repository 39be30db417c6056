"""Counts over a tenant's reports for the dashboard: per hour and label, undecided, and which
brands the verdicts say were imitated.

Aggregated in the database, from the indexes on (tenant_id, received_at, label) and
(tenant_id, decision, seq) without reading report rows, so that a page stays fast with
hundreds of thousands of reports stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, case, func, select, true

from smishguard.model import Label
from smishguard.store.tables import reports

# Signals whose evidence says which brand a message imitates: a look-alike link (its host)
# and a brand named in the text (the brand's name).
BRAND_EVIDENCE = ("url.lookalike", "text.brand_mention")


@dataclass(frozen=True, slots=True)
class HourlyCount:
    """Reports of one label received in one UTC hour."""

    hour: datetime
    label: Label
    reports: int


@dataclass(frozen=True, slots=True)
class BrandEvidence:
    """One signal of a report that names the brand it imitates."""

    report_seq: int
    detector: str
    evidence: str


class ReportInsights:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def hourly(self, tenant_id: str, since: datetime, until: datetime) -> list[HourlyCount]:
        """Reports received in [since, until), by UTC hour and label (hours without reports
        are left out)."""
        postgres = self._engine.dialect.name == "postgresql"
        if postgres:  # a UTC timestamp without zone (to_char would cost twice as much)
            hour: Any = func.date_trunc("hour", func.timezone("UTC", reports.c.received_at))
        else:  # SQLite keeps 'YYYY-MM-DD HH:MM:SS.ffffff', in UTC
            hour = func.substr(reports.c.received_at, 1, 13)
        # One group per hour, the labels counted inside it (cheaper than grouping by label).
        phishing = func.sum(case((reports.c.label == Label.PHISHING.value, 1), else_=0))
        suspicious = func.sum(case((reports.c.label == Label.SUSPICIOUS.value, 1), else_=0))
        statement = (select(hour.label("hour"), phishing.label("phishing"),
                            suspicious.label("suspicious"), func.count().label("n"))
                     .where(*_window(tenant_id, since, until)).group_by(hour))
        with self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        counts = []
        for row in rows:
            start = (row.hour if postgres else datetime.strptime(row.hour, "%Y-%m-%d %H"))
            start = start.replace(tzinfo=UTC)
            phished, suspected = int(row.phishing), int(row.suspicious)
            counts += [HourlyCount(start, Label.PHISHING, phished),
                       HourlyCount(start, Label.SUSPICIOUS, suspected),
                       HourlyCount(start, Label.CLEAN, int(row.n) - phished - suspected)]
        return counts

    def undecided(self, tenant_id: str) -> int:
        """Reports no analyst has decided on yet: the triage queue's length."""
        statement = select(func.count()).select_from(reports).where(
            reports.c.tenant_id == tenant_id, reports.c.decision.is_(None))
        with self._engine.connect() as connection:
            return int(connection.execute(statement).scalar_one())

    def brand_evidence(self, tenant_id: str, since: datetime, until: datetime,
                       latest: int) -> list[BrandEvidence]:
        """The brand evidence of the ``latest`` reports (by time received) of the window not
        labelled clean.

        Bounded on purpose: reading every verdict of a busy week costs seconds, and the
        latest thousand show what is being imitated now. The index on received_at hands them
        over newest first, so the rest of the window is never read."""
        chosen = (select(reports.c.seq)
                  .where(*_window(tenant_id, since, until),
                         reports.c.label != Label.CLEAN.value)
                  .order_by(reports.c.received_at.desc()).limit(latest))
        if self._engine.dialect.name == "postgresql":
            signals = (func.json_array_elements(reports.c.verdict.op("->")("signals"))
                       .table_valued("value").alias("signal"))
            detector: Any = signals.c.value.op("->>")("detector")
            evidence: Any = signals.c.value.op("->>")("evidence")
        else:
            signals = (func.json_each(reports.c.verdict, "$.signals")
                       .table_valued("value").alias("signal"))
            detector = func.json_extract(signals.c.value, "$.detector")
            evidence = func.json_extract(signals.c.value, "$.evidence")
        statement = (
            select(reports.c.seq, detector.label("detector"), evidence.label("evidence"))
            .select_from(reports).join(signals, true())
            .where(reports.c.seq.in_(chosen.scalar_subquery()), detector.in_(BRAND_EVIDENCE))
        )
        with self._engine.connect() as connection:
            return [BrandEvidence(int(row.seq), row.detector, row.evidence or "")
                    for row in connection.execute(statement)]


def _window(tenant_id: str, since: datetime, until: datetime) -> tuple[Any, ...]:
    return (reports.c.tenant_id == tenant_id, reports.c.received_at >= since,
            reports.c.received_at < until)
