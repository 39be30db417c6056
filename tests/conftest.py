"""Shared fixtures: where the development data is, and the fixture policy."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# Test helper modules (teamsets) are imported by name, also from benchmarks/.
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "tests" / "sources"))  # watch_servers: local feed servers

pytest_plugins = ["service_fixtures"]


def data_dir() -> Path:
    """SMISHGUARD_DATA_DIR, else ../shared/data beside the repository."""
    return Path(os.environ.get("SMISHGUARD_DATA_DIR", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = data_dir()
    if not (path / "sms").is_dir():
        pytest.skip(f"development data not found at {path} (set SMISHGUARD_DATA_DIR)")
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each test that takes this runs against SQLite and against PostgreSQL."""
    from backends import fresh_database

    with fresh_database(request.param, tmp_path) as url:
        yield url
