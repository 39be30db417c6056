"""The peers' scratch venv, smishguard's compiled build, and the runner processes (one tool,
one core, one JSON result).

dnstwist and openSquat are installed from PyPI into a scratch venv outside the repository
(openSquat is GPL-3.0: it is run, never vendored or copied) and imported only there, by
``runner.py``. Nothing here reaches the network but pip, which talks to the configured
package index.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# dnstwist's "full" extra would add GeoIP and fuzzy hashes, which need the network; tld (its
# optional PSL-based domain splitter) is the only part a matcher uses.
PINS: tuple[str, ...] = ("dnstwist==20250130", "opensquat==2.3.1", "tld==0.13.2")
RUNNER = Path(__file__).resolve().with_name("runner.py")
REPO = Path(__file__).resolve().parents[2]


def default_venv() -> Path:
    return Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "smishguard-peers"


def scratch_python(venv: Path, log: Any = print) -> Path:
    """The scratch venv's interpreter, with :data:`PINS` installed (reused when present)."""
    python = venv / "bin" / "python"
    stamp = venv / "smishguard-pins.txt"
    wanted = "\n".join(PINS)
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    log(f"installing {' '.join(PINS)} into {venv} (scratch, not part of the repository)")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PINS],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pip install {' '.join(PINS)} failed:\n{done.stderr[-2000:]}")
    stamp.write_text(wanted, encoding="utf-8")
    return python


def compiled_smishguard() -> Path:
    """The directory of smishguard's compiled build, for ``PYTHONPATH``: ``./run compiled``
    builds it (once per change of the package, about a minute; needs gcc) and says where."""
    done = subprocess.run([str(REPO / "run"), "compiled"], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the compiled build failed (needs gcc):\n{done.stderr[-2000:]}")
    return Path(done.stdout.strip().splitlines()[-1])


@dataclass(frozen=True, slots=True)
class Job:
    """One runner process: ``body`` is the job JSON less ``cpu`` and ``out``; ``path`` goes
    first on its ``PYTHONPATH`` (the compiled build)."""

    label: str
    python: Path
    body: dict[str, Any]
    path: Path | None = None


def run_jobs(jobs: Sequence[Job], work: Path, cores: Sequence[int], log: Any = print
             ) -> dict[str, dict[str, Any]]:
    """Run ``jobs``, at most one per core at a time, each pinned to its core; results by label.

    Each runner measures its own CPU time (not wall time), so jobs on the other core, or
    other work on the machine, change how long the run takes but not the figures.
    """
    free: queue.Queue[int] = queue.Queue()
    for core in cores:
        free.put(core)

    def one(job: Job) -> tuple[str, dict[str, Any]]:
        core = free.get()
        try:
            slug = job.label.replace(" ", "_").replace("/", "_")
            out = work / f"result_{slug}.json"
            path = work / f"job_{slug}.json"
            path.write_text(json.dumps({**job.body, "cpu": core, "out": str(out)}),
                            encoding="utf-8")
            log(f"  run {job.label} (core {core})")
            env = dict(os.environ)
            if job.path is not None:
                env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(job.path),
                                                                  env.get("PYTHONPATH")]))
            done = subprocess.run([str(job.python), str(RUNNER), str(path)],
                                  capture_output=True, text=True, check=False, env=env)
            if done.returncode != 0:
                raise RuntimeError(f"{job.label} failed:\n{done.stderr[-3000:]}")
            result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
            log(f"  done {job.label}: setup {result['setup_cpu_s']:.1f} s CPU")
            return job.label, result
        finally:
            free.put(core)

    with ThreadPoolExecutor(max_workers=len(cores)) as pool:
        return dict(pool.map(one, jobs))
