"""Which CT logs to follow, from a browser's list of logs.

Chrome publishes the logs it trusts as JSON (v3,
``https://www.gstatic.com/ct/log_list/v3/log_list.json``; Apple's list has the same shape):
operators, each with ``logs`` (RFC 6962 logs, read at their ``url``) and ``tiled_logs``
(static-CT logs, read at their ``monitoring_url``). A log is followed when

- its state is ``usable`` or ``qualified``: browsers accept the certificates it logs, so
  phishing sites' certificates land there. Read-only, retired, pending and rejected logs
  take no new certificates that a browser would accept;
- and, for a log sharded by expiry (``temporal_interval``), its period has not ended: a
  certificate issued today expires in the future, so only current and future shards grow.

Pure: the caller reads the file and says what time it is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from smishguard.errors import InvalidInput

_GROWING_STATES = frozenset({"usable", "qualified"})
# A list older than this may miss logs opened since (logs open every half-year or so).
STALE_AFTER = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class LogChoice:
    """The logs to follow, and how many of the list's others were left out and why."""

    urls: tuple[str, ...]
    inactive: int = 0  # read-only, retired, pending, rejected (or no state)
    past: int = 0  # shards for certificates that have all expired
    tiled: int = 0  # how many of the urls are static-CT logs
    age: timedelta | None = None  # since the list's log_list_timestamp, when it has one

    @property
    def stale(self) -> str | None:
        """A warning when the list is old enough to miss logs opened since, else None."""
        if self.age is None or self.age <= STALE_AFTER:
            return None
        return (f"the CT log list is {self.age.days} days old: logs opened since are not "
                "followed; download a fresh one")

    def describe(self) -> str:
        """One line for the user: what is followed, what is not and why."""
        left = []
        if self.inactive:
            left.append(f"{self.inactive} not taking new certificates")
        if self.past:
            left.append(f"{self.past} for periods that have ended")
        plural = "s" if len(self.urls) != 1 else ""
        tiled = f" ({self.tiled} of them static CT)" if self.tiled else ""
        return f"following {len(self.urls)} CT log{plural} of the list{tiled}" + (
            f"; left out: {', '.join(left)}" if left else "")


def logs_to_follow(raw: bytes | str, now: datetime, where: str) -> LogChoice:
    """The logs of the list ``raw`` (read from ``where``) to follow at ``now``
    (timezone-aware); InvalidInput when it is not a log list or leaves no log to follow."""
    try:
        body = json.loads(raw)
    except ValueError as exc:
        raise InvalidInput(f"{where} is not JSON ({exc}); give a CT log list such as Chrome's "
                           "log_list.json (v3)") from exc
    operators = body.get("operators") if isinstance(body, dict) else None
    if not isinstance(operators, list):
        raise InvalidInput(f"{where} has no 'operators' list: not a CT log list (v3)")
    urls: list[str] = []
    tiled: set[str] = set()
    inactive = past = 0
    for operator in operators:
        if not isinstance(operator, dict):
            continue
        listed = [(log, "url") for log in _items(operator, "logs")]
        listed += [(log, "monitoring_url") for log in _items(operator, "tiled_logs")]
        for log, url_key in listed:
            url = log.get(url_key)
            readable = isinstance(url, str) and url.startswith(("https://", "http://"))
            if not readable or not _is_growing(log.get("state")):
                inactive += 1
            elif _has_ended(log.get("temporal_interval"), now):
                past += 1
            else:
                urls.append(str(url).rstrip("/"))
                if url_key == "monitoring_url":
                    tiled.add(urls[-1])
    choice = LogChoice(tuple(dict.fromkeys(urls)), inactive, past, len(tiled),
                       _age(body.get("log_list_timestamp"), now))
    if not choice.urls:
        raise InvalidInput(f"{where}: no log to follow ({choice.describe()})")
    return choice


def _items(operator: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    items = operator.get(key)
    return [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []


def _is_growing(state: object) -> bool:
    return isinstance(state, dict) and any(name in _GROWING_STATES for name in state)


def _age(timestamp: object, now: datetime) -> timedelta | None:
    when = _instant(timestamp)
    return None if when is None else now - when


def _instant(text: object) -> datetime | None:
    """An RFC 3339 time of the list, or None when missing or unreadable."""
    if not isinstance(text, str):
        return None
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def _has_ended(interval: object, now: datetime) -> bool:
    if not isinstance(interval, dict):
        return False  # not sharded: takes every certificate
    until = _instant(interval.get("end_exclusive"))
    return until is not None and until <= now  # unreadable: followed rather than missed
