"""The server-drawn charts: axis tops, hours without reports, numbers said in words, and
names escaped (a brand name is the tenant's text)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from smishguard.api.dashboard.charts import brands_chart, hours_chart, nice_ceiling
from smishguard.model import Label
from smishguard.service.overview import BrandCount, hour_bars
from smishguard.store.insights import HourlyCount

START = datetime(2026, 11, 28, 0, tzinfo=UTC)


@pytest.mark.parametrize(("value", "top"), [
    (0, 1), (1, 1), (2, 2), (3, 5), (5, 5), (6, 10), (11, 20), (21, 50), (99, 100), (101, 200),
    (4_999, 5_000), (5_001, 10_000),
])
def test_the_axis_top_is_a_round_number_at_least_the_largest_bar(value: int, top: int) -> None:
    assert nice_ceiling(value) == top


def test_hours_without_reports_are_zero_bars_in_label_order() -> None:
    counts = [HourlyCount(START + timedelta(hours=2), Label.CLEAN, 4),
              HourlyCount(START + timedelta(hours=2), Label.PHISHING, 7),
              HourlyCount(START, Label.SUSPICIOUS, 1)]
    bars = hour_bars(counts, START, 4)
    assert [bar.start.hour for bar in bars] == [0, 1, 2, 3]
    assert [bar.counts for bar in bars] == [(0, 1, 0), (0, 0, 0), (7, 0, 4), (0, 0, 0)]
    assert [bar.total for bar in bars] == [1, 0, 11, 0]


@pytest.mark.parametrize("narrow", [False, True])
def test_the_hours_chart_draws_one_group_per_hour_and_says_its_numbers(narrow: bool) -> None:
    counts = [HourlyCount(START + timedelta(hours=5), Label.PHISHING, 3)]
    svg = str(hours_chart(hour_bars(counts, START, 24), title="Reports <24 h>", narrow=narrow))
    assert svg.count("<g>") == 24
    assert svg.count('class="bar-phishing"') == 1
    assert "2026-11-28 05:00 UTC: 3 phishing, 0 suspicious, 0 clean" in svg
    assert "Reports &lt;24 h&gt;" in svg
    assert ">06:00<" in svg


def test_the_week_chart_labels_days() -> None:
    svg = str(hours_chart(hour_bars([], START, 24 * 7), title="week"))
    assert ">Sat 28<" in svg
    assert ">Fri 04<" in svg


def test_the_brands_chart_escapes_names_and_keeps_the_biggest_bar_widest() -> None:
    svg = str(brands_chart([BrandCount("<Acme & Co>", 10), BrandCount("Globex", 5)],
                           title="brands"))
    assert "&lt;Acme &amp; Co&gt;: 10 reports" in svg
    assert "<Acme" not in svg
    widths = [float(part.split('"')[0]) for part in svg.split('class="bar-brand"')[1:]
              for part in [part.split('width="', 1)[1]]]
    assert widths[0] == pytest.approx(2 * widths[1])
