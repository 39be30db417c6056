"""The safe-name gate every domain export goes through."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.intel.names import MAX_NAME_LENGTH, ascii_domain, domain_problem, is_dns_name


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("acme-okta.com", "acme-okta.com"),
        ("  Acme-OKTA.Com.  ", "acme-okta.com"),  # blanks, case and the root dot go
        ("аcme.com", "xn--cme-5cd.com"),  # Cyrillic а → Punycode
        ("日本.jp", "xn--wgv71a.jp"),
        ("evil\u200b.com", "evil.com"),  # zero-width space is ignored by UTS #46
        ("ACME.ＣＯＭ", "acme.com"),  # full-width letters map to ASCII
        ("", ""),
    ],
)
def test_ascii_domain(written: str, expected: str) -> None:
    assert ascii_domain(written) == expected


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("acme-okta.com", ""),
        ("login.acme-okta.co.uk", ""),
        ("x_y.pages.dev", ""),  # underscores occur in hosting names
        ("evil.local", ""),  # no known suffix, still two labels
        ("", "not a domain name"),
        ("com", "single label"),
        ("co.uk", "public suffix"),
        ("github.io", "public suffix"),  # PSL private section: a shared platform
        ("1.2.3.4", "IP address"),
        ("evil.rpz-ip", "rpz-"),
        ("evil.rpz-nsdname", "rpz-"),
        ("a..com", "a label is empty"),
        ("bad name.com", "a-z 0-9"),
        ("semi;colon.com", "a-z 0-9"),
        ("*.acme.com", "a-z 0-9"),
        ("x" * 64 + ".com", "longer than 63"),
        (("a" * 60 + ".") * 5 + "com", f"longer than {MAX_NAME_LENGTH}"),
    ],
)
def test_domain_problem(name: str, problem: str) -> None:
    found = domain_problem(name)
    assert (found == "") if not problem else (problem in found)


@given(st.text(max_size=300))
def test_accepted_names_are_plain_dns_names(written: str) -> None:
    name = ascii_domain(written)
    if not domain_problem(name):
        assert is_dns_name(name)
        assert name.isascii()
        assert name == name.lower()
        assert "." in name
        assert ascii_domain(name) == name  # idempotent
