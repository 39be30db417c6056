"""The leads a tenant's watch sent, grouped by brand and stem, to find a kit's copies across
calls (the stored counterpart of :class:`smishguard.domains.kits.KitCopies`)."""

from __future__ import annotations

from sqlalchemy import Engine, select, update

from smishguard.records import KitLead
from smishguard.store.dialect import insert_ignoring_duplicates
from smishguard.store.tables import kit_leads

# The earliest leads of a group read for its registered domains: enough to see a kit form and
# to name its first domains, and a bound on the work per lead however large a group grows
# (the index serves them in order).
GROUP_ROWS = 256


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
        """The registered domains of the group's earliest ``GROUP_ROWS`` leads, in the order
        first seen."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(kit_leads.c.registered)
                .where(kit_leads.c.tenant_id == tenant_id, kit_leads.c.brand == brand,
                       kit_leads.c.stem == stem)
                .order_by(kit_leads.c.seen_at, kit_leads.c.domain)
                .limit(GROUP_ROWS))
            return list(dict.fromkeys(row[0] for row in rows))

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
