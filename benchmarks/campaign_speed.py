"""Speed and memory of adding one report to the campaign index as history grows.

    python benchmarks/campaign_speed.py [--sizes 10000,100000,1000000] [--probes 1000]

History is synthetic and needs no data files: 1,000 tenants (each its own brand), two years
of phishing reports in campaigns of geometric size (mean 8, each with its own site — a
third of them ``{brand}-<keyword>`` look-alikes of the targeted tenant, the rest random
names, 1-3 sender numbers and a text of 12-20 words drawn from the bundled word list,
varied per report by names, numbers and one changed word), spread over up to five
tenants and a few hours, plus 30 % one-off messages. Reports are
fingerprinted with their tenant's policy and added in time order. When the index holds
10 k, 100 k and 1 M reports, the next ``--probes`` adds are timed one by one (median, p99)
in CPU time of the thread (the machines are shared: wall time mostly measures the
neighbours; garbage collection pauses are CPU time and do count), with the wall-clock mean;
memory is the growth of the process's resident set while the index was built (the
fingerprints are made one at a time and dropped, so it is the index's own memory). One CPU.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib import resources

from smishguard.campaigns import CampaignIndex, Fingerprinter
from smishguard.model import Label, Report, Verdict
from smishguard.policy import Brand, Policy

TENANTS = 1000
KEYWORDS = ("okta", "sso", "login", "vpn", "help", "hr", "payroll", "secure", "verify", "it")
TLDS = ("com", "net", "org", "us", "top", "xyz", "info", "site", "online", "live")
NAMES = ("john", "maria", "wei", "ana", "li", "sam", "fatima", "jose", "emma", "raj")
START = datetime(2024, 1, 1, tzinfo=UTC)
SPAN = timedelta(days=730).total_seconds()


def words() -> list[str]:
    raw = resources.files("smishguard").joinpath("data/scowl_words.txt.gz").read_bytes()
    return [w for w in gzip.decompress(raw).decode().split() if w.isalpha() and len(w) > 2]


def brand_label(rng: random.Random, vocabulary: list[str]) -> str:
    return (rng.choice(vocabulary) + rng.choice(vocabulary))[:12]


def history(total: int, seed: int) -> Iterator[tuple[float, Report]]:
    """Synthetic reports, in time order (campaigns are made in start order and their
    members, all within hours, are released through a small sorted buffer)."""
    rng = random.Random(seed)
    vocabulary = words()
    brands = [brand_label(rng, vocabulary) for _ in range(TENANTS)]
    pending: list[tuple[float, Report]] = []
    made = 0
    clock = 0.0
    step = SPAN / total
    serial = 0
    while made < total:
        clock += rng.expovariate(1.0) * step * 5.5
        serial += 1
        size = 1 if rng.random() < 0.3 else min(1 + int(rng.expovariate(1 / 7)), 400)
        tenants = rng.sample(range(TENANTS), k=min(5, 1 + int(rng.expovariate(1.5))))
        is_lookalike = rng.random() < 0.33
        site_word = f"{rng.choice(vocabulary)}{rng.choice(vocabulary)}"
        tld = rng.choice(TLDS)
        text_words = [rng.choice(vocabulary) for _ in range(rng.randint(12, 20))]
        senders = [f"+1{rng.randrange(2_000_000_000, 9_999_999_999)}" for _ in range(3)]
        for member in range(size):
            tenant = rng.choice(tenants)
            site = (f"{brands[tenant]}-{rng.choice(KEYWORDS)}" if is_lookalike else site_word)
            body = list(text_words)
            body[rng.randrange(len(body))] = rng.choice(vocabulary)
            text = (f"Hi {rng.choice(NAMES)}, {' '.join(body)} https://{site}.{tld}/"
                    f"{serial % 97}/login ref {rng.randrange(10**6)}")
            at = clock + rng.uniform(0, 4 * 3600)
            pending.append((at, Report(
                id=f"r{serial}-{member}", tenant_id=f"t{tenant}", text=text,
                received_at=START + timedelta(seconds=at),
                verdict=Verdict(Label.PHISHING, 0.9), sender=rng.choice(senders[:1 + member % 3]),
                reporter=f"p{tenant}-{rng.randrange(5000)}",
            )))
            made += 1
        pending.sort(key=lambda p: p[0])
        release = [p for p in pending if p[0] < clock]
        pending = pending[len(release):]
        yield from release
    yield from sorted(pending, key=lambda p: p[0])


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--probes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    sizes = sorted(int(s) for s in args.sizes.split(","))
    total = sizes[-1] + args.probes * len(sizes)
    fingerprinters: dict[str, Fingerprinter] = {}
    rng = random.Random(args.seed)
    vocabulary = words()
    labels = [brand_label(rng, vocabulary) for _ in range(TENANTS)]
    for t, label in enumerate(labels):
        fingerprinters[f"t{t}"] = Fingerprinter(
            Policy(brands=(Brand(label.title(), (f"{label}.com",)),)))
    index = CampaignIndex()
    base = rss_mib()
    started = time.perf_counter()
    fp_seconds = 0.0
    add_seconds = 0.0
    probes: list[int] = []
    walls: list[int] = []
    checkpoint = 0
    print(f"{'stored':>10} {'median µs':>10} {'p99 µs':>8} {'wall µs':>8} {'index MiB':>10} "
          f"{'campaigns':>10} {'keys':>10} {'text sigs':>10}")
    for _, report in history(total, args.seed):
        t0 = time.thread_time_ns()
        fp = fingerprinters[report.tenant_id].report(report)
        t1 = time.thread_time_ns()
        w1 = time.perf_counter_ns()
        index.add(fp)
        t2 = time.thread_time_ns()
        w2 = time.perf_counter_ns()
        fp_seconds += (t1 - t0) / 1e9
        add_seconds += (t2 - t1) / 1e9
        stored = len(index)
        if checkpoint < len(sizes) and stored > sizes[checkpoint]:
            probes.append(t2 - t1)
            walls.append(w2 - w1)
            if len(probes) == args.probes:
                stats = index.stats()
                q = statistics.quantiles([p / 1000 for p in probes], n=100)
                print(f"{sizes[checkpoint]:>10,} {statistics.median(probes) / 1000:>10.1f} "
                      f"{q[98]:>8.1f} {statistics.fmean(walls) / 1000:>8.1f} "
                      f"{rss_mib() - base:>10.0f} {stats.campaigns:>10,} {stats.keys:>10,} "
                      f"{stats.text_signatures:>10,}", flush=True)
                probes, walls = [], []
                checkpoint += 1
        if checkpoint == len(sizes):
            break
    items = len(index)
    print(f"CPU time: fingerprint {fp_seconds / items * 1e6:.0f} µs per report; add "
          f"{add_seconds / items * 1e6:.0f} µs per report on average over {items:,}; "
          f"wall {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
