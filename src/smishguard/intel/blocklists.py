"""Plain blocklists: a CSV of every indicator and a text list of domains, one per line.

The CSV is written by the :mod:`csv` module (RFC 4180 quoting) and, by default, is safe to open
in a spreadsheet: a cell that starts with ``= + - @``, a tab, a carriage return, a line feed or
a NUL would be read as a formula (CSV injection), so it gets a leading ``'`` as OWASP and ASVS
(1.2.10) advise. A machine consumer that wants the raw values (a sender ``+15551234567``) asks
for ``spreadsheet_safe=False``, or strips that one quote.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from smishguard.intel.indicators import (
    Skipped,
    as_utc,
    iso_utc,
    merge_indicators,
    normalised_value,
)
from smishguard.model import Indicator, IndicatorKind

CSV_HEADER: Final = ("kind", "value", "first_seen", "last_seen", "brand", "campaign")
FORMULA_TRIGGERS: Final = frozenset("=+-@\t\r\n\0")


@dataclass(frozen=True, slots=True)
class Blocklist:
    """A rendered list and the values left out of it."""

    text: str
    skipped: tuple[Skipped, ...] = ()


def spreadsheet_cell(value: str) -> str:
    """A cell value a spreadsheet shows as text: a leading ``'`` before a formula trigger."""
    return f"'{value}" if value[:1] in FORMULA_TRIGGERS else value


def render_csv(indicators: Iterable[Indicator], *, spreadsheet_safe: bool = True) -> Blocklist:
    """One row per indicator (kind, value, first_seen, last_seen, brand, campaign).

    Rows are as recorded, one per indicator and campaign, sorted by kind, value and campaign;
    exact duplicates are written once. Times are UTC (``...Z``). Domains pass the same gate as
    the RPZ zone and are written in ASCII; a URL or sender with a line break or another control
    character is skipped (it is no link or sender), as is any value the other exports skip.
    """
    rows: set[tuple[str, ...]] = set()
    skipped: list[Skipped] = []
    for indicator in indicators:
        value, problem = normalised_value(indicator.kind, indicator.value)
        if problem:
            skipped.append(Skipped(indicator.kind, indicator.value, problem))
            continue
        first, last = sorted((as_utc(indicator.first_seen), as_utc(indicator.last_seen)))
        brand, campaign = indicator.brand.strip(), indicator.campaign_id.strip()
        rows.add((indicator.kind.value, value, iso_utc(first), iso_utc(last), brand, campaign))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in sorted(rows, key=lambda r: (r[0], r[1], r[5], r[2], r[3], r[4])):
        writer.writerow([spreadsheet_cell(cell) for cell in row] if spreadsheet_safe else row)
    return Blocklist(buffer.getvalue(), tuple(skipped))


def render_domain_list(indicators: Iterable[Indicator]) -> Blocklist:
    """Blocked domains, one ASCII (Punycode) name a line, sorted and without duplicates.

    The same gate as the RPZ zone: single labels, public suffixes and malformed names are
    skipped. A name blocks itself; whether a consumer also blocks its subdomains is its own
    setting (hosts-file tools do not, DNS filters usually do).
    """
    merged, skipped = merge_indicators(i for i in indicators if i.kind is IndicatorKind.DOMAIN)
    names = sorted(indicator.value for indicator in merged)
    return Blocklist("".join(f"{name}\n" for name in names), tuple(skipped))
