"""Schema migrations with Alembic, run from code (``smishguard db upgrade`` and at start)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the schema to ``revision`` (every newest revision by default: features add their
    tables on branches of their own); safe to run again."""
    command.upgrade(alembic_config(engine), revision)


def current_revisions(engine: Engine) -> frozenset[str]:
    with engine.connect() as connection:
        return frozenset(MigrationContext.configure(connection).get_current_heads())


def head_revisions(engine: Engine) -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
