"""Server-drawn SVG bar charts of criterion scores. Each goes in a <figure> with a caption, beside a
table of the same numbers, so the chart is an illustration and the table the accessible data."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW_HEIGHT = 18
BAR_HEIGHT = 7
LABEL_WIDTH = 165
CHART_WIDTH = 480
VALUE_WIDTH = 40
SERIES_FILLS = ("#505a5f", "#1d70b8")  # grey for the earlier or the mean, blue for this round


@dataclass(frozen=True)
class Series:
    name: str
    values: list[Decimal | None]


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def grouped_bars(labels: list[str], series: list[Series], low: Decimal, high: Decimal, title: str) -> SafeString:
    """Horizontal bars per label, one per series (e.g. last year and this year), scaled low..high."""
    span = (high - low) or Decimal(1)
    bar_room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    legend_height = 20
    height = legend_height + len(labels) * ROW_HEIGHT * max(1, len(series)) // 2 + len(labels) * 6 + 10
    parts = [
        f'<svg viewBox="0 0 {CHART_WIDTH} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    x = LABEL_WIDTH
    for index, item in enumerate(series):
        parts.append(
            f'<rect fill="{SERIES_FILLS[index % 2]}" x="{x}" y="4" width="10" height="10"></rect>'
            f'<text x="{x + 14}" y="13" font-size="11" fill="#0b0c0c">{escape(_short(item.name, 30))}</text>'
        )
        x += 150
    y = legend_height + 4
    for row, label in enumerate(labels):
        parts.append(
            f'<text x="0" y="{y + BAR_HEIGHT + 2}" font-size="11" fill="#0b0c0c">{escape(_short(label))}</text>'
        )
        for index, item in enumerate(series):
            value = item.values[row]
            bar_y = y + index * (BAR_HEIGHT + 1)
            if value is not None:
                width = float((value - low) / span) * bar_room
                parts.append(
                    f'<rect fill="{SERIES_FILLS[index % 2]}" x="{LABEL_WIDTH}" y="{bar_y}" '
                    f'width="{max(width, 1):.1f}" height="{BAR_HEIGHT}"></rect>'
                    f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{bar_y + BAR_HEIGHT}" font-size="10" fill="#0b0c0c">'
                    f"{formats.number_format(value, 1)}</text>"
                )
        y += ROW_HEIGHT * max(1, len(series)) // 2 + 6
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text inside was escaped above
