"""Locality-sensitive hashing of MinHash signatures into bands, kept small.

Two signatures that agree on all ``rows`` values of any one of ``bands`` bands are
candidates; with 16 bands of 4 rows a pair at Jaccard 0.6 is a candidate with probability
0.88, at 0.4 with 0.34, at 0.1 with 0.0016. This is the banding of datasketch's
``MinHashLSH`` with its parameters for a threshold of 0.4, written again for one reason:
its in-memory storage keeps a bytes object and a set per band per signature, about 5 KB a
signature, which is 5 GB at a million reports. Here a band is one 64-bit integer in one
dict, and a bucket holding one signature stores the row number itself (~1.5 KB a
signature).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["BandIndex"]


class BandIndex:
    """Rows (ints) of MinHash signatures (uint32 arrays), found by shared bands."""

    def __init__(self, num_perm: int, bands: int = 16, rows: int = 4, seed: int = 1) -> None:
        if bands * rows > num_perm:
            raise ValueError(f"{bands} bands of {rows} rows need {bands * rows} permutations")
        self.bands, self.rows = bands, rows
        generator = np.random.default_rng(seed)
        # Random odd multipliers fold a band's values into one 64-bit number; a rare false
        # collision only adds a candidate, which the caller checks against the signature.
        self._mix = generator.integers(1, 2**63, size=(bands, rows), dtype=np.uint64) | 1
        self._salt = generator.integers(1, 2**63, size=bands, dtype=np.uint64)
        self._buckets: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self._buckets)

    def keys(self, hashvalues: Any) -> list[int]:
        """The band keys of one signature."""
        band = hashvalues[: self.bands * self.rows].astype(np.uint64).reshape(self.bands,
                                                                              self.rows)
        with np.errstate(over="ignore"):
            folded = (band * self._mix).sum(axis=1, dtype=np.uint64) ^ self._salt
        keys: list[int] = folded.tolist()
        return keys

    def insert(self, row: int, hashvalues: Any) -> None:
        buckets = self._buckets
        for key in self.keys(hashvalues):
            held = buckets.get(key)
            if held is None:
                buckets[key] = row
            elif isinstance(held, int):
                buckets[key] = [held, row]
            else:
                held.append(row)

    def remove(self, row: int, hashvalues: Any) -> None:
        buckets = self._buckets
        for key in self.keys(hashvalues):
            held = buckets.get(key)
            if held == row:
                del buckets[key]
            elif isinstance(held, list) and row in held:
                held.remove(row)
                if len(held) == 1:
                    buckets[key] = held[0]

    def query(self, hashvalues: Any) -> set[int]:
        """Rows sharing at least one band with the signature."""
        found: set[int] = set()
        buckets = self._buckets
        for key in self.keys(hashvalues):
            held = buckets.get(key)
            if held is None:
                continue
            if isinstance(held, int):
                found.add(held)
            else:
                found.update(held)
        return found
