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


def _prepare(
    job: Job, work: Path, core: int, **extra: Any
) -> tuple[list[str], Path, dict[str, str]]:
    """The runner's command line, where it writes its result, and its environment."""
    slug = job.label.replace(" ", "_").replace("/", "_")
    out = work / f"result_{slug}.json"
    path = work / f"job_{slug}.json"
    body = {**job.body, "cpu": core, "out": str(out), **extra}
    path.write_text(json.dumps(body), encoding="utf-8")
    env = dict(os.environ)
    if job.path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(job.path), env.get("PYTHONPATH")]))
    return [str(job.python), str(RUNNER), str(path)], out, env


def _result(job: Job, out: Path, returncode: int, stderr: str) -> dict[str, Any]:
    if returncode != 0:
        raise RuntimeError(f"{job.label} failed:\n{stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


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
            command, out, env = _prepare(job, work, core)
            log(f"  run {job.label} (core {core})")
            done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
            result = _result(job, out, done.returncode, done.stderr)
            log(f"  done {job.label}: setup {result['setup_cpu_s']:.1f} s CPU")
            return job.label, result
        finally:
            free.put(core)

    with ThreadPoolExecutor(max_workers=len(cores)) as pool:
        return dict(pool.map(one, jobs))


def run_side_by_side(jobs: Sequence[Job], work: Path, core: int, log: Any = print
                     ) -> dict[str, dict[str, Any]]:
    """Run ``jobs`` on one core with their timed rounds taking turns; results by label.

    Every runner sets up first; then, round after round, each runs its timed lists once while
    the others wait. This machine's speed drifts by up to 2x over minutes, so runs of one tool
    after the other compare different machines; taking turns gives each tool's best of its
    rounds from the same stretch of time.
    """
    started = []
    for job in jobs:
        read_end, write_end = os.pipe()
        command, out, env = _prepare(job, work, core, turn_fd=write_end)
        errors = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (kept open)
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=errors, env=env, pass_fds=(write_end,), text=True)
        os.close(write_end)
        started.append((job, proc, os.fdopen(read_end, encoding="utf-8"), out, errors))
    log(f"  side by side on core {core}: {', '.join(job.label for job in jobs)}")

    def expect(index: int, word: str) -> None:
        job, proc, turns, _, errors = started[index]
        if turns.readline().strip() != word:
            proc.wait()
            errors.seek(0)
            raise RuntimeError(f"{job.label} failed:\n{errors.read()[-3000:]}")

    for i in range(len(started)):  # every setup done before the first timed run
        expect(i, "ready")
    for round_ in range(max(job.body.get("repeat", 1) for job in jobs)):
        for i, (job, proc, _, _, _) in enumerate(started):
            if round_ < job.body.get("repeat", 1) and proc.stdin is not None:
                proc.stdin.write("go\n")
                proc.stdin.flush()
                expect(i, "done")
    results = {}
    for job, proc, turns, out, errors in started:
        if proc.stdin is not None:
            proc.stdin.close()
        returncode = proc.wait()
        errors.seek(0)
        results[job.label] = _result(job, out, returncode, errors.read())
        turns.close()
        errors.close()
        log(f"  done {job.label}: setup {results[job.label]['setup_cpu_s']:.1f} s CPU")
    return results
