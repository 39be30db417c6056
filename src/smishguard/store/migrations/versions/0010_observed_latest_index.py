"""observed_domains: an index to read a tenant's latest seen names a page at a time

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 06:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_observed_domains_latest", "observed_domains",
                    ["tenant_id", "last_seen", "domain"])


def downgrade() -> None:
    op.drop_index("ix_observed_domains_latest", table_name="observed_domains")
