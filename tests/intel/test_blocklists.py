"""CSV and text blocklists: columns, formula-injection safety, sorting and deduplication."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from intel_samples import FIRST, LAST, indicator

from smishguard.intel.blocklists import (
    CSV_HEADER,
    FORMULA_TRIGGERS,
    render_csv,
    render_domain_list,
    spreadsheet_cell,
)
from smishguard.model import Indicator, IndicatorKind


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_has_the_header_and_one_row_per_indicator(indicators: list[Indicator]) -> None:
    table = rows(render_csv(indicators).text)
    assert table[0] == list(CSV_HEADER)
    seen = ["2025-03-01T08:30:00Z", "2025-03-04T17:05:00Z", "Acme", "c-okta"]
    assert table[1:] == [
        ["domain", "acme-okta.com", *seen],
        ["domain", "xn--cme-sso-1fg.com", *seen],
        ["sender", "'+15550100200", *seen],  # a leading + would make a formula
        ["url", "https://acme-okta.com/reset", *seen],
    ]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("acme-okta.com", "acme-okta.com"),
        ("Acme = evil", "Acme = evil"),  # only the first character matters
        ("", ""),
    ],
)
def test_spreadsheet_cell(value: str, cell: str) -> None:
    assert spreadsheet_cell(value) == cell


def test_formula_guard_can_be_turned_off_for_machines() -> None:
    sender = [indicator(IndicatorKind.SENDER, "+15550100200", brand="=1+1")]
    assert rows(render_csv(sender, spreadsheet_safe=False).text)[1][1::3] == [
        "+15550100200",
        "=1+1",
    ]
    assert rows(render_csv(sender).text)[1][1::3] == ["'+15550100200", "'=1+1"]


def test_values_with_line_breaks_are_skipped_and_domains_gated() -> None:
    given_values = [
        indicator(IndicatorKind.URL, "https://a.example/x\nkind,value"),
        indicator(IndicatorKind.DOMAIN, "co.uk"),
        indicator(IndicatorKind.DOMAIN, "acme-okta.com"),
    ]
    table = render_csv(given_values)
    assert [r[1] for r in rows(table.text)[1:]] == ["acme-okta.com"]
    assert sorted(s.value for s in table.skipped) == ["co.uk", "https://a.example/x\nkind,value"]


@given(
    st.lists(
        st.tuples(st.sampled_from(list(IndicatorKind)), st.text(max_size=30), st.text(max_size=20)),
        max_size=10,
    )
)
def test_any_csv_parses_back_and_no_cell_starts_a_formula(
    given_values: list[tuple[IndicatorKind, str, str]],
) -> None:
    values = [Indicator(k, v, FIRST, LAST, brand=b, campaign_id=b) for k, v, b in given_values]
    table = render_csv(values)
    parsed = rows(table.text)
    assert parsed[0] == list(CSV_HEADER)
    assert all(len(row) == len(CSV_HEADER) for row in parsed)
    assert all(cell[:1] not in FORMULA_TRIGGERS for row in parsed for cell in row)
    skipped = {(s.kind, s.value) for s in table.skipped}
    written = {(row[0], row[5]) for row in parsed[1:]}
    for value in values:
        assert (value.kind, value.value) in skipped or (
            value.kind.value,
            spreadsheet_cell(value.campaign_id.strip()),
        ) in written


def test_domain_list_is_sorted_deduplicated_ascii() -> None:
    given_values = [
        indicator(IndicatorKind.DOMAIN, "b-okta.com"),
        indicator(IndicatorKind.DOMAIN, "аcme.com"),
        indicator(IndicatorKind.DOMAIN, "B-OKTA.com."),
        indicator(IndicatorKind.DOMAIN, "a-okta.com"),
        indicator(IndicatorKind.DOMAIN, "github.io"),
        indicator(IndicatorKind.URL, "https://c-okta.com/x"),
    ]
    listing = render_domain_list(given_values)
    assert listing.text == "a-okta.com\nb-okta.com\nxn--cme-5cd.com\n"
    assert [s.value for s in listing.skipped] == ["github.io"]


def test_empty_domain_list_is_empty() -> None:
    assert render_domain_list([]).text == ""
