"""campaigns: clustered items with fingerprints, per-tenant campaign states, domain decisions

Revision ID: 0004
Revises: 0002 (a branch beside 0003, the dashboard; both apply with "heads")
Create Date: 2026-11-28 16:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign_items",
        sa.Column("item_id", sa.String(length=80), nullable=False),
        sa.Column("tenant_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("campaign_id", sa.String(length=40), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"],
                                name=op.f("fk_campaign_items_tenant_id_tenants")),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_campaign_items")),
    )
    op.create_index("ix_campaign_items_campaign", "campaign_items", ["campaign_id"])
    op.create_index("ix_campaign_items_tenant_campaign", "campaign_items",
                    ["tenant_id", "campaign_id"])
    op.create_table(
        "campaign_states",
        sa.Column("campaign_id", sa.String(length=40), nullable=False),
        sa.Column("tenant_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"],
                                name=op.f("fk_campaign_states_tenant_id_tenants")),
        sa.PrimaryKeyConstraint("campaign_id", "tenant_id", name=op.f("pk_campaign_states")),
    )
    op.create_table(
        "domain_decisions",
        sa.Column("tenant_id", sa.String(length=36), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"],
                                name=op.f("fk_domain_decisions_tenant_id_tenants")),
        sa.PrimaryKeyConstraint("tenant_id", "domain", name=op.f("pk_domain_decisions")),
    )
    op.create_index("ix_domain_decisions_decision", "domain_decisions", ["decision", "domain"])


def downgrade() -> None:
    op.drop_index("ix_domain_decisions_decision", table_name="domain_decisions")
    op.drop_table("domain_decisions")
    op.drop_table("campaign_states")
    op.drop_index("ix_campaign_items_tenant_campaign", table_name="campaign_items")
    op.drop_index("ix_campaign_items_campaign", table_name="campaign_items")
    op.drop_table("campaign_items")
