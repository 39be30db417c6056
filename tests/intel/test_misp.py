"""The MISP event: pymisp loads it back, its objects match pymisp's bundled templates."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from intel_samples import FIRST, GENERATED, LAST, indicator
from pymisp import MISPEvent, MISPObject

from smishguard.errors import InvalidInput
from smishguard.intel.misp import render_misp
from smishguard.model import Campaign, Indicator, IndicatorKind


def load(text: str) -> MISPEvent:
    event = MISPEvent()
    event.load(text)
    return event


def template(name: str) -> dict[str, Any]:
    """The object template as pymisp ships it (the misp-objects repository)."""
    path = Path(MISPObject("phishing").misp_objects_path) / name / "definition.json"
    definition: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return definition


def assert_matches_templates(event: MISPEvent) -> None:
    for obj in event.objects:
        definition = template(obj.name)
        assert obj.template_uuid == definition["uuid"]
        assert int(obj.template_version) == definition["version"]
        relations = [a.object_relation for a in obj.attributes]
        assert set(relations) <= set(definition["attributes"]), obj.name
        assert set(relations) & set(definition["requiredOneOf"]), obj.name
        for relation in set(relations):
            if relations.count(relation) > 1:
                assert definition["attributes"][relation].get("multiple"), relation
        for attribute in obj.attributes:
            assert (
                attribute.type
                == definition["attributes"][attribute.object_relation]["misp-attribute"]
            )
        # pymisp's own check against the template, on the object as loaded back.
        strict = MISPObject(obj.name, strict=True)
        strict.from_dict(**json.loads(obj.to_json()))
        strict.to_json(strict=True)


def test_event_loads_back_and_matches_the_templates(
    campaign: Campaign, indicators: list[Indicator]
) -> None:
    document = render_misp([campaign], indicators, generated_at=GENERATED)
    event = load(document.text)
    assert event.info == "smishguard: Acme Okta password reset"
    assert [t.name for t in event.tags] == ["tlp:amber"]
    assert str(event.date) == "2025-03-05"
    assert_matches_templates(event)


def test_objects_carry_links_domains_and_texts(
    campaign: Campaign, indicators: list[Indicator]
) -> None:
    event = load(render_misp([campaign], indicators, generated_at=GENERATED).text)
    by_name: dict[str, list[dict[str, list[str]]]] = {}
    for obj in event.objects:
        values: dict[str, list[str]] = {}
        for a in obj.attributes:
            values.setdefault(a.object_relation, []).append(str(a.value))
        by_name.setdefault(obj.name, []).append(values)
    assert by_name["phishing"] == [
        {"url": ["https://acme-okta.com/reset"], "hostname": ["acme-okta.com"], "target": ["Acme"]}
    ]
    assert [d["domain"] for d in by_name["domain-ip"]] == [
        ["acme-okta.com"],
        ["xn--cme-sso-1fg.com"],
    ]
    # One sender in the campaign: each sample text is written with it.
    assert by_name["short-message-service"] == [
        {"body": [sample], "from": ["+15550100200"]} for sample in campaign.samples
    ]


def test_several_senders_are_not_tied_to_texts(campaign: Campaign) -> None:
    two = replace(campaign, senders=("+15550100200", "ACME-IT"))
    event = load(render_misp([two], [], generated_at=GENERATED).text)
    messages = [
        {a.object_relation: str(a.value) for a in o.attributes}
        for o in event.objects
        if o.name == "short-message-service"
    ]
    assert messages == [
        *({"body": sample} for sample in campaign.samples),
        {"from": "+15550100200"},
        {"from": "ACME-IT"},
    ]
    assert_matches_templates(event)


def test_uuids_are_stable_across_exports(campaign: Campaign, indicators: list[Indicator]) -> None:
    first = render_misp([campaign], indicators, generated_at=GENERATED).text
    later = GENERATED.replace(day=20)
    again = render_misp([campaign], list(reversed(indicators)), generated_at=later).text

    def uuids(text: str) -> list[str]:
        event = load(text)
        return [event.uuid] + [
            u for o in event.objects for u in (o.uuid, *(a.uuid for a in o.attributes))
        ]

    assert uuids(again) == uuids(first)
    assert len(set(uuids(first))) == len(uuids(first))
    assert load(again).timestamp != load(first).timestamp


@pytest.mark.parametrize(("tlp", "tag"), [("green", "tlp:green"), ("TLP:RED", "tlp:red")])
def test_tlp_tag(tlp: str, tag: str, campaign: Campaign) -> None:
    event = load(render_misp([campaign], [], generated_at=GENERATED, tlp=tlp).text)
    assert [t.name for t in event.tags] == [tag]


def test_unknown_tlp_is_invalid_input(campaign: Campaign) -> None:
    with pytest.raises(InvalidInput, match="TLP"):
        render_misp([campaign], [], generated_at=GENERATED, tlp="purple")


_ODD_TEXT = st.text(max_size=80)


@settings(max_examples=60, deadline=None)
@given(
    sample=_ODD_TEXT,
    sender=_ODD_TEXT,
    url=_ODD_TEXT,
    domain=_ODD_TEXT,
    brand=_ODD_TEXT,
    title=_ODD_TEXT,
)
def test_odd_values_give_an_event_pymisp_accepts(
    sample: str, sender: str, url: str, domain: str, brand: str, title: str
) -> None:
    odd = Campaign(
        id="c", title=title, first_seen=FIRST, last_seen=LAST, samples=(sample,), senders=(sender,)
    )
    given_values = [
        indicator(IndicatorKind.URL, url, brand=brand, campaign="c"),
        indicator(IndicatorKind.DOMAIN, domain, brand=brand, campaign="c"),
        indicator(IndicatorKind.SENDER, sender, campaign="zz"),
    ]
    document = render_misp([odd], given_values, generated_at=GENERATED)
    assert_matches_templates(load(document.text))


def test_a_campaign_given_twice_is_invalid_input(campaign: Campaign) -> None:
    with pytest.raises(InvalidInput, match="twice"):
        render_misp([campaign, campaign], [], generated_at=GENERATED)
