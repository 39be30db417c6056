"""STIX 2.1 bundle: campaigns, their indicators, and the numbers that sent the texts.

Mapping (every object is a standard STIX 2.1 type; nothing needs ``allow_custom``):

* smishguard itself → one ``identity`` (class ``system``), the ``created_by_ref`` of the rest;
* a :class:`~smishguard.model.Campaign` → a ``campaign`` with its first and last sighting;
* a domain indicator → an ``indicator`` with ``[domain-name:value = '...']`` (ASCII name);
* a URL indicator → an ``indicator`` with ``[url:value = '...']``;
* an indicator → ``indicates`` → each of its campaigns;
* a sender (phone number, short code or sender id) → an ``infrastructure`` of type
  ``phishing``, and its campaign → ``uses`` → it. STIX 2.1 has no cyber-observable for a phone
  number, so no standard pattern can match one; a custom ``x-`` object or pattern would need
  ``allow_custom`` and most consumers drop it, while a campaign using infrastructure is the
  spec's own relationship.

Ids are stable (:func:`~smishguard.intel.indicators.stable_uuid` of what the object is), and
``created``/``modified`` come from the sightings, so a re-export of unchanged data is
byte-identical and a changed object keeps its id with a later ``modified`` (a new version).
Sample texts are not exported here (they may name the people they reached); MISP's
short-message-service objects carry them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import stix2
from stix2.patterns import (
    EqualityComparisonExpression,
    ObjectPath,
    ObservationExpression,
    StringConstant,
)

from smishguard.intel.indicators import (
    MergedIndicator,
    Skipped,
    as_utc,
    campaigns_by_id,
    merge_indicators,
    stable_uuid,
)
from smishguard.model import Campaign, Indicator, IndicatorKind

# The producer identity is one object version for ever: its created time must not change.
IDENTITY_CREATED: Final = datetime(2025, 1, 1, tzinfo=UTC)
_OBSERVABLE_PATHS: Final = {IndicatorKind.DOMAIN: "domain-name", IndicatorKind.URL: "url"}


@dataclass(frozen=True, slots=True)
class StixBundle:
    """A serialized bundle and the indicator values left out of it."""

    text: str
    skipped: tuple[Skipped, ...] = ()


def stix_pattern(kind: IndicatorKind, value: str) -> str:
    """``[domain-name:value = 'acme-okta.com']``, quotes and backslashes escaped."""
    path = ObjectPath(_OBSERVABLE_PATHS[kind], ["value"])
    return str(ObservationExpression(EqualityComparisonExpression(path, StringConstant(value))))


def render_stix(
    campaigns: Sequence[Campaign],
    indicators: Iterable[Indicator],
    *,
    producer: str = "smishguard",
) -> StixBundle:
    """The STIX 2.1 bundle for these campaigns and indicators, as indented JSON."""
    identity = stix2.Identity(
        id=f"identity--{stable_uuid('identity', producer)}",
        name=producer,
        identity_class="system",
        description="Open-source defense against SMS phishing; generated this bundle.",
        created=IDENTITY_CREATED,
        modified=IDENTITY_CREATED,
    )
    creator = identity.id
    objects: list[Any] = [identity]
    by_campaign = {key: _campaign(c, creator) for key, c in campaigns_by_id(campaigns).items()}
    objects.extend(by_campaign.values())
    merged, skipped = merge_indicators(indicators)
    relationships: list[Any] = []
    for indicator in merged:
        if indicator.kind is IndicatorKind.SENDER:
            node = _infrastructure(indicator, creator)
        else:
            node = _indicator(indicator, creator)
        objects.append(node)
        for campaign_id in indicator.campaign_ids:
            target = by_campaign.get(campaign_id)
            if target is None:
                continue  # a campaign not in this export: the indicator stands alone
            if indicator.kind is IndicatorKind.SENDER:
                relationships.append(_relationship(target, "uses", node, creator))
            else:
                relationships.append(_relationship(node, "indicates", target, creator))
    objects.extend(relationships)
    ids = "\x1f".join(o.id for o in objects)
    bundle = stix2.Bundle(*objects, id=f"bundle--{stable_uuid('bundle', ids)}")
    # stix2's pretty printer orders keys by searching the whole bundle for each one, which is
    # quadratic (200 indicators: 14 s); its plain output keeps the spec's key order, and
    # re-indenting that is linear.
    document = json.loads(bundle.serialize())
    return StixBundle(json.dumps(document, indent=2, ensure_ascii=False), tuple(skipped))


def _campaign(campaign: Campaign, creator: str) -> Any:
    first, last = sorted((as_utc(campaign.first_seen), as_utc(campaign.last_seen)))
    facts = [f"Smishing campaign seen by smishguard; status {campaign.status.value}."]
    if campaign.brands:
        facts.append(f"Imitates: {', '.join(campaign.brands)}.")
    if campaign.people_reached:
        facts.append(f"People reached: {campaign.people_reached}.")
    facts.append(f"Organisations that saw it: {campaign.tenant_count}.")
    if campaign.patterns:
        facts.append(f"Domain patterns: {', '.join(campaign.patterns)}.")
    return stix2.Campaign(
        id=f"campaign--{stable_uuid('campaign', campaign.id)}",
        name=campaign.title.strip() or f"smishguard campaign {campaign.id}",
        description=" ".join(facts),
        first_seen=first,
        last_seen=last,
        created=first,
        modified=last,
        created_by_ref=creator,
        external_references=[{"source_name": "smishguard", "external_id": campaign.id}],
    )


def _indicator(indicator: MergedIndicator, creator: str) -> Any:
    what = "domain" if indicator.kind is IndicatorKind.DOMAIN else "link"
    imitates = f" imitating {', '.join(indicator.brands)}" if indicator.brands else ""
    return stix2.Indicator(
        id=f"indicator--{stable_uuid('indicator', indicator.kind.value, indicator.value)}",
        name=f"Smishing {what}: {indicator.value}",
        description=f"A {what} sent in SMS phishing texts{imitates}.",
        indicator_types=["malicious-activity"],
        pattern=stix_pattern(indicator.kind, indicator.value),
        pattern_type="stix",
        pattern_version="2.1",
        valid_from=indicator.first_seen,
        created=indicator.first_seen,
        modified=indicator.last_seen,
        created_by_ref=creator,
    )


def _infrastructure(indicator: MergedIndicator, creator: str) -> Any:
    imitates = f", imitating {', '.join(indicator.brands)}" if indicator.brands else ""
    return stix2.Infrastructure(
        id=f"infrastructure--{stable_uuid('infrastructure', 'sender', indicator.value)}",
        name=indicator.value,
        description=f"Phone number, short code or sender id that sent smishing texts{imitates}.",
        infrastructure_types=["phishing"],
        first_seen=indicator.first_seen,
        last_seen=indicator.last_seen,
        created=indicator.first_seen,
        modified=indicator.last_seen,
        created_by_ref=creator,
    )


def _relationship(source: Any, kind: str, target: Any, creator: str) -> Any:
    # A relationship exists once both ends do, and changes when either does.
    return stix2.Relationship(
        id=f"relationship--{stable_uuid('relationship', source.id, kind, target.id)}",
        source_ref=source.id,
        relationship_type=kind,
        target_ref=target.id,
        created=max(source.created, target.created),
        modified=max(source.modified, target.modified, source.created, target.created),
        created_by_ref=creator,
    )
