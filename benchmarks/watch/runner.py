"""One tool, one job, one process, one core: ``python runner.py JOB.json``.

Run by ``benchmarks/watch_peers.py`` with the project's interpreter (smishguard) or the
scratch venv's (dnstwist, openSquat). Standard library only besides the tool under test, so
it runs in either; it never imports smishguard and the peers together.

The job names the tool, the brands, the lists of names to judge and where to write the
result (JSON): setup CPU time, per list the CPU time and the hits (index → brand key, score),
peak RSS, versions, and any attempt at a non-loopback network connection (refused: the
benchmark is offline; the peers' features that download feeds or resolve names stay off).
"""

from __future__ import annotations

import gc
import io
import json
import os
import random
import resource
import socket
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

Hits = dict[str, list[Any]]  # str(index) -> [brand key, score, kind (smishguard)]
_LOOPBACK = ("127.", "::1", "localhost")
network_attempts: list[str] = []


def _guard_network() -> None:
    """Refuse (and record) any connection or name lookup that is not loopback."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> Any:
        host = str(address[0]) if isinstance(address, tuple) else str(address)
        if self.family == socket.AF_UNIX or host.startswith(_LOOPBACK):
            return real_connect(self, address)
        network_attempts.append(f"connect {host}")
        raise OSError(f"benchmark is offline: refused connection to {host}")

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is None or str(host).startswith(_LOOPBACK):
            return real_getaddrinfo(host, *args, **kwargs)
        network_attempts.append(f"resolve {host}")
        raise socket.gaierror(f"benchmark is offline: refused lookup of {host}")

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    socket.getaddrinfo = getaddrinfo


def _rss_kib() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _read(path: str, limit: int | None) -> list[str]:
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    names = [line.split("\t", 1)[0] for line in lines if line]
    return names[:limit] if limit else names


# -- smishguard ----------------------------------------------------------------------------


def smishguard_tool(job: dict[str, Any]) -> tuple[dict[str, Callable[[list[str]], Any]], str]:
    from smishguard.domains.lookalike import LookalikeIndex
    from smishguard.policy import load_policy
    from smishguard.watch import Watch, WatchHit, normalize_name

    key_of = {b["name"]: b["key"] for b in job["brands"]}
    policy = load_policy(Path(job["policy"]))
    index = LookalikeIndex.from_policy(policy)
    fresh = {"index": index}

    def judge(names: list[str], index: LookalikeIndex) -> list[WatchHit]:
        """What ``smishguard watch`` does per name: normalise, remember, judge."""
        return list(Watch(index, memory=len(names) + 1).run(names))

    def by_line(names: list[str], found: list[WatchHit]) -> Hits:
        """The hits by line number (untimed bookkeeping: the watch reports hosts)."""
        by_host = {h.domain: h for h in found}
        hits: Hits = {}
        for i, name in enumerate(names):
            host = normalize_name(name)
            hit = by_host.get(host) if host else None
            if hit is not None:
                hits[str(i)] = [key_of.get(hit.brand, hit.brand), hit.score, hit.kind.value]
        return hits

    def pipeline(names: list[str]) -> list[WatchHit]:
        return judge(names, index)

    def first_sight(names: list[str]) -> list[WatchHit]:
        """The pipeline on an index that has seen no name yet (its memos empty): every
        chosen label is judged from scratch, as on a feed of names never seen before."""
        return judge(names, fresh["index"])

    def new_index() -> None:  # untimed, before each timed run of first_sight
        fresh["index"] = LookalikeIndex.from_policy(policy)

    first_sight.prepare = new_index  # type: ignore[attr-defined]
    first_sight.finish = pipeline.finish = by_line  # type: ignore[attr-defined]

    def bare_index(names: list[str]) -> Hits:
        match = index.match
        for name in names:
            match(name)
        return {}

    variants = {"smishguard first sight": first_sight, "smishguard": pipeline,
                "smishguard index.match": bare_index}
    compiled = str(sys.modules[LookalikeIndex.__module__].__file__).endswith(".so")
    if job.get("compiled") and not compiled:
        raise RuntimeError("asked for the compiled build, but the Python sources were imported")
    return variants, version("smishguard") + (" compiled" if compiled else "")


# -- dnstwist ------------------------------------------------------------------------------


def dnstwist_tool(job: dict[str, Any]) -> tuple[dict[str, Callable[[list[str]], Hits]], str]:
    """dnstwist as a matcher: its permutations of every brand domain (with the dictionary and
    TLD list, as ``dnstwist --dictionary F --tld F --format list``, no DNS), then a set lookup
    per name. "domain": the host or its registrable domain is a permutation. "labels": also
    any label, or run of labels, of the host equals a permutation without its TLD."""
    import dnstwist

    perms: dict[str, str] = {}
    first_perms: dict[str, list[str]] = {}
    for brand in job["brands"]:
        domains = brand["domains"][:1] if job.get("primary_only") else brand["domains"]
        for n, domain in enumerate(domains):
            fuzzer = dnstwist.Fuzzer(domain, dictionary=job["dictionary"],
                                     tld_dictionary=job["tlds"])
            fuzzer.generate()
            for perm in fuzzer.domains:
                perms.setdefault(perm["domain"], brand["key"])
            if n == 0:
                first_perms[brand["key"]] = sorted(
                    p["domain"] for p in fuzzer.domains if p["fuzzer"] != "*original")
    split = dnstwist.domain_tld
    bare: dict[str, str] = {}
    for domain, key in perms.items():
        sub, name, _ = split(domain)
        bare.setdefault(f"{sub}.{name}" if sub else name, key)

    sample = job.get("sample")
    if sample:  # dnstwist's own look-alikes of each brand's first domain, for the other tools
        rng = random.Random(sample["seed"])
        rows = [f"{d}\t{key}" for key, pool in first_perms.items()
                for d in rng.sample(pool, min(sample["per_brand"], len(pool)))]
        Path(sample["path"]).write_text("\n".join(rows) + "\n", encoding="utf-8")

    def by_domain(names: list[str]) -> Hits:
        hits: Hits = {}
        for i, host in enumerate(names):
            _, name, tld = split(host)
            key = perms.get(host) or perms.get(f"{name}.{tld}")
            if key:
                hits[str(i)] = [key, 1.0]
        return hits

    def by_labels(names: list[str]) -> Hits:
        hits: Hits = {}
        for i, host in enumerate(names):
            sub, name, tld = split(host)
            key = perms.get(host) or perms.get(f"{name}.{tld}")
            if not key:
                labels = [*sub.split("."), name] if sub else [name]
                for j in range(len(labels)):
                    key = bare.get(labels[j]) or bare.get(".".join(labels[j:]))
                    if key:
                        break
            if key:
                hits[str(i)] = [key, 1.0]
        return hits

    return {"dnstwist": by_domain, "dnstwist labels": by_labels}, version("dnstwist")


# -- openSquat -----------------------------------------------------------------------------


def opensquat_tool(job: dict[str, Any]) -> tuple[dict[str, Callable[[list[str]], Hits]], str]:
    """openSquat's own detector (what each of its worker processes runs per keyword), at its
    CLI's default confidence (-c 1), on one core: its CLI would start a process pool, fetch
    its feed unless given -d, and check for updates over the network at the end."""
    from opensquat.squatting_detector import SquattingDetector

    detector = SquattingDetector(confidence_level=job.get("confidence", 1))
    keywords = [(w, b["key"]) for b in job["brands"] for w in b["keywords"]]

    def check(names: list[str]) -> Hits:
        position = {name: i for i, name in reversed(list(enumerate(names)))}
        hits: Hits = {}
        for keyword, key in keywords:
            for name in detector.check(keyword, names, io.StringIO()):
                hits.setdefault(str(position[name]), [key, 1.0])
        return hits

    return {"openSquat": check}, version("opensquat")


TOOLS = {"smishguard": smishguard_tool, "dnstwist": dnstwist_tool, "opensquat": opensquat_tool}


def _timed_run(run: Callable[[list[str]], Any], names: list[str]) -> tuple[float, Any]:
    """CPU seconds of one run and what it returned; its ``prepare`` (a cold start) untimed."""
    prepare = getattr(run, "prepare", None)
    if prepare is not None:
        prepare()
    gc.collect()
    start = time.process_time()
    found = run(names)
    return time.process_time() - start, found


def _hits(run: Callable[[list[str]], Any], names: list[str], found: Any) -> Any:
    """What a run returned as hits by line (a variant's ``finish``, if it has one)."""
    finish = getattr(run, "finish", None)
    return finish(names, found) if finish is not None else found


def main(job_path: str) -> int:
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    os.sched_setaffinity(0, {job["cpu"]})
    _guard_network()
    gc.collect()
    rss_before = _rss_kib()
    wall, cpu = time.perf_counter(), time.process_time()
    variants, tool_version = TOOLS[job["tool"]](job)
    setup_cpu, setup_wall = time.process_time() - cpu, time.perf_counter() - wall
    gc.collect()
    rss_setup = _rss_kib()
    # Read after the setup: dnstwist's job writes one of the lists (its sample) in it.
    lists = [(entry, _read(entry["path"], entry.get("limit"))) for entry in job["lists"]]
    results: dict[str, dict[str, Any]] = {variant: {} for variant in variants}
    timed = [(entry, names) for entry, names in lists if entry.get("timed")]
    for entry, names in lists:
        if entry.get("timed"):
            continue
        for variant, run in variants.items():
            if not variant.endswith(("index.match", "first sight")):
                cpu_s, found = _timed_run(run, names)
                results[variant][entry["name"]] = {"n": len(names), "cpu_s": cpu_s,
                                                   "hits": _hits(run, names, found)}
    # Timed lists: the best of ``repeat`` rounds, a round being one run of each variant (the
    # first also warms the caches, but not for a variant that prepares a cold start before
    # each run). Side by side (``turn_fd``), each round waits for its turn, so the tools'
    # rounds alternate and a slow spell of the machine falls on all of them alike.
    turns = job.get("turn_fd")
    if turns is not None:
        os.write(turns, b"ready\n")
    for _ in range(job.get("repeat", 1) if timed else 0):
        if turns is not None and sys.stdin.readline().strip() != "go":
            break
        for entry, names in timed:
            for variant, run in variants.items():
                cpu_s, found = _timed_run(run, names)
                seen = results[variant].get(entry["name"])
                if seen is None:  # every run finds the same: turned into lines once
                    results[variant][entry["name"]] = {"n": len(names), "cpu_s": cpu_s,
                                                       "hits": _hits(run, names, found)}
                else:
                    seen["cpu_s"] = min(seen["cpu_s"], cpu_s)
        if turns is not None:
            os.write(turns, b"done\n")
    body = {
        "tool": job["tool"], "version": tool_version, "python": sys.version.split()[0],
        "cpu": job["cpu"], "setup_cpu_s": setup_cpu, "setup_wall_s": setup_wall,
        "rss_before_setup_kib": rss_before, "rss_after_setup_kib": rss_setup,
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "variants": results, "network_attempts": network_attempts,
    }
    Path(job["out"]).write_text(json.dumps(body), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
