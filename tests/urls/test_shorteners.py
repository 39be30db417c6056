"""The shortener list and is_shortener_host."""

from __future__ import annotations

import pytest

from smishguard.domains.registrable import split_host
from smishguard.urls import is_shortener_host
from smishguard.urls.shorteners import SHORTENERS


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("bit.ly", True),
        ("BIT.LY", True),
        ("bit.ly.", True),
        ("www.bit.ly", True),
        ("maps.app.goo.gl", True),
        ("t.co", True),
        ("tinyurl.com", True),
        ("rb.gy", True),
        ("s.id", True),
        ("qrco.de", True),
        ("acortar.link", True),
        ("bit.ly.evil.com", False),
        ("notbit.ly", False),
        ("co", False),
        ("acme.com", False),
        ("", False),
    ],
)
def test_is_shortener_host(host: str, expected: bool) -> None:
    assert is_shortener_host(host) is expected


def test_list_has_about_a_hundred_services() -> None:
    assert len(SHORTENERS) >= 95


@pytest.mark.parametrize("host", sorted(SHORTENERS))
def test_each_entry_is_a_registrable_lower_case_name(host: str) -> None:
    parts = split_host(host)
    assert host == host.lower().strip()
    assert parts.suffix, f"{host} has no public suffix"
    assert parts.registrable_domain in (host, host.split(".", 1)[1]), parts
