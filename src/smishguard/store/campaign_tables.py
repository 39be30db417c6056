"""Tables of campaigns: each clustered item with its fingerprint and current campaign, each
tenant's own status and notes on a campaign, and analysts' decisions on domains.

Kept apart from tables.py (same metadata) because they change for one reason: clustering.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, String, Table, Text

from smishguard.store.tables import UtcDateTime, metadata

campaign_items = Table(
    "campaign_items",
    metadata,
    Column("item_id", String(80), primary_key=True),  # a report id, or watch:<tenant>:<domain>
    Column("tenant_id", String(36), ForeignKey("tenants.id"), nullable=False),
    Column("kind", String(16), nullable=False),  # report | watch_hit
    Column("campaign_id", String(40), nullable=True),  # None: not clustered
    Column("seen_at", UtcDateTime(), nullable=False),
    Column("fingerprint", Text, nullable=False),  # Fingerprint.to_json()
    Index("ix_campaign_items_campaign", "campaign_id"),
    Index("ix_campaign_items_tenant_campaign", "tenant_id", "campaign_id"),
    # Covers a tenant's campaign summaries (count, first and last seen per campaign) without
    # reading item rows: the campaign list and the overview's card group every item.
    Index("ix_campaign_items_tenant_campaign_seen", "tenant_id", "campaign_id", "seen_at"),
)

campaign_states = Table(
    "campaign_states",
    metadata,
    Column("campaign_id", String(40), primary_key=True),
    Column("tenant_id", String(36), ForeignKey("tenants.id"), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("notes", JSON, nullable=False),  # [{"at": iso, "by": actor, "text": ...}]
    Column("updated_at", UtcDateTime(), nullable=False),
)

domain_decisions = Table(
    "domain_decisions",
    metadata,
    Column("tenant_id", String(36), ForeignKey("tenants.id"), primary_key=True),
    Column("domain", String(253), primary_key=True),
    Column("decision", String(16), nullable=False),  # phishing | not_phishing
    Column("decided_at", UtcDateTime(), nullable=False),
    Column("decided_by", String(64), nullable=False),
    Column("source", String(80), nullable=False),  # report:<id> | campaign:<id>
    Index("ix_domain_decisions_decision", "decision", "domain"),
)
