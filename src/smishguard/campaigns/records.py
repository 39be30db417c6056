"""The campaign record: what analysts read about one campaign, built from its members.

:func:`build_campaign` turns a campaign's reports, watch hits and their fingerprints into a
:class:`~smishguard.model.Campaign`: first and last seen, reports, people reached (distinct
pseudonymous reporters), sites, senders, a few varied sample texts, the abstracted patterns
(domain templates, path patterns, text templates), brands, tenants, status and notes.

This is the operator's whole record, across tenants. A tenant sees
:func:`smishguard.campaigns.views.tenant_view` instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from smishguard.campaigns.fingerprints import Fingerprint, WatchHit
from smishguard.errors import InvalidInput
from smishguard.model import Campaign, CampaignStatus, Report

__all__ = ["MAX_SAMPLES", "build_campaign", "campaign_title", "ranked_patterns"]

MAX_SAMPLES = 3
_TITLE_TEXT = 60


def build_campaign(
    campaign_id: str,
    reports: Sequence[Report],
    fingerprints: Iterable[Fingerprint],
    *,
    watch_hits: Sequence[WatchHit] = (),
    status: CampaignStatus = CampaignStatus.NEW,
    notes: Sequence[str] = (),
) -> Campaign:
    """The record of a campaign from its members (any order). ``fingerprints`` are those of
    the reports and watch hits, matched by item id; a member without one still counts, its
    patterns are simply unknown. InvalidInput when there is no member."""
    by_id = {fp.item_id: fp for fp in fingerprints}
    reports = sorted(reports, key=lambda r: (r.received_at, r.id))
    hits = sorted(watch_hits, key=lambda h: (h.seen_at, h.id))
    times = [r.received_at for r in reports] + [h.seen_at for h in hits]
    if not times:
        raise InvalidInput(f"campaign {campaign_id}: no reports or watch hits to describe")
    member_fps = [by_id[i] for i in [r.id for r in reports] + [h.id for h in hits] if i in by_id]
    patterns = ranked_patterns(member_fps)
    domains = _unique(
        [s for fp in member_fps for s in fp.sites]
        + [d for r in reports if r.id not in by_id for d in r.domains]
        + [h.imitation.domain for h in hits if h.id not in by_id]
    )
    return Campaign(
        id=campaign_id,
        title=campaign_title(patterns, domains, len({*_tenants(reports, hits)})),
        first_seen=min(times),
        last_seen=max(times),
        status=status,
        report_ids=tuple(r.id for r in reports),
        people_reached=people_reached(reports),
        domains=domains,
        senders=_unique(r.sender for r in reports if r.sender),
        samples=samples(reports, by_id),
        patterns=patterns,
        brands=_unique([b for fp in member_fps for b in fp.brands]
                       + [h.imitation.brand for h in hits]),
        tenant_count=len({*_tenants(reports, hits)}),
        notes=tuple(notes),
    )


def people_reached(reports: Iterable[Report]) -> int:
    """Distinct pseudonymous reporters; a report without one counts as one more person."""
    named = {r.reporter for r in reports if r.reporter}
    return len(named) + sum(1 for r in reports if not r.reporter)


def samples(reports: Sequence[Report], by_id: Mapping[str, Fingerprint],
            limit: int = MAX_SAMPLES) -> tuple[str, ...]:
    """Up to ``limit`` texts, earliest first, one per text template (varied, not repeats)."""
    seen: set[str] = set()
    chosen: list[str] = []
    for report in reports:
        fp = by_id.get(report.id)
        template = fp.text_template if fp is not None else report.text
        if template in seen:
            continue
        seen.add(template)
        chosen.append(report.text)
        if len(chosen) == limit:
            break
    return tuple(chosen)


def ranked_patterns(fingerprints: Iterable[Fingerprint]) -> tuple[str, ...]:
    """Domain templates, path patterns and text templates, the most widely seen first
    (by tenants, then by items)."""
    tenants: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    for fp in fingerprints:
        for pattern in pattern_values(fp):
            tenants.setdefault(pattern, set()).add(fp.tenant_id)
            counts[pattern] += 1
    return tuple(sorted(counts, key=lambda p: (-len(tenants[p]), -counts[p], p)))


def pattern_values(fp: Fingerprint) -> tuple[str, ...]:
    """The abstracted patterns of one item: its domain templates, path patterns and text
    template (when it has a signature, i.e. enough words to mean something)."""
    text = (fp.text_template,) if fp.signature and fp.text_template else ()
    return (*fp.domain_templates, *fp.path_patterns, *text)


def campaign_title(patterns: Sequence[str], domains: Sequence[str], tenants: int) -> str:
    """A short name for people: the leading domain pattern or domain, else the text."""
    lead = next((p for p in patterns if "." in p and " " not in p and not p.startswith("/")),
                None)
    if lead is None and domains:
        lead = domains[0]
    if lead is None:
        lead = next((p for p in patterns if " " in p), "")
        if len(lead) > _TITLE_TEXT:
            lead = lead[: _TITLE_TEXT - 1].rstrip() + "…"
        lead = f"“{lead}”" if lead else "campaign"
    where = f" at {tenants} organizations" if tenants > 1 else ""
    return f"{lead}{where}"


def _tenants(reports: Iterable[Report], hits: Iterable[WatchHit]) -> Iterable[str]:
    yield from (r.tenant_id for r in reports)
    yield from (h.tenant_id for h in hits)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
