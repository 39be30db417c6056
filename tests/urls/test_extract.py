"""extract_urls: links with and without a scheme, defanged, IDN, IPs, and what is not a link."""

from __future__ import annotations

import pytest

from smishguard.model import Url
from smishguard.urls import MAX_URLS, extract_urls


def urls(text: str) -> list[str]:
    return [u.url for u in extract_urls(text)]


def only(text: str) -> Url:
    found = extract_urls(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Log in at https://acme-okta.com/login now", ["https://acme-okta.com/login"]),
        ("Log in at http://acme-okta.com", ["http://acme-okta.com"]),
        ("Log in at acme-okta.com/login now", ["http://acme-okta.com/login"]),
        ("Visit www.acme.com today", ["http://www.acme.com"]),
        ("Visit WWW.ACME.COM today", ["http://www.acme.com"]),
        ("Your account: acme-okta.com", ["http://acme-okta.com"]),
        ("go to acme.com", ["http://acme.com"]),
        ("HTTPS://ACME.COM/Login", ["https://acme.com/Login"]),
        ("HtTpS://acme.com", ["https://acme.com"]),
        ("ftp://files.acme.com/a.zip", ["ftp://files.acme.com/a.zip"]),
        ("see acme.co.uk", ["http://acme.co.uk"]),
        ("see login.acme.com.mx/x", ["http://login.acme.com.mx/x"]),
        ("a scheme on an unlisted name: http://intranet/login", ["http://intranet/login"]),
        ("http://localhost:8080/", ["http://localhost:8080/"]),
        (
            "the path keeps its case: acme.com/Reset?Token=AbC#Top",
            ["http://acme.com/Reset?Token=AbC#Top"],
        ),
        ("https://acme.com./x has a root dot", ["https://acme.com/x"]),
        ("x.com/acme", ["http://x.com/acme"]),
        ("Join us on t.me/acme_jobs", ["http://t.me/acme_jobs"]),
        ("gov.uk/tax-refund", ["http://gov.uk/tax-refund"]),
        ("acme-okta.it", ["http://acme-okta.it"]),
    ],
)
def test_with_and_without_scheme(text: str, expected: list[str]) -> None:
    assert urls(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ok.lor",
        "Ok lar... Joking wif u oni...",
        "hi.how r u",
        "wat.i said",
        "meet at 2.30",
        "at 5.30pm",
        "it costs 12.50",
        "£1.50/week",
        "Rs.2,00,000",
        "1.250,00 €",
        "U.S.A",
        "the U.S. and e.g. this, i.e. that",
        "Mr.Smith called",
        "I'm at home.Call me",
        "GOOD.Call me",
        "Nice.nice.how are you",
        "miss her.love you",
        "i think so.so what",
        "pain.it hurts",
        "ok.in a minute",
        "Gracias.es tarde",
        "Hola.la reunión es a las 5",
        "version 1.2.3",
        "v2.3.1 and 1.2.3.4",
        "report.pdf index.html file.txt",
        "readme.md",
        "acme.local and acme.corp",
        "the dot com bubble",
        "a polka dot com",
        "i'll dot the i's",
        "gov.uk",
        "www.acme (no suffix)",
        "...",
        "a.b.c",
        "",
        "      ",
        "http://",
        "https://-",
        "http://999.1.1.1/x",
    ],
)
def test_not_links(text: str) -> None:
    assert extract_urls(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hxxp://acme-okta.com/login", "http://acme-okta.com/login"),
        ("hxxps://acme-okta.com/login", "https://acme-okta.com/login"),
        ("hXXps[:]//acme-okta.com", "https://acme-okta.com"),
        ("hxxps[://]acme-okta.com", "https://acme-okta.com"),
        ("https(:)//acme-okta.com", "https://acme-okta.com"),
        ("acme-okta[.]com", "http://acme-okta.com"),
        ("acme-okta(.)com", "http://acme-okta.com"),
        ("acme-okta{.}com", "http://acme-okta.com"),
        ("acme-okta[dot]com", "http://acme-okta.com"),
        ("acme-okta(dot)com", "http://acme-okta.com"),
        ("acme-okta [.] com", "http://acme-okta.com"),
        ("acme-okta [dot] com", "http://acme-okta.com"),
        ("acme-okta (DOT) com", "http://acme-okta.com"),
        ("log in at acme-okta dot com now", "http://acme-okta.com"),
        ("ACME-OKTA DOT COM", "http://acme-okta.com"),
        ("hxxps://acme-okta[.]com/login[.]php", "https://acme-okta.com/login.php"),
        ("www[.]acme-okta[.]com", "http://www.acme-okta.com"),
        ("192.168.1[.]1", "http://192.168.1.1"),
        ("acme。com", "http://acme.com"),
        ("ａｃｍｅ－ｓｓｏ．ｃｏｍ", "http://acme-sso.com"),
    ],
)
def test_defanged(text: str, expected: str) -> None:
    url = only(text)
    assert (url.url, url.is_defanged) == (expected, True)


@pytest.mark.parametrize(
    "text", ["https://acme.com/login", "acme.com", "www.acme.com/x", "acme.com:8443"]
)
def test_plain_links_are_not_defanged(text: str) -> None:
    assert only(text).is_defanged is False


@pytest.mark.parametrize(
    ("text", "host", "host_unicode", "registrable"),
    [
        ("аcme.com", "xn--cme-5cd.com", "аcme.com", "xn--cme-5cd.com"),  # Cyrillic а
        ("https://bücher.de/x", "xn--bcher-kva.de", "bücher.de", "xn--bcher-kva.de"),
        ("www.bücher.de", "www.xn--bcher-kva.de", "www.bücher.de", "xn--bcher-kva.de"),
        ("http://xn--bcher-kva.de/x", "xn--bcher-kva.de", "bücher.de", "xn--bcher-kva.de"),
        ("https://BÜCHER.de", "xn--bcher-kva.de", "bücher.de", "xn--bcher-kva.de"),
        ("https://straße.de", "xn--strae-oqa.de", "straße.de", "xn--strae-oqa.de"),
        ("https://пример.рф/x", "xn--e1afmkfd.xn--p1ai", "пример.рф", "xn--e1afmkfd.xn--p1ai"),
        ("https://a\u0301cme.com", "xn--cme-dla.com", "ácme.com", "xn--cme-dla.com"),
        ("acme\u200b-okta.com", "acme-okta.com", "acme-okta.com", "acme-okta.com"),
        ("ac\u200dme.com", "acme.com", "acme.com", "acme.com"),
        ("https://bü_cher.de", "xn--b_cher-3ya.de", "bü_cher.de", "xn--b_cher-3ya.de"),
        ("https://xn--zz.com", "xn--zz.com", "xn--zz.com", "xn--zz.com"),
    ],
)
def test_idn(text: str, host: str, host_unicode: str, registrable: str) -> None:
    url = only(text)
    assert (url.host, url.host_unicode, url.registrable_domain) == (
        host,
        host_unicode,
        registrable,
    )


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("acme.com/login.", "acme.com/login"),
        ("(see acme.com)", "acme.com"),
        ("(see acme.com/login)", "acme.com/login"),
        ("acme.com!", "acme.com"),
        ('"acme.com"', "acme.com"),
        ('"https://acme.com/x"', "https://acme.com/x"),
        ("'acme.com/x'", "acme.com/x"),
        ("acme.com,", "acme.com"),
        ("acme.com/x, then", "acme.com/x"),
        ("acme.com/x?!", "acme.com/x"),
        ("acme.com/x…", "acme.com/x"),
        ("«acme.com/x»", "acme.com/x"),
        ("¿Has visto acme.com/x?", "acme.com/x"),
        ("**acme.com/x**", "acme.com/x"),
        ("<https://acme.com/x>", "https://acme.com/x"),
        ("[here](https://acme.com/x)", "https://acme.com/x"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("https://acme.com/a[1]", "https://acme.com/a[1]"),
        ("acme.com.Call me", "acme.com"),
        ("www.acme.com.Call me", "www.acme.com"),
        ("--acme-okta.com", "acme-okta.com"),
    ],
)
def test_trailing_punctuation_and_span(text: str, raw: str) -> None:
    url = only(text)
    assert url.raw == raw
    assert text[url.start : url.end] == raw


@pytest.mark.parametrize(
    ("text", "host", "port", "path", "userinfo"),
    [
        ("acme.com:8443/x", "acme.com", 8443, "/x", ""),
        ("https://acme.com:8443", "acme.com", 8443, "", ""),
        ("https://acme.com@evil.example/login", "evil.example", None, "/login", "acme.com"),
        ("https://acme.com:pw@evil.co/x", "evil.co", None, "/x", "acme.com:pw"),
        ("https://a@b@evil.co", "evil.co", None, "", "a@b"),
        ("https://x@y", "y", None, "", "x"),
        ("https://acme.com/x@y.com", "acme.com", None, "/x@y.com", ""),
        ("https://acme.com:99999/x", "acme.com", None, "", ""),
    ],
)
def test_port_and_userinfo(
    text: str, host: str, port: int | None, path: str, userinfo: str
) -> None:
    url = only(text)
    assert (url.host, url.port, url.path, url.userinfo) == (host, port, path, userinfo)


@pytest.mark.parametrize(
    ("text", "host", "url"),
    [
        ("http://192.168.1.1/x", "192.168.1.1", "http://192.168.1.1/x"),
        ("192.168.1.1/admin", "192.168.1.1", "http://192.168.1.1/admin"),
        ("95.141.32.7:81/orders.aspx", "95.141.32.7", "http://95.141.32.7:81/orders.aspx"),
        ("pay at 103.208.86.96 now", "103.208.86.96", "http://103.208.86.96"),
        ("http://0x7f000001/", "127.0.0.1", "http://127.0.0.1/"),
        ("http://2130706433/", "127.0.0.1", "http://127.0.0.1/"),
        ("http://0177.0.0.1/", "127.0.0.1", "http://127.0.0.1/"),
        ("http://127.1/", "127.0.0.1", "http://127.0.0.1/"),
        ("http://0xC0A80101", "192.168.1.1", "http://192.168.1.1"),
        ("http://[2001:db8::1]/", "2001:db8::1", "http://[2001:db8::1]/"),
        ("http://[2001:DB8:0::1]:8080/x", "2001:db8::1", "http://[2001:db8::1]:8080/x"),
        ("http://[::ffff:192.168.1.1]/", "::ffff:c0a8:101", "http://[::ffff:c0a8:101]/"),
    ],
)
def test_ip_hosts(text: str, host: str, url: str) -> None:
    found = only(text)
    assert (found.host, found.url, found.is_ip) == (host, url, True)
    assert (found.registrable_domain, found.subdomain, found.is_shortener) == ("", "", False)


@pytest.mark.parametrize(
    ("text", "is_shortener"),
    [
        ("bit.ly/3xYz", True),
        ("https://bit.ly/3xYz", True),
        ("t.co/abc", True),
        ("tinyurl.com/acme", True),
        ("https://maps.app.goo.gl/x", True),
        ("cutt.ly/x", True),
        ("rb.gy/x", True),
        ("qrco.de/x", True),
        ("HTTPS://BIT.LY/X", True),
        ("acme.com/x", False),
        ("bitly.acme.com/x", False),
    ],
)
def test_shorteners_flagged(text: str, is_shortener: bool) -> None:
    assert only(text).is_shortener is is_shortener


@pytest.mark.parametrize(
    "text",
    [
        "write to john@acme.com",
        "john.doe@acme.com",
        "maria.es@gmail.com",
        "seguridad@acme.com.mx",
        "@acme.com #123456",
        "JOHN@ACME.COM",
    ],
)
def test_email_addresses_are_not_links(text: str) -> None:
    assert extract_urls(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Verify:acme-okta.com", ["http://acme-okta.com"]),
        ("Verifica:https://acme-okta.com/x", ["https://acme-okta.com/x"]),
        ("Entra en:\nacme-okta.com/verificar\nGracias", ["http://acme-okta.com/verificar"]),
        ("texto.https://acme.com/x", ["https://acme.com/x"]),
        ("Pague 1,99€ en correos-es.top/pago antes de hoy.", ["http://correos-es.top/pago"]),
        ("Su código: 123456.Válido en acme.com.mx", ["http://acme.com.mx"]),
        ("请访问 https://acme.com/x 谢谢", ["https://acme.com/x"]),
        ("link→acme-okta.com←", ["http://acme-okta.com"]),
        ("//acme-sso.net", ["http://acme-sso.net"]),
        ("https:/acme-sso.net", ["http://acme-sso.net"]),
        ("a.lor https://b.com", ["https://b.com"]),
    ],
)
def test_glued_and_unicode_context(text: str, expected: list[str]) -> None:
    assert urls(text) == expected


def test_order_of_appearance_and_no_repeats() -> None:
    text = "bb.com/x then aa.com then https://bb.com/x again bb.com/x and AA.COM"
    assert urls(text) == ["http://bb.com/x", "http://aa.com", "https://bb.com/x"]
    first = extract_urls(text)[0]
    assert (first.start, first.end) == (0, 8)


def test_every_field_of_a_link() -> None:
    text = "Acme IT: sign in at hxxps://sso.acme-okta[.]com:8443/login?u=1 today"
    assert extract_urls(text) == (
        Url(
            raw="hxxps://sso.acme-okta[.]com:8443/login?u=1",
            url="https://sso.acme-okta.com:8443/login?u=1",
            host="sso.acme-okta.com",
            host_unicode="sso.acme-okta.com",
            registrable_domain="acme-okta.com",
            subdomain="sso",
            port=8443,
            path="/login?u=1",
            userinfo="",
            has_scheme=True,
            is_defanged=True,
            is_ip=False,
            is_shortener=False,
            start=20,
            end=62,
        ),
    )


def test_bare_link_defaults_to_http_and_has_no_scheme() -> None:
    url = only("acme.com/x")
    assert (url.url, url.has_scheme) == ("http://acme.com/x", False)


def test_returns_at_most_max_urls() -> None:
    text = " ".join(f"https://s{i}.acme.com/x" for i in range(MAX_URLS + 500))
    found = extract_urls(text)
    assert len(found) == MAX_URLS
    assert found[-1].host == f"s{MAX_URLS - 1}.acme.com"
