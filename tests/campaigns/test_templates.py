from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smishguard.campaigns.templates import Abstractor, path_pattern, shingles
from smishguard.policy import Brand
from smishguard.urls import extract_urls

ACME = Abstractor((Brand("Acme", ("acme.com",), ("acmecorp",)),))
ATT = Abstractor((Brand("AT&T", ("att.com",), ("att",)),))


def template(abstractor: Abstractor, text: str) -> str:
    return abstractor.text(text, extract_urls(text)).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme IT: your password has expired, log in at acme-okta.com",
         "{brand} it your password has expired log in at {link}"),
        ("Hi John, your AcmeCorp schedule changed: https://x.example/s",
         "hi {name} your {brand} schedule changed {link}"),
        ("Maria, your code is 48 29 13. Call +1 (555) 201-3344",
         "{name} your code is {num} call {num}"),
        ("Write to help@acme-support.net today", "write to {email} today"),
        ("Dear customer, pay £1,000 now", "dear customer pay {num} now"),
        ("Hola María, tu cuenta de ACME está bloqueada",
         "hola {name} tu cuenta de {brand} esta bloqueada"),
        ("", ""),
    ],
)
def test_text_template(text: str, expected: str) -> None:
    assert template(ACME, text) == expected


def test_text_template_is_the_same_kit_at_two_tenants() -> None:
    globex = Abstractor((Brand("Globex", ("globex.com",)),))
    at_acme = "Acme IT: Hi John, your password expired. Log in at https://acme-okta.com"
    at_globex = "Globex IT: Hi Wei, your password expired. Log in at https://globex-sso.net"
    assert template(ACME, at_acme) == template(globex, at_globex)


def test_text_template_reports_the_brand_terms_it_replaced() -> None:
    text = "Acme and acmecorp"
    assert ACME.text(text, ()).brand_terms == ("acme", "acmecorp")


@pytest.mark.parametrize(
    ("abstractor", "name", "suffix", "expected"),
    [
        (ACME, "acme-okta", "com", ("{brand}-okta.com", "{brand}okta")),
        (ACME, "acmeokta", "us", ("{brand}okta.us", "{brand}okta")),
        (ACME, "sso-acme", "pages.dev", ("sso-{brand}.pages.dev", "sso{brand}")),
        (ACME, "acme", "net", None),  # the brand alone on another ending: its own key
        (ACME, "unrelated", "com", None),
        (ACME, "home-208153", "weeblysite.com", ("home-{num}.weeblysite.com", "home{num}")),
        (ATT, "att-203716", "weeblysite.com", ("{brand}-{num}.weeblysite.com", "{brand}{num}")),
        (ATT, "groups-help", "com", None),  # a 3-letter brand only between separators
        (ATT, "o365-login", "com", None),  # "o365" is a word, not a serial number
    ],
)
def test_domain_template(abstractor: Abstractor, name: str, suffix: str,
                         expected: tuple[str, str] | None) -> None:
    found = abstractor.domain(name, suffix)
    assert (None if found is None else (found.template, found.stem)) == expected


def test_domain_template_with_the_watchs_matched_typo() -> None:
    found = ACME.domain("acrne-sso", "com", extra_terms=("acrne",))
    assert found is not None
    assert found.template == "{brand}-sso.com"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/Acme/login/8812/a3f9c2d1e7.php?email=x#top", "/{brand}/login/{num}/{id}.php"),
        ("/am/infospage.php", "/am/infospage.php"),
        ("/", ""),
        ("", ""),
        ("/index.html", ""),
        ("/login", ""),  # too short to mean a kit
        ("/wp-content/plugins/x/verify", "/wp-content/plugins/x/verify"),
    ],
)
def test_path_pattern(path: str, expected: str) -> None:
    assert path_pattern(path, ACME.brand_terms) == expected


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        ((), ()),
        (("hello",), ("hello",)),
        (("a", "b"), ("^ a", "a b", "b $")),
    ],
)
def test_shingles(tokens: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert shingles(tokens) == expected


@settings(deadline=None)  # the first example builds the normalizer's tables
@given(st.text(max_size=400))
def test_text_template_never_raises_and_is_stable(text: str) -> None:
    urls = extract_urls(text)
    first = ACME.text(text, urls)
    assert first == ACME.text(text, urls)
    assert all(token.strip() for token in first.tokens)
    assert len(first.text) <= 200


@settings(deadline=None)
@given(st.text(max_size=200), st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-",
                                      max_size=30))
def test_path_and_domain_templates_never_raise(path: str, name: str) -> None:
    pattern = path_pattern(path, ACME.brand_terms)
    assert pattern == "" or pattern.startswith("/")
    found = ACME.domain(name, "com")
    assert found is None or found.template.endswith(".com")
