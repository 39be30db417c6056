"""RFC 6962 entries built from real certificates and precertificates."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from watch_servers import cert_entry, make_certificate, precert_entry, precert_leaf, x509_leaf

from smishguard.sources.ct_entries import EntryType, names_in_entry, parse_leaf


def test_x509_entry_gives_cn_then_san_names_once() -> None:
    entry = cert_entry(["acme-okta.com", "www.acme-okta.com", "*.acme-okta.com"],
                       cn="acme-okta.com")
    assert names_in_entry(entry.leaf_input, entry.extra_data) == (
        "acme-okta.com", "www.acme-okta.com", "*.acme-okta.com")


def test_precert_entry_reads_the_precertificate_in_extra_data() -> None:
    entry = precert_entry(["okta-acme.com", "sso.okta-acme.com"])
    header = parse_leaf(entry.leaf_input)
    assert header.entry_type == EntryType.PRECERT
    assert header.tbs_der  # the TBS is there, but names come from extra_data
    assert names_in_entry(entry.leaf_input, entry.extra_data) == (
        "okta-acme.com", "sso.okta-acme.com")


def test_cn_only_certificate() -> None:
    entry = cert_entry([], cn="legacy.example.org")
    assert names_in_entry(entry.leaf_input, entry.extra_data) == ("legacy.example.org",)


def test_timestamp_is_read() -> None:
    leaf = x509_leaf(make_certificate(["a.example"]), timestamp_ms=1234)
    assert parse_leaf(leaf).timestamp_ms == 1234


@pytest.mark.parametrize(("leaf", "message"), [
    (b"", "truncated version"),
    (b"\x01\x00" + bytes(10), "version 1"),
    (b"\x00\x01" + bytes(10), "leaf type 1"),
    (b"\x00\x00" + bytes(8) + b"\x00\x07", "entry type 7"),
    (b"\x00\x00" + bytes(8) + b"\x00\x00\x00\x10\x00abc", "truncated certificate"),
    (b"\x00\x00" + bytes(8) + b"\x00\x00\x00\x00\x03abc", "unreadable certificate"),
])
def test_broken_leaves_raise_value_error(leaf: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        names_in_entry(leaf, b"")


def test_precert_with_broken_extra_data_raises_value_error() -> None:
    leaf = precert_leaf(make_certificate(["a.example"]).tbs_certificate_bytes)
    with pytest.raises(ValueError, match="truncated precertificate"):
        names_in_entry(leaf, b"\x00\x01")


@given(st.binary(max_size=300), st.binary(max_size=50))
def test_garbage_raises_only_value_error(leaf: bytes, extra: bytes) -> None:
    with contextlib.suppress(ValueError):
        names_in_entry(leaf, extra)
