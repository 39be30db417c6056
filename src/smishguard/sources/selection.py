"""Which adapter reads the input: chosen by option, or detected from the target.

``--ct-log URL`` (once or more) → CT logs; ``--certstream URL`` or a ``ws://``/``wss://``
target → a live CertStream feed; a ``.csv`` name → a CSV column; otherwise the file (or '-')
says: a Zeek log begins ``#separator``; a first byte ``{`` is JSON lines, read at the field
``--column`` names, or CertStream messages without it; else a CSV column with ``--column``,
a plain list without.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import BinaryIO

from smishguard.errors import InvalidInput
from smishguard.sources.backoff import Backoff
from smishguard.sources.certstream import certstream_file_names, certstream_live_names
from smishguard.sources.csv_column import csv_names
from smishguard.sources.ct_log import CtReadOptions
from smishguard.sources.ct_logs import ct_logs_names
from smishguard.sources.dns_logs import json_field_names, zeek_names
from smishguard.sources.files import describe, first_byte, open_binary, starts_with
from smishguard.sources.lists import list_names


class SourceKind(StrEnum):
    AUTO = "auto"
    LIST = "list"
    CERTSTREAM = "certstream"
    CT = "ct"
    CSV = "csv"
    ZEEK = "zeek"  # a Zeek TSV log (dns.log: the query column)
    JSON = "json"  # JSON lines, the name at the field --column names


_WS_SCHEMES = ("ws://", "wss://")
_HTTP_SCHEMES = ("http://", "https://")


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """What the user asked to read, as given on the command line."""

    path: str | None = None  # a file, '-' for stdin, or a ws(s):// URL
    kind: SourceKind = SourceKind.AUTO
    column: str | None = None
    ct_logs: tuple[str, ...] = ()  # followed together
    certstream: str | None = None
    ct: CtReadOptions = field(default_factory=CtReadOptions)
    backoff: Backoff = field(default_factory=Backoff)  # for live CertStream
    open_timeout: float = 10.0


@dataclass(frozen=True, slots=True)
class Resolved:
    """The adapter to use and its target; LIST may still turn out to be CertStream lines."""

    kind: SourceKind
    target: str
    live: bool  # a feed that never ends: names get a seen_at time

    @property
    def label(self) -> str:
        """How hits name their source: the URL, the file, 'stdin', or how many CT logs."""
        return "stdin" if self.target == "-" else self.target


def resolve(spec: SourceSpec) -> Resolved:
    """Decide the adapter, or raise InvalidInput saying how to ask unambiguously."""
    given = [x for x in (spec.path, spec.ct_logs or None, spec.certstream) if x is not None]
    if len(given) > 1:
        raise InvalidInput("give one input: a PATH, --ct-log URL or --certstream URL")
    kind = spec.kind
    if spec.ct_logs or kind == SourceKind.CT:
        logs = _ct_logs(spec)
        if kind not in (SourceKind.AUTO, SourceKind.CT) or not all(
                url.startswith(_HTTP_SCHEMES) for url in logs):  # fmt: skip
            raise InvalidInput("a CT log is read from an http(s):// URL: --ct-log URL")
        target = logs[0] if len(logs) == 1 else f"{len(logs)} CT logs"
        return Resolved(SourceKind.CT, target, live=True)
    target = spec.certstream or spec.path or "-"
    if target.startswith(_WS_SCHEMES):
        if kind not in (SourceKind.AUTO, SourceKind.CERTSTREAM):
            raise InvalidInput(f"{target} is a WebSocket feed; use --format certstream")
        return Resolved(SourceKind.CERTSTREAM, target, live=True)
    if spec.certstream is not None:
        raise InvalidInput("--certstream takes a ws:// or wss:// URL")
    if target.startswith(_HTTP_SCHEMES):
        raise InvalidInput(f"{target}: to follow a CT log use --ct-log URL; to read a list, "
                           "download it first")
    is_csv_name = target.lower().endswith((".csv", ".csv.gz"))
    if kind == SourceKind.CSV or (kind == SourceKind.AUTO and is_csv_name):
        if not spec.column:
            raise InvalidInput(f"say which CSV column holds the names: --column NAME "
                               f"(reading {describe(target)})")
        return Resolved(SourceKind.CSV, target, live=False)
    if kind == SourceKind.JSON and not spec.column:
        raise InvalidInput("say which JSON field holds the names: --column FIELD (a dotted "
                           "path: query, dns.rrname)")
    if spec.column and kind in (SourceKind.LIST, SourceKind.CERTSTREAM):
        raise InvalidInput("--column applies to CSV, Zeek and JSON input (--format csv, zeek "
                           "or json)")
    return Resolved(kind, target, live=False)


def _ct_logs(spec: SourceSpec) -> tuple[str, ...]:
    """The CT logs asked for, once each (``--format ct PATH``: PATH is the log's URL)."""
    given = spec.ct_logs or ((spec.path,) if spec.path else ())
    return tuple(dict.fromkeys(url.rstrip("/") for url in given)) or ("",)


def open_names(
    spec: SourceSpec,
    on_error: Callable[[str], None],
    stdin: BinaryIO,
    *,
    sleep: Callable[[float], None] = time.sleep,
    draw: Callable[[], float] = random.random,
) -> Generator[str, None, None]:
    """The names of the input ``spec`` describes; files are closed when the generator is."""
    resolved = resolve(spec)
    if resolved.kind == SourceKind.CT:
        yield from ct_logs_names(_ct_logs(spec), on_error, spec.ct, sleep=sleep, draw=draw)
        return
    if resolved.live:
        yield from certstream_live_names(resolved.target, on_error, backoff=spec.backoff,
                                         open_timeout=spec.open_timeout, sleep=sleep, draw=draw)
        return
    where = describe(resolved.target)
    with open_binary(resolved.target, stdin) as stream:
        kind: SourceKind = resolved.kind
        if kind == SourceKind.AUTO:
            kind = _detected(stream, spec.column)
        if kind == SourceKind.CSV:
            yield from csv_names(stream, where, spec.column or "", on_error)
        elif kind == SourceKind.ZEEK:
            yield from zeek_names(stream, where, spec.column, on_error)
        elif kind == SourceKind.JSON:
            yield from json_field_names(stream, where, spec.column or "", on_error)
        elif kind == SourceKind.CERTSTREAM:
            yield from certstream_file_names(stream, where, on_error)
        else:
            yield from list_names(stream, where, on_error)


def _detected(stream: io.BufferedIOBase, column: str | None) -> SourceKind:
    """What a file holds, by its first bytes (nothing consumed)."""
    if starts_with(stream, b"#separator"):
        return SourceKind.ZEEK
    if first_byte(stream) == b"{":
        return SourceKind.JSON if column else SourceKind.CERTSTREAM
    return SourceKind.CSV if column else SourceKind.LIST
