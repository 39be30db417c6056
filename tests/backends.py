"""Databases for tests: a SQLite file in tmp_path, and a fresh PostgreSQL database per test
on the server named by SMISHGUARD_TEST_DATABASE_URL (CI starts one; see .ci/run).

Without that variable the PostgreSQL cases are skipped locally, and fail under CI=true: the
suite must run against both backends in CI.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

BACKENDS = ("sqlite", "postgresql")


def postgres_admin_url() -> str | None:
    return os.environ.get("SMISHGUARD_TEST_DATABASE_URL")


@contextmanager
def fresh_database(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'smishguard.db'}"
        return
    admin = postgres_admin_url()
    if not admin:
        if os.environ.get("CI"):
            pytest.fail("SMISHGUARD_TEST_DATABASE_URL is not set: CI must test PostgreSQL")
        pytest.skip("PostgreSQL not configured (set SMISHGUARD_TEST_DATABASE_URL)")
    with postgres_database(admin, "sg_test") as url:
        yield url


@contextmanager
def postgres_database(admin: str, prefix: str) -> Iterator[str]:
    """A new, empty database on the server of ``admin`` (an URL with rights to create one),
    dropped when the block ends; yields its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
