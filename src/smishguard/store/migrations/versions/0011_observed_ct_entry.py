"""observed_domains: the certificate-transparency entry a name was first seen in

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 11:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observed_domains") as batch:
        batch.add_column(sa.Column("ct_log", sa.String(length=500), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("ct_index", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observed_domains") as batch:
        batch.drop_column("ct_index")
        batch.drop_column("ct_log")
