"""observed_domains: the other names on the certificate a name was first sent with

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observed_domains") as batch:
        batch.add_column(sa.Column("certified_with", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observed_domains") as batch:
        batch.drop_column("certified_with")
