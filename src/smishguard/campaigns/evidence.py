"""Why a report joins a campaign: kinds of evidence, their weights, the settings, and the
:class:`Assignment` the index answers with.

A report joins a campaign when the evidence linking them adds up to ``join_score`` (1.0),
each kind counted once. Strong keys join alone: the same site, the same exact link on a
shared host, the same phone number or e-mail sender, the same text template. Weaker ones only
together: a domain template (``{brand}-okta.com``) with a burst at the same tenant, a path
pattern with a similar text, and so on. A weak key that many live campaigns share (``/login``,
the sender id ``USPS``) is common and counts for nothing.

Reasons are written from the *new* report's side (its own domain, its own masked sender),
so they never show another tenant's data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from smishguard.campaigns.fingerprints import Fingerprint
from smishguard.text.sender import SenderKind

__all__ = [
    "STRONG_KINDS",
    "WEIGHTS",
    "Assignment",
    "ClusterSettings",
    "Evidence",
    "EvidenceKind",
    "IndexStats",
    "campaign_id_for",
    "fingerprint_keys",
]


class EvidenceKind(StrEnum):
    """What a report shares with a campaign."""

    SITE = "site"  # the same registrable domain (or the customer's name on a free host)
    LINK = "link"  # the same exact link on a shortener or shared host
    SENDER = "sender"  # the same phone number or e-mail address sent it
    TEXT = "text"  # the same text template (near-duplicate once brands, names, numbers go)
    TEXT_SIMILAR = "text_similar"  # a similar text template
    DOMAIN_TEMPLATE = "domain_template"  # {brand}-okta.com
    DOMAIN_STEM = "domain_stem"  # {brand}okta on another ending or hyphenation (only when
    # the template itself differs: never counted twice)
    PATH = "path"  # the same URL path pattern on another site
    SENDER_ID = "sender_id"  # the same short code or alphanumeric sender id (easily spoofed)
    BURST = "burst"  # reports from the same tenant within minutes


WEIGHTS: Final = MappingProxyType(
    {
        EvidenceKind.SITE: 1.0,
        EvidenceKind.LINK: 1.0,
        EvidenceKind.SENDER: 1.0,
        EvidenceKind.TEXT: 1.0,
        EvidenceKind.TEXT_SIMILAR: 0.5,
        EvidenceKind.DOMAIN_TEMPLATE: 0.6,
        EvidenceKind.DOMAIN_STEM: 0.5,
        EvidenceKind.PATH: 0.5,
        EvidenceKind.SENDER_ID: 0.3,
        EvidenceKind.BURST: 0.5,
    }
)
# Kinds that name one attacker's own infrastructure: they hold for longer and are never
# treated as common (a site shared by fifty campaigns *is* one campaign).
STRONG_KINDS: Final = frozenset({EvidenceKind.SITE, EvidenceKind.LINK, EvidenceKind.SENDER})


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason a report joined a campaign."""

    kind: EvidenceKind
    weight: float
    reason: str  # for people: "same domain acme-okta.com"


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """How the index decides. The defaults are the ones measured in BENCHMARKS.md."""

    join_score: float = 1.0
    # How far in time a campaign reaches: weak keys and text within ``horizon`` of the
    # campaign's first or last report; the attacker's own site, link or number for longer.
    horizon: timedelta = timedelta(days=14)
    strong_horizon: timedelta = timedelta(days=90)
    burst_window: timedelta = timedelta(minutes=10)
    text_join: float = 0.6  # estimated Jaccard of word pairs that joins alone
    text_support: float = 0.4  # and that supports other evidence
    text_duplicate: float = 0.7  # a signature this close to one of its campaign's is not kept
    common_key_campaigns: int = 50  # a weak key shared by more live campaigns is common
    # A domain template behind this many sites of one campaign is its naming scheme: it
    # then joins alone, as a site does.
    scheme_sites: int = 2


def campaign_id_for(item_id: str) -> str:
    """The id of the campaign an item opens: stable (a rebuild gives the same ids) and
    opaque (it does not show the report id, which another tenant may see)."""
    return "cmp-" + hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an item went and why."""

    item_id: str
    campaign_id: str | None  # None: not clustered (clean, or dismissed by an analyst)
    is_new: bool = False  # the item opened this campaign
    merged: tuple[str, ...] = ()  # campaigns that are now part of campaign_id
    evidence: tuple[Evidence, ...] = ()
    size: int = 0  # items in the campaign after this one
    tenant_count: int = 0  # tenants that saw it

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(e.reason for e in self.evidence)


@dataclass(frozen=True, slots=True)
class IndexStats:
    items: int
    campaigns: int
    keys: int
    text_signatures: int


def fingerprint_keys(fp: Fingerprint) -> Iterator[tuple[EvidenceKind, str, str]]:
    """(kind, index key, reason) for every clustering key of a fingerprint."""
    for site in fp.sites:
        yield EvidenceKind.SITE, f"s:{site}", f"same domain {site}"
    for link in fp.links:
        yield EvidenceKind.LINK, f"l:{link}", f"same link {link}"
    if fp.sender_key:
        if fp.sender_kind in (SenderKind.MOBILE, SenderKind.EMAIL):
            yield EvidenceKind.SENDER, f"p:{fp.sender_key}", f"same sender {fp.sender_hint}"
        else:
            yield EvidenceKind.SENDER_ID, f"i:{fp.sender_key}", f"same sender id {fp.sender_hint}"
    for template in fp.domain_templates:
        yield EvidenceKind.DOMAIN_TEMPLATE, f"t:{template}", f"same domain pattern {template}"
    for stem in fp.domain_stems:
        yield EvidenceKind.DOMAIN_STEM, f"m:{stem}", f"same domain stem {stem}.*"
    for pattern in fp.path_patterns:
        yield EvidenceKind.PATH, f"u:{pattern}", f"same link path pattern {pattern}"
