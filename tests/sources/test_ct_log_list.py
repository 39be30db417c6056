"""Choosing the logs to follow from a browser's CT log list (Chrome's v3 shape)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from smishguard.errors import InvalidInput
from smishguard.sources.ct_log_list import LogChoice, logs_to_follow

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _log(url: object, state: str | None = "usable", start: str = "2026-01-01T00:00:00Z",
         end: str | None = None) -> dict[str, object]:
    log: dict[str, object] = {"description": str(url), "url": url, "mmd": 86400}
    if state is not None:
        log["state"] = {state: {"timestamp": "2025-03-01T00:00:00Z"}}
    if end is not None:
        log["temporal_interval"] = {"start_inclusive": start, "end_exclusive": end}
    return log


def _choose(*operators: dict[str, object]) -> LogChoice:
    return logs_to_follow(json.dumps({"operators": list(operators)}), NOW, "log_list.json")


def test_usable_and_qualified_logs_of_current_and_future_periods_are_followed() -> None:
    choice = _choose(
        {"name": "Google", "logs": [
            _log("https://ct.googleapis.com/logs/us1/argon2026h2/"),
            _log("https://ct.googleapis.com/logs/us1/argon2027h1/", end="2027-07-01T00:00:00Z"),
            _log("https://ct.googleapis.com/logs/us1/argon2026h1/", end="2026-07-01T00:00:00Z"),
            _log("https://ct.googleapis.com/logs/us1/argon2026h2/"),  # listed twice
        ], "tiled_logs": [
            {"description": "a static-CT log", "submission_url": "https://x.example/2026h2/",
             "monitoring_url": "https://x-mon.example/2026h2/",
             "state": {"usable": {"timestamp": "2025-03-01T00:00:00Z"}},
             "temporal_interval": {"start_inclusive": "2026-07-01T00:00:00Z",
                                   "end_exclusive": "2027-01-01T00:00:00Z"}},
            {"description": "an old one", "monitoring_url": "https://x-mon.example/2026h1/",
             "state": {"usable": {"timestamp": "2025-03-01T00:00:00Z"}},
             "temporal_interval": {"start_inclusive": "2026-01-01T00:00:00Z",
                                   "end_exclusive": "2026-07-01T00:00:00Z"}},
            {"description": "a pending one", "monitoring_url": "https://y.example/",
             "state": {"pending": {"timestamp": "2025-03-01T00:00:00Z"}}},
        ]},
        {"name": "Other", "logs": [
            _log("https://ct.example/qualified", "qualified"),
            _log("https://ct.example/ro", "readonly"),
            _log("https://ct.example/retired", "retired"),
            _log("https://ct.example/pending", "pending"),
            _log("https://ct.example/rejected", "rejected"),
            _log("https://ct.example/no-state", None),
            _log(None), _log("ftp://ct.example/log"),
        ]},
    )
    assert choice.urls == ("https://ct.googleapis.com/logs/us1/argon2026h2",
                           "https://ct.googleapis.com/logs/us1/argon2027h1",
                           "https://x-mon.example/2026h2",  # read where it is monitored
                           "https://ct.example/qualified")
    assert (choice.inactive, choice.past, choice.tiled) == (8, 2, 1)
    assert choice.describe() == (
        "following 4 CT logs of the list (1 of them static CT); left out: 8 not taking new "
        "certificates, 2 for periods that have ended")


def test_a_period_ending_now_has_ended_and_an_unreadable_one_is_followed() -> None:
    choice = _choose({"logs": [
        _log("https://ct.example/a", end="2026-11-30T12:00:00Z"),
        _log("https://ct.example/b", end="someday"),
        _log("https://ct.example/c", end="2026-12-01T00:00:00"),  # no zone: followed
    ]})
    assert choice.urls == ("https://ct.example/b", "https://ct.example/c")
    assert choice.past == 1
    assert choice.describe() == "following 2 CT logs of the list; left out: 1 for periods " \
        "that have ended"


def test_one_log_is_said_in_the_singular() -> None:
    assert _choose({"logs": [_log("https://ct.example/a")]}).describe() == (
        "following 1 CT log of the list")


@pytest.mark.parametrize(("raw", "message"), [
    ("{", "log_list.json is not JSON"),
    ("[]", "has no 'operators' list"),
    ('{"operators": {}}', "has no 'operators' list"),
    ('{"operators": [{"logs": [{"url": "https://ct.example/a", "state": {"retired": {}}}]}]}',
     "no log to follow (following 0 CT logs of the list; left out: 1 not taking new"),
    ('{"operators": ["x", {"logs": "y"}]}', "no log to follow"),
])
def test_what_is_not_a_log_list_is_refused(raw: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=r"^log_list\.json") as raised:
        logs_to_follow(raw, NOW, "log_list.json")
    assert message in str(raised.value)


@pytest.mark.parametrize(("stamp", "days"), [
    ("2026-11-20T08:00:00Z", None), ("2026-10-31T12:00:00Z", None),  # 30 days: not yet
    ("2026-10-01T00:00:00Z", 60), ("2025-11-30T12:00:00+00:00", 365),
    ("yesterday", None), (None, None),
])
def test_an_old_list_is_said_to_be_old(stamp: str | None, days: int | None) -> None:
    body: dict[str, object] = {"operators": [{"logs": [_log("https://ct.example/a")]}]}
    if stamp is not None:
        body["log_list_timestamp"] = stamp
    stale = logs_to_follow(json.dumps(body), NOW, "list.json").stale
    if days is None:
        assert stale is None
    else:
        assert stale == (f"the CT log list is {days} days old: logs opened since are not "
                         "followed; download a fresh one")
