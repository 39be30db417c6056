"""Reading the labelled SMS development corpus (``<data dir>/sms/*.csv``): the only I/O of
training.

Every CSV has the header ``text,label,lang,source`` (see ``shared/data/sms/SOURCES.md``).
``spam`` and ``smishing`` are *malicious*, ``ham`` is benign; any other label is a
:class:`~smishguard.errors.DataError` that names the file and line. Files are read in a fixed
order (UCI first: the Mishra–Soni file copies most of it, and the original should be credited),
then any other CSV in name order.
"""

from __future__ import annotations

import csv
import html
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from smishguard.errors import DataError

DATA_DIR_ENV = "SMISHGUARD_DATA_DIR"
EXPECTED_HEADER = ("text", "label", "lang", "source")
MALICIOUS_LABELS = frozenset({"spam", "smishing"})
BENIGN_LABELS = frozenset({"ham"})
# Read first, so that a text found in two files keeps the original's source.
KNOWN_FILES = (
    "uci_sms_spam_collection.csv",
    "mishra_soni_2022.csv",
    "softecapps_spam_ham_es.csv",
    "tatoeba_es.csv",
)
# Placeholders the UCI corpus put where it anonymised a value, once HTML-unescaped; each is
# replaced by a value of the same kind so that features see "a number", "a time", "a link".
_PLACEHOLDERS = {
    "<#>": "10",
    "<DECIMAL>": "1.5",
    "<TIME>": "10:30",
    "<URL>": "http://example.com",
    "<EMAIL>": "someone@example.com",
}


@dataclass(frozen=True, slots=True)
class SmsRecord:
    """One labelled SMS of the development corpus."""

    text: str
    label: str  # the dataset's own label: ham, spam or smishing
    lang: str  # ISO 639-1: en, es
    source: str  # the file's id: uci_sms_spam_collection, tatoeba_es …

    @property
    def is_malicious(self) -> bool:
        return self.label in MALICIOUS_LABELS


def clean_text(text: str) -> str:
    """Undo the corpus' HTML escaping (``&lt;#&gt;``, ``&amp;``) and fill its placeholders."""
    text = html.unescape(text)
    for placeholder, value in _PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    return text


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$SMISHGUARD_DATA_DIR``, else ``../shared/data`` beside the source checkout."""
    env = os.environ if environ is None else environ
    if value := env.get(DATA_DIR_ENV):
        return Path(value)
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def sms_dir(data_dir: Path) -> Path:
    """The folder holding the SMS CSVs: ``data_dir/sms``, or ``data_dir`` itself."""
    nested = data_dir / "sms"
    return nested if nested.is_dir() else data_dir


def corpus_files(data_dir: Path) -> list[Path]:
    """The CSV files of the corpus, in reading order; DataError when there are none."""
    folder = sms_dir(data_dir)
    if not folder.is_dir():
        raise DataError(
            f"SMS data folder {folder} does not exist: pass --data DIR or set "
            f"{DATA_DIR_ENV} to the folder holding sms/*.csv"
        )
    found = {path.name: path for path in folder.glob("*.csv")}
    if not found:
        raise DataError(f"no *.csv files in {folder}: expected the SMS corpus (text,label,...)")
    known = [found.pop(name) for name in KNOWN_FILES if name in found]
    return known + [found[name] for name in sorted(found)]


def read_sms_file(path: Path) -> list[SmsRecord]:
    """Every row of one corpus CSV, texts cleaned with :func:`clean_text`."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = tuple(next(reader, ()))
            if header != EXPECTED_HEADER:
                raise DataError(
                    f"{path}: header is {','.join(header) or '(empty)'}; expected "
                    f"{','.join(EXPECTED_HEADER)}"
                )
            records = []
            for row in reader:
                if len(row) != len(EXPECTED_HEADER):
                    raise DataError(f"{path}:{reader.line_num}: expected 4 fields, got {len(row)}")
                text, label, lang, source = row
                label = label.strip().lower()
                if label not in MALICIOUS_LABELS | BENIGN_LABELS:
                    raise DataError(
                        f"{path}:{reader.line_num}: unknown label {label!r} "
                        "(expected ham, spam or smishing)"
                    )
                text = clean_text(text).strip()
                if text:  # an empty message teaches nothing
                    records.append(SmsRecord(text, label, lang.strip(), source.strip()))
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except csv.Error as exc:
        raise DataError(f"{path}: malformed CSV: {exc}") from exc
    return records


def read_corpus(data_dir: Path) -> list[SmsRecord]:
    """Every row of every corpus file, in reading order (duplicates included)."""
    return [record for path in corpus_files(data_dir) for record in read_sms_file(path)]
