"""Load on ``smishguard serve``: requests/s and p50/p99 latency of POST /v1/scan,
POST /v1/reports and POST /v1/domains, on SQLite and on PostgreSQL, measured with wrk.

    python benchmarks/service_load.py [--duration 10] [--connections 4,32]
                                      [--backends sqlite,postgresql] [--postgres-url URL]

Each backend gets a fresh database and state directory; ``smishguard serve`` runs as a
subprocess (the installed console script, one uvicorn worker) and wrk (Debian's /usr/bin/wrk,
one thread) sends JSON bodies drawn from examples/sample_messages.csv with a bearer key. Every
report is a real committed row (SQLite: WAL, synchronous=FULL). /v1/domains gets
``DOMAINS_PER_REQUEST`` names never sent before in every request (made by the wrk script:
one in ten a look-alike of Okta, one in fifty Okta's name in front of another domain named
alike, a kit's copy; the rest plain names), each kept as a row, the look-alikes clustered
(the tenant has no alert target). PostgreSQL is a private
cluster started in a temporary directory with its default durable settings (fsync on), unless
--postgres-url names a server to create the database on. wrk runs on the same machine and takes
its share of the CPUs: the figures are for server and load generator together.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from live_server import free_port  # noqa: E402
from serve_process import create_tenant, start_serve  # noqa: E402

SAMPLES = REPO / "examples" / "sample_messages.csv"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
ENDPOINTS = {"scan": "/v1/scan", "report": "/v1/reports", "domains": "/v1/domains"}
DOMAINS_PER_REQUEST = 100
WRK_SCRIPT = """
local bodies = {%(bodies)s}
local headers = {["Content-Type"] = "application/json",
                 ["Authorization"] = "Bearer %(key)s"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "%(path)s", headers, bodies[(n %% #bodies) + 1])
end
"""

# Names never sent before in every request: the counter makes each one new.
DOMAINS_SCRIPT = """
local headers = {["Content-Type"] = "application/json",
                 ["Authorization"] = "Bearer %(key)s"}
local n = 0
request = function()
  n = n + 1
  local names = {}
  for i = 1, %(per_request)d do
    local k = n * %(per_request)d + i
    if i %% 10 == 0 then
      names[i] = '"okta-sso-login' .. k .. '.com"'
    elseif i %% 50 == 1 then
      names[i] = '"okta.mobility' .. k .. '.com"'
    else
      names[i] = '"host' .. k .. '.example' .. (k %% 97) .. '.org"'
    end
  end
  local body = '{"source": "bench", "domains": [' .. table.concat(names, ",") .. ']}'
  return wrk.format("POST", "%(path)s", headers, body)
end
"""


@dataclass(frozen=True)
class Result:
    backend: str
    endpoint: str
    connections: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    failed: int  # non-2xx answers and socket errors


def sample_bodies(endpoint: str) -> list[str]:
    if endpoint == "domains":  # a warm-up: the script sends new names in every request
        return [json.dumps({"domains": ["okta-sso-login.com", "example.org"]})]
    with SAMPLES.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row.get("text")]
    extra = {"reporter": "+15550100042"} if endpoint == "report" else {}
    return [json.dumps({"text": row["text"], "sender": row.get("sender") or None} | extra)
            for row in rows]


def lua_script(endpoint: str, path: str, key: str) -> str:
    if endpoint == "domains":
        return DOMAINS_SCRIPT % {"key": key, "path": path, "per_request": DOMAINS_PER_REQUEST}
    # Long brackets hold the JSON verbatim; none of the sample texts contains "]==]".
    quoted = ", ".join(f"[==[{body}]==]" for body in sample_bodies(endpoint))
    return WRK_SCRIPT % {"bodies": quoted, "key": key, "path": path}


def found(pattern: str, out: str) -> str:
    match = re.search(pattern, out)
    if match is None:
        raise RuntimeError(f"wrk said something unexpected (no {pattern!r}):\n{out}")
    return match.group(1)


def milliseconds(value: str) -> float:
    unit = found(r"(us|ms|s|m)$", value)
    return float(value[:-len(unit)]) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def run_wrk(base_url: str, script: Path, connections: int, duration: int) -> dict[str, Any]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency",
         "-s", str(script), base_url],
        capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       out)
    return {
        "requests_per_s": float(found(r"Requests/sec:\s+([\d.]+)", out)),
        "p50_ms": milliseconds(found(r"\s50%\s+(\S+)", out)),
        "p99_ms": milliseconds(found(r"\s99%\s+(\S+)", out)),
        "requests": int(found(r"(\d+) requests in", out)),
        "failed": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket.groups()) if socket else 0),
    }


@contextmanager
def private_postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on loopback with default (durable) settings."""
    home = Path(tempfile.mkdtemp(prefix="sg-bench-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(home, "postgres")
    port = free_port()
    data, log = home / "data", home / "log"
    subprocess.run([*as_postgres, str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust",
                    "-U", "postgres", "--no-sync"], check=True, capture_output=True)
    subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
                    "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {home}", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast",
                        "stop"], check=False, capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


@contextmanager
def postgres_server(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    with private_postgres() as started:
        yield started


@contextmanager
def fresh_postgres_database(server_url: str) -> Iterator[str]:
    name = f"sg_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def measure_backend(backend: str, database_url: str, work: Path, levels: list[int],
                    duration: int) -> list[Result]:
    state = work / backend
    key = create_tenant("Bench Co", state, database_url)
    server = start_serve(state, database_url)
    results = []
    try:
        with httpx.Client(base_url=server.base_url, timeout=60,
                          headers={"Authorization": f"Bearer {key}"}) as client:
            # Warm up: the scanner and the tenant's policy are built on first use.
            for endpoint, path in ENDPOINTS.items():
                for body in sample_bodies(endpoint):
                    client.post(path, content=body,
                                headers={"Content-Type": "application/json"}).raise_for_status()
        for endpoint, path in ENDPOINTS.items():
            script = work / f"{backend}-{endpoint}.lua"
            script.write_text(lua_script(endpoint, path, key), encoding="utf-8")
            for connections in levels:
                figures = run_wrk(server.base_url, script, connections, duration)
                result = Result(backend, endpoint, connections, **figures)
                print(format_row(result), flush=True)
                results.append(result)
                time.sleep(1)  # let the server drain before the next run
    finally:
        server.stop()
    return results


def format_row(result: Result) -> str:
    names = (f" ({result.requests_per_s * DOMAINS_PER_REQUEST:,.0f} names/s)"
             if result.endpoint == "domains" else "")
    return (f"| {result.backend} | {result.endpoint} | {result.connections} | "
            f"{result.requests_per_s:,.0f}{names} | {result.p50_ms:.1f} | {result.p99_ms:.1f} | "
            f"{result.requests:,} | {result.failed} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", default="4,32",
                        help="comma-separated open connections (concurrency levels)")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=None,
                        help="create the database on this server instead of a private cluster")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("service_load: wrk is not installed (Debian: apt-get install wrk)")
    levels = [int(n) for n in args.connections.split(",")]
    backends = args.backends.split(",")
    print(f"smishguard serve (1 worker) under wrk (1 thread), {args.duration} s per run, "
          f"on {os.cpu_count()} CPUs shared by server, database and wrk")
    print("| backend | endpoint | connections | requests/s | p50 ms | p99 ms | requests | "
          "failed |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="sg-bench-") as tmp:
        work = Path(tmp)
        if "sqlite" in backends:
            measure_backend("sqlite", f"sqlite:///{work / 'bench.db'}", work, levels,
                            args.duration)
        if "postgresql" in backends:
            with postgres_server(args.postgres_url) as server_url, \
                    fresh_postgres_database(server_url) as url:
                measure_backend("postgresql", url, work, levels, args.duration)


if __name__ == "__main__":
    main()
