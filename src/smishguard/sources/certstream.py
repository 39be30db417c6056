"""CertStream messages: from a JSON-lines file, or live from a CertStream WebSocket server.

A CertStream server (CaliDog's certstream-server, certstream-server-go) aggregates CT logs
and sends one JSON message per certificate::

    {"message_type": "certificate_update",
     "data": {"leaf_cert": {"all_domains": ["acme-okta.com", "*.acme-okta.com"], ...},
              "cert_index": 1234, "source": {"url": "https://ct.example/2026h1/", ...}, ...}}

(each name goes with the certificate's other names,
:class:`~smishguard.model.CertifiedName`, and with the log and index when given,
:class:`~smishguard.model.CtName`).

Its domains-only endpoint sends ``{"message_type": "dns_entries", "data": [names]}``, the
names of one certificate too; both
send ``{"message_type": "heartbeat", ...}`` now and then. The live client reconnects with
exponential backoff and jitter (our own loop rather than websockets' ``reconnect`` so each
failure is reported through ``on_error`` and the retry limit is the user's).
"""

from __future__ import annotations

import io
import json
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Any

from websockets.exceptions import ConnectionClosed, InvalidURI, WebSocketException
from websockets.sync.client import connect as ws_connect

from smishguard.errors import InvalidInput
from smishguard.model import CertifiedName, CtName
from smishguard.sources.backoff import Backoff, wait_or_give_up
from smishguard.sources.files import capped_lines

# Full certificate_update messages carry the DER of the leaf and its chain: tens of KiB.
MAX_MESSAGE_BYTES = 4 * 1024 * 1024

Connect = Callable[[str, float], AbstractContextManager[Iterable[str | bytes]]]


def names_in_message(message: Any) -> list[str]:
    """The domain names a decoded CertStream message carries ([] for a heartbeat).

    Raises ValueError, with a short reason, for anything that is not a CertStream message.
    """
    if not isinstance(message, Mapping):
        raise ValueError("not a JSON object")
    kind = message.get("message_type")
    if kind == "heartbeat":
        return []
    data = message.get("data")
    if kind == "dns_entries":
        names = _strings(data, "data")
        certificate = tuple(names)
        return [CertifiedName(name, certificate) for name in names]
    if kind != "certificate_update":
        raise ValueError(f"unknown message_type {kind!r}")
    if not isinstance(data, Mapping) or not isinstance(data.get("leaf_cert"), Mapping):
        raise ValueError("certificate_update without data.leaf_cert")
    leaf: Mapping[str, Any] = data["leaf_cert"]
    if "all_domains" in leaf:
        names = _strings(leaf["all_domains"], "data.leaf_cert.all_domains")
    else:
        names = _names_from_subject_and_san(leaf)
    certificate = tuple(names)
    index, source = data.get("cert_index"), data.get("source")
    log = source.get("url") if isinstance(source, Mapping) else None
    if isinstance(index, int) and not isinstance(index, bool) and isinstance(log, str) and log:
        return [CtName(name, log.rstrip("/"), index, certificate) for name in names]
    return [CertifiedName(name, certificate) for name in names]


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(f"{where} is not a list")
    return [item for item in value if isinstance(item, str)]


def _names_from_subject_and_san(leaf: Mapping[str, Any]) -> list[str]:
    """Older or trimmed messages without all_domains: subject CN and "DNS:a, DNS:b" SANs."""
    names: list[str] = []
    subject = leaf.get("subject")
    if isinstance(subject, Mapping) and isinstance(subject.get("CN"), str):
        names.append(subject["CN"])
    extensions = leaf.get("extensions")
    san = extensions.get("subjectAltName") if isinstance(extensions, Mapping) else None
    if isinstance(san, str):
        for part in san.split(","):
            kind, _, value = part.strip().partition(":")
            if kind == "DNS" and value:
                names.append(value)
    if not names:
        raise ValueError("certificate_update without all_domains, subject CN or DNS names")
    return names


def certstream_file_names(
    stream: io.BufferedIOBase, where: str, on_error: Callable[[str], None],
    max_line_bytes: int = MAX_MESSAGE_BYTES,
) -> Iterator[str]:
    """The names in a file of CertStream messages, one JSON object a line."""
    for number, line in capped_lines(stream, where, on_error, max_line_bytes):
        if not line.strip():
            continue
        try:
            names = names_in_message(json.loads(line))
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            on_error(f"{where}: line {number} is not a CertStream message ({exc}); skipped")
            continue
        yield from names


def _connect(url: str, open_timeout: float) -> AbstractContextManager[Iterable[str | bytes]]:
    return ws_connect(url, open_timeout=open_timeout, close_timeout=2.0,
                      max_size=MAX_MESSAGE_BYTES)


def certstream_live_names(
    url: str,
    on_error: Callable[[str], None],
    *,
    backoff: Backoff | None = None,
    open_timeout: float = 10.0,
    connect: Connect = _connect,
    sleep: Callable[[float], None] = time.sleep,
    draw: Callable[[], float] = random.random,
) -> Iterator[str]:
    """The names in a live CertStream feed, reconnecting whenever it drops.

    A feed never ends by itself: a closed connection, refused connection or failed handshake
    is reported and retried after ``backoff``. A connection that delivered a message resets
    the count; after ``backoff.max_retries`` failures in a row, InvalidInput is raised.
    Close the generator to stop.
    """
    policy = backoff or Backoff()
    failures = 0
    while True:
        try:
            with connect(url, open_timeout) as websocket:
                for raw in websocket:
                    failures = 0
                    yield from _decode(raw, url, on_error)
            problem = "the server closed the connection"
        except InvalidURI as exc:
            raise InvalidInput(f"{url} is not a WebSocket URL (ws://… or wss://…)") from exc
        except ConnectionClosed as exc:
            problem = f"the connection dropped ({exc})"
        except (OSError, TimeoutError, WebSocketException) as exc:
            problem = f"cannot connect ({_reason(exc)})"
        failures += 1
        wait_or_give_up(policy, failures, f"certstream {url}", problem, "reconnecting",
                        on_error=on_error, sleep=sleep, draw=draw)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _decode(raw: str | bytes, url: str, on_error: Callable[[str], None]) -> list[str]:
    try:
        return names_in_message(json.loads(raw))
    except ValueError as exc:  # also UnicodeDecodeError for binary frames
        on_error(f"certstream {url}: a message is not a CertStream message ({exc}); skipped")
        return []
