"""``smishguard watch``: which newly seen names imitate a protected brand."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, closing
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from smishguard.cli.common import (
    counted,
    load_policy_option,
    policy_option,
    stderr_is_terminal,
)
from smishguard.domains.kits import KIT_COPIES
from smishguard.domains.lookalike import LookalikeIndex
from smishguard.errors import InvalidInput
from smishguard.policy import Policy
from smishguard.sinks.service import BATCH as SINK_BATCH
from smishguard.sinks.service import ServiceSink
from smishguard.sources.backoff import Backoff
from smishguard.sources.ct_log import DEFAULT_BATCH, CtReadOptions
from smishguard.sources.ct_log_list import logs_to_follow
from smishguard.sources.selection import SourceKind, SourceSpec, open_names, resolve
from smishguard.watch import DEFAULT_MEMORY, ImitationMatcher, Watch, WatchHit

API_KEY_VARIABLE = "SMISHGUARD_API_KEY"  # the key --send uses: never on the command line
_PROGRESS_EVERY = 512  # names between counter refreshes: cheap enough for 100k names/s


def _lookalike_index(policy: Policy) -> ImitationMatcher:
    return LookalikeIndex.from_policy(policy)


class _Reporter:
    """Warnings, the live counter (stderr is a terminal only) and the closing summary."""

    def __init__(self, live: bool) -> None:
        self.errors = 0
        self.console = Console(stderr=True) if live else None
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> _Reporter:
        if self.console is not None:
            self.progress = Progress(
                SpinnerColumn(), TextColumn("watching"),
                TextColumn("{task.fields[names]:,} names · {task.fields[hits]:,} hits · "
                           "{task.fields[errors]:,} errors"),
                TimeElapsedColumn(), console=self.console, transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("watch", total=None, names=0, hits=0, errors=0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def warn(self, message: str) -> None:
        self.errors += 1
        line = f"smishguard: warning: {message}"
        if self.console is not None:
            self.console.print(line, markup=False, highlight=False)
        else:
            click.echo(line, err=True)

    def show(self, watch: Watch) -> None:
        if self.progress is not None and self.task is not None:
            summary = watch.summary
            self.progress.update(self.task, names=summary.names, hits=summary.hits,
                                 errors=self.errors)

    def counted(self, names: Iterable[str], watch: Watch) -> Iterator[str]:
        if self.progress is None:
            yield from names
            return
        for i, name in enumerate(names, 1):
            yield name
            if i % _PROGRESS_EVERY == 0:
                self.show(watch)

    def summary(self, watch: Watch, sent: int | None = None) -> None:
        s = watch.summary
        copies = "a kit's copy" if s.kit_copies == 1 else "a kit's copies"
        kits = f" ({s.kit_copies:,} of them {copies})" if s.kit_copies else ""
        certificates = "".join((
            f", {s.own_certified:,} left out as certified with the brand's own domain"
            if s.own_certified else "",
            f", {s.raised_by_certificate:,} raised as certified with a look-alike"
            if s.raised_by_certificate else ""))
        to_service = "" if sent is None else f", {sent:,} sent to the service"
        click.echo(
            f"smishguard: watch: {counted(s.names, 'name')} read, {counted(s.hits, 'hit')}"
            f"{kits}{certificates}{to_service}, {counted(self.errors, 'error')} "
            f"({counted(s.invalid, 'not a host name', 'not host names')}, "
            f"{s.repeated:,} repeated)",
            err=True)


def _hit_line(hit: WatchHit, as_json: bool) -> str:
    if as_json:
        return hit.to_json()
    return f"{hit.domain}\t{hit.brand}\t{hit.kind.value}\t{hit.score:.2f}\t{hit.reason}"


@click.command("watch")
@policy_option
@click.argument("path", required=False)
@click.option("--format", "kind", type=click.Choice([k.value for k in SourceKind]),
              default=SourceKind.AUTO.value, show_default=True,
              help="Input kind; auto: ws:// → CertStream, .csv → CSV, '#separator' → a Zeek "
                   "log, '{' → JSON lines (at --column; else CertStream), else a list of "
                   "names (or a CSV with --column).")
@click.option("--ct-log", "ct_logs", metavar="URL", multiple=True,
              help="Follow a CT log, RFC 6962 or static CT (repeat to follow several).")
@click.option("--ct-log-list", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Follow every growing log of a browser's CT log list (Chrome's "
                   "log_list.json, v3).")
@click.option("--certstream", metavar="URL", help="Follow a live CertStream (ws:// or wss://).")
@click.option("--column", metavar="NAME",
              help="Where the names are: a CSV column, a Zeek field (default: query) or "
                   "JSON fields, dotted and comma-separated (dns.rrname,tls.sni).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit per line.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Append hits to FILE (default: standard output).")
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None,
              help="CT: JSON file keeping the next entry to read of each log (resume).")
@click.option("--ct-start", type=click.IntRange(min=0), default=None,
              help="CT: first entry of a log with no saved position (default: the log's "
                   "end).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=DEFAULT_BATCH,
              show_default=True,
              help="CT: entries per get-entries request (static CT: a tile, 256).")
@click.option("--ct-parallel", type=click.IntRange(1, 32), default=1, show_default=True,
              help="CT: requests in flight per log while it is behind (for distant or "
                   "busy logs).")
@click.option("--poll-interval", type=click.FloatRange(min=0), default=10.0,
              show_default=True, help="CT: seconds between polls of the tree head.")
@click.option("--once", is_flag=True,
              help="CT: read up to each log's current head, then stop.")
@click.option("--max-retries", type=click.IntRange(min=0), default=10, show_default=True,
              help="Failures in a row before giving up on a feed.")
@click.option("--forever", is_flag=True, help="Never give up on a feed (overrides --max-retries).")
@click.option("--backoff", "backoff_s", type=click.FloatRange(min=0), default=1.0,
              show_default=True, help="First wait before retrying a feed, in seconds; doubles.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None,
              help="Report imitations scoring at least this (default: the policy's "
                   "suspicious threshold).")
@click.option("--memory", type=click.IntRange(min=1), default=DEFAULT_MEMORY, show_default=True,
              help="Hosts remembered to report each once (bounds memory on endless feeds).")
@click.option("--kit-copies", type=click.IntRange(min=0), default=KIT_COPIES, show_default=True,
              help="Report a brand's name put in front of this many new domains named alike "
                   "(a kit's copies); 0: off.")
@click.option("--send", "send_url", metavar="URL",
              help="Also send each hit to a smishguard service at URL (POST /v1/domains), "
                   "with the ingest API key in SMISHGUARD_API_KEY.")
def watch_command(
    policy_path: Path | None, path: str | None, kind: str, ct_logs: tuple[str, ...],
    ct_log_list: Path | None, certstream: str | None, column: str | None, as_json: bool,
    output: Path | None, state_path: Path | None, ct_start: int | None, batch_size: int,
    ct_parallel: int, poll_interval: float, once: bool, max_retries: int, forever: bool,
    backoff_s: float, min_score: float | None, memory: int, kit_copies: int,
    send_url: str | None,
) -> None:
    """Report newly seen names that imitate a protected brand.

    PATH is a file of names ('-' or nothing: standard input; gzip, bzip2, xz and ZIP are
    detected), a CSV file with --column, a Zeek log (dns.log), JSON lines with --column
    (eve.json: dns.rrname), a file of CertStream JSON messages, or a ws:// CertStream URL. Or
    follow CT logs: --ct-log URL (repeatable) and --ct-log-list FILE.
    """
    backoff = Backoff(initial=backoff_s, maximum=max(60.0, backoff_s),
                      max_retries=None if forever else max_retries)
    if ct_log_list is not None:
        choice = logs_to_follow(_read_log_list(ct_log_list), datetime.now(UTC), str(ct_log_list))
        click.echo(f"smishguard: watch: {choice.describe()}", err=True)
        if choice.stale is not None:
            click.echo(f"smishguard: warning: {choice.stale}", err=True)
        ct_logs = (*ct_logs, *choice.urls)
    spec = SourceSpec(
        path=path, kind=SourceKind(kind), column=column, ct_logs=ct_logs, certstream=certstream,
        ct=CtReadOptions(state_path=state_path, start=ct_start, batch_size=batch_size,
                         poll_interval=poll_interval, polls=1 if once else None,
                         backoff=backoff, parallel=ct_parallel),
        backoff=backoff,
    )
    resolved = resolve(spec)
    if (state_path or ct_start is not None or once or ct_parallel > 1) and (
            resolved.kind != SourceKind.CT):  # fmt: skip
        raise InvalidInput("--state, --ct-start, --ct-parallel and --once apply to CT logs "
                           "(--ct-log URL)")
    if kit_copies == 1:
        raise InvalidInput("--kit-copies: a kit has 2 copies or more (0 turns it off)")
    # A feed that may never end: its hits are stamped and sent as they come, one at a time.
    live = resolved.live or (resolved.target == "-" and _is_endless(sys.stdin))
    policy = load_policy_option(policy_path)
    watch = Watch(_lookalike_index(policy), source=resolved.label, memory=memory,
                  min_score=policy.thresholds.suspicious if min_score is None else min_score,
                  kit_copies=kit_copies)
    with ExitStack() as stack:
        out: IO[str] = (
            stack.enter_context(_open_output(output)) if output is not None
            else sys.stdout
        )
        reporter = stack.enter_context(_Reporter(live=stderr_is_terminal()))
        sink = None if send_url is None else ServiceSink(
            send_url, os.environ.get(API_KEY_VARIABLE, ""), resolved.label, backoff,
            on_error=reporter.warn, batch=1 if live else SINK_BATCH)
        if sink is not None:
            stack.callback(sink.close)  # the last batch, before the summary
        names = stack.enter_context(
            closing(open_names(spec, reporter.warn, sys.stdin.buffer)))
        ended = False
        try:
            for hit in watch.run(reporter.counted(names, watch)):
                if live:
                    hit = _stamped(hit)
                out.write(_hit_line(hit, as_json) + "\n")
                out.flush()  # a hit on an endless feed must reach the reader now
                if sink is not None:
                    sink.add(hit.domain, hit.ct_entry, hit.certified_with)
                reporter.show(watch)
            ended = True
        finally:
            stack.close()
            # An input that failed before giving a name (no such file, no such column, a CT
            # log that never answered) says so in its one error line, without a summary.
            if ended or watch.summary.names or reporter.errors:
                reporter.summary(watch, None if sink is None else sink.sent)


def _read_log_list(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read the CT log list {path}: {exc.strerror or exc}") from exc


def _is_endless(stream: IO[str]) -> bool:
    """Whether standard input is a pipe, a socket or a terminal (``tail -F dns.log |``), which
    may never end, rather than a file."""
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):
        return False  # not a real descriptor (tests, embedding): read as a file
    return not stat.S_ISREG(mode)


def _stamped(hit: WatchHit) -> WatchHit:
    """The time a live feed showed the name: read here, at the edge, never in the core."""
    return replace(hit, seen_at=datetime.now(UTC).replace(microsecond=0))


def _open_output(path: Path) -> IO[str]:
    try:
        return path.open("a", encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from exc
