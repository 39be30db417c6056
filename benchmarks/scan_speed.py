"""Batch scanning speed on one core: smishguard (every detector) vs TF-IDF + linear SVM.

    python benchmarks/scan_speed.py [--data DIR] [--repeat 3]

Messages: every SMS of the development data (../shared/data/sms/*.csv), plus the team's
fixtures, so link-bearing texts are represented. The baseline is the classic literature
pipeline (TfidfVectorizer word 1-2 grams + LinearSVC), fitted on the same messages; we time
its transform + decision_function in one batch, the way it would be deployed. Both run in
this process, pinned to one CPU, alternately, best of --repeat. Prints messages/s and the
ratio smishguard / baseline (the figure to compare: machines here are noisy).
"""

from __future__ import annotations

import argparse
import csv
import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def load_texts(data_dir: Path) -> tuple[list[str], list[int]]:
    texts: list[str] = []
    labels: list[int] = []
    for path in sorted((data_dir / "sms").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                texts.append(row["text"])
                labels.append(0 if row["label"] == "ham" else 1)
    for path in sorted((REPO / "tests" / "fixtures").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row.get("text"):
                    texts.append(row["text"])
                    labels.append(0 if path.name.startswith("legit") else 1)
    return texts, labels


def shipped_model_load(repeat: int) -> tuple[int, float]:
    """(size in bytes, best CPU seconds to read it into a model) of the shipped text model."""
    from importlib import resources

    from smishguard import textmodel

    data = resources.files("smishguard").joinpath(textmodel.DEFAULT_MODEL_RESOURCE).read_bytes()
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        textmodel.model_from_json(data)
        best = min(best, time.process_time() - start)
    return len(data), best


def best_rate(run: object, n: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return n / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = os.environ.get("SMISHGUARD_DATA_DIR", str(REPO.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default_data))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    from smishguard.model import Message
    from smishguard.scanner import Scanner

    model_bytes, model_load = shipped_model_load(args.repeat)
    texts, labels = load_texts(args.data)
    messages = [Message(t) for t in texts]
    scanner = Scanner()
    scanner.scan_many(messages[:100])  # warm caches (model load, automata)
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    svm = LinearSVC(random_state=0).fit(vectorizer.fit_transform(texts), labels)

    rates = {"smishguard": [], "baseline": []}
    for _ in range(args.repeat):
        rates["smishguard"].append(best_rate(lambda: scanner.scan_many(messages), len(texts), 1))
        rates["baseline"].append(
            best_rate(lambda: svm.decision_function(vectorizer.transform(texts)), len(texts), 1)
        )
    ours, theirs = max(rates["smishguard"]), max(rates["baseline"])
    with_links = sum(1 for t in texts if "http" in t or "www" in t or ".com" in t)
    print(f"messages: {len(texts):,} ({with_links:,} with a link-like string); one CPU; "
          f"best of {args.repeat}")
    print("| pipeline | messages/s | ratio to baseline |")
    print("|---|---:|---:|")
    print(f"| smishguard scan_many (every detector) | {ours:,.0f} | {ours / theirs:.2f}x |")
    print(f"| baseline TF-IDF (1-2 grams) + LinearSVC predict | {theirs:,.0f} | 1.00x |")
    print(f"\nshipped text model: {model_bytes:,} bytes, loaded in {model_load:.3f} s CPU "
          f"(best of {args.repeat}; once per process)")


if __name__ == "__main__":
    main()
