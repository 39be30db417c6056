"""Alembic environment: the engine comes from smishguard (never from alembic.ini)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

import smishguard.store.campaign_tables  # noqa: F401  (registers its tables on the metadata)
from smishguard.store.tables import metadata

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):  # pragma: no cover - only through smishguard.store.migrate
    raise RuntimeError("run migrations through smishguard (smishguard db upgrade)")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
