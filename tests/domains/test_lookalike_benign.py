"""False positives on popular names (shared data): the goal is <= 0.05 % of registrable domains.

"Flagged" means an imitation at or above the policy's *suspicious* threshold: below it an
imitation is information (the brand's name on a country or legacy suffix, google.de), not an
alert. See benchmarks/lookalike_speed.py for the full figures.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from brand_policies import top_brands_policy

from smishguard.domains.lookalike import LookalikeIndex
from smishguard.domains.registrable import split_host
from smishguard.policy import default_policy

REPO = Path(__file__).resolve().parents[2]
TRANCO_LINES = 100_000


def _benign() -> list[str]:
    root = Path(os.environ.get("SMISHGUARD_DATA_DIR", REPO.parent / "shared" / "data"))
    path = root / "domains" / "benign_top.txt"
    if not path.is_file():
        pytest.skip(f"benign_top.txt not found under {root} (set SMISHGUARD_DATA_DIR)")
    return path.read_text(encoding="utf-8").split()


def _flagged_share(index: LookalikeIndex, hosts: list[str]) -> tuple[float, list[str]]:
    threshold = index.policy.thresholds.suspicious
    domains: dict[str, bool] = {}
    flagged = []
    for host in hosts:
        found = index.match(host)
        hit = found is not None and found.score >= threshold
        domain = split_host(host).registrable_domain or host
        domains[domain] = domains.get(domain, False) or hit
        if hit:
            flagged.append(host)
    return sum(domains.values()) / len(domains), flagged


@pytest.mark.data
def test_default_policy_on_tranco() -> None:
    tranco = _benign()[:TRANCO_LINES]
    share, flagged = _flagged_share(LookalikeIndex.from_policy(default_policy()), tranco)
    assert share <= 0.0005, flagged[:20]


@pytest.mark.data
def test_thousand_brands_on_tranco() -> None:
    """1,000 brands named after Tranco's top names, each owning its top-ranked domains.

    The rest of Tranco holds their mirrors, plurals and brand-owned keyword names
    (samsungmobile.com, shopeepay.com.br): the bound is a regression guard, not the goal.
    It was 0.3 % (294 flagged) until whole names glued to junk on the cheap endings counted
    (telegramxq.top), which flags 5 more here, where brands are everyday words (static,
    people, office): 0.31 %. Everyday words of 8 letters or more misspelled as names are
    added one (intelcom.ca for intercom): 0.309 %. Two slips inside a name of 8 letters or
    more on the cheap endings added one (linkcdn.cloud for linkedin): 0.3095 %. A long
    name's head with the rest garbled on the cheap endings added one (cronitor.link for
    cronista, a Tranco name): 0.3106 %.
    """
    tranco = _benign()[:TRANCO_LINES]
    policy, used = top_brands_policy(tranco, 1000)
    share, flagged = _flagged_share(LookalikeIndex.from_policy(policy), tranco[used:])
    assert share <= 0.003106, flagged[:20]
