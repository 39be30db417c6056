"""The rules for names written without a scheme."""

from __future__ import annotations

import pytest

from smishguard.domains.registrable import split_host
from smishguard.urls.bare_names import (
    COMMON_TLDS,
    Cue,
    address_counts_as_link,
    counts_as_link,
    might_count_as_link,
)
from smishguard.urls.hosts import to_ascii
from smishguard.urls.shorteners import is_shortener_host


def judge(written: str, cue: Cue) -> bool:
    ascii_name = to_ascii(written)
    return counts_as_link(
        written, split_host(ascii_name), cue, is_shortener=is_shortener_host(ascii_name)
    )


@pytest.mark.parametrize("tld", sorted(COMMON_TLDS))
def test_common_tlds_are_public_suffixes(tld: str) -> None:
    assert split_host(f"example.{tld}").suffix == tld


@pytest.mark.parametrize(
    ("written", "cue", "expected"),
    [
        # nothing but the name
        ("acme.com", Cue.NONE, True),
        ("acme-okta.com", Cue.NONE, True),
        ("ACME.COM", Cue.NONE, True),
        ("Acme.com", Cue.NONE, True),
        ("acme.co.uk", Cue.NONE, True),
        ("music.nokia.co.in", Cue.NONE, True),  # two-label suffix
        ("acme-okta.it", Cue.NONE, True),  # hyphen
        ("t.co", Cue.NONE, True),  # shortener, one-letter name
        ("home.Call", Cue.NONE, False),  # glued sentence
        ("ACME.Com", Cue.NONE, False),
        ("hi.how", Cue.NONE, False),  # word-like gTLD
        ("pain.it", Cue.NONE, False),  # word-like ccTLD
        ("correos.es", Cue.NONE, False),
        ("u.com", Cue.NONE, False),  # one-letter name
        ("ü.com", Cue.NONE, False),  # one letter, though "xn--tda" is seven
        ("bücher.it", Cue.NONE, False),  # the hyphen of "xn--bcher-kva" is not written
        ("bü-cher.it", Cue.NONE, True),
        ("ok.lor", Cue.NONE, False),  # not a suffix
        ("gov.uk", Cue.NONE, False),  # a public suffix itself
        # a path
        ("hi.how", Cue.PATH, True),
        ("x.com", Cue.PATH, True),
        ("t.me", Cue.PATH, True),
        ("gov.uk", Cue.PATH, True),
        ("home.Call", Cue.PATH, False),
        # spelled-out dot
        ("acme-okta.com", Cue.SPELLED, True),
        ("the.com", Cue.SPELLED, False),
        ("THE.COM", Cue.SPELLED, False),
        ("acme.how", Cue.SPELLED, False),
        # www., bracketed dot or port
        ("www.acme.how", Cue.MARKED, True),
        ("acme.local", Cue.MARKED, False),
        ("www.acme.com.Call", Cue.MARKED, False),
    ],
)
def test_counts_as_link(written: str, cue: Cue, expected: bool) -> None:
    assert judge(written, cue) is expected


@pytest.mark.parametrize(
    ("written", "cue"),
    [
        ("acme.com", Cue.NONE),
        ("acme-okta.it", Cue.NONE),
        ("acme.co.uk", Cue.NONE),
        ("music.nokia.co.in", Cue.NONE),
        ("t.co", Cue.NONE),
        ("acme-okta.com", Cue.SPELLED),
        ("hi.how", Cue.PATH),
        ("www.acme.how", Cue.MARKED),
    ],
)
def test_quick_check_never_drops_a_link(written: str, cue: Cue) -> None:
    assert judge(written, cue)
    assert might_count_as_link(written, cue)


@pytest.mark.parametrize(
    ("written", "cue", "expected"),
    [
        ("103.208.86.96", Cue.NONE, True),
        ("10.0.0.1", Cue.NONE, True),
        ("1.2.3.4", Cue.NONE, False),
        ("1.2.3.4", Cue.PATH, True),
        ("1.2.3.4", Cue.MARKED, True),
        ("01.2.3.4", Cue.NONE, False),
        ("0x7f000001", Cue.PATH, False),  # only plain dotted quads, without a scheme
        ("127.1", Cue.PATH, False),
    ],
)
def test_address_counts_as_link(written: str, cue: Cue, expected: bool) -> None:
    assert address_counts_as_link(written, cue) is expected
