"""Plain name lists: files, stdin, compression by magic bytes, and lines that must not stop a
run."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.errors import InvalidInput
from smishguard.sources.files import capped_lines, open_binary
from smishguard.sources.lists import host_of, list_names, name_on_line


@pytest.mark.parametrize(("line", "expected"), [
    ("acme-okta.com", "acme-okta.com"),
    ("  ACME-OKTA.COM.  ", "ACME-OKTA.COM."),  # case and dots are the pipeline's job
    ("acme-okta.com # registered 09:14", "acme-okta.com"),
    ("# a comment", ""),
    ("   ", ""),
    ("https://sso.acme-okta.com/login?x=1", "sso.acme-okta.com"),
    ("hxxps://acme-okta.com", "acme-okta.com"),
    ("http://User@Acme-VPN.net:8443/", "acme-vpn.net"),
    ("acme-okta.com/login", "acme-okta.com"),
    ("acme-okta.com:443", "acme-okta.com"),
    ("0.0.0.0 acme-okta.com", "acme-okta.com"),
    ("127.0.0.1\tacme-okta.com  # hosts file", "acme-okta.com"),
    ("acme-okta.com 2026-01-01 registrar", "acme-okta.com"),
    ("2024-10-12T20:01:09Z\tadmin-acme.serv00.net\thttps://admin-acme.serv00.net/x.php",
     "admin-acme.serv00.net"),
    ("::1 localhost", "localhost"),
    ("1.2.3.4 5.6.7.8", "1.2.3.4"),
    ("*.acme-okta.com", "*.acme-okta.com"),
    ("https://", ""),
    # Squid's native access.log: a time, then the URL (or CONNECT's host:port) further on
    ("1767225600.779    180 10.0.0.5 TCP_MISS/200 411 GET https://acme-okta.com/login - "
     "HIER_DIRECT/203.0.113.7 text/html", "acme-okta.com"),
    ("1767225600.781 12 10.0.0.5 TCP_TUNNEL/200 3900 CONNECT okta-acme.com:443 - "
     "HIER_DIRECT/203.0.113.8 -", "okta-acme.com"),
])
def test_name_on_line(line: str, expected: str) -> None:
    assert name_on_line(line) == expected


def test_malformed_url_raises_value_error() -> None:
    with pytest.raises(ValueError, match="IPv6"):
        host_of("http://[::1/x")


@given(st.text(max_size=200))
def test_name_on_line_never_fails_but_with_value_error(line: str) -> None:
    try:
        name = name_on_line(line)
    except ValueError:
        return
    assert "#" not in name
    assert not any(c.isspace() for c in name)


def names(data: bytes, max_line: int = 8192) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    found = list(list_names(io.BufferedReader(io.BytesIO(data)), "feed.txt", errors.append,
                            max_line))
    return found, errors


def test_list_reads_names_and_skips_blanks_and_comments() -> None:
    data = b"\xef\xbb\xbf# new today\nacme-okta.com\r\n\n  okta-acme.com  \nhttps://acme-vpn.net/\n"
    assert names(data) == (["acme-okta.com", "okta-acme.com", "acme-vpn.net"], [])


def test_last_line_without_newline_is_read() -> None:
    assert names(b"a.com\nb.com") == (["a.com", "b.com"], [])


def test_bad_lines_are_reported_with_their_number_and_skipped() -> None:
    data = b"a.com\n\xff\xfe\x00garbage\nb.com\nhttp://[::1/\nc.com\n"
    found, errors = names(data)
    assert found == ["a.com", "b.com", "c.com"]
    assert len(errors) == 2
    assert "line 2 is not UTF-8" in errors[0]
    assert "line 4" in errors[1]
    assert "host name" in errors[1]


def test_huge_line_is_reported_and_skipped_quickly() -> None:
    data = b"a.com\n" + b"x" * (10 * 1024 * 1024) + b"\nb.com\n" + b"y" * 9000
    started = time.perf_counter()
    found, errors = names(data)
    elapsed = time.perf_counter() - started
    assert found == ["a.com", "b.com"]
    assert errors == ["feed.txt: line 2 is longer than 8192 bytes; skipped",
                      "feed.txt: line 4 is longer than 8192 bytes; skipped"]
    assert elapsed < 1.0


def test_line_of_exactly_the_cap_is_kept() -> None:
    name = "a" * 60 + ".com"
    found, errors = names(name.encode() + b"\n", max_line=len(name) + 1)
    assert (found, errors) == ([name], [])


@pytest.mark.parametrize("filename", ["feed.txt", "feed.gz", "feed.txt.gz", "feed"])
@pytest.mark.parametrize("zipped", [False, True])
def test_gzip_is_detected_by_magic_bytes_not_name(tmp_path: Path, filename: str,
                                                   zipped: bool) -> None:
    body = b"acme-okta.com\nokta-acme.com\n"
    path = tmp_path / filename
    path.write_bytes(gzip.compress(body) if zipped else body)
    errors: list[str] = []
    with open_binary(str(path), io.BytesIO()) as stream:
        assert list(list_names(stream, str(path), errors.append)) == [
            "acme-okta.com", "okta-acme.com"]
    assert errors == []


@pytest.mark.parametrize("zipped", [False, True])
def test_stdin_is_read_with_dash(zipped: bool) -> None:
    body = b"acme-okta.com\n"
    stdin = io.BytesIO(gzip.compress(body) if zipped else body)
    with open_binary("-", stdin) as stream:
        assert list(list_names(stream, "standard input", print)) == ["acme-okta.com"]


def zipped(*files: tuple[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP archive of ``files`` (name, content), as a newly-registered-domain feed sends."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as archive:
        for name, body in files:
            archive.writestr(name, body)
    return out.getvalue()


COMPRESSORS = {
    "gzip": gzip.compress, "bzip2": bz2.compress, "xz": lzma.compress,
    "zip": lambda body: zipped(("domain-names.txt", body)),
    "zip of bzip2": lambda body: zipped(("domain-names.txt", body), method=zipfile.ZIP_BZIP2),
}


@pytest.mark.parametrize("kind", sorted(COMPRESSORS))
@pytest.mark.parametrize("from_stdin", [False, True])
def test_compressed_files_and_archives_are_read(tmp_path: Path, kind: str,
                                                from_stdin: bool) -> None:
    body = b"".join(b"name%d.com\n" % i for i in range(20000))
    data = COMPRESSORS[kind](body)
    path = tmp_path / "2026-11-29.dat"  # no telling name: the magic bytes decide
    path.write_bytes(data)
    errors: list[str] = []
    # stdin is a pipe, which cannot seek: a ZIP archive is spooled first
    stdin = io.BufferedReader(io.BytesIO(data)) if from_stdin else io.BytesIO()
    stdin.seekable = lambda: False  # type: ignore[method-assign]
    with open_binary("-" if from_stdin else str(path), stdin) as stream:
        found = list(list_names(stream, "feed", errors.append))
    assert (len(found), found[0], found[-1], errors) == (20000, "name0.com", "name19999.com", [])


def test_a_zip_archives_files_are_read_one_after_another(tmp_path: Path) -> None:
    path = tmp_path / "nrd.zip"
    path.write_bytes(zipped(("a.txt", b"acme-okta.com\nokta-acme.com"),  # no last line end
                            ("dir/", b""), ("b.txt", b"acme-vpn.net\n")))
    with open_binary(str(path), io.BytesIO()) as stream:
        assert list(list_names(stream, "nrd.zip", print)) == [
            "acme-okta.com", "okta-acme.com", "acme-vpn.net"]


@pytest.mark.parametrize("compress", [gzip.compress,
                                      lambda body: bz2.compress(body, 1),  # 100 kB blocks
                                      lzma.compress], ids=["gzip", "bzip2", "xz"])
def test_a_truncated_compressed_file_is_reported_and_ends(
        tmp_path: Path, compress: Callable[[bytes], bytes]) -> None:
    data = compress(b"".join(b"name%d.com\n" % i for i in range(50000)))
    path = tmp_path / "cut"
    path.write_bytes(data[: len(data) // 2])
    errors: list[str] = []
    with open_binary(str(path), io.BytesIO()) as stream:
        found = list(list_names(stream, "cut", errors.append))
    assert 0 < len(found) < 50000
    assert found[0] == "name0.com"
    assert len(errors) == 1
    assert "unreadable after line" in errors[0]


def test_a_damaged_file_in_a_zip_archive_is_reported_and_ends_it(tmp_path: Path) -> None:
    body = b"".join(b"name%d.com\n" % i for i in range(50000))
    data = bytearray(zipped(("domain-names.txt", body), method=zipfile.ZIP_STORED))
    data[len(data) // 2] ^= 0xFF  # the stored bytes no longer match their CRC
    path = tmp_path / "nrd.zip"
    path.write_bytes(bytes(data))
    errors: list[str] = []
    with open_binary(str(path), io.BytesIO()) as stream:
        found = list(list_names(stream, "nrd.zip", errors.append))
    assert len(found) > 1000
    assert len(errors) >= 1
    assert "Bad CRC-32" in errors[-1]


def _encrypted(data: bytes) -> bytes:
    """The archive with its file marked encrypted (zipfile writes no encrypted files)."""
    at = data.index(b"PK\x01\x02")  # the central directory's entry: flags at +8
    return data[: at + 8] + b"\x01" + data[at + 9 :]


def _deflate64(data: bytes) -> bytes:
    """The archive with its file's method said to be Deflate64 (9), which zipfile lacks."""
    at = data.index(b"PK\x01\x02")  # the method at +10
    return data[: at + 10] + b"\x09" + data[at + 11 :]


@pytest.mark.parametrize(("data", "message"), [
    (zipped(("a.txt", b"acme-okta.com\n"))[:-30], "is not a readable ZIP archive"),
    (zipped(("empty/", b"")), "the ZIP archive holds no file"),
    (_encrypted(zipped(("a.txt", b"acme-okta.com\n"))), "a.txt in the ZIP archive is encrypted"),
    (_deflate64(zipped(("a.txt", b"acme-okta.com\n"))), "with a method Python's zipfile"),
    (b"\x28\xb5\x2f\xfd" + bytes(20), "is zstd-compressed, which smishguard does not read"),
])
def test_archives_that_cannot_be_read_raise_invalid_input(tmp_path: Path, data: bytes,
                                                          message: str) -> None:
    path = tmp_path / "feed"
    path.write_bytes(data)
    with pytest.raises(InvalidInput, match=message), open_binary(str(path), io.BytesIO()):
        pass


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p / "missing.txt", "does not exist"),
    (lambda p: p, "is a directory"),
])
def test_unopenable_files_raise_invalid_input(tmp_path: Path, make: object,
                                              message: str) -> None:
    assert callable(make)
    with pytest.raises(InvalidInput, match=message), open_binary(str(make(tmp_path)),
                                                                 io.BytesIO()):
        pass


@given(st.binary(max_size=2000))
def test_capped_lines_never_raise_and_never_exceed_the_cap(data: bytes) -> None:
    errors: list[str] = []
    lines = list(capped_lines(io.BytesIO(data), "x", errors.append, 64))
    assert all(len(text.encode()) <= 64 for _, text in lines)
    numbers = [n for n, _ in lines]
    assert numbers == sorted(set(numbers))
