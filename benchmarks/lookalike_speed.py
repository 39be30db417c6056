"""Speed, memory and false positives of the look-alike index on the shared domain data.

    python benchmarks/lookalike_speed.py [--show N] [--repeat R]

Reads ``$SMISHGUARD_DATA_DIR/domains/{benign_top,phishing_feed}.txt`` (default
``<repo>/../shared/data``). Prints, on one core:

* names/s at 10, 100 and 1,000 brands over benign_top and over the phishing feed's hosts;
* the index's build time and memory (tracemalloc) at 1,000 brands, and the process's peak RSS;
* false positives on benign_top with the default policy and with a 1,000-brand policy made
  of Tranco's top names (each brand owns every top-ranked registrable domain with its name),
  for the Tranco part (lines 1-100,000) and the Umbrella part separately, by registrable
  domain and by hostname, at any score and at the policy's "suspicious" threshold.
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from brand_policies import top_brands_policy

from smishguard.domains.lookalike import LookalikeIndex
from smishguard.domains.registrable import split_host
from smishguard.model import Imitation
from smishguard.policy import Policy, default_policy

TRANCO_LINES = 100_000


def data_dir() -> Path:
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    return Path(os.environ.get("SMISHGUARD_DATA_DIR", default))


def read_benign(root: Path) -> tuple[list[str], list[str]]:
    lines = (root / "domains" / "benign_top.txt").read_text(encoding="utf-8").split()
    return lines[:TRANCO_LINES], lines[TRANCO_LINES:]


def read_phishing(root: Path) -> list[str]:
    hosts = []
    for line in (root / "domains" / "phishing_feed.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            hosts.append(line.split("\t")[1])
    return hosts



def names_per_second(policy: Policy, hosts: Sequence[str], repeat: int) -> float:
    """Names judged per second of this process's CPU time (one thread: one core), best run.

    CPU time rather than wall time, so that other work on a shared machine does not count.
    Each run has a fresh index (built outside the timing): the index memoises per-label work,
    and a second pass over the same names would only measure its memos.
    """
    best = float("inf")
    for _ in range(repeat):
        match = LookalikeIndex.from_policy(policy).match
        gc.collect()
        start = time.process_time()
        for host in hosts:
            match(host)
        best = min(best, time.process_time() - start)
    return len(hosts) / best


def false_positives(
    index: LookalikeIndex,
    hosts: Sequence[str],
    owned_lines: int,
    label: str,
    show: int,
    threshold: float,
) -> None:
    """Flagged share of registrable domains and of hostnames, past the owned lines."""
    flagged: dict[str, Imitation] = {}
    by_domain: dict[str, bool] = {}
    by_domain_strict: dict[str, bool] = {}
    kinds: collections.Counter[str] = collections.Counter()
    for host in hosts[owned_lines:]:
        found = index.match(host)
        domain = split_host(host).registrable_domain or host
        hit = found is not None
        strict = hit and found is not None and found.score >= threshold
        by_domain[domain] = by_domain.get(domain, False) or hit
        by_domain_strict[domain] = by_domain_strict.get(domain, False) or strict
        if found is not None:
            flagged[host] = found
            kinds[f"{found.kind}{'' if strict else ' (<' + str(threshold) + ')'}"] += 1
    total_hosts = len(hosts) - owned_lines
    hits = len(flagged)
    strict_hits = sum(1 for f in flagged.values() if f.score >= threshold)
    dom_hits = sum(by_domain.values())
    dom_strict = sum(by_domain_strict.values())
    print(f"  {label}: {total_hosts:,} hosts in {len(by_domain):,} registrable domains")
    domains = len(by_domain)
    print(
        f"    by registrable domain: any score {dom_hits} = {100 * dom_hits / domains:.3f} %"
        f", score >= {threshold}: {dom_strict} = {100 * dom_strict / domains:.3f} %"
    )
    print(
        f"    by hostname:           any score {hits} = {100 * hits / total_hosts:.3f} %"
        f", score >= {threshold}: {strict_hits} = {100 * strict_hits / total_hosts:.3f} %"
    )
    print(f"    by kind: {dict(kinds.most_common())}")
    for host, found in list(flagged.items())[:show]:
        print(
            f"      {host:45} {found.brand:20} {found.kind:13} {found.score:.2f} "
            f"{found.matched} {found.keyword}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print N flagged names per list")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    args = parser.parse_args(argv)
    root = data_dir()
    if not (root / "domains" / "benign_top.txt").is_file():
        print(f"no data at {root}: set SMISHGUARD_DATA_DIR", file=sys.stderr)
        return 2
    tranco, umbrella = read_benign(root)
    phishing = read_phishing(root)
    benign = tranco + umbrella
    print(
        f"benign_top: {len(tranco):,} Tranco + {len(umbrella):,} Umbrella hosts; "
        f"phishing feed: {len(phishing):,} hosts; Python {sys.version.split()[0]}"
    )

    policies = {n: top_brands_policy(tranco, n) for n in (10, 100, 1000)}
    print(
        f"\nspeed (names per CPU-second on one core, best of {args.repeat} runs; "
        f"load average {os.getloadavg()[0]:.2f})"
    )
    for count, (policy, _) in policies.items():
        start = time.perf_counter()
        LookalikeIndex.from_policy(policy)
        built = time.perf_counter() - start
        print(
            f"  {count:>5} brands: build {built * 1000:6.0f} ms, "
            f"benign {names_per_second(policy, benign, args.repeat):>9,.0f}/s, "
            f"phishing {names_per_second(policy, phishing, args.repeat):>9,.0f}/s"
        )
    print(
        f"  default ({len(default_policy().brands)} brands): "
        f"benign {names_per_second(default_policy(), benign, args.repeat):>9,.0f}/s, "
        f"phishing {names_per_second(default_policy(), phishing, args.repeat):>9,.0f}/s"
    )

    gc.collect()
    tracemalloc.start()
    big = LookalikeIndex.from_policy(policies[1000][0])
    current, peak = tracemalloc.get_traced_memory()
    for host in benign:  # fills the index's bounded per-label memos
        big.match(host)
    with_memos = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nmemory at 1,000 brands: index {current / 2**20:.1f} MiB "
        f"(peak while building {peak / 2**20:.1f} MiB), {with_memos / 2**20:.1f} MiB after "
        f"a pass over benign_top (memos); process peak RSS {rss:.0f} MiB"
    )

    print("\nfalse positives, default policy")
    default = LookalikeIndex.from_policy(default_policy())
    threshold = default_policy().thresholds.suspicious
    false_positives(default, tranco, 0, "Tranco", args.show, threshold)
    false_positives(default, umbrella, 0, "Umbrella", args.show, threshold)
    policy, owned_lines = policies[1000]
    print(f"\nfalse positives, 1,000 brands (Tranco lines 1-{owned_lines:,} are theirs)")
    false_positives(big, tranco, owned_lines, "Tranco (rest)", args.show, threshold)
    false_positives(big, umbrella, 0, "Umbrella", args.show, threshold)

    scores = [m.score for h in phishing if (m := default.match(h)) is not None]
    strict = sum(1 for score in scores if score >= threshold)
    print(
        f"\nphishing feed, default policy: {len(scores):,} of {len(phishing):,} hosts "
        f"({100 * len(scores) / len(phishing):.1f} %) imitate a default brand, "
        f"{strict:,} ({100 * strict / len(phishing):.1f} %) at score >= {threshold}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
