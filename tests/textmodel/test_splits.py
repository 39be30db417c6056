"""Deduplication, near-duplicate groups and the train/test split: no leaks across the split."""

from __future__ import annotations

from collections import Counter

import pytest

from smishguard.corpus import SmsRecord
from smishguard.textmodel.splits import (
    Split,
    deduplicate,
    exact_key,
    group_folds,
    near_duplicate_groups,
    split_corpus,
)


def _r(text: str, label: str = "ham", source: str = "a") -> SmsRecord:
    return SmsRecord(text, label, "en", source)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ok lar... Joking wif u oni", "ok  LAR... joking wif u oni"),
        ("Información útil", "informacion UTIL"),
        ("call me\nlater", "call me later"),
    ],
)
def test_exact_key_ignores_case_accents_and_spacing(a: str, b: str) -> None:
    assert exact_key(a) == exact_key(b)


def test_deduplicate_keeps_the_first_and_counts_conflicts() -> None:
    records = [
        _r("You WON a prize", "spam", "uci"),
        _r("you won a prize", "smishing", "mishra"),
        _r("See you later", "ham", "uci"),
        _r("see you later", "spam", "mishra"),
    ]
    result = deduplicate(records)
    assert result.records == (records[0], records[2])
    assert result.duplicates_removed == 2
    assert result.label_conflicts == 1  # spam vs smishing agree; ham vs spam does not


def test_near_duplicates_share_a_group() -> None:
    texts = [
        "URGENT! Your mobile number has been awarded a £2000 prize GUARANTEED. Call 09058094455",
        "URGENT! Your mobile number has been awarded a £2000 prize GUARANTEED. Call 09061790121",
        "URGENT! Your mobile no. has been awarded a £2000 prize GUARANTEED. Call 09061790121 now",
        "Are we still meeting for lunch tomorrow at the usual place?",
        "Visit https://a.example/x today",
        "Visit https://b.example/y today",
        "🙂",
        "🙃",
    ]
    groups = near_duplicate_groups(texts)
    assert groups[0] == groups[1] == groups[2] == 0  # numbers differ; then one word too
    assert groups[3] == 3
    assert groups[4] == groups[5] == 4  # links are gaps: same wording
    assert groups[6] == 6  # no words: each text alone
    assert groups[7] == 7


def test_group_folds_keep_groups_together() -> None:
    records = [_r(f"text {i}", "spam" if i % 3 == 0 else "ham") for i in range(60)]
    groups = [i // 4 for i in range(60)]
    folds = group_folds(records, groups, seed=1)
    assert len(folds) == 5
    for train, held_out in folds:
        assert not {groups[i] for i in train} & {groups[i] for i in held_out}
    assert sorted(i for _, held_out in folds for i in held_out) == list(range(60))


def test_split_is_seeded() -> None:
    records = [
        _r(f"message number {w} here", "spam" if i % 4 == 0 else "ham")
        for i, w in enumerate(
            "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu "
            "nu xi omicron pi rho sigma tau upsilon phi chi psi omega".split()
        )
    ]
    assert split_corpus(records, seed=3) == split_corpus(records, seed=3)


@pytest.mark.data
def test_no_group_and_no_text_straddles_the_split(corpus_split: Split) -> None:
    assert not set(corpus_split.train_groups) & set(corpus_split.test_groups)
    train_keys = {exact_key(r.text) for r in corpus_split.train}
    assert not train_keys & {exact_key(r.text) for r in corpus_split.test}
    assert len(train_keys) == len(corpus_split.train)  # no duplicates inside train either


@pytest.mark.data
def test_split_is_about_80_20_in_every_file(corpus_split: Split) -> None:
    train = Counter(r.source for r in corpus_split.train)
    test = Counter(r.source for r in corpus_split.test)
    assert (
        set(train)
        == set(test)
        == {
            "uci_sms_spam_collection",
            "mishra_soni_2022",
            "softecapps_spam_ham_es",
            "tatoeba_es",
        }
    )
    for source in train:
        share = test[source] / (train[source] + test[source])
        assert 0.15 < share < 0.25, source


@pytest.mark.data
def test_copied_rows_appear_once(corpus_split: Split) -> None:
    # 4,886 Mishra-Soni rows copy UCI texts (SOURCES.md): they must be gone, credited to UCI.
    mishra = sum(
        1 for r in corpus_split.train + corpus_split.test if r.source == "mishra_soni_2022"
    )
    assert mishra < 1000
