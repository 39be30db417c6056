"""campaign_items: an index covering a tenant's campaign summaries (tenant, campaign, seen_at)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 18:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_campaign_items_tenant_campaign_seen", "campaign_items",
                    ["tenant_id", "campaign_id", "seen_at"])


def downgrade() -> None:
    op.drop_index("ix_campaign_items_tenant_campaign_seen", table_name="campaign_items")
