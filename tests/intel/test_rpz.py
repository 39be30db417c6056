"""The RPZ zone: what it blocks, that it always loads in BIND's own checker, and its options."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intel_samples import FIRST, GENERATED, LAST, CheckZone, indicator

from smishguard.errors import InvalidInput
from smishguard.intel.names import ascii_domain
from smishguard.intel.rpz import DEFAULT_ZONE, MAX_SERIAL, render_rpz, serial_for
from smishguard.model import Indicator, IndicatorKind

DOMAIN = IndicatorKind.DOMAIN


def triggers(text: str) -> list[str]:
    """Owner names of the CNAME records, as written."""
    return re.findall(r"^(\S+) CNAME \.$", text, flags=re.M)


def test_each_domain_and_its_subdomains_are_blocked(check_zone: CheckZone) -> None:
    zone = render_rpz(
        [indicator(DOMAIN, "acme-okta.com"), indicator(DOMAIN, "аcme-sso.com")],
        generated_at=GENERATED,
    )
    punycode = "xn--" + "аcme-sso".encode("punycode").decode("ascii") + ".com"
    assert triggers(zone.text) == ["acme-okta.com", "*.acme-okta.com", punycode, f"*.{punycode}"]
    assert zone.names == ("acme-okta.com", punycode)
    result = check_zone(DEFAULT_ZONE, zone.text)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"loaded serial {serial_for(GENERATED)}" in result.stdout


def test_only_domain_indicators_are_blocked() -> None:
    zone = render_rpz(
        [
            indicator(IndicatorKind.URL, "https://bit.ly/abc"),  # a shortener must stay reachable
            indicator(IndicatorKind.SENDER, "+15550100200"),
            indicator(DOMAIN, "acme-okta.com"),
        ],
        generated_at=GENERATED,
    )
    assert zone.names == ("acme-okta.com",)
    assert zone.skipped == ()


def test_duplicates_and_spellings_of_one_name_give_one_trigger() -> None:
    zone = render_rpz(
        [
            indicator(DOMAIN, "acme-okta.com", campaign="a"),
            indicator(DOMAIN, "ACME-okta.com.", campaign="b"),
            indicator(DOMAIN, " acme-okta.com "),
        ],
        generated_at=GENERATED,
    )
    assert triggers(zone.text) == ["acme-okta.com", "*.acme-okta.com"]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("com", "single label"),
        ("co.uk", "public suffix"),
        ("github.io", "public suffix"),
        ("10.0.0.1", "IP address"),
        ("evil.rpz-ip", "rpz-"),
        ("evil.com\nevil2.com CNAME rpz-passthru.", "a-z 0-9"),
        ("evil.com ; comment", "a-z 0-9"),
        ("$INCLUDE /etc/passwd", "a-z 0-9"),
        ("(evil).com", "a-z 0-9"),
        ('"evil".com', "a-z 0-9"),
        ("evil\\046com.com", "a-z 0-9"),
        ("", "not a domain name"),
    ],
)
def test_unsafe_names_are_skipped_with_a_reason(
    value: str, reason: str, check_zone: CheckZone
) -> None:
    zone = render_rpz(
        [indicator(DOMAIN, value), indicator(DOMAIN, "acme-okta.com")], generated_at=GENERATED
    )
    assert zone.names == ("acme-okta.com",)
    assert [s.value for s in zone.skipped] == [value]
    assert reason in zone.skipped[0].reason
    assert check_zone(DEFAULT_ZONE, zone.text).returncode == 0


def test_a_name_too_long_for_the_zone_is_skipped(check_zone: CheckZone) -> None:
    zone_name = "a-rather-long-response-policy-zone-name.example.org"
    room = 253 - len(zone_name) - len("*..")
    labels = ["b" * 63] * 3 + ["example"]
    fits = ".".join(labels)[-room:].lstrip(".-")
    too_long = "c" + ".".join(labels)[-room:]
    zone = render_rpz(
        [indicator(DOMAIN, fits), indicator(DOMAIN, too_long)],
        generated_at=GENERATED,
        zone=zone_name,
    )
    assert len(fits) <= room < len(too_long)
    assert zone.names == (fits,)
    assert [s.value for s in zone.skipped] == [too_long]
    result = check_zone(zone_name, zone.text)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zone_name_serial_and_ttl_are_written(check_zone: CheckZone) -> None:
    zone = render_rpz(
        [indicator(DOMAIN, "acme-okta.com")],
        generated_at=GENERATED,
        zone="Block.Example.ORG.",
        serial=2025030501,
        ttl=60,
    )
    assert zone.zone == "block.example.org"
    assert "$ORIGIN block.example.org.\n" in zone.text
    assert "$TTL 60\n" in zone.text
    result = check_zone("block.example.org", zone.text)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "loaded serial 2025030501" in result.stdout


def test_an_empty_zone_still_loads(check_zone: CheckZone) -> None:
    zone = render_rpz([], generated_at=GENERATED)
    assert triggers(zone.text) == []
    assert check_zone(DEFAULT_ZONE, zone.text).returncode == 0


def test_a_broken_zone_fails_the_checker(check_zone: CheckZone) -> None:
    # The checker is the judge of the other tests: it must refuse a zone with a bad line.
    text = render_rpz([], generated_at=GENERATED).text + "bad name.com CNAME .\n"
    assert check_zone(DEFAULT_ZONE, text).returncode != 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"zone": "bad zone"}, "zone name"),
        ({"zone": ""}, "zone name"),
        ({"zone": "x" * 250}, "zone name"),
        ({"serial": -1}, "serial"),
        ({"serial": MAX_SERIAL + 1}, "serial"),
        ({"ttl": -5}, "TTL"),
        ({"ttl": 2**31}, "TTL"),
    ],
)
def test_bad_options_raise_invalid_input(options: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        render_rpz([], generated_at=GENERATED, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("moment", "serial"),
    [
        (datetime(1970, 1, 1, tzinfo=UTC), 0),
        (datetime(2025, 3, 5, 12, 0, tzinfo=UTC), 1741176000),
        (datetime(2025, 3, 5, 12, 0), 1741176000),  # naive times are UTC
    ],
)
def test_serial_is_unix_seconds(moment: datetime, serial: int) -> None:
    assert serial_for(moment) == serial


def test_same_inputs_give_the_same_bytes() -> None:
    first = [indicator(DOMAIN, "b-okta.com"), indicator(DOMAIN, "a-okta.com")]
    again = render_rpz(list(reversed(first)), generated_at=GENERATED).text
    assert render_rpz(first, generated_at=GENERATED).text == again


# Pieces that break zone files or DNS names in some way, glued at random.
_PIECES = st.sampled_from(
    [
        "acme", "okta", "com", "co", "uk", "xn--", "xn--cme-5cd", "-", "_", ".", "..", "*", "@",
        "$ORIGIN", "$INCLUDE", " ", "\t", "\n", "\r", ";", "(", ")", '"', "\\", "\\.", "/",
        "а", "ß", "日本", "\u200b", "\u0301", "ＣＯＭ", "1", "0x7f", "rpz-ip", "x" * 63, "y" * 64,
        "\x00", "CNAME", "IN", "SOA", "#", ":",
    ]
)  # fmt: skip
_WEIRD_NAMES = st.one_of(
    st.lists(_PIECES, max_size=12).map("".join),
    st.text(max_size=80),
    st.from_regex(r"[a-z0-9_-]{1,70}(\.[a-z0-9_-]{1,70}){0,5}", fullmatch=True),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(_WEIRD_NAMES, max_size=8), zone=st.sampled_from([DEFAULT_ZONE, "z.example"]))
def test_weird_names_are_blocked_or_skipped_and_the_zone_loads(
    values: list[str], zone: str, check_zone: CheckZone
) -> None:
    given_values = [Indicator(DOMAIN, v, FIRST, LAST) for v in values]
    rendered = render_rpz(given_values, generated_at=GENERATED, zone=zone)
    result = check_zone(zone, rendered.text)
    assert result.returncode == 0, result.stdout + result.stderr
    assert triggers(rendered.text) == [t for n in rendered.names for t in (n, f"*.{n}")]
    skipped = {s.value for s in rendered.skipped}
    for value in values:
        assert value in skipped or ascii_domain(value) in rendered.names
