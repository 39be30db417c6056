"""A kit's copies among the names a tenant's watch sends to the service, across calls.

``smishguard watch`` finds them in one stream with :class:`~smishguard.domains.kits.KitCopies`,
in memory. Names sent to ``POST /v1/domains`` come in many calls, from many processes, so
here the leads are kept in the store (``kit_leads``) and grouped there: once a brand's name
sits in front of ``copies`` different new domains whose names start alike, every lead of that
group is raised to a kit's copy, the earlier ones at that call, later ones as they come. Each
lead is raised once, whichever process sees the kit form (:meth:`KitLeadStore.claim`).
"""

from __future__ import annotations

from datetime import datetime

from smishguard.domains.kits import KIT_COPIES, MAX_WAITING, kit_copy, kit_stem
from smishguard.model import Imitation, ImitationKind
from smishguard.records import KitLead
from smishguard.store import Store
from smishguard.watch import ImitationMatcher


class StoredKitCopies:
    """Raises the leads of one tenant's watch that are copies of one kit (module docstring)."""

    def __init__(self, store: Store, copies: int = KIT_COPIES) -> None:
        if copies < 2:
            raise ValueError("a kit needs at least 2 copies")
        self._store = store
        self._copies = copies

    def add(self, tenant_id: str, name: str, found: Imitation, seen_at: datetime,
            matcher: ImitationMatcher) -> list[tuple[str, Imitation]]:
        """The tenant's leads that ``found`` (the judgement of the observed ``name``) makes a
        kit's copies, each once, as (the name observed, its judgement as a copy); ``found``
        among them if it is a lead (score 0). A subdomain hit reported on its own counts as
        a copy and is never returned. ``matcher`` reads each kept name again (with leads) to
        raise it; one it no longer reads as that lead (the policy changed) is let go."""
        if found.kind is not ImitationKind.SUBDOMAIN:
            return []
        stem = kit_stem(found)
        if stem is None:
            return []
        kits = self._store.kits
        lead = found.score <= 0
        kits.add(tenant_id, KitLead(domain=name, brand=found.brand, stem=stem,
                                    registered=found.registered, seen_at=seen_at,
                                    raised=not lead))
        domains = kits.domains(tenant_id, found.brand, stem)
        if len(domains) < self._copies:
            return []
        if sum(d != found.registered for d in domains) >= self._copies:
            names = [name] if lead else []  # a kit already: this copy alone (the earlier ones
            # were raised when it formed, or are let go beyond MAX_WAITING, as in the watch)
        else:  # this lead forms the kit (or two calls at once do: each lead is claimed once)
            names = kits.waiting(tenant_id, found.brand, stem, MAX_WAITING)
            if lead and name not in names:
                names.append(name)  # behind more waiting names than are read at once
        copies: list[tuple[str, Imitation]] = []
        for kept in names:
            if not kits.claim(tenant_id, kept):
                continue  # another call raised it
            again = found if kept == name else matcher.match(kept, True)
            if (again is not None and again.score <= 0 and again.brand == found.brand
                    and kit_stem(again) == stem):
                copies.append((kept, kit_copy(again, stem, domains)))
        return copies
