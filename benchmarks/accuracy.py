"""Accuracy and speed on the held-out split of the shared SMS corpus (malicious vs ham).

    python benchmarks/accuracy.py [--data DIR] [--seed 13] [--skip-retrain] [--cv]

Splits ``$SMISHGUARD_DATA_DIR/sms/*.csv`` exactly as ``smishguard train`` does
(:func:`smishguard.textmodel.splits.split_corpus`: deduplicated, near-duplicates grouped, 80/20
by group, seeded) and scores every *system* on the test part, per slice (English; English
ham + rows labelled smishing; the Spanish files, which are a smoke test, not evidence). Then it
times each system's batch prediction on the test messages, pinned to one core.

A system is a function ``(split) -> predict`` where ``predict(texts) -> list[bool]`` flags
malicious texts; adding a row to the tables is adding one such function to :data:`SYSTEMS`.

* ``text model``: the model shipped in the package (trained on the train part only), alone,
  at its own threshold. The script first retrains it and says whether the bytes match.
* ``baseline``: scikit-learn ``TfidfVectorizer(ngram_range=(1, 2))`` + ``LinearSVC()``
  trained on the same train part (default tokenizer: it sees links and numbers).
* ``scanner``: :class:`smishguard.scanner.Scanner` with every built-in detector; flagged =
  verdict not ``clean``.

``--cv`` first prints how the text model's hyper-parameters and threshold rule were chosen:
group-aware cross-validation on the *train* part only (:mod:`smishguard.textmodel.selection`;
a few minutes on one core).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from smishguard.corpus import default_data_dir, read_corpus
from smishguard.evaluation import BinaryMetrics
from smishguard.textmodel import load_default_model, model_to_json
from smishguard.textmodel.metrics import evaluate
from smishguard.textmodel.splits import Split, split_corpus

Predict = Callable[[Sequence[str]], list[bool]]
MIN_TIMING_SECONDS = 1.0


def text_model_system(split: Split) -> Predict:
    model = load_default_model()
    return lambda texts: [p >= model.threshold for p in model.predict_many(texts)]


def baseline_system(split: Split) -> Predict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    pipeline = make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LinearSVC(random_state=0))
    pipeline.fit([r.text for r in split.train], [r.is_malicious for r in split.train])
    return lambda texts: [bool(d > 0) for d in pipeline.decision_function(list(texts))]


def scanner_system(split: Split) -> Predict:
    from smishguard.model import Label
    from smishguard.scanner import Scanner

    scanner = Scanner()
    return lambda texts: [v.label is not Label.CLEAN for v in scanner.scan_many(texts)]


SYSTEMS: list[tuple[str, Callable[[Split], Predict]]] = [
    ("text model", text_model_system),
    ("baseline tf-idf+LinearSVC", baseline_system),
    ("scanner (all detectors)", scanner_system),
]


def _pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here)"


def throughput(predict: Predict, texts: Sequence[str]) -> float:
    """Messages per second of ``predict`` on ``texts`` as one batch (best of the runs made
    in at least MIN_TIMING_SECONDS, after one warm-up)."""
    predict(texts[:100])
    best = float("inf")
    spent = 0.0
    while spent < MIN_TIMING_SECONDS:
        start = time.perf_counter()
        predict(texts)
        elapsed = time.perf_counter() - start
        best, spent = min(best, elapsed), spent + elapsed
    return len(texts) / best


def _percent(value: float) -> str:
    return f"{100 * value:.2f} %"


def metrics_table(rows: list[tuple[str, str, BinaryMetrics]]) -> str:
    lines = [
        "| system | slice | msgs | malicious | precision | recall | F1 | ham FPR "
        "| TP | FP | TN | FN |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for system, name, m in rows:
        lines.append(
            f"| {system} | {name} | {m.total} | {m.malicious} | {m.precision:.4f} "
            f"| {m.recall:.4f} | {m.f1:.4f} | {_percent(m.ham_false_positive_rate)} "
            f"| {m.true_positives} | {m.false_positives} | {m.true_negatives} "
            f"| {m.false_negatives} |"
        )
    return "\n".join(lines)


def check_shipped_model(data_dir: Path, seed: int) -> str:
    from smishguard.textmodel import train_model

    retrained = model_to_json(train_model(data_dir, seed).model)
    shipped = model_to_json(load_default_model())
    if retrained == shipped:
        return "the shipped model is byte-identical to one retrained now"
    return "WARNING: the shipped model differs from one retrained now (run `smishguard train`)"


def print_selection(split: Split) -> None:
    from smishguard.textmodel import selection, training

    print("## Hyper-parameters by group CV on the train part (English, mean of 3 fold seeds)\n")
    candidates = selection.grid(
        [(2, 5), (2, 4, 5), (2, 3, 4, 5)], [3.0, 6.0, 9.0], [0.25, 0.5, 1.0, 2.0], [False, True]
    )
    scores = selection.cross_validate(split.train, split.train_groups, candidates)
    print(selection.format_table(scores))
    print(
        f"\nshipped: n-gram sizes {training.GRAM_SIZES}, word pairs {training.WORD_PAIRS}, "
        f"marker weight {training.MARKER_WEIGHT:g}, C {training.SVM_C:g}: the best row at 0.3 % "
        "among those that fit the speed budget (n-gram sizes 2+5, no word pairs; more n-gram "
        "sizes or word pairs cost 15-40 % more time per message)\n"
    )
    print("## Threshold rule by nested group CV on the train part (English, 2 seeds x 5 folds)\n")
    checks = selection.threshold_checks(
        split.train, split.train_groups, [0.001, 0.0015, 0.002, 0.003]
    )
    print(selection.format_checks(checks))
    print(f"\nshipped: {100 * training.OOF_FALSE_POSITIVE_RATE:g} % out of fold\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="shared data dir")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--skip-retrain", action="store_true", help="skip the byte check")
    parser.add_argument("--cv", action="store_true", help="print the CV model selection first")
    args = parser.parse_args(argv)
    data_dir = args.data or default_data_dir()

    print(f"# Text model accuracy ({_pin_to_one_core()})\n")
    split = split_corpus(read_corpus(data_dir), args.seed)
    print(
        f"Split (seed {args.seed}): {len(split.train)} train / {len(split.test)} test "
        f"messages, {len(set(split.test_groups))} test groups.\n"
    )
    if args.cv:
        print_selection(split)
    if not args.skip_retrain:
        print(check_shipped_model(data_dir, args.seed) + "\n")

    texts = [r.text for r in split.test]
    rows: list[tuple[str, str, BinaryMetrics]] = []
    speeds: list[tuple[str, float]] = []
    for system, build in SYSTEMS:
        try:
            predict = build(split)
            flags = predict(texts)
        except Exception as exc:  # one broken system must not hide the others' figures
            print(f"({system}: not measured: {type(exc).__name__}: {exc})")
            continue
        rows.extend((system, name, m) for name, m in evaluate(flags, split.test))
        speeds.append((system, throughput(predict, texts)))

    print(metrics_table(rows))
    print(
        "\nSpanish rows are a smoke test, not evidence: the files are Tatoeba sentences and "
        "short made-up phrases (see shared/data/sms/SOURCES.md).\n"
    )
    print(f"| system | messages/s (one core, batch of {len(texts)}) | µs per message |")
    print("|---|--:|--:|")
    for system, rate in speeds:
        print(f"| {system} | {rate:,.0f} | {1e6 / rate:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
