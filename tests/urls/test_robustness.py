"""extract_urls never raises, keeps its invariants, and stays linear on hostile input."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smishguard.domains.registrable import split_host
from smishguard.urls import MAX_URLS, extract_urls
from smishguard.urls.bare_names import Cue, counts_as_link, might_count_as_link
from smishguard.urls.hosts import to_ascii
from smishguard.urls.shorteners import is_shortener_host

# Pieces that make links, near-links and traps, glued at random.
PIECES = [
    "http",
    "https",
    "hxxps",
    "ftp",
    "://",
    "[:]//",
    "[://]",
    "//",
    ":",
    "/",
    "?",
    "#",
    "@",
    ".",
    "[.]",
    "(.)",
    "{.}",
    "[dot]",
    " dot ",
    "。",
    "．",
    " ",
    "\n",
    "(",
    ")",
    "[",
    "]",
    '"',
    "'",
    ",",
    "!",
    "-",
    "_",
    "www",
    "acme",
    "okta",
    "com",
    "co",
    "uk",
    "es",
    "how",
    "Call",
    "xn--bcher-kva",
    "bücher",
    "аcme",
    "\u200b",
    "\u0301",
    "8443",
    "99999",
    "192",
    "168",
    "0x7f000001",
    "1",
    "2",
    "[2001:db8::1]",
    "bit",
    "ly",
    "lor",
    "e.g.",
    "a",
]
texts_of_pieces = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def check_invariants(text: str) -> None:
    found = extract_urls(text)
    assert len(found) <= MAX_URLS
    assert len({u.url for u in found}) == len(found)
    previous_start = -1
    for url in found:
        assert text[url.start : url.end] == url.raw
        assert url.raw
        assert url.start > previous_start
        previous_start = url.start
        assert url.host
        assert url.host.isascii()
        assert url.host == url.host.lower()
        assert not url.host.endswith(".")
        assert url.url.startswith(("http://", "https://", "ftp://", "ftps://"))
        if url.is_ip:
            assert url.registrable_domain == ""
        if url.registrable_domain:
            assert url.host.endswith(url.registrable_domain)


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    check_invariants(text)


@settings(max_examples=300)
@given(texts_of_pieces)
def test_invariants_on_link_like_text(text: str) -> None:
    check_invariants(text)


@settings(max_examples=300)
@given(texts_of_pieces)
def test_extracting_the_normalised_links_again_gives_the_same_hosts(text: str) -> None:
    hosts = [u.host for u in extract_urls(text)]
    again = extract_urls(" ".join(u.url for u in extract_urls(text)))
    assert [u.host for u in again] == hosts


@given(
    st.lists(
        st.sampled_from(["acme", "a", "b-c", "x1", "www", "co", "ok", "bücher"]),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(["com", "uk", "co.uk", "it", "how", "lor", "es", "Com", "COM", "ly"]),
    st.sampled_from(list(Cue)),
)
def test_quick_check_is_a_necessary_condition(labels: list[str], tld: str, cue: Cue) -> None:
    written = ".".join([*labels, tld])
    ascii_name = to_ascii(written)
    parts = split_host(ascii_name)
    if counts_as_link(written, parts, cue, is_shortener=is_shortener_host(ascii_name)):
        assert might_count_as_link(written, cue)


N = 100_000


def repeat(piece: str, size: int = N) -> str:
    return (piece * (size // len(piece) + 1))[:size]


HOSTILE = {
    "a.": repeat("a."),
    "a-": repeat("a-"),
    "dots": "." * N,
    "digits": "1" * N,
    "1.": repeat("1."),
    "a[.]": repeat("a[.]"),
    "a [.] ": repeat("a [.] "),
    "a(.)": repeat("a(.)"),
    " dot ": repeat(" dot "),
    "a dot ": repeat("a dot "),
    "http://": repeat("http://"),
    "hxxp[:]//": repeat("hxxp[:]//"),
    "https://a@": repeat("https://a@"),
    "a…@": "a" * N + "@",
    "x@y.": repeat("x@y."),
    "www.": repeat("www."),
    "xn--": repeat("xn--"),
    "a.b/": repeat("a.b/"),
    "a.b.c/": repeat("a.b.c/"),
    "acme.com/)))": "acme.com/" + ")" * N,
    "ipv6": "http://[" + repeat("1:"),
    "port": "acme.com:" + "1" * N,
    "long host": "http://" + repeat("a."),
    "long label": "https://" + "a" * N + ".com",
    "a.co ": repeat("a.co "),
    "ok.lor ": repeat("ok.lor "),
    "distinct glued words": " ".join(f"w{i}.lor" for i in range(N // 8)),
    "distinct hyphenated": " ".join(f"w{i}-x.xyz/p" for i in range(N // 12)),
    "idn": repeat("hxxps://аcme[.]com/x "),
    "cyrillic": repeat("аcme.рф "),
    "mixed": repeat("Verify:hxxps://acme.com@evil[.]example:8443/login?(x) john@acme.com ok.lor "),
}


# CPU time of this process, so that other work on the machine does not make the bound flaky.
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_100_kb_input_is_fast(name: str) -> None:
    text = HOSTILE[name]
    extract_urls(text[:1000])  # warm the PSL and the caches once
    start = time.process_time()
    found = extract_urls(text)
    elapsed = time.process_time() - start
    assert elapsed < 0.5, f"{name}: {elapsed:.3f} s"
    assert len(found) <= MAX_URLS


def test_ten_thousand_links_in_one_message() -> None:
    text = "\n".join(f"Aviso {i}: https://s{i}.acme-okta.com/login" for i in range(10_000))
    start = time.process_time()
    found = extract_urls(text)
    elapsed = time.process_time() - start
    assert len(found) == MAX_URLS
    assert [u.host for u in found[:2]] == ["s0.acme-okta.com", "s1.acme-okta.com"]
    assert elapsed < 0.5, f"{elapsed:.3f} s"
