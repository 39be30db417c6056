"""A browser tab with Chromium's virtual authenticator, and the steps people take in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import CDPSession, Page


@dataclass
class Tab:
    page: Page
    devtools: CDPSession
    authenticator_id: str

    def credentials(self) -> list[dict[str, Any]]:
        """The passkeys the virtual authenticator holds."""
        found = self.devtools.send("WebAuthn.getCredentials",
                                   {"authenticatorId": self.authenticator_id})
        return list(found["credentials"])

    def enrol(self, link: str, name: str) -> None:
        self.page.goto(link)
        self.page.fill("#name", name)
        self.page.click("#enrol button")
        self.wait_for_path("/dashboard/")

    def sign_in(self, base: str) -> None:
        self.page.goto(f"{base}/dashboard/signin")
        self.page.click("#signin")
        self.wait_for_path("/dashboard/")

    def sign_out(self) -> None:
        self.page.click("text=Sign out")
        self.wait_for_path("/dashboard/signin")

    def wait_for_path(self, path: str) -> None:
        """Until the page is at ``path`` (a glob would also match '?next=' + path)."""
        self.page.wait_for_url(lambda url: urlsplit(url).path == path)
