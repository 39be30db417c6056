"""reports.external_id: the sender's id for a report (MessageSid, Idempotency-Key), unique per
tenant, so a retried or replayed submission is the same report

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("external_id", sa.String(length=80), nullable=True))
        batch.create_index("ix_reports_tenant_external", ["tenant_id", "external_id"],
                           unique=True)


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_index("ix_reports_tenant_external")
        batch.drop_column("external_id")
