"""Threat-intel exports: DNS RPZ, STIX 2.1, MISP, CSV and a text domain blocklist.

Pure renderers: campaigns and indicators in, one document out, with the values that were left
out and why. No I/O and no clock: the generation time (and the RPZ serial) are arguments, so the
same inputs give the same bytes. The CLI and the API call :func:`render`::

    export = render("rpz", campaigns, indicators, generated_at=now)
    path.write_text(export.text)
    for skipped in export.skipped:
        print(f"skipped {skipped.value!r}: {skipped.reason}")

The STIX and MISP libraries load in about a second each, so each renderer is imported only when
its format is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from smishguard.errors import InvalidInput
from smishguard.intel.indicators import Skipped
from smishguard.model import Campaign, Indicator


class ExportFormat(StrEnum):
    """The export formats, by the name the CLI and the API take."""

    RPZ = "rpz"
    STIX = "stix"
    MISP = "misp"
    CSV = "csv"
    TXT = "txt"

    @property
    def media_type(self) -> str:
        """The HTTP Content-Type of the document."""
        return _MEDIA_TYPES[self]

    @property
    def file_suffix(self) -> str:
        """The usual file name ending: ``.rpz``, ``.stix.json``, ``.misp.json``, ..."""
        return _SUFFIXES[self]


_MEDIA_TYPES = {
    ExportFormat.RPZ: "text/dns",  # RFC 4027: DNS master (zone) files
    ExportFormat.STIX: "application/stix+json;version=2.1",
    ExportFormat.MISP: "application/json",
    ExportFormat.CSV: "text/csv; charset=utf-8; header=present",
    ExportFormat.TXT: "text/plain; charset=utf-8",
}
_SUFFIXES = {
    ExportFormat.RPZ: ".rpz",
    ExportFormat.STIX: ".stix.json",
    ExportFormat.MISP: ".misp.json",
    ExportFormat.CSV: ".csv",
    ExportFormat.TXT: ".txt",
}


@dataclass(frozen=True, slots=True)
class Export:
    """A rendered export: the document, its format, and the values it left out."""

    format: ExportFormat
    text: str
    skipped: tuple[Skipped, ...] = ()

    @property
    def media_type(self) -> str:
        return self.format.media_type


def parse_format(name: str) -> ExportFormat:
    """The format named ``name`` (case-insensitive); InvalidInput names the known ones."""
    try:
        return ExportFormat(name.strip().lower())
    except ValueError:
        known = ", ".join(f.value for f in ExportFormat)
        raise InvalidInput(f"unknown export format {name!r} (known: {known})") from None


def render(
    format: ExportFormat | str,
    campaigns: Sequence[Campaign],
    indicators: Sequence[Indicator],
    *,
    generated_at: datetime,
    zone: str = "rpz.smishguard",
    serial: int | None = None,
    ttl: int = 300,
    tlp: str = "amber",
    spreadsheet_safe: bool = True,
) -> Export:
    """Render one export document.

    ``zone``, ``serial`` (default: Unix seconds of ``generated_at``) and ``ttl`` shape the RPZ
    zone; ``tlp`` tags the MISP event; ``spreadsheet_safe`` guards CSV cells against formula
    injection. Options that do not concern the format are ignored. An unknown format or a bad
    option raises :class:`~smishguard.errors.InvalidInput`.
    """
    kind = parse_format(format)
    if kind is ExportFormat.RPZ:
        from smishguard.intel.rpz import render_rpz

        zone_file = render_rpz(
            indicators, generated_at=generated_at, zone=zone, serial=serial, ttl=ttl
        )
        return Export(kind, zone_file.text, zone_file.skipped)
    if kind is ExportFormat.STIX:
        from smishguard.intel.stix import render_stix

        bundle = render_stix(campaigns, indicators)
        return Export(kind, bundle.text, bundle.skipped)
    if kind is ExportFormat.MISP:
        from smishguard.intel.misp import render_misp

        event = render_misp(campaigns, indicators, generated_at=generated_at, tlp=tlp)
        return Export(kind, event.text, event.skipped)
    from smishguard.intel.blocklists import render_csv, render_domain_list

    if kind is ExportFormat.CSV:
        table = render_csv(indicators, spreadsheet_safe=spreadsheet_safe)
        return Export(kind, table.text, table.skipped)
    names = render_domain_list(indicators)
    return Export(kind, names.text, names.skipped)


__all__ = ["Export", "ExportFormat", "Skipped", "parse_format", "render"]
