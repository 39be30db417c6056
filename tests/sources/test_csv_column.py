"""A column of a CSV file."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.errors import InvalidInput
from smishguard.sources.csv_column import csv_names


def read(data: bytes, column: str = "domain", max_line: int = 65536) -> tuple[list[str],
                                                                               list[str]]:
    errors: list[str] = []
    found = list(csv_names(io.BytesIO(data), "new.csv", column, errors.append, max_line))
    return found, errors


def test_reads_the_named_column_with_quotes_and_urls() -> None:
    data = (b"registered,Domain,registrar\n"
            b"2026-01-01,acme-okta.com,Namecheap\n"
            b'2026-01-01,"https://okta-acme.com/x,y",NameSilo\n'
            b"2026-01-02,,GoDaddy\n"
            b'2026-01-02,acme-vpn.net,"multi\nline registrar"\n')
    assert read(data) == (["acme-okta.com", "okta-acme.com", "acme-vpn.net"], [])


def test_exact_header_wins_over_case_folded() -> None:
    data = b"DOMAIN,domain\na.com,b.com\n"
    assert read(data)[0] == ["b.com"]
    assert read(data, "Domain")[0] == ["a.com"]


def test_missing_column_names_the_columns() -> None:
    with pytest.raises(InvalidInput, match=r"no column 'host' \(columns: name, domain\)"):
        read(b"name,domain\nx,a.com\n", "host")


def test_empty_file_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        read(b"")


def test_bad_rows_are_reported_and_skipped() -> None:
    data = (b"id,domain\n"
            b"1,a.com\n"
            b"2\n"
            b"3,\xff\xfebad\n"
            b"4," + b"x" * 300 + b"\n"
            b"5,http://[::1\n"
            b"6,b.com\n")
    found, errors = read(data, max_line=200)
    assert found == ["a.com", "b.com"]
    assert [e.split(":")[1].strip() for e in errors] == [
        "row at line 3 has no 'domain' field; skipped",
        "line 4 is not UTF-8 (bad byte at column 3); skipped",
        "line 5 is longer than 200 bytes; skipped",
        "line 6",
    ]


@given(st.binary(max_size=400))
def test_any_bytes_after_a_good_header_never_raise(data: bytes) -> None:
    found, _ = read(b"domain,x\n" + data, max_line=100)
    assert all(name == name.strip() and name for name in found)
