"""Server-side SVG charts of the analytics pages: lines over time and bars comparing institutions.

Each chart goes in a <figure> with a caption and the table of the same numbers beside it; the SVG only names
itself (`aria-label`), screen readers read the table. Series differ by dash pattern as well as colour, so the
charts read in greyscale and with colour-blindness.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

INK = "#0b0c0c"
GRID = "#cecece"
COLOURS = ("#1d70b8", "#942514", "#106165", "#54319f")
DASHES = ("", "6 4", "2 3", "10 3 2 3")
WIDTH = 640
PLOT_LEFT = 56
PLOT_RIGHT = 16
LEGEND_ROW = 18


@dataclass(frozen=True)
class LineSeries:
    name: str
    values: Sequence[float | None]  # one per x label; None leaves a gap


@dataclass(frozen=True)
class ComparisonBar:
    label: str
    value: float | None
    previous: float | None  # last year's value: a tick on the bar


def nice_top(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above `value` (a readable top of the axis)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def line_chart(
    series: Sequence[LineSeries], x_labels: Sequence[str], *, title: str, y_format: Callable[[float], str]
) -> SafeString:
    height = 230 + LEGEND_ROW * len(series)
    plot_top, plot_bottom = 12 + LEGEND_ROW * len(series), height - 34
    plot_width = WIDTH - PLOT_LEFT - PLOT_RIGHT
    top = nice_top(max((v for s in series for v in s.values if v is not None), default=0))
    count = max(len(x_labels), 1)

    def x_of(index: int) -> float:
        return PLOT_LEFT + (plot_width * index / (count - 1) if count > 1 else plot_width / 2)

    def y_of(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * value / top

    levels = [(f"{y_of(top * i / 4):.1f}", f"{y_of(top * i / 4) + 4:.1f}", y_format(top * i / 4)) for i in range(5)]
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"></line>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="{}">{}</text>',
        ((PLOT_LEFT, WIDTH - PLOT_RIGHT, y, y, GRID, PLOT_LEFT - 6, text_y, INK, text) for y, text_y, text in levels),
    )
    every = max(1, math.ceil(count / 8))  # at most about eight labels under the axis
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>',
        ((f"{x_of(i):.1f}", plot_bottom + 18, INK, label) for i, label in enumerate(x_labels) if i % every == 0),
    )
    lines = []
    for number, one in enumerate(series):
        colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
        for run in _runs(one.values):
            points = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, v in run)
            lines.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" '
                    'stroke-dasharray="{}"></polyline>',
                    points,
                    colour,
                    dash,
                )
                if len(run) > 1
                else format_html(
                    '<circle cx="{}" cy="{}" r="3.5" fill="{}"></circle>',
                    f"{x_of(run[0][0]):.1f}",
                    f"{y_of(run[0][1]):.1f}",
                    colour,
                )
            )
    legend = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"></line>'
        '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
        (
            (PLOT_LEFT, PLOT_LEFT + 28, y, y, colour, dash, PLOT_LEFT + 34, y + 4, INK, one.name)
            for n, one in enumerate(series)
            for y, colour, dash in [(10 + LEGEND_ROW * n, COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)])]
        ),
    )
    return _svg(height, title, SafeString(grid + ticks + "".join(lines) + legend))


def comparison_bars(
    bars: Sequence[ComparisonBar],
    *,
    title: str,
    value_format: Callable[[float], str],
    average: float | None = None,
    average_label: str = "",
    previous_label: str = "",
) -> SafeString:
    """A bar per institution; a dark tick marks last year's value, a dashed line the municipality's average."""
    label_width, value_width, row = 200, 70, 28
    legend = LEGEND_ROW * 2
    height = legend + row * len(bars) + 12
    plot_width = WIDTH - label_width - value_width
    top = nice_top(max([b.value or 0 for b in bars] + [b.previous or 0 for b in bars] + [average or 0]))

    def x_of(value: float) -> float:
        return label_width + plot_width * value / top

    parts = [
        format_html(
            '<line x1="0" x2="14" y1="10" y2="10" stroke="{}" stroke-width="3"></line>'
            '<text x="20" y="14" font-size="12" fill="{}">{}</text>',
            INK,
            INK,
            previous_label,
        )
        if previous_label
        else SafeString("")
    ]
    if average is not None:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="5 3"></line>'
                '<line x1="0" x2="14" y1="28" y2="28" stroke="{}" stroke-width="2" stroke-dasharray="5 3"></line>'
                '<text x="20" y="32" font-size="12" fill="{}">{}</text>',
                f"{x_of(average):.1f}",
                f"{x_of(average):.1f}",
                legend - 4,
                height - 4,
                COLOURS[1],
                COLOURS[1],
                INK,
                average_label,
            )
        )
    for index, bar in enumerate(bars):
        y = legend + index * row
        parts.append(
            format_html('<text x="0" y="{}" font-size="12" fill="{}">{}</text>', y + 17, INK, _short(bar.label, 30))
        )
        if bar.value is not None:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="16" fill="{}"></rect>'
                    '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
                    label_width,
                    y + 5,
                    f"{max(x_of(bar.value) - label_width, 1):.1f}",
                    COLOURS[0],
                    f"{x_of(bar.value) + 4:.1f}",
                    y + 17,
                    INK,
                    value_format(bar.value),
                )
            )
        if bar.previous is not None:
            parts.append(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="3"></line>',
                    f"{x_of(bar.previous):.1f}",
                    f"{x_of(bar.previous):.1f}",
                    y + 1,
                    y + 25,
                    INK,
                )
            )
    return _svg(height, title, SafeString("".join(parts)))


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """The stretches of consecutive values, so a missing period breaks the line instead of bridging it."""
    runs: list[list[tuple[int, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((index, value))
    return [run for run in runs if run]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _svg(height: int, title: str, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="kokybe-svg-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        WIDTH,
        height,
        title,
        body,
    )
