"""Dashboard test fixtures: a running site on each backend (HTTP tests with a software
authenticator) and, on SQLite, Debian's Chromium driven by Playwright with its virtual
authenticator."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))  # dashboard_site, by name

from browsing import Tab
from dashboard_site import Site, running_site


@pytest.fixture
def site(database_url: str, tmp_path: Path) -> Iterator[Site]:
    with running_site(database_url, tmp_path / "state") as running:
        yield running


@pytest.fixture
def sqlite_site(tmp_path: Path) -> Iterator[Site]:
    with running_site(f"sqlite:///{tmp_path / 'dashboard.db'}", tmp_path / "state") as running:
        yield running


# A real browser: Debian's Chromium (never a downloaded one), headless, on loopback only.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-sync", "--disable-background-networking", "--disable-component-update",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must run the browser tests")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    """A fresh browser context and page with a virtual platform authenticator (CTAP2,
    internal, resident keys, user verification, presence given automatically)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    added = devtools.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    try:
        yield Tab(page, devtools, added["authenticatorId"])
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go: $SMISHGUARD_ARTIFACTS, else artifacts/dashboard (git-ignored)."""
    default = Path(__file__).resolve().parents[2] / "artifacts" / "dashboard"
    folder = Path(os.environ.get("SMISHGUARD_ARTIFACTS", default))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
