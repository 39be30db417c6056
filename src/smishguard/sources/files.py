"""Open a name file or stdin (gzip or not) and read it as capped, checked lines.

Feeds of new domains arrive as big text files, often gzipped, sometimes damaged. Lines are
read in binary with a length cap, so one 10 MB line or a run of binary garbage costs a few
buffer reads and one warning instead of memory and a crash; every problem is reported
through ``on_error`` and reading goes on.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import BinaryIO

from smishguard.errors import InvalidInput

GZIP_MAGIC = b"\x1f\x8b"
# A host name is at most 253 characters; a URL in a list rarely passes 2 KiB.
MAX_LIST_LINE = 8 * 1024
_SKIP_CHUNK = 64 * 1024


def describe(path: str) -> str:
    """How a path is named in messages ('-' is standard input)."""
    return "standard input" if path == "-" else path


def _peekable(stream: BinaryIO) -> io.BufferedReader:
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream)  # type: ignore[arg-type]


@contextmanager
def open_binary(path: str, stdin: BinaryIO) -> Iterator[io.BufferedIOBase]:
    """The bytes of PATH ('-' for ``stdin``), gunzipped when they start with the gzip magic.

    Detection is by content, not by name, so ``feed.txt`` that is really gzip works and
    ``feed.gz`` that is plain text does too.
    """
    if path == "-":
        raw = _peekable(stdin)
        yield gzip.GzipFile(fileobj=raw, mode="rb") if _is_gzip(raw) else raw
        return
    with ExitStack() as stack:
        try:
            handle = stack.enter_context(Path(path).open("rb"))
        except FileNotFoundError as exc:
            raise InvalidInput(f"file {path} does not exist") from exc
        except IsADirectoryError as exc:
            raise InvalidInput(f"{path} is a directory; give a file") from exc
        except OSError as exc:
            raise InvalidInput(f"cannot read {path}: {exc.strerror}") from exc
        if _is_gzip(handle):
            yield stack.enter_context(gzip.GzipFile(fileobj=handle, mode="rb"))
        else:
            yield handle


def _is_gzip(stream: io.BufferedReader) -> bool:
    return stream.peek(2)[:2] == GZIP_MAGIC


def first_byte(stream: io.BufferedIOBase) -> bytes:
    """The first byte that is not white space or a UTF-8 BOM, without consuming anything."""
    return _head(stream)[:1]


def starts_with(stream: io.BufferedIOBase, prefix: bytes) -> bool:
    """Whether the input begins (after white space or a UTF-8 BOM) with ``prefix``, without
    consuming anything."""
    return _head(stream).startswith(prefix)


def _head(stream: io.BufferedIOBase) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is None:
        return b""
    head: bytes = peek(512)
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()


def capped_lines(
    stream: io.BufferedIOBase, where: str, on_error: Callable[[str], None], max_bytes: int
) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line of at most ``max_bytes`` that is valid UTF-8.

    Longer lines and undecodable lines are reported (with their number) and skipped; a
    truncated or corrupt gzip stream is reported and ends the file. Line ends are removed.
    """
    number = 0
    while True:
        try:
            line = stream.readline(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            on_error(f"{where}: unreadable after line {number} ({exc}); rest of input skipped")
            return
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            on_error(f"{where}: line {number} is longer than {max_bytes} bytes; skipped")
            if not _skip_rest_of_line(stream, where, number, on_error):
                return
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            on_error(f"{where}: line {number} is not UTF-8 (bad byte at column "
                     f"{exc.start + 1}); skipped")
            continue
        if number == 1:
            text = text.removeprefix("\ufeff")
        yield number, text.rstrip("\r\n")


def _skip_rest_of_line(
    stream: io.BufferedIOBase, where: str, number: int, on_error: Callable[[str], None]
) -> bool:
    """Read to the end of an over-long line; False when the input ended or broke first."""
    while True:
        try:
            chunk = stream.readline(_SKIP_CHUNK)
        except (OSError, EOFError, zlib.error) as exc:
            on_error(f"{where}: unreadable in line {number} ({exc}); rest of input skipped")
            return False
        if not chunk:
            return False
        if chunk.endswith(b"\n"):
            return True
