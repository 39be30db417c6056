"""alert_targets.events: the events a target is sent, comma-separated; empty for every event
(the targets made before, and any event added later)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alert_targets") as batch:
        batch.add_column(sa.Column("events", sa.String(length=200), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("alert_targets") as batch:
        batch.drop_column("events")
