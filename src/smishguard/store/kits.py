"""The leads a tenant's watch sent, grouped by brand and stem, to find a kit's copies across
calls (the stored counterpart of :class:`smishguard.domains.kits.KitCopies`)."""

from __future__ import annotations

from sqlalchemy import Engine, func, select, update

from smishguard.records import KitLead
from smishguard.store.dialect import insert_ignoring_duplicates
from smishguard.store.tables import kit_leads

# Registered domains read for one group: a kit's reason names three; beyond this many the
# group is a kit whatever the rest.
MAX_GROUP_DOMAINS = 1_000


class KitLeadStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, tenant_id: str, lead: KitLead) -> bool:
        """Keep a lead once per host; True when it was new."""
        with self._engine.begin() as connection:
            return insert_ignoring_duplicates(connection, kit_leads, {
                "tenant_id": tenant_id, "domain": lead.domain, "brand": lead.brand,
                "stem": lead.stem, "registered": lead.registered, "seen_at": lead.seen_at,
                "raised": lead.raised,
            })

    def domains(self, tenant_id: str, brand: str, stem: str) -> list[str]:
        """The group's registered domains, in the order first seen."""
        first = func.min(kit_leads.c.seen_at)
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(kit_leads.c.registered, first)
                .where(kit_leads.c.tenant_id == tenant_id, kit_leads.c.brand == brand,
                       kit_leads.c.stem == stem)
                .group_by(kit_leads.c.registered)
                .order_by(first, kit_leads.c.registered)
                .limit(MAX_GROUP_DOMAINS))
            return [row[0] for row in rows]

    def waiting(self, tenant_id: str, brand: str, stem: str, limit: int) -> list[str]:
        """Up to ``limit`` of the group's hosts not yet raised, the earliest first."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(kit_leads.c.domain)
                .where(kit_leads.c.tenant_id == tenant_id, kit_leads.c.brand == brand,
                       kit_leads.c.stem == stem, kit_leads.c.raised.is_(False))
                .order_by(kit_leads.c.seen_at, kit_leads.c.domain)
                .limit(limit))
            return [row[0] for row in rows]

    def claim(self, tenant_id: str, domain: str) -> bool:
        """Mark a host raised; True for the one caller that did (two at once raise it once)."""
        with self._engine.begin() as connection:
            done = connection.execute(
                update(kit_leads)
                .where(kit_leads.c.tenant_id == tenant_id, kit_leads.c.domain == domain,
                       kit_leads.c.raised.is_(False))
                .values(raised=True))
            return done.rowcount == 1
