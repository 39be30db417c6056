"""Campaign storage: items with their fingerprints and campaign, merges, each tenant's status
and notes, analysts' domain decisions, and the reports behind a campaign."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update

from smishguard.model import CampaignStatus, Decision, Label, Report
from smishguard.store.campaign_tables import campaign_items, campaign_states, domain_decisions
from smishguard.store.dialect import insert_many_ignoring_duplicates
from smishguard.store.rows import report_from_row
from smishguard.store.tables import report_domains, reports

_CHUNK = 500  # ids per IN (...) list
# A campaign's reports are read with their label and score but not their signals: decoding
# every verdict of a campaign of thousands is most of the cost of showing it.
_WITHOUT_SIGNALS = tuple(c for c in reports.c if c.name != "verdict")


@dataclass(frozen=True, slots=True)
class StoredItem:
    item_id: str
    tenant_id: str
    kind: str
    campaign_id: str | None
    seen_at: datetime
    fingerprint: str  # JSON


@dataclass(frozen=True, slots=True)
class CampaignState:
    status: CampaignStatus
    notes: tuple[dict[str, str], ...]
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CampaignSummaryRow:
    """One campaign a tenant has items in: how many of its own, first and last seen."""

    campaign_id: str
    own_items: int
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class CampaignListRow:
    """What a list of campaigns shows of one, read with a few grouped queries instead of the
    whole campaign: the tenant's own reports, people and domains, and a count of others."""

    campaign_id: str
    own_reports: int
    people_reached: int
    other_tenants: int
    domains: tuple[str, ...]  # the tenant's own, most reported first
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class ReportMoment:
    report_id: str
    received_at: datetime
    label: Label


class CampaignStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_items(self, clustered: Sequence[tuple[StoredItem, Sequence[str]]]) -> int:
        """Store clustered items and their merges, in one transaction; returns how many were
        new (an item stored already is left as it is). Each item's ``merged`` campaigns now
        go by its campaign id.

        The rows go in one INSERT, then the merges follow in the order they were clustered.
        That is the same as storing item after item: a campaign merged away never takes an
        item again (the merged campaign goes by the id of the one with the oldest item)."""
        rows = [{"item_id": item.item_id, "tenant_id": item.tenant_id, "kind": item.kind,
                 "campaign_id": item.campaign_id, "seen_at": item.seen_at,
                 "fingerprint": item.fingerprint} for item, _ in clustered]
        with self._engine.begin() as connection:
            new = insert_many_ignoring_duplicates(connection, campaign_items, rows, "item_id")
            for item, merged in clustered:
                if merged and item.campaign_id is not None:
                    for chunk in _chunks(merged):
                        connection.execute(update(campaign_items)
                                           .where(campaign_items.c.campaign_id.in_(chunk))
                                           .values(campaign_id=item.campaign_id))
                        self._merge_states(connection, chunk, item.campaign_id)
        return len(new)

    def items(self) -> Iterator[StoredItem]:
        """Every stored item, in insertion-independent order (for restoring the index)."""
        with self._engine.connect() as connection:
            result = connection.execution_options(yield_per=5000).execute(
                select(campaign_items))
            for row in result.mappings():
                yield _item(row)

    def item_ids(self) -> set[str]:
        with self._engine.connect() as connection:
            return set(connection.execute(select(campaign_items.c.item_id)).scalars())

    def members(self, campaign_id: str) -> list[StoredItem]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(campaign_items).where(
                campaign_items.c.campaign_id == campaign_id)).mappings()
            return [_item(row) for row in rows]

    def summaries(self, tenant_id: str, limit: int = 100) -> list[CampaignSummaryRow]:
        """The campaigns this tenant has items in, most recently active first."""
        c = campaign_items.c
        statement = (
            select(c.campaign_id, func.count().label("n"), func.min(c.seen_at).label("first"),
                   func.max(c.seen_at).label("last"))
            .where(c.tenant_id == tenant_id, c.campaign_id.is_not(None))
            .group_by(c.campaign_id).order_by(func.max(c.seen_at).desc()).limit(limit))
        with self._engine.connect() as connection:
            return [CampaignSummaryRow(row.campaign_id, int(row.n), _aware(row.first),
                                       _aware(row.last))
                    for row in connection.execute(statement)]

    def reports(self, report_ids: Iterable[str]) -> list[Report]:
        """Reports by id, across tenants (the caller filters what a tenant may see); their
        verdicts hold label and score, without signals or links."""
        found: list[Report] = []
        with self._engine.connect() as connection:
            for chunk in _chunks(list(report_ids)):
                rows = connection.execute(select(*_WITHOUT_SIGNALS).where(
                    reports.c.id.in_(chunk)))
                found += [report_from_row(row, with_links=False) for row in rows.mappings()]
        return found

    def unclustered_reports(self, since_seq: int = 0, limit: int = 1000) -> list[Report]:
        """Reports that have no campaign item yet (committed, then the process died)."""
        statement = (select(reports).where(
            reports.c.seq > since_seq,
            ~reports.c.id.in_(select(campaign_items.c.item_id)))
            .order_by(reports.c.seq).limit(limit))
        with self._engine.connect() as connection:
            return [report_from_row(row) for row in connection.execute(statement).mappings()]

    def state(self, campaign_id: str, tenant_id: str) -> CampaignState:
        with self._engine.connect() as connection:
            row = connection.execute(select(campaign_states).where(
                campaign_states.c.campaign_id == campaign_id,
                campaign_states.c.tenant_id == tenant_id)).mappings().first()
        if row is None:
            return CampaignState(CampaignStatus.NEW, ())
        return CampaignState(CampaignStatus(row["status"]), tuple(row["notes"] or ()),
                             row["updated_at"])

    def list_rows(self, tenant_id: str,
                  campaign_ids: Sequence[str]) -> dict[str, CampaignListRow]:
        """CampaignListRow of each of ``campaign_ids`` the tenant has items in."""
        ci, r, d = campaign_items.c, reports.c, report_domains.c
        ids = list(campaign_ids)
        own = (select(ci.campaign_id, func.count(r.id).label("n"),
                      func.count(func.distinct(func.nullif(r.reporter, ""))).label("people"),
                      func.max(ci.seen_at).label("last"))
               .select_from(campaign_items.outerjoin(reports, r.id == ci.item_id))
               .where(ci.tenant_id == tenant_id, ci.campaign_id.in_(ids))
               .group_by(ci.campaign_id))
        others = (select(ci.campaign_id, func.count(func.distinct(ci.tenant_id)).label("n"))
                  .where(ci.campaign_id.in_(ids), ci.tenant_id != tenant_id)
                  .group_by(ci.campaign_id))
        domains = (select(ci.campaign_id, d.domain, func.count().label("n"))
                   .select_from(campaign_items.join(reports, r.id == ci.item_id)
                                .join(report_domains, d.report_seq == r.seq))
                   .where(ci.tenant_id == tenant_id, ci.campaign_id.in_(ids))
                   .group_by(ci.campaign_id, d.domain))
        with self._engine.connect() as connection:
            other_counts = {row.campaign_id: int(row.n) for row in connection.execute(others)}
            by_campaign: dict[str, list[tuple[int, str]]] = {}
            for row in connection.execute(domains):
                by_campaign.setdefault(row.campaign_id, []).append((-int(row.n), row.domain))
            return {row.campaign_id: CampaignListRow(
                campaign_id=row.campaign_id, own_reports=int(row.n),
                people_reached=int(row.people),
                other_tenants=other_counts.get(row.campaign_id, 0),
                domains=tuple(name for _, name in sorted(by_campaign.get(row.campaign_id, []))),
                last_seen=_aware(row.last)) for row in connection.execute(own)}

    def report_moments(self, report_ids: Iterable[str]) -> list[ReportMoment]:
        """When each report arrived and its label, without reading the reports whole."""
        found: list[ReportMoment] = []
        with self._engine.connect() as connection:
            for chunk in _chunks(list(report_ids)):
                rows = connection.execute(select(reports.c.id, reports.c.received_at,
                                                 reports.c.label)
                                          .where(reports.c.id.in_(chunk)))
                found += [ReportMoment(row.id, _aware(row.received_at), Label(row.label))
                          for row in rows]
        return found

    def statuses(self, tenant_id: str) -> dict[str, CampaignStatus]:
        """The status this tenant gave each campaign it changed (the others are new)."""
        c = campaign_states.c
        with self._engine.connect() as connection:
            rows = connection.execute(select(c.campaign_id, c.status)
                                      .where(c.tenant_id == tenant_id))
            return {row.campaign_id: CampaignStatus(row.status) for row in rows}

    def set_state(self, campaign_id: str, tenant_id: str, state: CampaignState,
                  at: datetime) -> None:
        values = {"status": state.status.value, "notes": list(state.notes), "updated_at": at}
        with self._engine.begin() as connection:
            done = connection.execute(update(campaign_states).where(
                campaign_states.c.campaign_id == campaign_id,
                campaign_states.c.tenant_id == tenant_id).values(**values))
            if done.rowcount == 0:
                connection.execute(insert(campaign_states).values(
                    campaign_id=campaign_id, tenant_id=tenant_id, **values))

    def decide_domains(self, tenant_id: str, domains: Iterable[str], decision: Decision,
                       decided_by: str, source: str, at: datetime) -> None:
        with self._engine.begin() as connection:
            for domain in dict.fromkeys(domains):
                connection.execute(delete(domain_decisions).where(
                    domain_decisions.c.tenant_id == tenant_id,
                    domain_decisions.c.domain == domain))
                connection.execute(insert(domain_decisions).values(
                    tenant_id=tenant_id, domain=domain, decision=decision.value,
                    decided_at=at, decided_by=decided_by, source=source))

    def domain_decisions(self) -> list[tuple[str, str, Decision]]:
        """(tenant, domain, decision) for every decided domain."""
        with self._engine.connect() as connection:
            rows = connection.execute(select(
                domain_decisions.c.tenant_id, domain_decisions.c.domain,
                domain_decisions.c.decision))
            return [(r.tenant_id, r.domain, Decision(r.decision)) for r in rows]

    def _merge_states(self, connection: Any, merged: Sequence[str], into: str) -> None:
        """A tenant's status and notes on a merged campaign move to the surviving one (its
        notes appended; the surviving campaign's status wins if the tenant set one)."""
        rows = connection.execute(select(campaign_states).where(
            campaign_states.c.campaign_id.in_(merged))).mappings().all()
        for row in rows:
            existing = connection.execute(select(campaign_states).where(
                campaign_states.c.campaign_id == into,
                campaign_states.c.tenant_id == row["tenant_id"])).mappings().first()
            if existing is None:
                connection.execute(insert(campaign_states).values(
                    campaign_id=into, tenant_id=row["tenant_id"], status=row["status"],
                    notes=row["notes"], updated_at=row["updated_at"]))
            else:
                connection.execute(update(campaign_states).where(
                    campaign_states.c.campaign_id == into,
                    campaign_states.c.tenant_id == row["tenant_id"],
                ).values(notes=list(existing["notes"] or []) + list(row["notes"] or [])))
        connection.execute(delete(campaign_states).where(
            campaign_states.c.campaign_id.in_(merged)))


def _item(row: Any) -> StoredItem:
    return StoredItem(row["item_id"], row["tenant_id"], row["kind"], row["campaign_id"],
                      row["seen_at"], row["fingerprint"])


def _aware(moment: Any) -> datetime:
    assert isinstance(moment, datetime)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]
