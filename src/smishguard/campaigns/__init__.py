"""Campaigns: reports and watch hits connected into one attack, as they arrive.

Pure core (no I/O, no clock): the service fingerprints each report with its tenant's policy,
stores the fingerprint, adds it to the index, and shows tenants their redacted view::

    fingerprinter = Fingerprinter(policy)              # one per tenant policy
    fp = fingerprinter.report(report)                  # or .watch_hit(WatchHit(...))
    assignment = index.add(fp)                         # join, merge or open; with reasons
    record = build_campaign(cid, reports, fps)         # the operator's whole record
    view = tenant_view(tenant, cid, reports, fps)      # what one tenant may see

At start: ``CampaignIndex.restore((fp, stored_campaign_id) for ...)`` puts back the stored
campaigns as they were; ``CampaignIndex.rebuild(fps)`` clusters everything again.
"""

from smishguard.campaigns.evidence import ClusterSettings, Evidence, EvidenceKind
from smishguard.campaigns.fingerprints import Fingerprint, Fingerprinter, ItemKind, WatchHit
from smishguard.campaigns.index import Assignment, CampaignIndex, IndexStats, campaign_id_for
from smishguard.campaigns.records import build_campaign
from smishguard.campaigns.views import TenantCampaignView, tenant_view

__all__ = [
    "Assignment",
    "CampaignIndex",
    "ClusterSettings",
    "Evidence",
    "EvidenceKind",
    "Fingerprint",
    "Fingerprinter",
    "IndexStats",
    "ItemKind",
    "TenantCampaignView",
    "WatchHit",
    "build_campaign",
    "campaign_id_for",
    "tenant_view",
]
