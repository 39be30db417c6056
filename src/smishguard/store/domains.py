"""Domains a tenant's watch observed (newly seen look-alikes), counted and kept once each; a new
look-alike alerts the tenant's targets in the transaction that keeps it."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Select, Text, cast, select, update

from smishguard.errors import InvalidInput
from smishguard.records import AlertEvent, ObservedDomain, observed_name
from smishguard.store.alerts import queue_alert
from smishguard.store.campaign_tables import domain_decisions
from smishguard.store.dialect import escape_like, insert_many_ignoring_duplicates
from smishguard.store.rows import observed_from_row
from smishguard.store.tables import observed_domains

# Names in one UPDATE's IN list (bound values: SQLite takes 32,766, PostgreSQL 65,535).
NAMES_PER_UPDATE = 500


@dataclass(frozen=True, slots=True)
class ObservedCursor:
    """Where a page of observed names ended: its last name and when that was last seen."""

    last_seen: datetime
    domain: str

    def encode(self) -> str:
        text = f"{self.last_seen.astimezone(UTC).isoformat()} {self.domain}"
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, cursor: str) -> ObservedCursor:
        """The cursor a page gave as ``next_cursor``; InvalidInput for anything else."""
        try:
            text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
            moment, domain = text.split(" ")
            last_seen = datetime.fromisoformat(moment)
        except ValueError:  # binascii.Error and UnicodeDecodeError are ValueErrors
            last_seen, domain = None, ""
        if last_seen is None or last_seen.tzinfo is None or not domain:
            raise InvalidInput("the cursor is not one a page of observed domains gave")
        return cls(last_seen, domain)


@dataclass(frozen=True, slots=True)
class ObservedQuery:
    """Filters for listing a tenant's observed names."""

    lookalikes: bool = False  # only those that imitate a brand
    brand: str | None = None  # only those that imitate this brand
    undecided: bool = False  # only those no analyst of the tenant decided on
    text: str | None = None  # only names holding this text
    # only names whose first certificate also named this one (a campaign's other domains)
    certified_with: str | None = None
    after: ObservedCursor | None = None  # the page after the one that ended here
    limit: int = 100


@dataclass(frozen=True, slots=True)
class ObservedPage:
    domains: tuple[ObservedDomain, ...]
    next_cursor: str | None  # ObservedCursor.encode() of the last name, when more follow


class ObservedDomainStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def observe(self, tenant_id: str, domains: Iterable[ObservedDomain],
                alerts: Mapping[str, Mapping[str, Any]] | None = None) -> int:
        """Record the domains; repeats update last_seen and the count, and give a name its
        first CT entry and certificate's names if it had none. Returns new ones. A new domain
        with a body in ``alerts`` (a look-alike) alerts the tenant's targets, in the same
        transaction. A few statements for the whole batch, not one per name (but one per
        repeat with a CT entry or a certificate's names, which are few)."""
        alerts = alerts or {}
        times: dict[str, int] = {}
        first: dict[str, ObservedDomain] = {}
        for item in domains:
            times[item.domain] = times.get(item.domain, 0) + 1
            first.setdefault(item.domain, item)
        if not first:
            return 0
        table = observed_domains
        rows = [{
            "tenant_id": tenant_id, "domain": item.domain, "brand": item.brand,
            "kind": item.kind, "score": item.score, "reason": item.reason,
            "source": item.source, "first_seen": item.first_seen, "last_seen": item.last_seen,
            "times_seen": times[item.domain], "ct_log": item.ct_log, "ct_index": item.ct_index,
            "certified_with": list(item.certified_with) or None,
        } for item in first.values()]
        with self._engine.begin() as connection:
            new = insert_many_ignoring_duplicates(connection, table, rows, "domain")
            seen_again: dict[tuple[int, datetime], list[str]] = {}
            for domain, item in first.items():
                if domain not in new:
                    seen_again.setdefault((times[domain], item.last_seen), []).append(domain)
                    if item.ct_log:
                        connection.execute(update(table).where(
                            table.c.tenant_id == tenant_id, table.c.domain == domain,
                            table.c.ct_log == "",
                        ).values(ct_log=item.ct_log, ct_index=item.ct_index))
                    if item.certified_with:
                        connection.execute(update(table).where(
                            table.c.tenant_id == tenant_id, table.c.domain == domain,
                            table.c.certified_with.is_(None),
                        ).values(certified_with=list(item.certified_with)))
                elif domain in alerts:
                    queue_alert(connection, tenant_id, AlertEvent.LOOKALIKE_OBSERVED,
                                alerts[domain], item.first_seen)
            for (count, last_seen), names in seen_again.items():
                for start in range(0, len(names), NAMES_PER_UPDATE):
                    connection.execute(update(table).where(
                        table.c.tenant_id == tenant_id,
                        table.c.domain.in_(names[start:start + NAMES_PER_UPDATE]),
                    ).values(times_seen=table.c.times_seen + count, last_seen=last_seen))
        return len(new)

    def rejudge(self, tenant_id: str, domain: str, *, brand: str, kind: str, score: float,
                reason: str, at: datetime, alert: Mapping[str, Any] | None = None) -> None:
        """Replace a kept domain's judgement (a lead found to be one of a kit's copies); with
        ``alert``, alert the tenant's targets in the same transaction."""
        with self._engine.begin() as connection:
            connection.execute(update(observed_domains).where(
                observed_domains.c.tenant_id == tenant_id, observed_domains.c.domain == domain,
            ).values(brand=brand, kind=kind, score=score, reason=reason))
            if alert is not None:
                queue_alert(connection, tenant_id, AlertEvent.LOOKALIKE_OBSERVED, alert, at)

    def list(self, tenant_id: str, limit: int = 100) -> list[ObservedDomain]:
        """The latest seen first, each with the tenant's decision on it."""
        return list(self.search(tenant_id, ObservedQuery(limit=limit)).domains)

    def search(self, tenant_id: str, query: ObservedQuery) -> ObservedPage:
        """The tenant's observed names that pass ``query``, the latest seen first (names seen
        at the same moment in reverse order), a page of ``query.limit``."""
        o, d = observed_domains.c, domain_decisions.c
        statement = _with_decision().where(o.tenant_id == tenant_id)
        if query.lookalikes:
            statement = statement.where(o.brand != "")
        if query.brand:
            statement = statement.where(o.brand == query.brand)
        if query.undecided:
            statement = statement.where(d.decision.is_(None))
        if query.text:
            pattern = "%" + escape_like(query.text.strip().lower()) + "%"
            statement = statement.where(o.domain.like(pattern, escape="\\"))
        if query.certified_with:
            # A name is a JSON string in the list as stored: quoted, with no quote or
            # backslash of its own to escape, so its quoted form finds it on both backends.
            pattern = '%"' + escape_like(observed_name(query.certified_with)) + '"%'
            statement = statement.where(
                cast(o.certified_with, Text).like(pattern, escape="\\"))
        if query.after is not None:
            at, domain = query.after.last_seen, query.after.domain
            statement = statement.where(
                (o.last_seen < at) | ((o.last_seen == at) & (o.domain < domain)))
        statement = statement.order_by(o.last_seen.desc(), o.domain.desc()).limit(
            query.limit + 1)
        with self._engine.connect() as connection:
            rows = [observed_from_row(row) for row in connection.execute(statement).mappings()]
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        last = rows[-1] if more and rows else None
        return ObservedPage(tuple(rows), ObservedCursor(last.last_seen, last.domain).encode()
                            if last is not None else None)

    def get(self, tenant_id: str, domain: str) -> ObservedDomain | None:
        with self._engine.connect() as connection:
            row = connection.execute(_with_decision().where(
                observed_domains.c.tenant_id == tenant_id,
                observed_domains.c.domain == domain)).mappings().first()
        return observed_from_row(row) if row else None

def _with_decision() -> Select[Any]:
    """Observed domains with their tenant's decision on each (NULL when none)."""
    o, d = observed_domains.c, domain_decisions.c
    return select(observed_domains, d.decision).select_from(observed_domains.outerjoin(
        domain_decisions, (d.tenant_id == o.tenant_id) & (d.domain == o.domain)))
