"""Values the export tests share: sighting times and an indicator builder."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import UTC, datetime

from smishguard.model import Indicator, IndicatorKind

FIRST = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)
LAST = datetime(2025, 3, 4, 17, 5, tzinfo=UTC)
GENERATED = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)


def indicator(
    kind: IndicatorKind, value: str, brand: str = "Acme", campaign: str = "c-okta"
) -> Indicator:
    return Indicator(kind, value, FIRST, LAST, brand=brand, campaign_id=campaign)


# named-checkzone as the check_zone fixture gives it: (zone name, zone text) -> its result.
CheckZone = Callable[[str, str], subprocess.CompletedProcess[str]]
