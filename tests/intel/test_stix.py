"""The STIX 2.1 bundle: valid for the official validator, the mapping, and stable ids."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from intel_samples import FIRST, LAST, indicator
from stix2validator import ValidationOptions, validate_string

from smishguard.errors import InvalidInput
from smishguard.intel.stix import render_stix, stix_pattern
from smishguard.model import Campaign, Indicator, IndicatorKind

STRICT = ValidationOptions(strict=True)  # warnings (best practices) count as errors too


def objects_by_type(text: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for obj in json.loads(text)["objects"]:
        found.setdefault(obj["type"], []).append(obj)
    return found


def assert_valid(text: str) -> None:
    result = validate_string(text, STRICT)
    problems = [str(e) for e in (*result.errors, *result.warnings)]
    assert result.is_valid, problems


def test_bundle_passes_the_official_validator(
    campaign: Campaign, indicators: list[Indicator]
) -> None:
    assert_valid(render_stix([campaign], indicators).text)


def test_mapping_of_campaign_indicators_and_senders(
    campaign: Campaign, indicators: list[Indicator]
) -> None:
    bundle = objects_by_type(render_stix([campaign], indicators).text)
    assert sorted(bundle) == ["campaign", "identity", "indicator", "infrastructure", "relationship"]
    (stix_campaign,) = bundle["campaign"]
    assert stix_campaign["name"] == "Acme Okta password reset"
    assert stix_campaign["first_seen"] == "2025-03-01T08:30:00Z"
    assert stix_campaign["last_seen"] == "2025-03-04T17:05:00Z"
    assert {i["pattern"] for i in bundle["indicator"]} == {
        "[domain-name:value = 'acme-okta.com']",
        "[domain-name:value = 'xn--cme-sso-1fg.com']",
        "[url:value = 'https://acme-okta.com/reset']",
    }
    (sender,) = bundle["infrastructure"]
    assert sender["name"] == "+15550100200"
    assert sender["infrastructure_types"] == ["phishing"]
    links = {
        (r["source_ref"], r["relationship_type"], r["target_ref"]) for r in bundle["relationship"]
    }
    expected = {(i["id"], "indicates", stix_campaign["id"]) for i in bundle["indicator"]}
    expected.add((stix_campaign["id"], "uses", sender["id"]))
    assert links == expected
    (identity,) = bundle["identity"]
    made = [o for objs in bundle.values() for o in objs if o["type"] != "identity"]
    assert {o["created_by_ref"] for o in made} == {identity["id"]}


@pytest.mark.parametrize(
    ("kind", "value", "pattern"),
    [
        (IndicatorKind.DOMAIN, "acme-okta.com", "[domain-name:value = 'acme-okta.com']"),
        (IndicatorKind.URL, "https://a.com/x", "[url:value = 'https://a.com/x']"),
        (IndicatorKind.URL, "https://a.com/it's", r"[url:value = 'https://a.com/it\'s']"),
        (IndicatorKind.URL, "https://a.com/a\\b", r"[url:value = 'https://a.com/a\\b']"),
    ],
)
def test_patterns_quote_and_escape_values(kind: IndicatorKind, value: str, pattern: str) -> None:
    assert stix_pattern(kind, value) == pattern


def test_one_indicator_per_value_indicating_each_of_its_campaigns(campaign: Campaign) -> None:
    other = replace(campaign, id="c-dhl", title="Parcel fee")
    shared = [
        indicator(IndicatorKind.DOMAIN, "acme-okta.com", campaign="c-okta"),
        indicator(IndicatorKind.DOMAIN, "ACME-OKTA.com", campaign="c-dhl"),
    ]
    text = render_stix([campaign, other], shared).text
    bundle = objects_by_type(text)
    assert len(bundle["indicator"]) == 1
    assert len(bundle["relationship"]) == 2
    assert_valid(text)


def test_indicators_of_campaigns_not_exported_stand_alone() -> None:
    text = render_stix(
        [], [indicator(IndicatorKind.URL, "https://x.example/a", campaign="gone")]
    ).text
    bundle = objects_by_type(text)
    assert len(bundle["indicator"]) == 1
    assert "relationship" not in bundle
    assert_valid(text)


def test_ids_are_stable_and_re_exports_identical(
    campaign: Campaign, indicators: list[Indicator]
) -> None:
    first = render_stix([campaign], indicators).text
    assert render_stix([campaign], list(reversed(indicators))).text == first
    later = [replace(i, last_seen=LAST.replace(day=9)) for i in indicators]
    updated = render_stix([campaign], later).text
    ids = {o["id"] for o in json.loads(first)["objects"]}
    assert {o["id"] for o in json.loads(updated)["objects"]} == ids
    modified = {i["modified"] for i in objects_by_type(updated)["indicator"]}
    assert modified == {"2025-03-09T17:05:00.000Z"}


def test_unsafe_domains_are_skipped_and_reported(campaign: Campaign) -> None:
    bundle = render_stix([campaign], [indicator(IndicatorKind.DOMAIN, "co.uk")])
    assert "indicator" not in objects_by_type(bundle.text)
    assert [(s.value, "public suffix" in s.reason) for s in bundle.skipped] == [("co.uk", True)]


def test_a_campaign_given_twice_is_invalid_input(campaign: Campaign) -> None:
    with pytest.raises(InvalidInput, match="twice"):
        render_stix([campaign, campaign], [])


def test_an_empty_export_is_a_valid_bundle() -> None:
    text = render_stix([], []).text
    assert [o["type"] for o in json.loads(text)["objects"]] == ["identity"]
    assert_valid(text)


_ODD_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(url=_ODD_TEXT, sender=_ODD_TEXT, title=st.text(max_size=40))
def test_odd_values_still_give_a_valid_bundle_or_are_skipped(
    url: str, sender: str, title: str
) -> None:
    odd_campaign = Campaign(id="c", title=title, first_seen=FIRST, last_seen=LAST)
    given_values = [
        indicator(IndicatorKind.URL, url, campaign="c"),
        indicator(IndicatorKind.SENDER, sender, campaign="c"),
    ]
    bundle = render_stix([odd_campaign], given_values)
    assert_valid(bundle.text)
    exported = objects_by_type(bundle.text)
    assert (
        len(exported.get("indicator", []))
        + len(exported.get("infrastructure", []))
        + len(bundle.skipped)
        == 2
    )
