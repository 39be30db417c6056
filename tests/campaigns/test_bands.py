from __future__ import annotations

import numpy as np
import pytest

from smishguard.campaigns.bands import BandIndex


def signature(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=64, dtype=np.uint32)


def test_identical_signatures_are_found_and_unrelated_ones_are_not() -> None:
    index = BandIndex(64)
    for row in range(200):
        index.insert(row, signature(row))
    assert index.query(signature(7)) == {7}
    assert index.query(signature(10_000)) == set()


def test_a_signature_sharing_one_band_is_a_candidate() -> None:
    index = BandIndex(64)
    stored = signature(1)
    index.insert(0, stored)
    probe = signature(2)
    probe[8:12] = stored[8:12]  # the third band of four rows
    assert index.query(probe) == {0}


def test_rows_in_one_bucket_and_removal() -> None:
    index = BandIndex(64)
    same = signature(3)
    for row in (1, 2, 3):
        index.insert(row, same)
    assert index.query(same) == {1, 2, 3}
    index.remove(2, same)
    assert index.query(same) == {1, 3}
    index.remove(1, same)
    index.remove(3, same)
    assert index.query(same) == set()
    assert len(index) == 0


def test_bands_must_fit_the_signature() -> None:
    with pytest.raises(ValueError, match="need 80 permutations"):
        BandIndex(64, bands=20, rows=4)
