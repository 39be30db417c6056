"""Indicators as every export sees them: checked, normalised and merged by value.

The same domain can be an indicator of two campaigns, or be recorded twice with different
spellings (``Acme-Okta.com.`` and ``acme-okta.com``). Exports name each thing once, so
indicators are merged on (kind, normalised value): the widest time span, every brand and every
campaign. Values that cannot be exported safely are returned as :class:`Skipped`, with a reason,
never dropped in silence.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from smishguard.errors import InvalidInput
from smishguard.intel.names import ascii_domain, domain_problem
from smishguard.model import Campaign, Indicator, IndicatorKind

# Longest URL or sender value exported; longer ones are not links or numbers people were sent.
MAX_VALUE_LENGTH = 2048


@dataclass(frozen=True, slots=True)
class Skipped:
    """An indicator value left out of an export, and why."""

    kind: IndicatorKind
    value: str  # as it was given
    reason: str


@dataclass(frozen=True, slots=True)
class MergedIndicator:
    """One exported thing: its normalised value and everything known about it."""

    kind: IndicatorKind
    value: str  # DOMAIN: ASCII name; URL and SENDER: as given, without surrounding blanks
    first_seen: datetime  # UTC
    last_seen: datetime  # UTC, never before first_seen
    brands: tuple[str, ...] = ()  # sorted, without blanks
    campaign_ids: tuple[str, ...] = ()  # sorted, without blanks


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already (as the store keeps it)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso_utc(moment: datetime) -> str:
    """``2025-03-01T12:00:00Z``: RFC 3339 in UTC, to the second."""
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def stable_uuid(*parts: str) -> str:
    """A UUID that is the same for the same parts, shaped as a version-4 UUID.

    Re-exports must give the same ids (consumers update the object instead of adding a twin),
    so ids are derived from what the object is. STIX 2.1 asks for version-4 UUIDs on domain
    objects and relationships (its validator flags version 5), so the 122 free bits come from
    SHA-256 of the parts and the version and variant bits are set as for version 4.
    """
    digest = hashlib.sha256("\x1f".join(("smishguard", *parts)).encode("utf-8")).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def normalised_value(kind: IndicatorKind, value: str) -> tuple[str, str]:
    """(normalised value, '') for an exportable value, or ('', why it is not)."""
    if kind is IndicatorKind.DOMAIN:
        name = ascii_domain(value)
        problem = domain_problem(name)
        return ("", problem) if problem else (name, "")
    text = value.strip()
    if not text:
        return "", "empty"
    if len(text) > MAX_VALUE_LENGTH:
        return "", f"longer than {MAX_VALUE_LENGTH} characters"
    if not text.isprintable():
        return "", "has a line break or another control character"
    return text, ""


def campaigns_by_id(campaigns: Iterable[Campaign]) -> dict[str, Campaign]:
    """Campaigns keyed by id, in id order; one id given twice is InvalidInput."""
    found: dict[str, Campaign] = {}
    for campaign in sorted(campaigns, key=lambda c: c.id):
        if campaign.id in found:
            raise InvalidInput(f"campaign {campaign.id!r} is given twice")
        found[campaign.id] = campaign
    return found


def merge_indicators(
    indicators: Iterable[Indicator],
) -> tuple[list[MergedIndicator], list[Skipped]]:
    """Merge indicators on (kind, normalised value), in a stable order (kind, value)."""
    merged: dict[tuple[IndicatorKind, str], MergedIndicator] = {}
    skipped: list[Skipped] = []
    for indicator in indicators:
        value, problem = normalised_value(indicator.kind, indicator.value)
        if problem:
            skipped.append(Skipped(indicator.kind, indicator.value, problem))
            continue
        first, last = as_utc(indicator.first_seen), as_utc(indicator.last_seen)
        first, last = min(first, last), max(first, last)
        brands = _words((indicator.brand,))
        campaigns = _words((indicator.campaign_id,))
        key = (indicator.kind, value)
        known = merged.get(key)
        if known is not None:
            first, last = min(first, known.first_seen), max(last, known.last_seen)
            brands = _words((*known.brands, *brands))
            campaigns = _words((*known.campaign_ids, *campaigns))
        merged[key] = MergedIndicator(indicator.kind, value, first, last, brands, campaigns)
    ordered = [merged[key] for key in sorted(merged)]
    return ordered, sorted(skipped, key=lambda s: (s.kind, s.value, s.reason))


def _words(values: Sequence[str]) -> tuple[str, ...]:
    # Brands and campaign ids are names: one with a control character is no name to export.
    return tuple(sorted({v.strip() for v in values if v.strip() and v.strip().isprintable()}))
