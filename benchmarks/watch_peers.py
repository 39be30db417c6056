"""smishguard's domain watch beside dnstwist and openSquat: recall, false positives, speed,
memory, and bad input, on the same names and the same brand list, in one run.

    python benchmarks/watch_peers.py [--jobs 2] [--show-misses N] [--venv DIR]

Needs ``$SMISHGUARD_DATA_DIR/domains/{benign_top,phishing_feed}.txt`` (default
``<repo>/../shared/data``) and, once, PyPI: the peers are pip-installed into a scratch venv
(``$TMPDIR/smishguard-peers``, reused; see watch/peers.py for the pinned versions); smishguard's
compiled build (setup.py, mypyc: needs gcc and Python's headers) comes from ``./run compiled``
(the copy ``./run tests`` tests) and is timed beside the Python one. Every tool
runs in its own process pinned to one core and is timed in CPU time (the speed runs of one
brand count take turns, round after round, alone on the machine); nothing else touches the
network (the runners refuse any non-loopback connection and report attempts).

How each tool is used, as a careful user would:

* smishguard: a policy of the evaluation brands (watch/brands.py) with their real domains,
  the built-in keywords plus the identity-provider words below; the ``Watch`` pipeline of
  ``smishguard watch`` (normalise, report once, judge with the look-alike index).
* dnstwist: its permutations (all fuzzers, ``--dictionary`` of the identity-provider words,
  ``--tld`` of the abused endings) of every brand domain, generated once, no DNS; a name
  matches when its host or registrable domain is a permutation ("+ labels": or any of its
  labels, TLD ignored, a looser reading).
* openSquat: its detector at the CLI's default confidence (-c 1) with the brands' names,
  aliases and domain names as keywords, on the same names, one core (no feed download, no
  update check, no DNS). It is slow (~14 µs per name and keyword), so its false positives are
  measured on 20,000-name samples of each part and its speed on the first names of the stream.

Brand-owned names (a brand's domains and their subdomains) that a peer flags are counted and
then allow-listed, as a user would; smishguard never flags them by design.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shlex
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from watch import badinput
from watch.brands import EVAL_BRANDS, IDP_WORDS, TLDS, EvalBrand, constructed_names, policy_toml
from watch.inputs import (
    FIFTH_LABELS,
    FOURTH_LABELS,
    HELDOUT_LABELS,
    LABELS,
    SECOND_LABELS,
    THIRD_LABELS,
    Labelled,
    benign_parts,
    brand_sets,
    feed_hosts,
    feed_lines,
    free_host_tenants,
    labelled_hosts,
    platform_named_sites,
    sample,
    slug,
    speed_stream,
    write_list,
)
from watch.peers import (
    Job,
    compiled_smishguard,
    default_venv,
    run_jobs,
    run_side_by_side,
    scratch_python,
)
from watch.report import (
    OWN_SPEED_ROWS,
    ROWS,
    SPEED_ROWS,
    RecallSet,
    flags,
    fp_table,
    owned_by,
    rate,
    recall_table,
    speed_tables,
    within_stream,
)

from smishguard.domains.registrable import registrable_domain
from smishguard.domains.words import english_words

SEED = 20260901
TENANTS = 10_000  # made-up free-host sites (watch.inputs.free_host_tenants)
# Their own seed, never used in development: the rules were tuned on other draws (and the
# first run's draw, with SEED, was read).
TENANT_SEED = 20261201
PLATFORM_SEED = 20261202  # made-up platform-named sites (watch.inputs.platform_named_sites),
# never used in development either (the rules were mended on seed 20261130)
FEED_DEV = "OpenPhish, 1st sample (developed on)"
FEED_SECOND = "OpenPhish, 2nd sample (developed on since 2026-11-29)"
FEED_THIRD = "OpenPhish, 3rd sample (held out 2026-11-29, developed on since the 4th)"
FEED_FOURTH = "OpenPhish, 4th sample (held out 2026-11-29, its figure read once per change)"
FEED_FIFTH = "OpenPhish, 5th sample (held out 2026-11-30, its figure read once per change)"
FEED_HELDOUT = "OpenPhish, 6th sample (held out)"
HELD_OUT = (FEED_FOURTH, FEED_FIFTH, FEED_HELDOUT)  # their misses are never shown
WITHIN_FEED = ROWS[2][1]  # smishguard's hits on the samples within the whole feed
# Each labelled sample of the feed: its name in the report, its labels, its list's name.
FEED_SAMPLES = ((FEED_DEV, LABELS, "recall_feed"), (FEED_SECOND, SECOND_LABELS, "recall_second"),
                (FEED_THIRD, THIRD_LABELS, "recall_third"),
                (FEED_FOURTH, FOURTH_LABELS, "recall_fourth"),
                (FEED_FIFTH, FIFTH_LABELS, "recall_fifth"),
                (FEED_HELDOUT, HELDOUT_LABELS, "recall_heldout"))
COUNTS = (10, 100, 1000)
OPENSQUAT_SPEED_NAMES = {10: 3000, 100: 600, 1000: 100}
ROUNDS = 5  # timed runs of each tool, taking turns; the best counts
DNSTWIST_SAMPLE = 10  # of its own permutations per brand


def data_dir() -> Path:
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    return Path(os.environ.get("SMISHGUARD_DATA_DIR", default))


def brand_json(brands: Sequence[EvalBrand]) -> list[dict[str, Any]]:
    rows = []
    for b in brands:
        names = [*b.words, *b.products,
                 *(d.split(".")[0] for d in b.domains if len(d.split(".")[0]) >= 5)]
        rows.append({"key": b.key, "name": b.name, "domains": list(b.domains),
                     "aliases": list(b.aliases), "keywords": list(dict.fromkeys(names))})
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=min(2, len(os.sched_getaffinity(0))),
                        help="evaluation runners at once, each pinned to its own core (the "
                             "speed runs always take turns on one core, alone)")
    parser.add_argument("--venv", type=Path, default=default_venv(),
                        help="scratch venv for the peers (created and reused)")
    parser.add_argument("--fp-sample", type=int, default=20_000,
                        help="names per benign part for openSquat's false positives")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N",
                        help="print N smishguard misses per recall set (the held-out sample: its "
                        "count only) and N false positives")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    root = data_dir()
    if not (root / "domains" / "benign_top.txt").is_file():
        print(f"no data at {root}: set SMISHGUARD_DATA_DIR", file=sys.stderr)
        return 2
    peer_python = scratch_python(args.venv)
    compiled_build = compiled_smishguard()
    work = Path(tempfile.mkdtemp(prefix="smishguard-watch-peers-"))
    print(f"scratch files in {work}")

    # -- inputs ------------------------------------------------------------------------------
    lines = feed_lines(root)
    feed_samples = {name: labelled_hosts(lines, labels) for name, labels, _ in FEED_SAMPLES}
    tranco, umbrella = benign_parts(root)
    words = sorted(english_words().known)
    tenants = free_host_tenants(words, TENANTS, TENANT_SEED)
    platformed = platform_named_sites(words, TENANTS, PLATFORM_SEED)
    parts = {"Tranco": tranco, "Umbrella": umbrella, "Free hosts": tenants,
             "Platform-named": platformed}
    made_up = ("Free hosts", "Platform-named")
    domain_of = {n: registrable_domain(n) or n for n in tranco + umbrella}
    domain_of |= {n: n for part in made_up for n in parts[part]}  # each its own tenant's
    # A made-up look-alike that is a popular real domain (mobile.de from t-mobile) is not one.
    benign_domains = {domain_of[n] for n in tranco + umbrella}
    made_all = list(dict.fromkeys(constructed_names(EVAL_BRANDS, SEED)))
    made = [m for m in made_all if (registrable_domain(m[1]) or m[1]) not in benign_domains]
    samples = {p: sample(names, args.fp_sample, SEED) for p, names in parts.items()}
    stream = speed_stream(tranco + umbrella, feed_hosts(lines), SEED)
    feed_stream = list(dict.fromkeys(feed_hosts(lines)))  # the feed as `watch` reads it
    sets = brand_sets(tranco, COUNTS)
    lists = {
        **{list_name: write_list(work / f"{list_name}.txt", [x.host for x in feed_samples[name]])
           for name, _, list_name in FEED_SAMPLES},
        "recall_constructed": write_list(work / "recall_constructed.txt", [n for _, n, _ in made]),
        "recall_dnstwist": work / "recall_dnstwist.txt",  # written by the dnstwist job
        **{f"fp_{part}": write_list(work / f"fp_{slug(part)}.txt", names)
           for part, names in parts.items()},
        **{f"fp_{part}_sample": write_list(work / f"fp_{slug(part)}_sample.txt", names)
           for part, names in samples.items()},
        "stream": write_list(work / "stream.txt", stream),
        "feed_stream": write_list(work / "feed_stream.txt", feed_stream),
    }
    policy = work / "policy.toml"
    policy.write_text(policy_toml(EVAL_BRANDS), encoding="utf-8")
    common = {"dictionary": list(IDP_WORDS), "tlds": list(TLDS)}
    recall_lists = [list_name for _, _, list_name in FEED_SAMPLES] + [
        "recall_constructed", "recall_dnstwist"]

    def entries(names: Sequence[str], limit: int | None = None) -> list[dict[str, Any]]:
        return [{"name": n, "path": str(lists[n]), "timed": n == "stream", "limit": limit}
                for n in names]

    pythons = {"smishguard": Path(sys.executable), "smishguard compiled": Path(sys.executable),
               "dnstwist": peer_python, "opensquat": peer_python}
    eval_body = {"brands": brand_json(EVAL_BRANDS), "policy": str(policy), **common}
    full_fp = [f"fp_{part}" for part in parts]
    phase1 = [Job("dnstwist eval", peer_python, {
        **eval_body, "tool": "dnstwist", "lists": entries(recall_lists + full_fp),
        "sample": {"path": str(lists["recall_dnstwist"]), "per_brand": DNSTWIST_SAMPLE,
                   "seed": SEED}})]
    speed: dict[int, list[Job]] = {}
    for n, brands in sets.items():
        toml = work / f"policy_{n}.toml"
        toml.write_text(policy_toml(brands), encoding="utf-8")
        for tool, python in pythons.items():
            limit = OPENSQUAT_SPEED_NAMES[n] if tool == "opensquat" else None
            compiled = tool == "smishguard compiled"
            speed.setdefault(n, []).append(Job(f"{tool} speed {n}", python, {
                "tool": tool.split()[0], "brands": brand_json(brands), "policy": str(toml),
                "primary_only": True, "lists": entries(["stream"], limit),
                "repeat": 1 if tool == "opensquat" else ROUNDS, "compiled": compiled,
                **common}, path=compiled_build if compiled else None))
    phase2 = [
        Job("smishguard eval", pythons["smishguard"], {
            **eval_body, "tool": "smishguard",
            "lists": entries([*recall_lists, *full_fp, "feed_stream"])}),
        Job("opensquat eval", peer_python, {
            **eval_body, "tool": "opensquat",
            "lists": entries([*recall_lists, *(f"{name}_sample" for name in full_fp)])}),
    ]
    cores = sorted(os.sched_getaffinity(0))[: max(1, args.jobs)]
    print(f"running {len(phase1) + len(phase2)} evaluation jobs on cores {cores}, then the "
          f"speed runs of each brand count side by side on core {cores[0]}")
    results = run_jobs(phase1, work, cores)
    results |= run_jobs(phase2, work, cores)
    for group in speed.values():  # alone on the machine: nothing else runs meanwhile
        results |= run_side_by_side(group, work, cores[0])

    # -- report ------------------------------------------------------------------------------
    is_owned = owned_by(d for b in EVAL_BRANDS for d in b.domains)
    within = within_stream(
        results["smishguard eval"], "smishguard", "feed_stream", feed_stream,
        {list_name: [x.host for x in feed_samples[name]] for name, _, list_name in FEED_SAMPLES},
        WITHIN_FEED)
    evals = {"smishguard": results["smishguard eval"], WITHIN_FEED: within,
             "dnstwist": results["dnstwist eval"], "dnstwist labels": results["dnstwist eval"],
             "openSquat": results["opensquat eval"]}
    by_set = recall_sets(feed_samples, made, lists["recall_dnstwist"], benign_domains)
    recall_md, recalls = recall_table(by_set, evals, is_owned)
    fps = fp_table(parts, samples, evals, is_owned, domain_of)
    speed_md, ratio_md = speed_tables(results, COUNTS, len(stream))

    versions = {r["tool"]: r["version"] for r in results.values()}
    versions["smishguard"] = results["smishguard eval"]["version"]
    # The compiled build must give the very hits the Python one gives (tests check it too).
    same = all(results[f"smishguard speed {n}"]["variants"][v]["stream"]["hits"]
               == results[f"smishguard compiled speed {n}"]["variants"][v]["stream"]["hits"]
               for n in COUNTS for v in ("smishguard", "smishguard first sight"))
    attempts = sorted({a for r in results.values() for a in r["network_attempts"]})
    command = shlex.join(["python", "benchmarks/watch_peers.py", *sys.argv[1:]])
    print("\n" + "=" * 100 + "\n")
    print(f"### Domain watch beside dnstwist and openSquat\n\nCommand: `{command}` "
          f"({time.perf_counter() - started:.0f} s wall, {len(cores)} runner(s) at once, each "
          f"pinned to one core). Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}. smishguard "
          f"{versions['smishguard']} (and "
          f"{results['smishguard compiled speed 1000']['version']} for the speed rows so "
          f"named), dnstwist {versions['dnstwist']}, openSquat "
          f"{versions['opensquat']} (pip-installed in a scratch venv; not vendored). Network "
          f"attempts by any runner: {', '.join(attempts) or 'none'}.\n")
    print(f"Brands: {len(EVAL_BRANDS)}, every brand found imitated in the labelled samples "
          f"(benchmarks/watch/brands.py). Identity-provider words given to smishguard "
          f"(extra_keywords, beside its built-in ones) and to dnstwist (--dictionary): "
          f"{len(IDP_WORDS)}; TLDs given to dnstwist (--tld): {len(TLDS)}. Constructed names: "
          f"seed {SEED}, {len(made_all) - len(made)} dropped because they are popular real "
          f"domains (in benign_top).\n")
    print("**Recall**: share flagged as the labelled brand (in brackets: flagged at all).\n")
    print(recall_md)
    print(f"\n**False positives** on benign_top.txt, brand-owned names allow-listed, and on "
          f"{len(tenants):,} made-up free-host sites named with English words (one to three, "
          f"some with a number: `benchmarks/watch/inputs.py`, seed {TENANT_SEED}) and "
          f"{len(platformed):,} named as the platforms name them, a random id beside words "
          f"(Vercel deployments, Netlify, Firebase, Amplify, R2...: seed {PLATFORM_SEED}); "
          f"benign by construction, checks of the free-host rules independent of Tranco and "
          f"Umbrella): "
          f"flagged registrable domains % (count) / flagged hostnames % (count). Samples: "
          f"{args.fp_sample:,} random names of each part (seed {SEED}).\n")
    print(fps.markdown)
    for part, kinds in fps.kinds.items():
        print(f"\nsmishguard's flagged {part} registrable domains by kind: "
              f"{dict(kinds.most_common())}")
    print("\nBrand-owned names flagged (before the allow-list):\n")
    for row, own in fps.own.items():
        # Counts only: the names come from benign_top, which is not to be republished.
        print(f"* {row}: {len(own)}")
    print(f"\n**Speed**: names per CPU-second on one core over a {len(stream):,}-name stream "
          f"(benign_top and feed hosts, shuffled), best of {ROUNDS} (openSquat: 1 run over the "
          f"first names); the tools of one brand count take turns on one core, round after "
          f"round, so each tool's best comes from the same minutes. smishguard's first sight: a "
          f"new index for each run, so no name's work is remembered from a run before (a feed "
          f"of names never seen); warm: the same index {ROUNDS} times, every chosen label "
          f"memoised after the first. Setup is the CPU time to build the index or generate the "
          f"permutations (dnstwist: of each brand's first domain). Memory at 1,000 brands: "
          f"growth of RSS over the setup / peak RSS of the runner process.\n")
    print(speed_md)
    print(f"\nThe compiled build's hits on the stream are the Python build's: "
          f"{'yes' if same else 'NO'}, at every brand count.")
    print()
    print(ratio_md)
    print("\n**Bad input** through the real `smishguard watch` (the evaluation policy):\n")
    print(badinput.markdown(badinput.run(policy, work)))
    print("\n**Goals**\n")
    print(goals(recalls, fps, results, {name: len(by_set[name].idx) for name in HELD_OUT}))
    if args.show_misses:
        show_misses(args.show_misses, by_set, evals, is_owned, parts)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n(total {time.perf_counter() - started:.0f} s; this process peak RSS {rss:.0f} MiB)")
    return 0


def recall_sets(feed_samples: Mapping[str, Sequence[Labelled]],
                made: Sequence[tuple[str, str, str]], dnstwist_file: Path,
                benign_domains: set[str]) -> dict[str, RecallSet]:
    sets = {}
    for name, _, list_name in FEED_SAMPLES:
        rows = feed_samples[name]
        sets[name] = RecallSet(list_name, [x.host for x in rows], [x.brand for x in rows],
                               list(range(len(rows))))
    names, keys = [n for _, n, _ in made], [k for _, _, k in made]
    for subset in dict.fromkeys(s for s, _, _ in made):
        idx = [i for i, (s, _, _) in enumerate(made) if s == subset]
        sets[f"constructed: {subset}"] = RecallSet("recall_constructed", names, keys, idx)
    sets["constructed: all"] = RecallSet("recall_constructed", names, keys,
                                         list(range(len(made))))
    rows = [r.split("\t") for r in dnstwist_file.read_text(encoding="utf-8").splitlines() if r]
    # Its permutations include popular real sites (stt.com for att.com): those are left out.
    idx = [i for i, (n, _) in enumerate(rows) if (registrable_domain(n) or n) not in benign_domains]
    sets["dnstwist's own permutations"] = RecallSet(
        "recall_dnstwist", [n for n, _ in rows], [k for _, k in rows], idx)
    return sets


def goals(recalls: dict[tuple[str, str], float], fps: Any, results: dict[str, Any],
          held_out: Mapping[str, int]) -> str:
    """The issue's goals, each with the measured figure (``held_out``: the held-out samples'
    sizes, for their recall together)."""
    ours, strict, within = ROWS[0][0], ROWS[1][0], ROWS[2][0]
    peers = [row for row, variant, _ in ROWS if not variant.startswith("smishguard")]
    together = f"held-out samples together (n={sum(held_out.values())})"
    for row, _, _ in ROWS:
        recalls[row, together] = sum(recalls[row, name] * n for name, n in held_out.items()
                                     ) / sum(held_out.values())
    lines = []
    for name in (together, FEED_HELDOUT, FEED_FIFTH, FEED_FOURTH, FEED_THIRD, FEED_SECOND,
                 FEED_DEV, "constructed: all"):
        best = max(peers, key=lambda p: recalls[p, name])
        for row in (strict, within) if name != "constructed: all" else (strict,):
            r = recalls[row, name]  # what `watch` prints
            lines.append(f"* recall >= 0.95 and above every peer, {name}, {row}: "
                         f"{_ok(r >= 0.95)} {r:.3f}; "
                         f"best peer {best} {recalls[best, name]:.3f} "
                         f"({_ok(r > recalls[best, name])})")
    for row in (ours, strict):
        for part in ("Tranco", "Umbrella"):
            share = 100 * fps.domain_share[row, part]
            lines.append(f"* false positives <= 0.05 % of registrable domains, {part}, {row}: "
                         f"{_ok(share <= 0.05)} {share:.3f} %")
    lines.append(f"* never a brand's own domain: {_ok(not fps.own[ours])} "
                 f"{len(fps.own[ours])} flagged")
    own_rows = [(f"{build}{row}", tool, variant)
                for build, tool in (("", "smishguard"), ("compiled, ", "smishguard compiled"))
                for row, variant in (("first sight", "smishguard first sight"),
                                     ("warm", "smishguard"))]
    for row, tool, variant in own_rows:
        speed = rate(results[f"{tool} speed 1000"], variant)
        lines.append(f"* >= 100,000 names/s at 1,000 brands (`watch` pipeline, {row}): "
                     f"{_ok(speed >= 100_000)} {speed:,.0f}")
    for own, own_tool, own_variant in own_rows:
        speed = rate(results[f"{own_tool} speed 1000"], own_variant)
        for row, tool, variant in SPEED_ROWS[OWN_SPEED_ROWS:]:
            peer_row = next(r for r, v, _ in ROWS if v == variant)
            ratio = speed / rate(results[f"{tool} speed 1000"], variant)
            lines.append(
                f"* >= 3x {row} at 1,000 brands ({own}): {_ok(ratio >= 3)} {ratio:.2f}x; its "
                f"recall on the held-out feed sample {recalls[peer_row, FEED_HELDOUT]:.3f} vs "
                f"ours {recalls[strict, FEED_HELDOUT]:.3f}")
    return "\n".join(lines)


def _ok(met: bool) -> str:
    return "met," if met else "NOT met,"


def show_misses(count: int, sets: dict[str, RecallSet], evals: dict[str, Any],
                is_owned: Any, parts: dict[str, list[str]]) -> None:
    """smishguard's misses and false positives, for the lead (feed hosts: do not commit)."""
    print("\n**smishguard misses** (any score; the feed's hosts are OpenPhish's: keep them out "
          "of the repository)\n")
    for name, s in sets.items():
        f = flags(evals["smishguard"], "smishguard", s.list_name, s.names, is_owned)
        missed = [f"{s.names[i]} ({s.keys[i]}{' as ' + f.hits[i] if i in f.hits else ''})"
                  for i in s.idx if f.hits.get(i) != s.keys[i]]
        if name in HELD_OUT:  # held out: misses unread while rules are chosen
            print(f"* {name}: {len(missed)} missed (not shown: the sample is held out)")
            continue
        print(f"* {name}: {len(missed)} missed: {', '.join(missed[:count])}")
    for part, names in parts.items():
        body = evals["smishguard"]["variants"]["smishguard"][f"fp_{part}"]["hits"]
        shown = [f"{names[int(i)]} ({key}, {kind}, {score:.2f})"
                 for i, (key, score, kind) in list(body.items())[:count]]
        print(f"* flagged in {part}: {', '.join(shown)}")


if __name__ == "__main__":
    raise SystemExit(main())
