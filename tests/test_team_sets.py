"""The team's own sets: 0ktapus-style texts must be phishing, the same texts with the brand's
real domain must not, everyday smishing must be caught, legitimate texts must not be phishing."""

from __future__ import annotations

from pathlib import Path

import pytest
from teamsets import TeamResult, everyday_rows, legitimate_rows, oktapus_rows, run

from smishguard.policy import load_policy
from smishguard.scanner import Scanner

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(load_policy(FIXTURES / "policy_fixture.toml"))


def failures(results: list[TeamResult]) -> list[str]:
    return [
        f"{r.row.id}: {r.verdict.label.value} {r.verdict.score:.2f} "
        f"{[s.detector for s in r.verdict.signals]} {r.row.message.text[:70]!r}"
        for r in results
        if not r.ok
    ]


def test_every_oktapus_text_is_phishing(scanner: Scanner) -> None:
    assert failures(run(scanner, oktapus_rows(FIXTURES, real=False))) == []


def test_oktapus_texts_with_the_real_domain_are_not_phishing(scanner: Scanner) -> None:
    assert failures(run(scanner, oktapus_rows(FIXTURES, real=True))) == []


def test_everyday_smishing_is_caught(scanner: Scanner) -> None:
    assert failures(run(scanner, everyday_rows(FIXTURES))) == []


def test_legitimate_texts_are_not_phishing(scanner: Scanner) -> None:
    assert failures(run(scanner, legitimate_rows(FIXTURES))) == []
