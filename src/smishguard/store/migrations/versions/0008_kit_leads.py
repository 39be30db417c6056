"""kit_leads: a brand's name in front of someone else's domain, kept per tenant to find a kit's
copies across the calls that send observed names (smishguard.domains.kits)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kit_leads",
        sa.Column("tenant_id", sa.String(length=36), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=False),
        sa.Column("brand", sa.String(length=200), nullable=False),
        sa.Column("stem", sa.String(length=16), nullable=False),
        sa.Column("registered", sa.String(length=253), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("raised", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"],
                                name=op.f("fk_kit_leads_tenant_id_tenants")),
        sa.PrimaryKeyConstraint("tenant_id", "domain", name=op.f("pk_kit_leads")),
    )
    op.create_index("ix_kit_leads_group", "kit_leads",
                    ["tenant_id", "brand", "stem", "seen_at", "domain"])


def downgrade() -> None:
    op.drop_index("ix_kit_leads_group", table_name="kit_leads")
    op.drop_table("kit_leads")
