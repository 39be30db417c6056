"""Campaigns as reports arrive: fingerprint each report with its tenant's policy, cluster it
into the in-memory index, store the item (and any merge) at once; show each tenant its own
redacted view; keep each tenant's status and notes; confirmations block the domains.

One index per process, restored from the stored items at start; reports committed but not yet
clustered (the process died in between) are clustered then.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import datetime

from smishguard.campaigns import (
    Assignment,
    CampaignIndex,
    Fingerprint,
    Fingerprinter,
    ItemKind,
    TenantCampaignView,
    WatchHit,
    tenant_view,
)
from smishguard.errors import InvalidInput, NotFound
from smishguard.model import CampaignStatus, Decision, Imitation, ImitationKind, Report
from smishguard.records import Tenant
from smishguard.service.clock import Clock
from smishguard.service.feedback import DomainFeedback
from smishguard.service.tenancy import policy_version, tenant_policy
from smishguard.store import Store
from smishguard.store.campaigns import CampaignState, StoredItem

log = logging.getLogger("smishguard.campaigns")

MAX_NOTE_CHARS = 2000


class Campaigns:
    def __init__(self, store: Store, clock: Clock, feedback: DomainFeedback) -> None:
        self._store = store
        self._clock = clock
        self._feedback = feedback
        self._lock = threading.RLock()
        self._index: CampaignIndex | None = None
        self._fingerprinters: dict[tuple[str, str], Fingerprinter] = {}

    # -------------------------------------------------------------- clustering

    def load(self) -> int:
        """Restore the index from the store and cluster reports left unclustered; returns
        how many items the index holds."""
        with self._lock:
            items = ((Fingerprint.from_json(i.fingerprint), i.campaign_id)
                     for i in self._store.campaigns.items())
            self._index = CampaignIndex.restore(items)
            tenants = {t.id: t for t in self._store.tenants.all()}
            while batch := self._store.campaigns.unclustered_reports():
                for report in batch:
                    self._add(tenants[report.tenant_id], report)
            return len(self._index)

    def add_report(self, tenant: Tenant, report: Report) -> Assignment:
        with self._lock:
            return self._add(tenant, report)

    def add_watch_hits(self, tenant: Tenant, imitations: Sequence[Imitation],
                       seen_at: datetime) -> list[Assignment]:
        """Cluster the look-alikes a watch found for this tenant, in order; the new items
        (and their merges) are stored in one transaction."""
        with self._lock:
            fingerprinter = self._fingerprinter(tenant)
            return self._cluster([fingerprinter.watch_hit(WatchHit(
                id=f"watch:{tenant.id}:{imitation.domain}", tenant_id=tenant.id,
                seen_at=seen_at, imitation=imitation)) for imitation in imitations])

    def _add(self, tenant: Tenant, report: Report) -> Assignment:
        return self._cluster([self._fingerprinter(tenant).report(report)])[0]

    def _cluster(self, fps: Sequence[Fingerprint]) -> list[Assignment]:
        index = self._loaded()
        assignments = []
        stored: list[tuple[StoredItem, Sequence[str]]] = []
        for fp in fps:
            known = fp.item_id in index
            assignment = index.add(fp)
            assignments.append(assignment)
            if not known:
                stored.append((StoredItem(
                    item_id=fp.item_id, tenant_id=fp.tenant_id, kind=fp.kind.value,
                    campaign_id=assignment.campaign_id, seen_at=fp.seen_at,
                    fingerprint=fp.to_json()), assignment.merged))
        if stored:
            self._store.campaigns.add_items(stored)
        return assignments

    # -------------------------------------------------------------- reading

    def list_for(self, tenant_id: str, limit: int = 100) -> list[TenantCampaignView]:
        rows = self._store.campaigns.summaries(tenant_id, limit)
        return [self.view(tenant_id, row.campaign_id) for row in rows]

    def view(self, tenant_id: str, campaign_id: str) -> TenantCampaignView:
        """The campaign as this tenant may see it; NotFound when it has nothing in it."""
        campaign_id = self._current(campaign_id)
        members = self._store.campaigns.members(campaign_id)
        if not any(m.tenant_id == tenant_id for m in members):
            raise NotFound(f"no campaign with id {campaign_id!r}")
        fingerprints = [Fingerprint.from_json(m.fingerprint) for m in members]
        report_ids = [m.item_id for m in members if m.kind == ItemKind.REPORT.value]
        reports = self._store.campaigns.reports(report_ids)
        hits = [hit for m in members if m.kind == ItemKind.WATCH_HIT.value
                if (hit := self._watch_hit(m)) is not None]
        state = self._store.campaigns.state(campaign_id, tenant_id)
        return tenant_view(tenant_id, campaign_id, reports, fingerprints, watch_hits=hits,
                           status=state.status,
                           notes=tuple(_note_line(n) for n in state.notes))

    def own_reports(self, tenant_id: str, campaign_id: str) -> list[Report]:
        view = self.view(tenant_id, campaign_id)
        found = self._store.campaigns.reports(view.campaign.report_ids)
        return sorted((r for r in found if r.tenant_id == tenant_id),
                      key=lambda r: r.received_at)

    # -------------------------------------------------------------- analysts

    def set_status(self, tenant_id: str, campaign_id: str, status: CampaignStatus,
                   actor: str) -> TenantCampaignView:
        view = self.view(tenant_id, campaign_id)
        campaign_id = view.campaign.id
        state = self._store.campaigns.state(campaign_id, tenant_id)
        self._store.campaigns.set_state(campaign_id, tenant_id,
                                        CampaignState(status, state.notes), self._clock())
        if status in (CampaignStatus.CONFIRMED, CampaignStatus.BLOCKED):
            self._feedback.record(tenant_id, view.campaign.domains, Decision.PHISHING, actor,
                                  f"campaign:{campaign_id}")
        self._store.tenants.audit(tenant_id=tenant_id, actor=actor, action="campaign.status",
                                  subject=campaign_id, at=self._clock(),
                                  details={"status": status.value})
        return self.view(tenant_id, campaign_id)

    def add_note(self, tenant_id: str, campaign_id: str, text: str,
                 actor: str) -> TenantCampaignView:
        text = text.strip()
        if not text or len(text) > MAX_NOTE_CHARS:
            raise InvalidInput(f"a note must have 1 to {MAX_NOTE_CHARS} characters")
        view = self.view(tenant_id, campaign_id)
        campaign_id = view.campaign.id
        state = self._store.campaigns.state(campaign_id, tenant_id)
        note = {"at": self._clock().isoformat(), "by": actor, "text": text}
        self._store.campaigns.set_state(campaign_id, tenant_id,
                                        CampaignState(state.status, (*state.notes, note)),
                                        self._clock())
        self._store.tenants.audit(tenant_id=tenant_id, actor=actor, action="campaign.note",
                                  subject=campaign_id, at=self._clock())
        return self.view(tenant_id, campaign_id)

    # -------------------------------------------------------------- helpers

    def _loaded(self) -> CampaignIndex:
        if self._index is None:
            self.load()
        assert self._index is not None
        return self._index

    def _current(self, campaign_id: str) -> str:
        """The id a campaign goes by now. Stored items follow merges, so without a loaded
        index (the CLI) the stored id is already current."""
        with self._lock:
            if self._index is None:
                return campaign_id
            return self._index.current_id(campaign_id) or campaign_id

    def _fingerprinter(self, tenant: Tenant) -> Fingerprinter:
        key = (tenant.id, policy_version(tenant))
        found = self._fingerprinters.get(key)
        if found is None:
            found = Fingerprinter(tenant_policy(tenant))
            self._fingerprinters[key] = found
        return found

    def _watch_hit(self, item: StoredItem) -> WatchHit | None:
        """A stored watch-hit item back as a WatchHit, its judgement from observed domains."""
        domain = item.item_id.split(":", 2)[-1]
        observed = self._store.domains.get(item.tenant_id, domain)
        if observed is None or not observed.brand:
            return None
        imitation = Imitation(domain=domain, brand=observed.brand,
                              kind=ImitationKind(observed.kind), score=observed.score,
                              matched="", reason=observed.reason)
        return WatchHit(id=item.item_id, tenant_id=item.tenant_id, seen_at=item.seen_at,
                        imitation=imitation)


def _note_line(note: dict[str, str]) -> str:
    when = note.get("at", "")[:16].replace("T", " ")
    return f"{when} {note.get('by', '')}: {note.get('text', '')}"
