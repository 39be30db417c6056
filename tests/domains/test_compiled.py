"""The compiled build of the domain watch (setup.py, mypyc) answers exactly as the Python one.

``./run tests`` builds it (``SMISHGUARD_COMPILE=1``) and runs the domain and watch tests again
with it first on the path and ``SMISHGUARD_EXPECT_COMPILED=1``; in the pure-Python run these
tests are skipped, in that run they must pass. Run as a script, this file prints the answers
of whichever build is on the path (the pure one, for the comparison below).
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXPECT_COMPILED = os.environ.get("SMISHGUARD_EXPECT_COMPILED") == "1"
BENIGN_NAMES = 60_000

needs_compiled = pytest.mark.skipif(
    not EXPECT_COMPILED, reason="pure-Python run; ./run tests runs these on the compiled build"
)


def compiled_modules() -> list[str]:
    found = sorted(p.stem for p in (REPO / "src" / "smishguard" / "domains").glob("*.py"))
    return [*(f"smishguard.domains.{m}" for m in found if m != "__init__"), "smishguard.watch"]


def answers(names_path: Path, brand_counts: list[int]) -> list[Any]:
    """Every answer the watch gives on the names: the index's, for the default policy (0)
    and for brands named after the first names (the popular ones), and the ``Watch``
    pipeline's hits (normalised, reported once)."""
    sys.path.insert(0, str(REPO / "tests"))
    from brand_policies import top_brands_policy

    from smishguard.domains.lookalike import LookalikeIndex
    from smishguard.policy import default_policy
    from smishguard.watch import Watch

    names = names_path.read_text(encoding="utf-8").split("\n")
    out: list[Any] = []
    for count in brand_counts:
        policy = default_policy() if count == 0 else top_brands_policy(names, count)[0]
        index = LookalikeIndex.from_policy(policy)
        for found in index.match_many(names):
            out.append(
                None
                if found is None
                else [found.brand, found.kind.value, found.score, found.domain, found.reason]
            )
        out.append([hit.to_dict() for hit in Watch(index).run(names)])
    return out


@needs_compiled
def test_the_watch_runs_compiled() -> None:
    pure = [
        m
        for m in compiled_modules()
        if not str(importlib.import_module(m).__file__).endswith(".so")
    ]
    assert not pure, f"{pure} are the Python sources, not the compiled build"


@needs_compiled
@pytest.mark.data
def test_compiled_answers_as_python(tmp_path: Path, shared_data: Path) -> None:
    """Popular names, the phishing feed's hosts and permutations of the default policy's
    brands (every kind), under two policies: the same hits, scores and reasons, in order."""
    from smishguard.domains.permutations import iter_permutations
    from smishguard.errors import InvalidInput
    from smishguard.policy import default_policy

    benign = (shared_data / "domains" / "benign_top.txt").read_text(encoding="utf-8").split()
    feed = [
        line.split("\t")[1]
        for line in (shared_data / "domains" / "phishing_feed.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if line and not line.startswith("#")
    ]
    policy = default_policy()
    made: list[str] = []  # every tenth permutation of each brand's domain, of every kind
    kws = policy.keywords
    for brand in policy.brands:
        try:
            found = iter_permutations(brand.domains[0], kws)
            made += [p.domain for p in islice(found, 0, None, 10)]
        except InvalidInput:
            continue  # a public suffix (gov.uk for HMRC): no look-alike to make of it
    names = [*benign[:BENIGN_NAMES], *feed, *made, "", "*.paypal-login.com", "xn--pypal-4ve.com"]
    path = tmp_path / "names.txt"
    path.write_text("\n".join(names), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("SMISHGUARD_EXPECT_COMPILED")
    script = [sys.executable, __file__, str(path), str(tmp_path / "pure.json")]
    subprocess.run(script, env=env, check=True, timeout=600)
    pure = json.loads((tmp_path / "pure.json").read_text(encoding="utf-8"))
    compiled = json.loads(json.dumps(answers(path, [0, 1000])))
    assert len(compiled) == len(pure)
    differ = [(i, p, c) for i, (p, c) in enumerate(zip(pure, compiled, strict=True)) if p != c]
    assert not differ, differ[:5]
    assert sum(a is not None for a in compiled) > 1000  # the corpus does hold look-alikes


if __name__ == "__main__":
    import smishguard.domains.lookalike as lookalike

    assert lookalike.__file__.endswith(".py"), "the comparison needs the Python build"
    Path(sys.argv[2]).write_text(
        json.dumps(answers(Path(sys.argv[1]), [0, 1000])), encoding="utf-8"
    )
