"""Shared pieces of the export tests: a small campaign with its indicators, and the real
validator of zone files (named-checkzone from bind9-utils)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # intel_samples, by name

from intel_samples import FIRST, LAST, CheckZone, indicator

from smishguard.model import Campaign, CampaignStatus, Indicator, IndicatorKind


@pytest.fixture
def campaign() -> Campaign:
    return Campaign(
        id="c-okta",
        title="Acme Okta password reset",
        first_seen=FIRST,
        last_seen=LAST,
        status=CampaignStatus.CONFIRMED,
        report_ids=("r1", "r2"),
        people_reached=14,
        domains=("acme-okta.com",),
        senders=("+15550100200",),
        samples=(
            "Acme IT: your password expires today. Keep it at https://acme-okta.com/reset",
            "Acme IT: your account is locked, unlock: acme-okta.com/u",
        ),
        patterns=("{brand}-okta.com",),
        brands=("Acme",),
        tenant_count=3,
    )


@pytest.fixture
def indicators() -> list[Indicator]:
    return [
        indicator(IndicatorKind.DOMAIN, "acme-okta.com"),
        indicator(IndicatorKind.DOMAIN, "аcme-sso.com"),  # Cyrillic а
        indicator(IndicatorKind.URL, "https://acme-okta.com/reset"),
        indicator(IndicatorKind.SENDER, "+15550100200"),
    ]


@pytest.fixture(scope="session")
def check_zone() -> CheckZone:
    """Run the real named-checkzone on a zone text: (zone name, text) -> completed process.

    Missing locally, the tests that need it skip with the reason; in CI (CI=true) they fail,
    since .ci/run installs bind9-utils.
    """
    search = os.pathsep.join((os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin"))
    executable = shutil.which("named-checkzone", path=search)
    if executable is None:
        message = "named-checkzone not found (Debian package bind9-utils)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + ": CI must install it")
        pytest.skip(message)

    def run(zone: str, text: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [executable, "-k", "fail", "-n", "fail", zone, "/dev/stdin"],
            input=text,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    return run
