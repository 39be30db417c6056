"""Charts drawn on the server as inline SVG: no chart library, no script, nothing fetched.

Colours come from the stylesheet through class names (``bar-phishing`` …), so the charts
follow the page's palette; every bar has a <title> that says its numbers in words. Each chart
is drawn at a size, in SVG units close to the CSS pixels it will fill, so that its text stays
readable: the pages draw a wide one for desktops and a narrow one for phones.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from smishguard.service.overview import LABELS, BrandCount, HourBar

NARROW = 340  # SVG units: near the CSS pixels of a 375 px phone's panel


def nice_ceiling(value: int) -> int:
    """The axis top: 1, 2, 5 × a power of ten, at least ``value`` (and at least 1)."""
    if value <= 1:
        return 1
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


def _tick(value: float) -> str:
    """An axis number: '2.5' halfway up to 5 (rounding it to '2' would misplace it)."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def hours_chart(bars: Sequence[HourBar], *, title: str, narrow: bool = False) -> Markup:
    """Stacked bars of reports per hour (phishing, suspicious, clean from the bottom)."""
    width, height, left = (NARROW, 190, 30) if narrow else (1080, 240, 40)
    bottom, top_margin = 22, 8
    top = nice_ceiling(max((bar.total for bar in bars), default=0))
    plot_w, plot_h = width - left, height - top_margin - bottom
    slot = plot_w / max(len(bars), 1)
    gap = 1.0 if slot > 4 else 0.0
    daily = len(bars) > 48  # a label each day for a week, else every 6 hours
    name = f"chart-hours-{width}"
    parts = [
        f'<svg class="chart hours {"narrow" if narrow else "wide"}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{name}">',
        f'<title id="{name}">{escape(title)}</title>',
    ]
    for fraction in (0.0, 0.5, 1.0):
        y = top_margin + plot_h * (1 - fraction)
        parts.append(f'<line class="grid" x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{_tick(top * fraction)}</text>')
    for index, bar in enumerate(bars):
        x = left + index * slot
        words = ", ".join(f"{count:,} {label.value}" for label, count in
                          zip(LABELS, bar.counts, strict=True))
        parts.append(f'<g><title>{bar.start:%Y-%m-%d %H}:00 UTC: {escape(words)}</title>')
        baseline: float = top_margin + plot_h
        for label, count in zip(LABELS, bar.counts, strict=True):
            if count == 0:
                continue
            bar_h = plot_h * count / top
            baseline -= bar_h
            parts.append(f'<rect class="bar-{label.value}" x="{x + gap / 2:.2f}" '
                         f'y="{baseline:.2f}" width="{max(slot - gap, 0.5):.2f}" '
                         f'height="{bar_h:.2f}"/>')
        parts.append("</g>")
        if bar.start.hour % (24 if daily else 6) == 0:
            text = f"{bar.start:%a %d}" if daily else f"{bar.start:%H}:00"
            # A label that would run past the right edge ends at it instead.
            anchor = ' text-anchor="end"' if x + 36 > width else ""
            parts.append(f'<text class="axis" x="{min(x, width):.1f}" y="{height - 6}"'
                         f'{anchor}>{text}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def brands_chart(brands: Sequence[BrandCount], *, title: str, narrow: bool = False) -> Markup:
    """Horizontal bars: reports per imitated brand, most first (drawn for half a desktop
    page, or a phone)."""
    row = 28
    width, label_w, count_w, longest = (NARROW, 104, 36, 14) if narrow else (520, 150, 50, 22)
    height = max(len(brands), 1) * row
    top = max((b.reports for b in brands), default=1)
    name = f"chart-brands-{width}"
    parts = [
        f'<svg class="chart brands {"narrow" if narrow else "wide"}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{name}">',
        f'<title id="{name}">{escape(title)}</title>',
    ]
    for index, brand in enumerate(brands):
        y = index * row
        shown = brand.brand if len(brand.brand) <= longest else brand.brand[:longest - 1] + "…"
        bar_w = max((width - label_w - count_w) * brand.reports / top, 2)
        parts.append(
            f'<g><title>{escape(brand.brand)}: {brand.reports:,} reports</title>'
            f'<text class="label" x="{label_w - 8}" y="{y + 19}" text-anchor="end">'
            f'{escape(shown)}</text>'
            f'<rect class="bar-brand" x="{label_w}" y="{y + 5}" width="{bar_w:.1f}" '
            f'height="{row - 10}" rx="3"/>'
            f'<text class="count" x="{label_w + bar_w + 6:.1f}" y="{y + 19}">'
            f'{brand.reports:,}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))
