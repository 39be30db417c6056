"""Recall, false positives, speed and memory from the runners' results, as markdown tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Result = Mapping[str, Any]
# The rows of the recall and false-positive tables: (row, variant in a runner result, min score).
ROWS: tuple[tuple[str, str, float], ...] = (
    ("smishguard (any score)", "smishguard", 0.0),
    ("smishguard (score >= 0.4: what `watch` prints)", "smishguard", 0.4),
    # The same, each sample's hosts judged where they came: within the whole feed, as
    # `watch` reads it, so a kit's copies there count (smishguard.domains.kits).
    ("smishguard (score >= 0.4, each sample read within the whole feed)",
     "smishguard within the feed", 0.4),
    ("dnstwist (registrable domain or host)", "dnstwist", 0.0),
    ("dnstwist (+ any label, TLD ignored)", "dnstwist labels", 0.0),
    ("openSquat (-c 1)", "openSquat", 0.0),
)
# The rows of the speed table: (row, runner tool, variant); smishguard's first.
# "compiled": the same code built with SMISHGUARD_COMPILE=1 (mypyc, setup.py).
OWN_SPEED_ROWS = 6
SPEED_ROWS: tuple[tuple[str, str, str], ...] = (
    ("smishguard (`watch` pipeline, first sight)", "smishguard", "smishguard first sight"),
    ("smishguard (`watch` pipeline, warm)", "smishguard", "smishguard"),
    ("smishguard (index.match only)", "smishguard", "smishguard index.match"),
    ("smishguard compiled (`watch` pipeline, first sight)", "smishguard compiled",
     "smishguard first sight"),
    ("smishguard compiled (`watch` pipeline, warm)", "smishguard compiled", "smishguard"),
    ("smishguard compiled (index.match only)", "smishguard compiled", "smishguard index.match"),
    ("dnstwist (registrable domain or host)", "dnstwist", "dnstwist"),
    ("dnstwist (+ any label)", "dnstwist", "dnstwist labels"),
    ("openSquat (-c 1)", "opensquat", "openSquat"),
)


def owned_by(domains: Iterable[str]) -> Callable[[str], bool]:
    """Is a host one of ``domains`` or below one (a careful user's allow-list)?"""
    owned = frozenset(domains)

    def is_owned(host: str) -> bool:
        labels = host.split(".")
        return any(".".join(labels[i:]) in owned for i in range(len(labels)))

    return is_owned


@dataclass(frozen=True, slots=True)
class Flags:
    """A tool's hits on one list, after the owned-domain allow-list."""

    hits: dict[int, str]  # index -> brand key
    own: list[str]  # brand-owned names the tool flagged (dropped from ``hits``)
    kinds: dict[int, str]  # index -> smishguard's imitation kind


def flags(result: Result, variant: str, list_name: str, names: Sequence[str],
          is_owned: Callable[[str], bool], min_score: float = 0.0) -> Flags:
    body = result["variants"][variant][list_name]
    f = Flags({}, [], {})
    for index, (key, score, *kind) in body["hits"].items():
        i = int(index)
        if score < min_score:
            continue
        if is_owned(names[i]):
            f.own.append(names[i])
        else:
            f.hits[i] = key
            f.kinds[i] = kind[0] if kind else ""
    return f


def within_stream(result: Result, variant: str, stream: str, stream_names: Sequence[str],
                  lists: Mapping[str, Sequence[str]], as_variant: str) -> Result:
    """``result`` as variant ``as_variant``: the hits ``variant`` gave each list's names (by
    list name) while judging the list ``stream`` (``stream_names``) that holds them all; the
    runner's other lists as they are."""
    body = result["variants"][variant]
    by_name = {stream_names[int(i)]: hit for i, hit in body[stream]["hits"].items()}
    derived = dict(body)
    for name, names in lists.items():
        derived[name] = {**body[name], "hits": {
            str(i): by_name[n] for i, n in enumerate(names) if n in by_name}}
    return {**result, "variants": {as_variant: derived}}


@dataclass(frozen=True, slots=True)
class RecallSet:
    list_name: str  # the runner list the names were judged in
    names: list[str]  # the whole list
    keys: list[str]  # the labelled brand of each name
    idx: list[int]  # the members of this set


def recall_table(sets: Mapping[str, RecallSet], evals: Mapping[str, Result],
                 is_owned: Callable[[str], bool]) -> tuple[str, dict[tuple[str, str], float]]:
    """Share flagged as the labelled brand, with the share flagged at all in brackets."""
    values: dict[tuple[str, str], float] = {}
    rows = []
    for row, variant, min_score in ROWS:
        cells = [row]
        for name, s in sets.items():
            f = flags(evals[variant], variant, s.list_name, s.names, is_owned, min_score)
            right = sum(1 for i in s.idx if f.hits.get(i) == s.keys[i])
            found = sum(1 for i in s.idx if i in f.hits)
            values[row, name] = right / len(s.idx)
            cells.append(f"{right / len(s.idx):.3f} ({found / len(s.idx):.3f})")
        rows.append(cells)
    header = ["tool", *(f"{name} (n={len(s.idx)})" for name, s in sets.items())]
    return table(header, rows), values


@dataclass(frozen=True, slots=True)
class FalsePositives:
    markdown: str
    own: dict[str, list[str]]  # row -> brand-owned names flagged
    domain_share: dict[tuple[str, str], float]  # (row, part) -> flagged registrable domains
    kinds: dict[str, Counter[str]]  # part -> smishguard's kinds over flagged domains


def fp_table(parts: Mapping[str, list[str]], samples: Mapping[str, list[str]],
             evals: Mapping[str, Result], is_owned: Callable[[str], bool],
             domain_of: Mapping[str, str]) -> FalsePositives:
    """Whole parts for every tool but openSquat; the samples for all (from the whole-part
    results for the others, so the same names are compared)."""
    own: dict[str, list[str]] = {}
    shares: dict[tuple[str, str], float] = {}
    kinds: dict[str, Counter[str]] = {}
    rows = []
    for row, variant, min_score in ROWS:
        cells: list[str] = [row]
        own[row] = []
        for part, names in parts.items():
            full, sampled = f"fp_{part}", samples[part]
            if variant == "openSquat":
                cells.append("not run (slow)")
                f = flags(evals[variant], variant, f"{full}_sample", sampled, is_owned)
                own[row] += f.own
                cells.append(_share(f.hits, sampled, domain_of))
                continue
            f = flags(evals[variant], variant, full, names, is_owned, min_score)
            own[row] += f.own
            cells.append(_share(f.hits, names, domain_of))
            shares[row, part] = len({domain_of[names[i]] for i in f.hits}) / len(
                {domain_of[n] for n in names})
            if row == ROWS[0][0]:
                seen: dict[str, str] = {}
                for i, kind in f.kinds.items():
                    seen.setdefault(domain_of[names[i]], kind)
                kinds[part] = Counter(seen.values())
            at = {n: j for j, n in enumerate(sampled)}
            cells.append(_share({at[names[i]]: k for i, k in f.hits.items() if names[i] in at},
                                sampled, domain_of))
        rows.append(cells)
    header = ["tool"]
    for part, names in parts.items():
        header += [f"{part} ({len(names):,} names)", f"{part} sample ({len(samples[part]):,})"]
    return FalsePositives(table(header, rows), own, shares, kinds)


def _share(hits: Mapping[int, str], names: Sequence[str], domain_of: Mapping[str, str]) -> str:
    """'flagged registrable domains % (count) / flagged hostnames % (count)'."""
    domains = {domain_of[n] for n in names}
    flagged = {domain_of[names[i]] for i in hits}
    return (f"{100 * len(flagged) / len(domains):.3f} % ({len(flagged)}) / "
            f"{100 * len(hits) / len(names):.3f} % ({len(hits)})")


def rate(result: Result, variant: str, list_name: str = "stream") -> float:
    body = result["variants"][variant][list_name]
    return float(body["n"] / body["cpu_s"]) if body["cpu_s"] > 0 else float("inf")


def speed_tables(results: Mapping[str, Result], counts: Sequence[int], stream: int
                 ) -> tuple[str, str]:
    """Names/s (setup CPU s) per brand count and memory at the largest; and the ratios."""
    rows = []
    for row, tool, variant in SPEED_ROWS:
        cells = [row]
        for n in counts:
            r = results[f"{tool} speed {n}"]
            judged = r["variants"][variant]["stream"]["n"]
            cells.append(f"{rate(r, variant):,.0f} (setup {r['setup_cpu_s']:.2f} s"
                         f"{'' if judged == stream else f'; first {judged:,} names'})")
        r = results[f"{tool} speed {counts[-1]}"]
        grown = (r["rss_after_setup_kib"] - r["rss_before_setup_kib"]) / 1024
        cells.append(f"{grown:.0f} MiB / {r['maxrss_kib'] / 1024:.0f} MiB")
        rows.append(cells)
    speed = table(["tool", *(f"{n:,} brands" for n in counts), f"memory at {counts[-1]:,}"],
                  rows)
    ratios = []
    for own_row, own_tool, own_variant in SPEED_ROWS[:OWN_SPEED_ROWS]:
        for row, tool, variant in SPEED_ROWS[OWN_SPEED_ROWS:]:
            cells = [f"{own_row} / {row}"]
            for n in counts:
                ours = rate(results[f"{own_tool} speed {n}"], own_variant)
                cells.append(f"{ours / rate(results[f'{tool} speed {n}'], variant):.2f}x")
            ratios.append(cells)
    return speed, table(["names/s ratio", *(f"{n:,} brands" for n in counts)], ratios)


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
