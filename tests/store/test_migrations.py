"""The Alembic migrations build exactly the schema the code describes, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from smishguard.store import Store
from smishguard.store.migrate import current_revisions, head_revisions, upgrade
from smishguard.store.tables import metadata


def test_upgrade_reaches_head_and_matches_the_tables(database_url: str) -> None:
    store = Store.open(database_url)
    try:
        assert current_revisions(store.engine) == head_revisions(store.engine)
        with store.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
        assert differences == []
    finally:
        store.close()


def test_upgrade_twice_is_harmless(database_url: str) -> None:
    store = Store.open(database_url)
    try:
        upgrade(store.engine)
        assert current_revisions(store.engine) == head_revisions(store.engine)
    finally:
        store.close()


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    store = Store.open(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        store.close()
