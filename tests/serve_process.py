"""`smishguard serve` as a real subprocess (the installed console script), for tests and
benchmarks that must kill it, restart it or load it from outside.

Each process runs in its own working directory (so no smishguard.toml is picked up by
accident) with the caller's SMISHGUARD_* variables removed: only the options given count.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from live_server import free_port

SMISHGUARD = Path(sys.executable).with_name("smishguard")
KEY_LINE = re.compile(r"API key \(shown once, store it now\): (\S+)")


def clean_environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items()
            if not name.startswith("SMISHGUARD_") or name == "SMISHGUARD_DATA_DIR"}


def run_cli(*args: str, cwd: Path) -> str:
    """Run one ``smishguard`` command to completion; its stdout (raises if it fails)."""
    cwd.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([str(SMISHGUARD), *args], cwd=cwd, env=clean_environment(),
                          capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"smishguard {' '.join(args)} failed ({done.returncode}): "
                           f"{done.stderr.strip()}")
    return done.stdout


def store_args(state_dir: Path, database_url: str) -> list[str]:
    return ["--state-dir", str(state_dir), "--database-url", database_url]


def create_tenant(name: str, state_dir: Path, database_url: str) -> str:
    """Create a tenant with the CLI; its first admin key."""
    out = run_cli("tenant", "create", name, *store_args(state_dir, database_url), cwd=state_dir)
    found = KEY_LINE.search(out)
    if found is None:
        raise RuntimeError(f"no key in the output of 'tenant create': {out!r}")
    return found.group(1)


@dataclass
class ServeProcess:
    process: subprocess.Popen[bytes]
    base_url: str
    stdout_path: Path

    def output(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, nothing is flushed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def start_serve(state_dir: Path, database_url: str, *extra: str, port: int | None = None,
                startup_timeout: float = 120.0) -> ServeProcess:
    """Start ``smishguard serve`` on a free loopback port and wait until /healthz answers."""
    state_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    stdout_path = state_dir / f"serve-{port}.out"
    args: Sequence[str] = [str(SMISHGUARD), "serve", "--host", "127.0.0.1", "--port", str(port),
                           *store_args(state_dir, database_url), *extra]
    with stdout_path.open("wb") as stdout:
        process = subprocess.Popen(args, cwd=state_dir, env=clean_environment(), stdout=stdout,
                                   stderr=subprocess.STDOUT)
    served = ServeProcess(process, f"http://127.0.0.1:{port}", stdout_path)
    deadline = time.monotonic() + startup_timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"smishguard serve exited with {process.returncode}: "
                               f"{served.output()}")
        try:
            if httpx.get(f"{served.base_url}/healthz", timeout=2).status_code == 200:
                return served
        except httpx.TransportError:
            pass  # not listening yet
        if time.monotonic() > deadline:
            served.kill()
            raise RuntimeError(f"smishguard serve did not answer /healthz: {served.output()}")
        time.sleep(0.05)


@contextmanager
def serve(state_dir: Path, database_url: str, *extra: str) -> Iterator[ServeProcess]:
    served = start_serve(state_dir, database_url, *extra)
    try:
        yield served
    finally:
        served.stop()
