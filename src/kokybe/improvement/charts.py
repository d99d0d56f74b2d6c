"""Server-side SVG bars for execution rates: drawn here, described by the data table beside them."""

from dataclasses import dataclass

WIDTH = 320
BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 60
VALUE_WIDTH = 52


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # a percentage, or None when there is nothing to show
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    plot_width: int = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    width: int = WIDTH

    @property
    def value_x(self) -> int:
        return self.label_width + self.plot_width + 4


def rate_bars(values: list[tuple[str, float | None]]) -> BarChart:
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(label, value, index * (BAR_HEIGHT + GAP), 0 if value is None else round(plot * value / 100, 1))
        for index, (label, value) in enumerate(values)
    ]
    return BarChart(bars=bars, height=max(1, len(bars) * (BAR_HEIGHT + GAP) - GAP))
