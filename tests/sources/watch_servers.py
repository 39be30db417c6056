"""Local stand-ins for the feeds the watch reads, on 127.0.0.1 only.

* :class:`CtLogServer`: an RFC 6962 log (get-sth, get-entries) over http.server, serving
  entries the test builds from real certificates and precertificates, growing on demand.
* :class:`TiledLogServer`: the same entries as a static-CT log (checkpoint, data tiles).
* :class:`CertStreamServer`: a WebSocket server that replays recorded CertStream messages,
  one session per connection, dropping the connection after each session.
* certificate builders (cryptography, self-signed) and the RFC 6962 leaf encoders.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import re
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from websockets.sync.server import Server, ServerConnection, serve

# --- certificates ------------------------------------------------------------------------


@cache
def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def make_certificate(
    sans: Sequence[str], cn: str | None = None, *, precert: bool = False, serial: int = 1
) -> x509.Certificate:
    """A self-signed certificate (or precertificate: CT poison extension) for these names."""
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)] if cn else [])
    issuer = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test CA")])
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(_key().public_key())
        .serial_number(serial)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=90))
    )
    if sans:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(n) for n in sans]), critical=False)
    if precert:
        builder = builder.add_extension(x509.PrecertPoison(), critical=True)
    return builder.sign(_key(), hashes.SHA256())


def _u24(data: bytes) -> bytes:
    return len(data).to_bytes(3, "big") + data


def x509_leaf(cert: x509.Certificate, timestamp_ms: int = 1_767_225_600_000) -> bytes:
    """MerkleTreeLeaf v1 / timestamped_entry / x509_entry, no extensions."""
    der = cert.public_bytes(Encoding.DER)
    return (b"\x00\x00" + timestamp_ms.to_bytes(8, "big") + b"\x00\x00" + _u24(der)
            + b"\x00\x00")


def precert_leaf(tbs_without_poison: bytes, timestamp_ms: int = 1_767_225_600_000) -> bytes:
    """MerkleTreeLeaf v1 / precert_entry: issuer key hash + the TBS without the poison."""
    return (b"\x00\x00" + timestamp_ms.to_bytes(8, "big") + b"\x00\x01" + bytes(range(32))
            + _u24(tbs_without_poison) + b"\x00\x00")


def x509_extra(chain: Sequence[x509.Certificate] = ()) -> bytes:
    return _u24(b"".join(_u24(c.public_bytes(Encoding.DER)) for c in chain))


def precert_extra(precert: x509.Certificate, chain: Sequence[x509.Certificate] = ()) -> bytes:
    return _u24(precert.public_bytes(Encoding.DER)) + x509_extra(chain)


@dataclass(frozen=True)
class Entry:
    leaf_input: bytes
    extra_data: bytes


def cert_entry(sans: Sequence[str], cn: str | None = None, serial: int = 1) -> Entry:
    cert = make_certificate(sans, cn, serial=serial)
    issuer = make_certificate([], "Test CA", serial=999)
    return Entry(x509_leaf(cert), x509_extra([issuer]))


def precert_entry(sans: Sequence[str], cn: str | None = None, serial: int = 1) -> Entry:
    cert = make_certificate(sans, cn, precert=True, serial=serial)
    # The log signs the TBS as the final certificate will have it: the same, less the poison.
    tbs = make_certificate(sans, cn, serial=serial).tbs_certificate_bytes
    issuer = make_certificate([], "Test CA", serial=999)
    return Entry(precert_leaf(tbs), precert_extra(cert, [issuer]))


# --- CT logs ----------------------------------------------------------------------------


@dataclass
class _LocalHttp:
    """A GET-only HTTP server on 127.0.0.1 that answers through :meth:`respond`."""

    _httpd: ThreadingHTTPServer | None = field(default=None, init=False)
    _thread: threading.Thread | None = field(default=None, init=False)

    @property
    def origin(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def respond(self, path: str, query: dict[str, list[str]]
                ) -> tuple[int, bytes, dict[str, str]]:
        raise NotImplementedError

    def agent(self, user_agent: str) -> None:
        """Called with each request's User-Agent."""

    def start(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                server.agent(self.headers.get("User-Agent", ""))
                status, data, headers = server.respond(parts.path, parse_qs(parts.query))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        # A short poll interval lets shutdown() return at once instead of after 0.5 s.
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,),
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


@dataclass
class CtLogServer(_LocalHttp):
    """An RFC 6962 log on 127.0.0.1; ``entries`` may grow while it runs."""

    entries: list[Entry] = field(default_factory=list)
    max_per_request: int = 1000  # real logs cap get-entries answers; tests lower it
    fail_next: int = 0  # answer the next N requests with HTTP 503
    fail_entries: int = 0  # answer the next N get-entries requests with HTTP 503
    fail_status: int = 503  # the status of those failures
    retry_after: str | None = None  # sent as Retry-After with each failure
    delay: float = 0.0  # seconds each get-entries answer takes (a distant log)
    served: list[int] = field(default_factory=list)  # every entry index ever sent
    requests: list[str] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)  # the User-Agent headers seen
    most_in_flight: int = 0  # the most get-entries requests answered at once
    _in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"{self.origin}/logs/test2026"

    @property
    def moved_url(self) -> str:
        """An address that redirects every request to :attr:`url` (301)."""
        return f"{self.origin}/moved"

    def agent(self, user_agent: str) -> None:
        with self._lock:
            self.agents.add(user_agent)

    def add(self, *entries: Entry) -> None:
        with self._lock:
            self.entries.extend(entries)

    def respond(self, path: str, query: dict[str, list[str]]
                ) -> tuple[int, bytes, dict[str, str]]:
        if path.startswith("/moved/"):
            query_string = "&".join(f"{k}={v[0]}" for k, v in query.items())
            target = f"{self.url}/{path.removeprefix('/moved/')}?{query_string}"
            return 301, b"", {"Location": target}
        entries = path.endswith("/get-entries")
        if entries:
            with self._lock:
                self._in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self._in_flight)
            time.sleep(self.delay)
        try:
            status, body = self.answer(path, query)
        finally:
            if entries:
                with self._lock:
                    self._in_flight -= 1
        headers = {"Content-Type": "application/json"}
        if status == self.fail_status and self.retry_after is not None:
            headers["Retry-After"] = self.retry_after
        return status, json.dumps(body).encode(), headers

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        with self._lock:
            self.requests.append(path)
            if self.fail_next:
                self.fail_next -= 1
                return self.fail_status, {"error": "try later"}
            if self.fail_entries and path.endswith("/get-entries"):
                self.fail_entries -= 1
                return self.fail_status, {"error": "try later"}
            size = len(self.entries)
            if path == "/logs/test2026/ct/v1/get-sth":
                return 200, {"tree_size": size, "timestamp": 1_767_225_600_000,
                             "sha256_root_hash": "", "tree_head_signature": ""}
            if path != "/logs/test2026/ct/v1/get-entries":
                return 404, {"error": "not found"}
            try:
                start, end = int(query["start"][0]), int(query["end"][0])
            except (KeyError, ValueError):
                return 400, {"error": "start and end are required"}
            if not 0 <= start <= end or start >= size:
                return 400, {"error": "bad range"}
            stop = min(end + 1, size, start + self.max_per_request)
            self.served.extend(range(start, stop))
            return 200, {"entries": [
                {"leaf_input": base64.b64encode(e.leaf_input).decode(),
                 "extra_data": base64.b64encode(e.extra_data).decode()}
                for e in self.entries[start:stop]
            ]}


def tile_leaf(entry: Entry) -> bytes:
    """An entry as a static-CT TileLeaf: its TimestampedEntry, a precert entry's
    precertificate, and one issuer fingerprint."""
    timestamped = entry.leaf_input[2:]
    precertificate = b""
    if timestamped[8:10] == b"\x00\x01":
        precertificate = entry.extra_data[:3 + int.from_bytes(entry.extra_data[:3], "big")]
    return timestamped + precertificate + (32).to_bytes(2, "big") + bytes(range(32, 64))


_DATA_TILE = re.compile(r"/tile/data/((?:x\d{3}/)*\d{3})(?:\.p/(\d{1,3}))?")


@dataclass
class TiledLogServer(_LocalHttp):
    """A static-CT log (c2sp.org/static-ct-api) on 127.0.0.1: a checkpoint and data tiles of
    ``entries``, gzip-compressed as logs may send them. As real logs may, it drops a partial
    tile once the full one exists. ``checkpoint_size`` makes the checkpoint lag the tiles."""

    entries: list[Entry] = field(default_factory=list)
    compress: bool = True
    checkpoint_size: int | None = None
    tile_bytes: dict[int, bytes] = field(default_factory=dict)  # a tile's bytes, replaced
    delay: float = 0.0  # seconds each data tile takes (a distant log)
    fail_next: int = 0
    requests: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"{self.origin}/static/test2026h2"

    def add(self, *entries: Entry) -> None:
        with self._lock:
            self.entries.extend(entries)

    def respond(self, path: str, query: dict[str, list[str]]
                ) -> tuple[int, bytes, dict[str, str]]:
        if "/tile/data/" in path:
            time.sleep(self.delay)
        with self._lock:
            self.requests.append(path)
            if self.fail_next:
                self.fail_next -= 1
                return 503, b"try later", {}
            prefix = "/static/test2026h2"
            size = len(self.entries)
            if path == f"{prefix}/checkpoint":
                shown = size if self.checkpoint_size is None else self.checkpoint_size
                note = (f"127.0.0.1/static/test2026h2\n{shown}\n"
                        f"{base64.b64encode(bytes(32)).decode()}\n\n"
                        "\u2014 127.0.0.1/static/test2026h2 AAAAAAAA\n")
                return 200, note.encode(), {"Content-Type": "text/plain; charset=utf-8"}
            found = _DATA_TILE.fullmatch(path.removeprefix(prefix))
            if not path.startswith(prefix) or found is None:
                return 404, b"not found", {}
            index = int(found[1].replace("x", "").replace("/", ""))
            first = index * 256
            full = size >= first + 256
            width = 256 if found[2] is None else int(found[2])
            if (found[2] is None and not full) or (found[2] is not None and (
                    full or not 0 < width < 256 or first + width > size)):
                return 404, b"not found", {}
            data = self.tile_bytes.get(index) or b"".join(
                tile_leaf(e) for e in self.entries[first:first + width])
            headers = {"Content-Type": "application/octet-stream"}
            if self.compress:
                data = gzip.compress(data)
                headers["Content-Encoding"] = "gzip"
            return 200, data, headers


_Server = TypeVar("_Server", bound=_LocalHttp)


@contextmanager
def _running(server: _Server) -> Iterator[_Server]:
    server.start()
    try:
        yield server
    finally:
        server.stop()


def running_ct_log(*entries: Entry, max_per_request: int = 1000, delay: float = 0.0
                   ) -> AbstractContextManager[CtLogServer]:
    return _running(CtLogServer(entries=list(entries), max_per_request=max_per_request,
                                delay=delay))


def running_tiled_log(*entries: Entry, compress: bool = True, delay: float = 0.0
                      ) -> AbstractContextManager[TiledLogServer]:
    return _running(TiledLogServer(entries=list(entries), compress=compress, delay=delay))


# --- a CertStream server ----------------------------------------------------------------


def certificate_update(domains: Sequence[str], index: int = 0) -> str:
    """A certificate_update message as certstream-server sends it (trimmed of DER)."""
    return json.dumps({
        "message_type": "certificate_update",
        "data": {
            "update_type": "PrecertLogEntry",
            "leaf_cert": {
                "subject": {"aggregated": f"/CN={domains[0]}", "CN": domains[0], "C": None,
                            "ST": None, "L": None, "O": None, "OU": None},
                "extensions": {
                    "subjectAltName": ", ".join(f"DNS:{d}" for d in domains),
                    "ctlPoisonByte": True,
                    "basicConstraints": "CA:FALSE",
                },
                "not_before": 1767225600, "not_after": 1775001600,
                "serial_number": f"{index:032X}",
                "fingerprint": "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01",
                "all_domains": list(domains),
            },
            "chain": [{"subject": {"aggregated": "/C=US/O=Let's Encrypt/CN=R11"}}],
            "cert_index": 1_000_000 + index,
            "cert_link": f"https://ct.example.test/logs/x/ct/v1/get-entries?start={index}",
            "seen": 1767225600.5 + index,
            "source": {"url": "https://ct.example.test/logs/x/", "name": "Test 'x' log"},
        },
    })


def dns_entries(domains: Sequence[str]) -> str:
    return json.dumps({"message_type": "dns_entries", "data": list(domains)})


HEARTBEAT = json.dumps({"message_type": "heartbeat", "timestamp": 1767225600.0})


@dataclass
class CertStreamServer:
    """Connection n gets ``sessions[n]`` and is then dropped; later ones are held open
    (``hold``) or closed at once."""

    sessions: list[list[str]]
    abort: bool = False  # drop like a dead network (no close frame) instead of closing
    hold: bool = True
    connections: int = 0
    _server: Server | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"ws://127.0.0.1:{self._server.socket.getsockname()[1]}/"

    def handle(self, connection: ServerConnection) -> None:
        with self._lock:
            number = self.connections
            self.connections += 1
        if number >= len(self.sessions):
            if not self.hold:
                connection.close(code=1001, reason="going away")
                return
            for _ in connection:  # hold the feed open until the client leaves
                pass
            return
        for message in self.sessions[number]:
            connection.send(message)
        if self.abort:
            connection.socket.shutdown(socket.SHUT_RDWR)
        else:
            connection.close(code=1011, reason="server restarting")

    def start(self) -> None:
        self._server = serve(self.handle, "127.0.0.1", 0, compression=None)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)


@contextmanager
def running_certstream(sessions: list[list[str]], abort: bool = False, hold: bool = True
                       ) -> Iterator[CertStreamServer]:
    server = CertStreamServer(sessions, abort, hold)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def dead_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
