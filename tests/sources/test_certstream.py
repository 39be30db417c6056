"""CertStream messages from a file and live from a local WebSocket server that drops."""

from __future__ import annotations

import io
import json
from itertools import islice
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from watch_servers import (
    HEARTBEAT,
    certificate_update,
    dead_port,
    dns_entries,
    running_certstream,
)

from smishguard.errors import InvalidInput
from smishguard.sources.backoff import Backoff
from smishguard.sources.certstream import (
    certstream_file_names,
    certstream_live_names,
    names_in_message,
)

FAST = Backoff(initial=0.001, maximum=0.005, max_retries=3)


@pytest.mark.parametrize(("message", "expected"), [
    (json.loads(certificate_update(["acme-okta.com", "*.acme-okta.com"])),
     ["acme-okta.com", "*.acme-okta.com"]),
    (json.loads(dns_entries(["okta-acme.com", "www.okta-acme.com"])),
     ["okta-acme.com", "www.okta-acme.com"]),
    (json.loads(HEARTBEAT), []),
    ({"message_type": "certificate_update", "data": {"leaf_cert": {
        "subject": {"CN": "acme-vpn.net"},
        "extensions": {"subjectAltName": "DNS:acme-vpn.net, IP Address:10.0.0.1, DNS:x.net"}}}},
     ["acme-vpn.net", "acme-vpn.net", "x.net"]),
    ({"message_type": "dns_entries", "data": ["a.com", 5, None]}, ["a.com"]),
])
def test_names_in_message(message: dict[str, Any], expected: list[str]) -> None:
    assert names_in_message(message) == expected


@pytest.mark.parametrize(("message", "reason"), [
    ([], "not a JSON object"),
    ({"message_type": "other"}, "unknown message_type 'other'"),
    ({"message_type": "certificate_update", "data": {}}, "without data.leaf_cert"),
    ({"message_type": "certificate_update", "data": {"leaf_cert": {}}}, "without all_domains"),
    ({"message_type": "dns_entries", "data": "a.com"}, "data is not a list"),
])
def test_malformed_messages_raise_value_error(message: Any, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        names_in_message(message)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.sampled_from(["message_type", "data", "leaf_cert",
                                                       "all_domains", "subject", "CN"]),
                                      inner, max_size=4), max_leaves=6))
def test_names_in_message_raises_only_value_error(message: Any) -> None:
    try:
        names = names_in_message(message)
    except ValueError:
        return
    assert all(isinstance(n, str) for n in names)


def test_file_of_messages_reports_bad_lines() -> None:
    data = "\n".join([
        certificate_update(["acme-okta.com"]), HEARTBEAT, "{not json", "",
        json.dumps({"message_type": "nope"}), dns_entries(["okta-acme.com"]),
    ]).encode()
    errors: list[str] = []
    found = list(certstream_file_names(io.BytesIO(data), "feed.jsonl", errors.append))
    assert found == ["acme-okta.com", "okta-acme.com"]
    assert [e.split(" is not")[0] for e in errors] == ["feed.jsonl: line 3", "feed.jsonl: line 5"]


def test_live_feed_reconnects_after_drops_and_gets_the_rest() -> None:
    sessions = [
        [certificate_update(["acme-okta.com", "*.acme-okta.com"], 0), HEARTBEAT,
         certificate_update(["okta-acme.com"], 1)],
        [],  # accepted, then dropped at once
        ["garbage", dns_entries(["acme-vpn.net"]), certificate_update(["sso-acme.org"], 2)],
    ]
    errors: list[str] = []
    waits: list[float] = []
    with running_certstream(sessions) as server:
        names = certstream_live_names(server.url, errors.append, backoff=FAST,
                                      sleep=waits.append)
        found = list(islice(names, 5))
        names.close()
    assert found == ["acme-okta.com", "*.acme-okta.com", "okta-acme.com", "acme-vpn.net",
                     "sso-acme.org"]
    assert server.connections in (3, 4)  # the 4th is the held-open feed, if reached
    dropped = [e for e in errors if "dropped" in e or "closed" in e]
    assert len(dropped) == 2
    assert all("reconnecting in" in e for e in dropped)
    assert "(attempt 1 of 3)" in dropped[0]
    assert "(attempt 2 of 3)" in dropped[1]  # the empty session delivered nothing
    assert any("not a CertStream message" in e for e in errors)
    assert len(waits) == 2


def test_live_feed_survives_a_connection_cut_without_close_frame() -> None:
    sessions = [[dns_entries(["acme-okta.com"])], [dns_entries(["okta-acme.com"])]]
    errors: list[str] = []
    with running_certstream(sessions, abort=True) as server:
        names = certstream_live_names(server.url, errors.append, backoff=FAST,
                                      sleep=lambda _: None)
        assert list(islice(names, 2)) == ["acme-okta.com", "okta-acme.com"]
        names.close()
    assert len(errors) == 1
    assert "reconnecting in" in errors[0]


def test_dead_websocket_retries_then_gives_up_with_a_clear_message() -> None:
    url = f"ws://127.0.0.1:{dead_port()}/"
    errors: list[str] = []
    with pytest.raises(InvalidInput, match=r"cannot connect \(.*refused.*\); gave up after 4"):
        list(certstream_live_names(url, errors.append, backoff=FAST, sleep=lambda _: None))
    assert len(errors) == 3
    assert errors[0].startswith(f"certstream {url}: cannot connect (")
    assert "reconnecting in" in errors[0]


def test_forever_keeps_retrying_until_the_consumer_stops() -> None:
    url = f"ws://127.0.0.1:{dead_port()}/"
    errors: list[str] = []

    def sleep(_: float) -> None:
        if len(errors) >= 12:  # more than any finite limit here: stop the feed from outside
            raise KeyboardInterrupt

    forever = Backoff(initial=0.001, maximum=0.001, max_retries=None)
    with pytest.raises(KeyboardInterrupt):
        list(certstream_live_names(url, errors.append, backoff=forever, sleep=sleep))
    assert len(errors) == 12
    assert errors[-1].endswith("(attempt 12)")


def test_not_a_websocket_url_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="not a WebSocket URL"):
        list(certstream_live_names("http://127.0.0.1:1/", print, backoff=FAST))
