"""Host normalisation: IDNA both ways with fallbacks, WHATWG IPv4 numbers, IPv6."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.urls.hosts import (
    HostName,
    ends_in_number,
    is_dotted_quad,
    normalise_host,
    normalise_ipv6,
    parse_ipv4,
    to_ascii,
    to_unicode,
)


@pytest.mark.parametrize(
    ("name", "ascii_name"),
    [
        ("Acme.COM", "acme.com"),
        ("аcme.com", "xn--cme-5cd.com"),
        ("bücher.de", "xn--bcher-kva.de"),
        ("ＡＣＭＥ.com", "acme.com"),  # UTS 46 maps full-width letters
        ("acme\u00ad.com", "acme.com"),  # soft hyphen is ignored
        ("ac\u200dme.com", "acme.com"),  # IDNA 2008 rejects the joiner; IDNA 2003 drops it
        ("bü_cher.de", "xn--b_cher-3ya.de"),  # IDNA 2008 rejects '_'; IDNA 2003 keeps it
        ("a_b.com", "a_b.com"),
        ("\u200b.com", "xn--zug.com"),  # nothing accepts a label of ignorables: raw Punycode
    ],
)
def test_to_ascii(name: str, ascii_name: str) -> None:
    assert to_ascii(name) == ascii_name


@pytest.mark.parametrize(
    ("ascii_name", "unicode_name"),
    [
        ("acme.com", "acme.com"),
        ("xn--cme-5cd.com", "аcme.com"),
        ("xn--bcher-kva.de", "bücher.de"),
        ("www.xn--bcher-kva.xn--p1ai", "www.bücher.рф"),
        ("xn--zz.com", "xn--zz.com"),  # invalid Punycode stays as written
        ("xn--b_cher-3ya.de", "bü_cher.de"),  # not IDNA 2008, still Punycode
    ],
)
def test_to_unicode(ascii_name: str, unicode_name: str) -> None:
    assert to_unicode(ascii_name) == unicode_name


@given(st.text(max_size=80))
def test_to_ascii_never_raises_and_is_ascii_lower_case(name: str) -> None:
    ascii_name = to_ascii(name)
    assert ascii_name.isascii()
    assert ascii_name == ascii_name.lower()
    to_unicode(ascii_name)


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("192.168.1.1", "192.168.1.1"),
        ("0x7f000001", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x", "0.0.0.0"),
        ("4294967295", "255.255.255.255"),
        ("4294967296", None),
        ("256.1.1.1", None),
        ("1.2.3.4.5", None),
        ("08.1.1.1", None),  # 08 is octal, and 8 is not an octal digit
        ("1..1", None),
        ("acme.com", None),
    ],
)
def test_parse_ipv4(host: str, address: str | None) -> None:
    assert parse_ipv4(host) == address


@pytest.mark.parametrize(
    ("host", "expected"),
    [("acme.123", True), ("acme.0x1F", True), ("acme.0x", True), ("acme.com", False)],
)
def test_ends_in_number(host: str, expected: bool) -> None:
    assert ends_in_number(host) is expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("10.0.0.1", True),
        ("1.2.3.4", True),
        ("1.2.3", False),
        ("1.2.3.256", False),
        ("1.2.3.0x4", False),
        ("1.2.3.1234", False),
    ],
)
def test_is_dotted_quad(host: str, expected: bool) -> None:
    assert is_dotted_quad(host) is expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Acme.com", HostName("acme.com", "acme.com")),
        ("bücher.de", HostName("xn--bcher-kva.de", "bücher.de")),
        ("0x7f000001", HostName("127.0.0.1", "127.0.0.1", is_ip=True)),
        ("acme.999", None),  # ends in a number, so an address, and not a valid one
        ("a" * 64 + ".com", None),
        ("a." * 127 + "com", None),
        ("-.com", None),
        ("", None),
    ],
)
def test_normalise_host(written: str, expected: HostName | None) -> None:
    assert normalise_host(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [("2001:DB8:0::1", "2001:db8::1"), ("::1", "::1"), ("1:2:3", None), ("zz::1", None)],
)
def test_normalise_ipv6(written: str, expected: str | None) -> None:
    host = normalise_ipv6(written)
    assert (host.ascii if host else None) == expected
