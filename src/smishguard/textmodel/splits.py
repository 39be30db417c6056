"""Deduplicating the SMS corpus and splitting it into train and test without leaks.

The split, exactly (``split_corpus(records, seed=13)``):

1. **Exact duplicates are removed across all files.** Two texts are the same when they are
   equal after Unicode NFKD, dropping accents, case-folding and collapsing whitespace. The
   first occurrence is kept, in reading order (UCI, Mishra–Soni, Softecapps, Tatoeba), so the
   ~4,900 Mishra–Soni rows copied from UCI appear once, credited to UCI. Their labels agree
   as malicious/ham (UCI "spam" = Mishra "smishing"); if a text carried both ham and a
   malicious label, the first is kept and the conflict counted.
2. **Near-duplicates are grouped.** Two texts fall in one group when their word sequences are
   equal once folded as in step 1 and with links, e-mail addresses and numbers masked
   (:func:`group_tokens`: "call 09061701461" = "call 09066364589"), or when the Jaccard
   similarity of their sets of words and word pairs is at least 0.7 (candidates from MinHash
   LSH, 128 permutations, datasketch; each candidate pair is then checked exactly). Groups are
   the connected components of these links. The model's tokenizer is not used here, so a
   change of features never moves a message across the split.
3. **Groups are split 80/20**: the first fold of scikit-learn's
   ``StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed)`` is the test set. The
   strata are source + original label (``uci_sms_spam_collection/spam``, ...), so every file
   and label is represented in proportion; a group never straddles train and test.
4. Tuning (probability calibration, the decision threshold, hyper-parameters) uses
   :func:`group_folds` over the *train* part only (5 group folds, ``random_state=seed + 1``).
   The test part is only ever used to report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]
from sklearn.model_selection import StratifiedGroupKFold

from smishguard.corpus import SmsRecord

NEAR_DUPLICATE_JACCARD = 0.7
MINHASH_PERMUTATIONS = 128
TEST_FOLDS = 5  # 1 of 5 folds is the test set: 80/20


@dataclass(frozen=True, slots=True)
class Deduplicated:
    """The corpus without exact duplicates, and what was removed."""

    records: tuple[SmsRecord, ...]
    duplicates_removed: int
    label_conflicts: int  # texts seen as both ham and malicious (the first label was kept)


@dataclass(frozen=True, slots=True)
class Split:
    """Train and test records, each with the near-duplicate group it belongs to."""

    train: tuple[SmsRecord, ...]
    test: tuple[SmsRecord, ...]
    train_groups: tuple[int, ...]
    test_groups: tuple[int, ...]
    seed: int


def exact_key(text: str) -> str:
    """The text as compared for exact duplicates: no accents, case-folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def deduplicate(records: Sequence[SmsRecord]) -> Deduplicated:
    """Keep the first record of every :func:`exact_key`."""
    first: dict[str, SmsRecord] = {}
    conflicts = 0
    for record in records:
        key = exact_key(record.text)
        kept = first.setdefault(key, record)
        if kept is not record and kept.is_malicious != record.is_malicious:
            conflicts += 1
    return Deduplicated(tuple(first.values()), len(records) - len(first), conflicts)


# Words for grouping: links, e-mail addresses and digit runs become placeholders. Kept apart
# from the model's tokenizer on purpose, so that changing the model's features never moves a
# message across the split.
_GROUP_TOKEN = re.compile(
    r"""(https?://\S+|www\.\S+|\S+@\S+\.\w+|\S+\.(?:com|net|org|co\.uk)\S*)  # link, e-mail
    | (\d+)                                                                # number
    | ([^\W\d_]+)                                                          # word""",
    re.VERBOSE,
)


def group_tokens(text: str) -> list[str]:
    """The words of ``text`` as near-duplicates are judged: folded, links and numbers masked."""
    return [
        "<link>" if link else "<num>" if number else word
        for link, number, word in _GROUP_TOKEN.findall(exact_key(text))
    ]


def _shingles(tokens: list[str]) -> set[str]:
    return set(tokens) | {f"{a} {b}" for a, b in pairwise(tokens)}


class _Components:
    """Union-find over record indices; a component is named by its smallest index."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def near_duplicate_groups(
    texts: Sequence[str], threshold: float = NEAR_DUPLICATE_JACCARD
) -> list[int]:
    """A group id for every text (the index of the group's first text); see module doc."""
    components = _Components(len(texts))
    token_lists = [group_tokens(text) for text in texts]
    by_template: dict[tuple[str, ...], int] = {}
    for index, tokens in enumerate(token_lists):
        if any(t[0] != "<" for t in tokens):  # no word at all (only a link, emoji): alone
            components.union(by_template.setdefault(tuple(tokens), index), index)
    shingles = [_shingles(tokens) for tokens in token_lists]
    hashes = MinHash.bulk(
        ([s.encode("utf-8") for s in sorted(group)] for group in shingles),
        num_perm=MINHASH_PERMUTATIONS,
    )
    index_lsh = MinHashLSH(threshold=threshold, num_perm=MINHASH_PERMUTATIONS)
    for index, minhash in enumerate(hashes):
        if shingles[index]:
            index_lsh.insert(index, minhash)
    for index, minhash in enumerate(hashes):
        mine = shingles[index]
        if not mine:
            continue
        for other in index_lsh.query(minhash):
            theirs = shingles[other]
            if other != index and len(mine & theirs) >= threshold * len(mine | theirs):
                components.union(index, other)
    return [components.find(index) for index in range(len(texts))]


def _by_source_label(record: SmsRecord) -> str:
    return f"{record.source}/{record.label}"


def _by_language_class(record: SmsRecord) -> str:
    return f"{record.lang}/{record.is_malicious}"


def _by_class(record: SmsRecord) -> str:
    return str(record.is_malicious)


_STRATA_KEYS = (_by_source_label, _by_language_class, _by_class)


def _strata(records: Sequence[SmsRecord], folds: int) -> list[str]:
    """Source/label strata, coarsened where a stratum is too small to spread over the folds."""
    for key in _STRATA_KEYS:
        strata = [key(record) for record in records]
        counts: dict[str, int] = {}
        for stratum in strata:
            counts[stratum] = counts.get(stratum, 0) + 1
        if min(counts.values()) >= folds:
            return strata
    return strata


def group_folds(
    records: Sequence[SmsRecord], groups: Sequence[int], seed: int, folds: int = TEST_FOLDS
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified group k-fold index pairs (train, held-out) over ``records``."""
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    strata = _strata(records, folds)
    placeholder = np.zeros((len(records), 1))
    return list(splitter.split(placeholder, strata, groups))


def split_corpus(records: Sequence[SmsRecord], seed: int = 13) -> Split:
    """Deduplicate, group near-duplicates, and split 80/20 by group (see the module doc)."""
    unique = deduplicate(records).records
    groups = near_duplicate_groups([record.text for record in unique])
    train_index, test_index = group_folds(unique, groups, seed)[0]
    return Split(
        train=tuple(unique[i] for i in train_index),
        test=tuple(unique[i] for i in test_index),
        train_groups=tuple(groups[i] for i in train_index),
        test_groups=tuple(groups[i] for i in test_index),
        seed=seed,
    )
