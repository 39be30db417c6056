"""What the dashboard's overview shows a tenant: reports per hour and label over the last day
or week, the triage backlog, the brands being imitated, and the watch's latest hits."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from smishguard.model import Label
from smishguard.records import ObservedDomain
from smishguard.service.reporting import Reporting
from smishguard.store.domains import ObservedQuery
from smishguard.store.insights import HourlyCount

BRAND_SAMPLE = 1000  # latest flagged reports read for "most imitated brands"
TOP_BRANDS = 8
WATCH_HITS = 8  # latest look-alikes shown
LABELS = (Label.PHISHING, Label.SUSPICIOUS, Label.CLEAN)


class Window(StrEnum):
    DAY = "24h"
    WEEK = "7d"

    @property
    def hours(self) -> int:
        return 24 if self is Window.DAY else 24 * 7


@dataclass(frozen=True, slots=True)
class HourBar:
    """Reports received in one UTC hour, by label (in the order of LABELS)."""

    start: datetime
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class BrandCount:
    brand: str
    reports: int


@dataclass(frozen=True, slots=True)
class Overview:
    window: Window
    since: datetime
    until: datetime
    hours: tuple[HourBar, ...]
    by_label: tuple[tuple[Label, int], ...]
    undecided: int
    brands: tuple[BrandCount, ...]
    brands_read: int  # flagged reports the brand counts come from (at most BRAND_SAMPLE)
    watch_hits: tuple[ObservedDomain, ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_label)

    @property
    def flagged(self) -> int:
        return sum(count for label, count in self.by_label if label is not Label.CLEAN)


def hour_bars(counts: list[HourlyCount], since: datetime, hours: int) -> tuple[HourBar, ...]:
    """One bar per hour from ``since``, hours without reports included as zeros."""
    table = {(c.hour, c.label): c.reports for c in counts}
    starts = [since + timedelta(hours=i) for i in range(hours)]
    return tuple(HourBar(start, tuple(table.get((start, label), 0) for label in LABELS))
                 for start in starts)


def build_overview(reporting: Reporting, tenant_id: str, now: datetime,
                   window: Window) -> Overview:
    store = reporting.store
    until = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    since = until - timedelta(hours=window.hours)
    hourly = store.insights.hourly(tenant_id, since, until)
    by_label = Counter[Label]()
    for count in hourly:
        by_label[count.label] += count.reports
    flagged = sum(n for label, n in by_label.items() if label is not Label.CLEAN)
    return Overview(
        window=window, since=since, until=until,
        hours=hour_bars(hourly, since, window.hours),
        by_label=tuple((label, by_label[label]) for label in LABELS),
        undecided=store.insights.undecided(tenant_id),
        brands=imitated_brands(reporting, tenant_id, since, until),
        brands_read=min(flagged, BRAND_SAMPLE),
        watch_hits=store.domains.search(tenant_id, ObservedQuery(
            lookalikes=True, limit=WATCH_HITS)).domains,
    )


def imitated_brands(reporting: Reporting, tenant_id: str, since: datetime,
                    until: datetime) -> tuple[BrandCount, ...]:
    """The brands the latest flagged reports imitate, each report counted once per brand: a
    brand named in the text, or the brand a look-alike link imitates (by the tenant's
    look-alike index, as the scanner judges it)."""
    evidence = reporting.store.insights.brand_evidence(tenant_id, since, until, BRAND_SAMPLE)
    lookalikes = reporting.scanners.for_tenant(reporting.store.tenants.get(tenant_id)).lookalikes
    host_brand: dict[str, str] = {}
    pairs: set[tuple[int, str]] = set()
    for item in evidence:
        if item.detector == "text.brand_mention":
            brand = item.evidence
        else:
            if item.evidence not in host_brand:
                imitation = lookalikes.match(item.evidence)
                host_brand[item.evidence] = imitation.brand if imitation else ""
            brand = host_brand[item.evidence]
        if brand:
            pairs.add((item.report_seq, brand))
    counts = Counter(brand for _, brand in pairs)
    return tuple(BrandCount(brand, n) for brand, n in
                 sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_BRANDS])
