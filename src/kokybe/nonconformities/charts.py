"""Server-side SVG bar charts for the summary page; the page shows the same figures in a table beside them."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 60
PLOT_WIDTH = 300
VALUE_WIDTH = 50


def bar_chart(bars: list[tuple[str, float | None]], *, title: str, value_format: str = "{:.0f}") -> SafeString:
    """Horizontal bars, one per (label, value); a missing value draws no bar and shows a dash.

    The SVG names itself by `title`; screen readers read the data table that follows it instead of the shapes.
    """
    top = max((value for _, value in bars if value is not None), default=0) or 1
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    rows = []
    for index, (label, value) in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = 0 if value is None else max(1, round(PLOT_WIDTH * value / top))
        shown = "–" if value is None else value_format.format(value)
        rows.append((y + BAR_HEIGHT * 0.7, label, LABEL_WIDTH, y, length, LABEL_WIDTH + length + 6, shown))
    body = format_html_join(
        "",
        '<text x="0" y="{}" font-size="13" fill="#0b0c0c">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="' + str(BAR_HEIGHT) + '" fill="#106165"></rect>'
        '<text x="{}" y="' + "{}" + '" font-size="13" fill="#0b0c0c">{}</text>',
        ((ty, label, x, y, length, vx, ty, shown) for ty, label, x, y, length, vx, shown in rows),
    )
    return format_html(
        '<svg class="kokybe-svg-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" '
        'focusable="false" preserveAspectRatio="xMinYMin meet">{}</svg>',
        width,
        height,
        title,
        body,
    )
