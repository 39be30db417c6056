"""Fixtures for the text model tests: a tiny synthetic corpus (no data needed) and, for tests
marked ``data``, the real split of the shared corpus (computed once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from smishguard.corpus import SmsRecord, read_corpus
from smishguard.textmodel.splits import Split, split_corpus
from smishguard.textmodel.training import FittedTextModel, fit_text_model

_HAM = [
    "are we still on for lunch {n}",
    "ok see you at the station later",
    "can you pick up some bread on the way home",
    "running late, sorry, be there soon",
    "happy birthday! have a great day",
    "did you watch the match last night",
    "i will call you when i get home",
    "thanks for dinner, it was lovely",
    "where are you? we are waiting outside",
    "mum says hi and see you sunday",
    "lol that was so funny",
    "good night, sleep well",
]
_SPAM = [
    "WINNER! you have won a {n} prize, call now to claim",
    "urgent your account is suspended, verify your details now",
    "free entry to win cash, txt WIN to claim your reward",
    "congratulations you have been selected for a guaranteed prize",
    "claim your free gift voucher now, offer ends today",
    "your bank card is blocked, confirm your identity to unlock",
    "you have won a holiday, call to claim before it expires",
    "final notice: unpaid fee, pay now to avoid penalty",
    "exclusive offer: win a brand new phone, reply yes",
    "your parcel is on hold, pay the delivery fee to release it",
    "cash prize waiting, call now, guaranteed winner",
    "verify your account now or it will be closed",
]


def synthetic_records() -> list[SmsRecord]:
    """60 short messages, half ham, half spam, with small variations (5 of each template)."""
    records = []
    for round_ in range(5):
        for text in _HAM:
            records.append(SmsRecord(text.format(n=round_) + " " * round_, "ham", "en", "syn"))
        for text in _SPAM:
            spam = text.format(n=100 * (round_ + 1))
            records.append(SmsRecord(f"{spam} ({round_})", "spam", "en", "syn"))
    return records


@pytest.fixture(scope="session")
def synthetic() -> list[SmsRecord]:
    return synthetic_records()


@pytest.fixture(scope="session")
def synthetic_fit(synthetic: list[SmsRecord]) -> FittedTextModel:
    # every message is its own group: the templates repeat on purpose, the split is not tested
    return fit_text_model(synthetic, list(range(len(synthetic))), seed=13)


@pytest.fixture(scope="session")
def corpus_split(shared_data: Path) -> Split:
    return split_corpus(read_corpus(shared_data), seed=13)
