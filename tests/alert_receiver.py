"""A webhook receiver on loopback for alert tests (and a stand-in service for the watch's
sender): records every POST, answers with the status the test sets (or a script of them),
and checks signatures with the verifier printed in docs/alerts.md."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent.parent / "docs" / "alerts.md"


def documented_verifier() -> Callable[..., bool]:
    """The ``verify`` function of docs/alerts.md, run as a reader would copy it."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## Verifying the signature", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(compile(code, str(DOCS), "exec"), namespace)
    verify: Callable[..., bool] = namespace["verify"]
    return verify


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes


@dataclass
class Receiver:
    port: int
    status: int = 200
    requests: list[Received] = field(default_factory=list)
    script: list[int] = field(default_factory=list)  # statuses for the next requests, in turn
    retry_after: str | None = None  # sent as Retry-After with every answer that is not 2xx

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def at(self, path: str) -> list[Received]:
        return [r for r in self.requests if r.path == path]


@contextmanager
def receiving(port: int = 0, status: int = 200) -> Iterator[Receiver]:
    """A receiver on 127.0.0.1 (a free port unless ``port`` is given) until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    receiver = Receiver(port=server.server_address[1], status=status)
    server.receiver = receiver  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        receiver: Receiver = self.server.receiver  # type: ignore[attr-defined]
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        headers = {name.lower(): value for name, value in self.headers.items()}
        receiver.requests.append(Received(self.path, headers, body))
        status = receiver.script.pop(0) if receiver.script else receiver.status
        self.send_response(status)
        if receiver.retry_after is not None and not 200 <= status < 300:
            self.send_header("Retry-After", receiver.retry_after)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests look at ``requests``."""
