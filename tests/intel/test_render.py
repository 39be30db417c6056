"""The one entry point: formats by name, options passed through, and the docs that name them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from intel_samples import GENERATED

from smishguard.errors import InvalidInput
from smishguard.intel import ExportFormat, parse_format, render
from smishguard.model import Campaign, Indicator

DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("rpz", ExportFormat.RPZ), (" STIX ", ExportFormat.STIX), ("Misp", ExportFormat.MISP),
     ("csv", ExportFormat.CSV), ("txt", ExportFormat.TXT), (ExportFormat.CSV, ExportFormat.CSV)],
)  # fmt: skip
def test_parse_format(name: str, expected: ExportFormat) -> None:
    assert parse_format(name) is expected


@pytest.mark.parametrize("name", ["", "json", "rpz2", "stix2.0", "openioc"])
def test_unknown_format_is_invalid_input_naming_the_known_ones(name: str) -> None:
    with pytest.raises(InvalidInput, match="rpz, stix, misp, csv, txt"):
        render(name, [], [], generated_at=GENERATED)


@pytest.mark.parametrize("kind", list(ExportFormat))
def test_every_format_renders_the_sample(
    kind: ExportFormat, campaign: Campaign, indicators: list[Indicator]
) -> None:
    export = render(kind, [campaign], indicators, generated_at=GENERATED)
    assert export.format is kind
    assert export.skipped == ()
    assert "acme-okta.com" in export.text
    if kind in (ExportFormat.STIX, ExportFormat.MISP):
        json.loads(export.text)
    assert render(kind.value, [campaign], indicators, generated_at=GENERATED) == export


def test_options_reach_their_renderer(campaign: Campaign, indicators: list[Indicator]) -> None:
    zone = render("rpz", [], indicators, generated_at=GENERATED, zone="b.example", serial=7, ttl=9)
    assert "$ORIGIN b.example.\n$TTL 9\n" in zone.text
    assert "( 7 " in zone.text
    misp = render("misp", [campaign], indicators, generated_at=GENERATED, tlp="red")
    assert json.loads(misp.text)["Event"]["Tag"] == [{"name": "tlp:red"}]
    raw = render("csv", [], indicators, generated_at=GENERATED, spreadsheet_safe=False)
    assert "\r\nsender,+15550100200," in raw.text


def test_skipped_values_come_back(indicators: list[Indicator]) -> None:
    bad = [*indicators, Indicator(indicators[0].kind, "co.uk", GENERATED, GENERATED)]
    for kind in ExportFormat:
        export = render(kind, [], bad, generated_at=GENERATED)
        assert [s.value for s in export.skipped] == ["co.uk"], kind


@pytest.mark.parametrize("kind", list(ExportFormat))
def test_every_format_is_documented(kind: ExportFormat) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"| `{kind.value}` | `{kind.file_suffix}` | `{kind.media_type}` |" in text
