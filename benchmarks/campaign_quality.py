"""Clustering quality of the campaign index on labelled report streams.

    python benchmarks/campaign_quality.py [--seed 2022] [--data DIR]

Needs ``$SMISHGUARD_DATA_DIR/sms/*.csv`` (default ``<repo>/../shared/data``). Every label
below is set by the generator that made the item, never by the clusterer's rules.

**Templates from real smishing (A).** The English ``spam``/``smishing`` rows of the SMS data
are deduplicated and grouped into near-duplicate groups exactly as the project's train/test
split does (``smishguard.textmodel.splits.near_duplicate_groups``: word sets and pairs,
Jaccard >= 0.7, or equal once numbers and links are masked); one text per group with at least
six words is a *template*. 150 templates are drawn; each becomes a campaign of 2-30 reports
(geometric, mean ~7) at 1-5 of 50 tenants within two days, at a random time in 60 days. A
report is a variation of its template: every digit redrawn, and each word dropped, replaced
or swapped with its neighbour with probability *edit* (0.05 or 0.15: kits that spin their
texts). Rows "text only" carry neither link nor sender; "with links" add the campaign's own
site and one of its 1-3 sender numbers. Mixed in: 1,000 ham texts of the same data reported
by mistake, each its own label, with the real scanner's verdict (default policy): only those
it flags are clustered at all.

**A 2022-style attack across 50 tenants (B).** 50 made-up companies, each with its own
policy (one brand, ``<name>.com``). Actor 1 hits every tenant in turn over 21 days: two or
three look-alikes per tenant (``<name>-okta|sso|help|vpn|hr`` on .com/.net/.org/.us), one
or two of three text variants naming the tenant and an employee, a burst of 20-100 texts
within ten minutes from a shared pool of 40 numbers, 15 % of employees reporting; the watch
finds one look-alike of half the tenants hours before. Actor 2 hits 10 tenants in the
same weeks with payroll texts and ``<word>-<name>`` look-alikes. Noise: 150 everyday
smishing campaigns from real templates (A's construction, edit 0.05, with links), 300
one-off smishing reports (real texts, each its own site), and 1,500 ham reports with the
scanner's real verdict. The attack texts are marked phishing (the scanner's recall is
measured elsewhere). Two variants: the kit spins its texts (edit 0.15) and sends every text
from a new number; every ham report is flagged (the worst case for benign glue).

**The phishing feed, hand-labelled (C).** Every URL of two of the feed's largest 12-hour
batches (263 URLs) was read and grouped by hand (``benchmarks/data/campaign_feed_labels.tsv``
says how); each becomes a report whose text is the URL alone, at one tenant with the default
policy, at a random moment of its batch. No text, no sender: only the links can connect them.

Printed: pairwise precision, recall and F1 of "same campaign" over the clustered items, the
adjusted Rand index (scikit-learn), and for each multi-tenant actor how many of its reports
arrived before a campaign held its reports from two tenants, how often a newly hit tenant's
first report joined the actor's cross-tenant campaign at once, and how many campaigns the
actor ends up split into.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from campaign_scenarios import (
    OKTAPUS_ENDINGS,
    OKTAPUS_TEXTS,
    OKTAPUS_WORDS,
    PAYROLL_TEXTS,
    Scenario,
    benign_reports,
    feed_scenario,
    one_off,
    policies_for,
    spam_campaigns,
    targeted_attack,
    tenant_brands,
    vocabulary,
    without_sender,
)
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics.cluster import pair_confusion_matrix

from smishguard.campaigns import CampaignIndex, ClusterSettings
from smishguard.corpus import read_corpus
from smishguard.model import Label, Message, Verdict
from smishguard.policy import Policy
from smishguard.scanner import Scanner
from smishguard.textmodel.splits import deduplicate, near_duplicate_groups

REPO = Path(__file__).resolve().parent.parent
SUSPICIOUS = Verdict(Label.SUSPICIOUS, 0.5)


@dataclass(frozen=True, slots=True)
class Spread:
    """How one multi-tenant actor was found."""

    label: str
    reports: int
    tenants: int
    reports_before_cross_tenant: int | None  # the actor's reports, all tenants
    later_reports_needed: int | None  # of those, reports from tenants hit after the first
    first_report_joined: float  # share of newly hit tenants whose first report joined at once
    pieces: int  # predicted campaigns holding the actor's items


@dataclass(frozen=True, slots=True)
class Quality:
    clustered: int
    precision: float
    recall: float
    f1: float
    ari: float
    spreads: tuple[Spread, ...]


def evaluate(scenario: Scenario, settings: ClusterSettings | None = None,
             actors: Sequence[str] = ()) -> Quality:
    fingerprinters = scenario.fingerprinters()
    index = CampaignIndex(settings)
    items = sorted(scenario.items, key=lambda i: (i.at, i.report.id if i.report else i.hit.id))
    truth: dict[str, str] = {}
    actor_tenants: dict[str, dict[str, set[str]]] = {a: {} for a in actors}
    seen: dict[str, int] = dict.fromkeys(actors, 0)
    crossed: dict[str, int | None] = dict.fromkeys(actors)
    crossed_later: dict[str, int | None] = dict.fromkeys(actors)
    later: dict[str, int] = dict.fromkeys(actors, 0)
    first_tenant: dict[str, str] = {}
    first_of_tenant: dict[str, list[bool]] = {a: [] for a in actors}
    tenants_hit: dict[str, set[str]] = {a: set() for a in actors}
    for item in items:
        fp = (fingerprinters[item.tenant_id].report(item.report) if item.report
              else fingerprinters[item.tenant_id].watch_hit(item.hit))  # type: ignore[arg-type]
        assignment = index.add(fp)
        if assignment.campaign_id is None:
            continue
        truth[fp.item_id] = item.truth
        for actor in actors:  # follow merges of campaigns that hold an actor's items
            by_campaign = actor_tenants[actor]
            for merged in assignment.merged:
                by_campaign.setdefault(assignment.campaign_id, set()).update(
                    by_campaign.pop(merged, set()))
        if item.truth in actor_tenants:
            actor = item.truth
            holders = actor_tenants[actor].setdefault(assignment.campaign_id, set())
            if item.report is not None:
                seen[actor] += 1
                first_tenant.setdefault(actor, item.tenant_id)
                later[actor] += item.tenant_id != first_tenant[actor]
                if item.tenant_id not in tenants_hit[actor]:
                    if tenants_hit[actor]:
                        first_of_tenant[actor].append(bool(holders - {item.tenant_id}))
                    tenants_hit[actor].add(item.tenant_id)
            holders.add(item.tenant_id)
            if crossed[actor] is None and len(holders) >= 2:
                crossed[actor] = seen[actor]
                crossed_later[actor] = later[actor]
    ids = sorted(truth)
    labels_true = [truth[i] for i in ids]
    labels_pred = [index.campaign_of(i) or i for i in ids]
    (_, false_pos), (false_neg, true_pos) = pair_confusion_matrix(labels_true, labels_pred)
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    spreads = []
    for actor in actors:
        members = [i for i in ids if truth[i] == actor]
        joined = first_of_tenant[actor]
        spreads.append(Spread(
            actor, seen[actor], len(tenants_hit[actor]), crossed[actor], crossed_later[actor],
            sum(joined) / len(joined) if joined else 0.0,
            len({index.campaign_of(i) for i in members}),
        ))
    return Quality(len(ids), precision, recall,
                   2 * precision * recall / (precision + recall) if precision + recall else 0.0,
                   adjusted_rand_score(labels_true, labels_pred), tuple(spreads))


def templates_from(data: Path, rng: random.Random) -> tuple[list[str], list[str]]:
    """One English malicious text of six words or more per near-duplicate group, shuffled;
    and the English ham texts."""
    records = deduplicate([r for r in read_corpus(data) if r.lang == "en"]).records
    malicious = [r.text for r in records if r.is_malicious]
    groups = near_duplicate_groups(malicious)
    first: dict[int, str] = {}
    for text, group in zip(malicious, groups, strict=True):
        if len(text.split()) >= 6:
            first.setdefault(group, text)
    templates = sorted(first.values())
    rng.shuffle(templates)
    ham = sorted(r.text for r in records if not r.is_malicious)
    rng.shuffle(ham)
    return templates, ham


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("SMISHGUARD_DATA_DIR", str(REPO.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words = vocabulary()
    templates, ham = templates_from(args.data, rng)
    scanner = Scanner()
    ham_texts = ham[:1500]
    ham_verdicts = scanner.scan_many([Message(t) for t in ham_texts])
    flagged = sum(1 for v in ham_verdicts if v.label.value != "clean")
    print(f"{len(templates)} templates (one per near-duplicate group); ham flagged by the "
          f"scanner: {flagged} of {len(ham_texts)}\n")
    brands = tenant_brands(rng, 50)
    policies = policies_for(brands)
    tenants = sorted(policies)
    rows: list[tuple[str, Quality]] = []
    for name, edit, links in (("A: real templates, text only, edit 0.05", 0.05, False),
                              ("A: real templates, text only, edit 0.15", 0.15, False),
                              ("A: real templates, with links, edit 0.15", 0.15, True)):
        scenario = Scenario(name, policies=policies)
        scenario.items += spam_campaigns(rng, templates[:150], tenants, edit_rate=edit, days=60,
                                         prefix="spam", with_links=links, words=words)
        if not links:
            scenario.items[:] = [without_sender(i) for i in scenario.items]
        scenario.items += benign_reports(rng, ham_texts[:1000], ham_verdicts[:1000], tenants,
                                         60, "ham")
        rows.append((name, evaluate(scenario)))
    for name, spin, every_ham in (
        ("B: 2022-style attack, 50 tenants, with noise", 0.0, False),
        ("B: same, the kit spins texts, new number each", 0.15, False),
        ("B: same as the first, every ham report flagged", 0.0, True),
    ):
        attack = attack_scenario(random.Random(args.seed + 1), name, brands, policies,
                                 templates, ham_texts, ham_verdicts, words,
                                 spin=spin, every_ham=every_ham)
        rows.append((attack.name, evaluate(attack, actors=("oktapus", "payroll"))))
    feed = feed_scenario(args.data / "domains" / "phishing_feed.txt",
                         REPO / "benchmarks" / "data" / "campaign_feed_labels.tsv",
                         random.Random(args.seed + 2))
    rows.append((feed.name, evaluate(feed)))
    print(f"{'stream':<56} {'clustered':>9} {'precision':>9} {'recall':>7} {'F1':>6} "
          f"{'ARI':>6}")
    for name, q in rows:
        print(f"{name:<56} {q.clustered:>9,} {q.precision:>9.3f} {q.recall:>7.3f} {q.f1:>6.3f} "
              f"{q.ari:>6.3f}")
    print(f"\n{'multi-tenant actor':<56} {'reports':>7} {'tenants':>7} {'cross@':>6} "
          f"{'(2nd)':>5} {'joined':>6} {'pieces':>6}")
    for name, q in rows:
        for s in q.spreads:
            print(f"{name[:45] + ' / ' + s.label:<56} {s.reports:>7} {s.tenants:>7} "
                  f"{s.reports_before_cross_tenant!s:>6} {s.later_reports_needed!s:>5} "
                  f"{s.first_report_joined:>6.0%} {s.pieces:>6}")
    print("\ncross@: the actor's reports until one campaign held them from two tenants; (2nd): "
          "how many of those came from the second tenant hit; joined: newly hit tenants whose "
          "first report joined the cross-tenant campaign at once; pieces: campaigns the actor "
          "ends up in.")


def attack_scenario(rng: random.Random, name: str, brands: list[str],
                    policies: dict[str, Policy], templates: list[str], ham_texts: list[str],
                    ham_verdicts: list[Verdict], words: list[str], *, spin: float,
                    every_ham: bool) -> Scenario:
    tenants = sorted(policies)
    attack = Scenario(name, policies=policies)
    spin_words = words if spin else ()
    attack.items += targeted_attack(
        rng, brands, tenants, label="oktapus", texts=OKTAPUS_TEXTS, words=OKTAPUS_WORDS,
        endings=OKTAPUS_ENDINGS, days=21, report_rate=0.15, watch_rate=0.5,
        senders=10_000 if spin else 40, domain_shape="{brand}-{word}", edit_rate=spin,
        spin_words=spin_words)
    payroll_tenants = sorted(rng.sample(range(50), 10))
    attack.items += targeted_attack(
        rng, [brands[i] for i in payroll_tenants], [tenants[i] for i in payroll_tenants],
        label="payroll", texts=PAYROLL_TEXTS, words=("benefits", "payroll", "portal"),
        endings=("com", "net"), days=21, report_rate=0.15, watch_rate=0.0,
        senders=10_000 if spin else 10, domain_shape="{word}-{brand}", edit_rate=spin,
        spin_words=spin_words)
    attack.items += spam_campaigns(rng, templates[150:300], tenants, edit_rate=0.05, days=21,
                                   prefix="smish", with_links=True, words=words)
    attack.items += [one_off(rng, i, t, words) for i, t in enumerate(templates[300:600])]
    verdicts = [SUSPICIOUS] * len(ham_texts) if every_ham else ham_verdicts
    attack.items += benign_reports(rng, ham_texts, verdicts, tenants, 21, "ham-b")
    return attack


if __name__ == "__main__":
    main()
