"""Hyper-parameter and threshold selection by group CV (on a small synthetic corpus)."""

from __future__ import annotations

import numpy as np
import pytest

from smishguard.corpus import SmsRecord
from smishguard.textmodel.selection import (
    Candidate,
    cross_validate,
    format_checks,
    format_table,
    grid,
    recall_at_false_positive_rate,
    threshold_checks,
)


@pytest.mark.parametrize(
    ("rate", "recall", "precision"),
    [
        (0.0, 0.5, 1.0),  # only the malicious scores above every ham one
        (0.25, 0.75, 0.75),  # one ham of four may be flagged
        (1.0, 1.0, 0.5),
    ],
)
def test_recall_at_false_positive_rate(rate: float, recall: float, precision: float) -> None:
    scores = np.array([0.9, 0.8, 0.5, 0.1, 0.7, 0.3, 0.2, 0.0])
    malicious = np.array([True, True, True, True, False, False, False, False])
    assert recall_at_false_positive_rate(scores, malicious, rate) == (recall, precision)


def test_grid_order() -> None:
    assert grid([(2, 5)], [1.0, 2.0], [0.5]) == [
        Candidate((2, 5), 1.0, 0.5),
        Candidate((2, 5), 2.0, 0.5),
    ]


def test_cross_validate_ranks_every_candidate(synthetic: list[SmsRecord]) -> None:
    groups = list(range(len(synthetic)))
    candidates = grid([(2, 5), (3,)], [1.0], [0.1, 1.0])
    said: list[str] = []
    scores = cross_validate(synthetic, groups, candidates, say=said.append)
    assert {s.candidate for s in scores} == set(candidates)
    assert [s.key() for s in scores] == sorted((s.key() for s in scores), reverse=True)
    assert all(0.0 <= r <= 1.0 for s in scores for r in s.recall)
    assert len(said) == len(candidates)
    assert format_table(scores).count("\n") == len(candidates) + 1


def test_threshold_checks_pool_every_outer_fold(synthetic: list[SmsRecord]) -> None:
    groups = list(range(len(synthetic)))
    [check] = threshold_checks(synthetic, groups, [0.1], seeds=(1,))
    assert check.metrics.total == len(synthetic)  # every message held out once
    assert "| 10 % |" in format_checks([check])
