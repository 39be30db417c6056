"""Open a name file or stdin (compressed or not) and read it as capped, checked lines.

Feeds of new domains arrive as big text files, often compressed (gzip, bzip2, xz, or a ZIP
archive as newly-registered-domain lists come), sometimes damaged. Lines are read in binary
with a length cap, so one 10 MB line or a run of binary garbage costs a few buffer reads and
one warning instead of memory and a crash; every problem is reported through ``on_error``
and reading goes on.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

from smishguard.errors import InvalidInput

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12

GZIP_MAGIC = b"\x1f\x8b"
BZIP2_MAGIC = b"BZh"  # then the block size, a digit 1-9
XZ_MAGIC = b"\xfd7zXZ\x00"
ZIP_MAGIC = b"PK\x03\x04"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
# What a compressed stream raises, once open, on damaged or truncated data.
READ_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, zipfile.BadZipFile)
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
    """The bytes of PATH ('-' for ``stdin``), decompressed when they start with the magic
    bytes of gzip, bzip2 or xz; a ZIP archive gives its files one after another.

    Detection is by content, not by name, so ``feed.txt`` that is really gzip works and
    ``feed.gz`` that is plain text does too.
    """
    with ExitStack() as stack:
        raw = _peekable(stdin) if path == "-" else _open_file(path, stack)
        yield _decompressed(raw, describe(path), stack)


def _open_file(path: str, stack: ExitStack) -> io.BufferedReader:
    try:
        handle: io.BufferedReader = stack.enter_context(
            Path(path).open("rb"))  # noqa: SIM115 - the caller's stack closes it
    except FileNotFoundError as exc:
        raise InvalidInput(f"file {path} does not exist") from exc
    except IsADirectoryError as exc:
        raise InvalidInput(f"{path} is a directory; give a file") from exc
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from exc
    return handle


def _decompressed(raw: io.BufferedReader, where: str, stack: ExitStack) -> io.BufferedIOBase:
    head = raw.peek(len(XZ_MAGIC))[: len(XZ_MAGIC)]
    if head.startswith(GZIP_MAGIC):
        return stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb"))
    if head.startswith(BZIP2_MAGIC) and head[3:4].isdigit() and head[3:4] != b"0":
        return stack.enter_context(bz2.BZ2File(raw))
    if head.startswith(XZ_MAGIC):
        return stack.enter_context(lzma.LZMAFile(raw))
    if head.startswith(ZIP_MAGIC):
        return _zip_files(raw, where, stack)
    if head.startswith(ZSTD_MAGIC):
        raise InvalidInput(f"{where} is zstd-compressed, which smishguard does not read; "
                           f"decompress it into the watch: zstd -dc FILE | smishguard watch -")
    return raw


def _zip_files(raw: io.BufferedReader, where: str, stack: ExitStack) -> io.BufferedReader:
    """The files of a ZIP archive as one stream (standard input is spooled to a temporary
    file first: an archive is read from its end)."""
    source: BinaryIO = raw
    if not raw.seekable():
        source = stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 - as above
        shutil.copyfileobj(raw, source)
        source.seek(0)
    try:
        archive = stack.enter_context(zipfile.ZipFile(source))
    except (zipfile.BadZipFile, EOFError) as exc:
        raise InvalidInput(f"{where} is not a readable ZIP archive ({exc})") from exc
    files = [info for info in archive.infolist() if not info.is_dir()]
    if not files:
        raise InvalidInput(f"{where}: the ZIP archive holds no file")
    for info in files:
        if info.flag_bits & 0x1:
            raise InvalidInput(f"{where}: {info.filename} in the ZIP archive is encrypted; "
                               f"extract it first and give the watch the file")
        if info.compress_type not in _ZIP_METHODS:
            raise InvalidInput(f"{where}: {info.filename} in the ZIP archive is compressed "
                               f"with a method Python's zipfile does not read "
                               f"({info.compress_type}); extract it first")
    return io.BufferedReader(_ZipFiles(archive, files), buffer_size=1 << 16)


class _ZipFiles(io.RawIOBase):
    """The files of an archive read one after another, each ending its last line."""

    def __init__(self, archive: zipfile.ZipFile, files: list[zipfile.ZipInfo]) -> None:
        super().__init__()
        self._archive = archive
        self._files = files[::-1]  # popped from the end: the archive's order
        self._current: IO[bytes] | None = None
        self._ended_line = True

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Buffer) -> int:
        out = memoryview(buffer).cast("B")
        while True:
            current = self._current
            if current is None:
                if not self._files:
                    return 0
                current = self._current = self._archive.open(self._files.pop())
                self._ended_line = True
            data = current.read(len(out))
            if data:
                out[: len(data)] = data
                self._ended_line = data.endswith(b"\n")
                return len(data)
            current.close()
            self._current = None
            if not self._ended_line:  # a file whose last line has no line end
                out[0] = ord("\n")
                self._ended_line = True
                return 1


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
        except READ_ERRORS as exc:
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
        except READ_ERRORS as exc:
            on_error(f"{where}: unreadable in line {number} ({exc}); rest of input skipped")
            return False
        if not chunk:
            return False
        if chunk.endswith(b"\n"):
            return True
