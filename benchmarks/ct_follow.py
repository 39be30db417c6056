"""Following CT logs: entries/s read from a distant log, one request at a time or several.

    python benchmarks/ct_follow.py [--delay 0.05] [--entries 4096] [--parallel 1,2,4,8]

A log that answers each request in ``--delay`` seconds and caps ``get-entries`` at 32 entries
(as busy logs cap it) gives a reader that asks one range at a time at most 32 / delay entries
a second, whatever its own speed: if the log grows faster, the watch falls behind for good.
This runs the watch's reader (``smishguard.sources.ct_logs``, names extracted from real
certificates and precertificates) against local logs on 127.0.0.1 that sleep ``--delay`` per
answer: an RFC 6962 log capped at 32 entries a request, and a static-CT log (256 entries a
tile), for each ``--parallel`` (``watch --ct-parallel``). It prints entries/s and names/s
and each figure's ratio to one request at a time.

The delay stands in for the network: loopback itself adds well under a millisecond. No peer
of the watch benchmark (dnstwist, openSquat) reads CT logs, so there is no peer here.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "sources"))
from watch_servers import (  # noqa: E402
    Entry,
    cert_entry,
    precert_entry,
    running_ct_log,
    running_tiled_log,
)

from smishguard.sources.ct_log import CtReadOptions  # noqa: E402
from smishguard.sources.ct_logs import ct_logs_names  # noqa: E402

CAP = 32  # entries per get-entries answer of the RFC 6962 log


def _entries(count: int) -> list[Entry]:
    """``count`` entries, ten distinct ones repeated (certificates are slow to make)."""
    ten = [(precert_entry if i % 2 else cert_entry)(
        [f"site{i}.example", f"www.site{i}.example"], serial=i + 1) for i in range(10)]
    return [ten[i % 10] for i in range(count)]


def _read_all(url: str, parallel: int) -> tuple[float, int]:
    """Seconds (wall) to read the whole log from entry 0, and the names read."""
    opts = CtReadOptions(start=0, polls=1, batch_size=256, parallel=parallel)
    began = time.perf_counter()
    names = sum(1 for _ in ct_logs_names([url], _fail, opts))
    return time.perf_counter() - began, names


def _fail(message: str) -> None:
    raise SystemExit(f"ct_follow: unexpected warning: {message}")


def _logs(entries: list[Entry], delay: float
          ) -> Iterator[tuple[str, Callable[[], AbstractContextManager[Any]]]]:
    yield (f"RFC 6962, {CAP} entries a request",
           lambda: running_ct_log(*entries, max_per_request=CAP, delay=delay))
    yield "static CT, 256 entries a tile", lambda: running_tiled_log(*entries, delay=delay)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delay", type=float, default=0.05,
                        help="seconds the log takes to answer each read (default 0.05)")
    parser.add_argument("--entries", type=int, default=4096)
    parser.add_argument("--parallel", default="1,2,4,8",
                        help="requests in flight per log to try (default 1,2,4,8)")
    args = parser.parse_args(argv)
    counts = [int(x) for x in args.parallel.split(",")]
    entries = _entries(args.entries)
    print(f"{args.entries:,} entries, {args.delay * 1000:.0f} ms per answer\n")
    print("| log | requests in flight | seconds | entries/s | names/s | ratio to 1 |")
    print("|---|--:|--:|--:|--:|--:|")
    for label, running in _logs(entries, args.delay):
        base = None
        for parallel in counts:
            with running() as log:
                seconds, names = _read_all(log.url, parallel)
            rate = args.entries / seconds
            base = base or rate
            print(f"| {label} | {parallel} | {seconds:.2f} | {rate:,.0f} | "
                  f"{names / seconds:,.0f} | {rate / base:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
