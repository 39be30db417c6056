"""MISP event: links, domains and the texts themselves, in MISP's own object templates.

One event per export, built with pymisp's ``MISPEvent`` and ``MISPObject`` against the object
templates pymisp ships (``strict=True``: a relation the template lacks or a missing required
one raises instead of writing an event MISP would reject):

* a URL indicator → a ``phishing`` object: ``url``, ``hostname``, ``target`` (the brands);
* a domain indicator → a ``domain-ip`` object: ``domain``, ``first-seen``, ``last-seen``. Not a
  ``phishing`` object: that template requires a ``url``, and inventing one would be a false
  indicator;
* a campaign's sample text → a ``short-message-service`` object: ``body``, and ``from`` when
  the campaign has a single sender (smishguard keeps samples and senders apart, so with several
  senders no text can be tied to one);
* each sender not written on a sample → a ``short-message-service`` object with ``from`` only.

Tags: ``tlp:<level>``. Every uuid is stable (derived from what the object is), so importing a
re-export updates the event instead of duplicating it; the event's date and timestamp are the
generation time passed in, never the clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final
from urllib.parse import urlsplit

from pymisp import MISPEvent, MISPObject

from smishguard.errors import InvalidInput
from smishguard.intel.indicators import (
    MergedIndicator,
    Skipped,
    as_utc,
    campaigns_by_id,
    merge_indicators,
    normalised_value,
    stable_uuid,
)
from smishguard.intel.names import ascii_domain, domain_problem
from smishguard.model import Campaign, Indicator, IndicatorKind

# TLP 2.0 levels, plus 'white' (TLP 1.0) that MISP's taxonomy still carries.
TLP_LEVELS: Final = frozenset(("clear", "white", "green", "amber", "amber+strict", "red"))
DEFAULT_TLP: Final = "amber"
_THREAT_LEVEL_MEDIUM: Final = 2  # MISP: 1 high, 2 medium, 3 low, 4 undefined
_ANALYSIS_COMPLETED: Final = 2  # MISP: 0 initial, 1 ongoing, 2 completed


@dataclass(frozen=True, slots=True)
class MispDocument:
    """A MISP event as JSON (``{"Event": {...}}``) and the values left out of it."""

    text: str
    skipped: tuple[Skipped, ...] = ()


def render_misp(
    campaigns: Sequence[Campaign],
    indicators: Iterable[Indicator],
    *,
    generated_at: datetime,
    tlp: str = DEFAULT_TLP,
) -> MispDocument:
    """One MISP event holding every campaign's links, domains, texts and senders."""
    level = tlp.strip().lower().removeprefix("tlp:")
    if level not in TLP_LEVELS:
        raise InvalidInput(f"TLP level {tlp!r} is not one of {', '.join(sorted(TLP_LEVELS))}")
    ordered = list(campaigns_by_id(campaigns).values())
    merged, skipped = merge_indicators(indicators)
    moment = as_utc(generated_at)
    event = MISPEvent()
    event.uuid = stable_uuid("misp-event", *(c.id for c in ordered))
    event.info = _title(ordered)
    event.date = moment.date()
    event.timestamp = moment
    event.threat_level_id = _THREAT_LEVEL_MEDIUM
    event.analysis = _ANALYSIS_COMPLETED
    event.published = False
    event.add_tag(f"tlp:{level}")
    titles = {c.id: c.title.strip() or c.id for c in ordered}
    for indicator in merged:
        if indicator.kind is IndicatorKind.URL:
            event.add_object(_phishing(indicator, titles))
        elif indicator.kind is IndicatorKind.DOMAIN:
            event.add_object(_domain(indicator, titles))
    for campaign in ordered:
        senders = _senders(campaign, merged)
        for obj in _messages(campaign, senders):
            event.add_object(obj)
    for sender in merged:
        if sender.kind is IndicatorKind.SENDER and not set(sender.campaign_ids) & set(titles):
            event.add_object(_sms(f"\x1fsender\x1f{sender.value}", "", sender.value, ""))
    event.force_timestamp = True
    body = json.loads(event.to_json())
    return MispDocument(json.dumps({"Event": body}, indent=2, ensure_ascii=False), tuple(skipped))


def _title(campaigns: Sequence[Campaign]) -> str:
    if len(campaigns) == 1:
        return f"smishguard: {campaigns[0].title.strip() or campaigns[0].id}"
    if not campaigns:
        return "smishguard: smishing indicators"
    return f"smishguard: {len(campaigns)} smishing campaigns"


def _comment(indicator: MergedIndicator, titles: dict[str, str]) -> str:
    named = [titles[c] for c in indicator.campaign_ids if c in titles]
    return f"Campaign: {'; '.join(named)}" if named else ""


def _new_object(template: str, key: str, comment: str) -> MISPObject:
    obj = MISPObject(template, strict=True, standalone=False)
    obj.uuid = stable_uuid("misp-object", template, key)
    obj.comment = comment
    return obj


def _add(obj: MISPObject, relation: str, value: str | datetime) -> None:
    text = value if isinstance(value, str) else value.isoformat()
    uuid = stable_uuid("misp-attribute", obj.uuid, relation, text)
    obj.add_attribute(relation, value=value, uuid=uuid)


def _phishing(indicator: MergedIndicator, titles: dict[str, str]) -> MISPObject:
    obj = _new_object("phishing", indicator.value, _comment(indicator, titles))
    _add(obj, "url", indicator.value)
    host = ascii_domain(urlsplit(indicator.value).hostname or "")
    if host and not domain_problem(host):
        _add(obj, "hostname", host)
    for brand in indicator.brands:
        _add(obj, "target", brand)
    obj.first_seen = indicator.first_seen
    obj.last_seen = indicator.last_seen
    return obj


def _domain(indicator: MergedIndicator, titles: dict[str, str]) -> MISPObject:
    obj = _new_object("domain-ip", indicator.value, _comment(indicator, titles))
    _add(obj, "domain", indicator.value)
    _add(obj, "first-seen", indicator.first_seen)
    _add(obj, "last-seen", indicator.last_seen)
    if indicator.brands:
        _add(obj, "text", f"Smishing domain imitating {', '.join(indicator.brands)}")
    return obj


def _senders(campaign: Campaign, merged: Sequence[MergedIndicator]) -> list[str]:
    found = {s.strip() for s in campaign.senders if normalised_value(IndicatorKind.SENDER, s)[0]}
    found.update(
        i.value for i in merged if i.kind is IndicatorKind.SENDER and campaign.id in i.campaign_ids
    )
    return sorted(found)


def _messages(campaign: Campaign, senders: list[str]) -> list[MISPObject]:
    title = campaign.title.strip() or campaign.id
    sender = senders[0] if len(senders) == 1 else ""
    objects: list[MISPObject] = []
    # NUL is no SMS character, and pymisp would trim it off a value's ends behind our back.
    for sample in dict.fromkeys(s.replace("\x00", "").strip() for s in campaign.samples):
        if sample:
            key = f"{campaign.id}\x1fsample\x1f{sample}"
            objects.append(_sms(key, sample, sender, f"Sample text of campaign: {title}"))
    written = {sender} if objects and sender else set()
    for number in senders:
        if number not in written:
            key = f"{campaign.id}\x1fsender\x1f{number}"
            objects.append(_sms(key, "", number, f"Sender in campaign: {title}"))
    return objects


def _sms(key: str, body: str, sender: str, comment: str) -> MISPObject:
    obj = _new_object("short-message-service", key, comment)
    if body:
        _add(obj, "body", body)
    if sender:
        _add(obj, "from", sender)
    return obj
