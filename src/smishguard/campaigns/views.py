"""What one tenant may see of a campaign that reached several: its own data, a count, and
the abstracted patterns of the kit — nothing of the others.

Shown to tenant T, from the whole campaign:

* T's own reports, texts (samples), people reached, sites, senders, brands and times;
* how many *other* organizations saw the campaign (a number, never which) and when it was
  first seen anywhere (so T learns it was warned, or was first);
* a pattern (``{brand}-okta.com``, a path pattern, a text template) when T's own items
  produced it, or when at least ``min_tenants_for_pattern`` other tenants produced exactly
  it (then it belongs to the kit, not to any one victim) — and, either way, only when it
  contains no brand term, site name or sender of another tenant that T's own items lack.

Never shown: another tenant's texts, report ids, reporters, senders, sites or brands.
Senders of other tenants are held back too: a spoofed sender id names a brand (``GLOBEX``),
and a phone number adds nothing a tenant can act on that the shared pattern does not.
Sites seen only elsewhere are held back because a look-alike can name a brand in ways no
filter sees (``g1obex-sso.com``, initials, product names).

``status`` and ``notes`` are the tenant's own (each tenant triages its own view).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from smishguard.campaigns.fingerprints import Fingerprint, WatchHit
from smishguard.campaigns.records import build_campaign, campaign_title, pattern_values
from smishguard.errors import InvalidInput
from smishguard.model import Campaign, CampaignStatus, Report

__all__ = ["TenantCampaignView", "tenant_view"]


@dataclass(frozen=True, slots=True)
class TenantCampaignView:
    """A campaign as one tenant sees it."""

    campaign: Campaign  # own reports only; tenant_count counts every organization
    other_tenants: int
    first_seen_anywhere: datetime


def tenant_view(
    tenant_id: str,
    campaign_id: str,
    reports: Sequence[Report],
    fingerprints: Iterable[Fingerprint],
    *,
    watch_hits: Sequence[WatchHit] = (),
    status: CampaignStatus = CampaignStatus.NEW,
    notes: Sequence[str] = (),
    min_tenants_for_pattern: int = 2,
) -> TenantCampaignView:
    """The view of ``campaign_id`` for ``tenant_id``, given *all* the campaign's members
    (the function does the filtering). InvalidInput when the tenant has no member in it: a
    tenant never learns of a campaign that did not reach it."""
    fps = list(fingerprints)
    own_reports = [r for r in reports if r.tenant_id == tenant_id]
    own_hits = [h for h in watch_hits if h.tenant_id == tenant_id]
    if not own_reports and not own_hits:
        raise InvalidInput(f"campaign {campaign_id} has nothing of tenant {tenant_id}")
    own_fps = [fp for fp in fps if fp.tenant_id == tenant_id]
    others = {r.tenant_id for r in reports} | {h.tenant_id for h in watch_hits}
    others |= {fp.tenant_id for fp in fps}
    others.discard(tenant_id)
    own_record = build_campaign(campaign_id, own_reports, own_fps, watch_hits=own_hits,
                                status=status, notes=notes)
    patterns = shared_patterns(tenant_id, fps, min_tenants_for_pattern)
    times = [r.received_at for r in reports] + [h.seen_at for h in watch_hits]
    total = len(others) + 1
    campaign = Campaign(
        id=campaign_id,
        title=campaign_title(patterns, own_record.domains, total),
        first_seen=own_record.first_seen,
        last_seen=own_record.last_seen,
        status=status,
        report_ids=own_record.report_ids,
        people_reached=own_record.people_reached,
        domains=own_record.domains,
        senders=own_record.senders,
        samples=own_record.samples,
        patterns=patterns,
        brands=own_record.brands,
        tenant_count=total,
        notes=tuple(notes),
    )
    return TenantCampaignView(campaign, len(others), min(times))


def shared_patterns(tenant_id: str, fingerprints: Sequence[Fingerprint],
                    min_tenants: int = 2) -> tuple[str, ...]:
    """The patterns ``tenant_id`` may see (module docstring), most widely seen first."""
    own: set[str] = set()
    producers: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    own_values: set[str] = set()
    foreign_values: set[str] = set()
    for fp in fingerprints:
        values = _identifying_values(fp)
        if fp.tenant_id == tenant_id:
            own_values |= values
        else:
            foreign_values |= values
        for pattern in pattern_values(fp):
            producers.setdefault(pattern, set()).add(fp.tenant_id)
            counts[pattern] = counts.get(pattern, 0) + 1
            if fp.tenant_id == tenant_id:
                own.add(pattern)
    forbidden = tuple(v for v in foreign_values - own_values if len(v) >= 3)
    shown = [
        p for p, who in producers.items()
        if (p in own or len(who - {tenant_id}) >= min_tenants)
        and not any(v in p.lower() for v in forbidden)
    ]
    return tuple(sorted(shown, key=lambda p: (-len(producers[p]), -counts[p], p)))


def _identifying_values(fp: Fingerprint) -> set[str]:
    """What in a pattern would point at this item's tenant: its brand terms and brand names,
    its site names (with and without the ending), its sender hint."""
    values = {t.lower() for t in (*fp.brand_terms, *fp.brands)}
    for site in fp.sites:
        values.add(site.lower())
        values.add(site.split(".", 1)[0].lower())
    if fp.sender_hint:
        values.add(fp.sender_hint.lower())
    return values
