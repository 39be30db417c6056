"""The team's own labelled sets (tests/fixtures), scanned with the fixture policy.

    python benchmarks/team_sets.py

Prints, per set and language, how many texts got each label: every 0ktapus-style text should
be phishing; the same texts with the brand's real domain, and the legitimate texts, should
not (false-positive rate = share labelled phishing; the share labelled suspicious is shown
too); everyday smishing should reach at least its expected label.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from teamsets import (  # noqa: E402
    TeamRow,
    everyday_rows,
    legitimate_rows,
    oktapus_rows,
    run,
)

from smishguard.model import Label  # noqa: E402
from smishguard.policy import load_policy  # noqa: E402
from smishguard.scanner import Scanner  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"


def main() -> None:
    scanner = Scanner(load_policy(FIXTURES / "policy_fixture.toml"))
    sets: dict[str, list[TeamRow]] = {
        "0ktapus-style (expect phishing)": oktapus_rows(FIXTURES, real=False),
        "same texts, real domain (expect not phishing)": oktapus_rows(FIXTURES, real=True),
        "everyday smishing (expect its label or worse)": everyday_rows(FIXTURES),
        "legitimate (expect not phishing)": legitimate_rows(FIXTURES),
    }
    print("| set | lang | texts | phishing | suspicious | clean | as expected |")
    print("|---|---|--:|--:|--:|--:|--:|")
    for name, rows in sets.items():
        results = run(scanner, rows)
        for lang in ("en", "es"):
            mine = [r for r in results if r.row.lang == lang]
            labels = Counter(r.verdict.label for r in mine)
            ok = sum(r.ok for r in mine)
            print(f"| {name} | {lang} | {len(mine)} | {labels[Label.PHISHING]} | "
                  f"{labels[Label.SUSPICIOUS]} | {labels[Label.CLEAN]} | {ok}/{len(mine)} |")


if __name__ == "__main__":
    main()
