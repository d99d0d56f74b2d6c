from xml.etree import ElementTree

from kokybe.analytics.charts import ComparisonBar, LineSeries, comparison_bars, line_chart, nice_top

SVG = "{http://www.w3.org/2000/svg}"


def _parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_the_axis_ends_on_a_readable_number() -> None:
    assert [nice_top(v) for v in (0, 0.7, 1, 3, 7.5, 12, 180, 0.031)] == [1, 1, 1, 5, 10, 20, 200, 0.05]


def test_a_line_per_series_broken_where_a_value_is_missing() -> None:
    svg = _parsed(
        line_chart(
            [LineSeries("2025", [1, 2, None, 4, 5]), LineSeries("2024", [2, 2, 2, 2, None])],
            ["1", "2", "3", "4", "5"],
            title="Throughput",
            y_format=lambda v: f"{v:.0f}",
        )
    )
    assert svg.get("aria-label") == "Throughput"
    lines = list(svg.iter(f"{SVG}polyline"))
    assert len(lines) == 3  # 2025 in two stretches, 2024 in one
    assert {line.get("stroke-dasharray") for line in lines} == {"", "6 4"}
    assert [len((line.get("points") or "").split()) for line in lines] == [2, 2, 4]
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert {"2025", "2024", "0", "5"} <= set(texts)


def test_a_lone_value_is_a_dot() -> None:
    svg = _parsed(line_chart([LineSeries("a", [None, 3, None])], ["x", "y", "z"], title="t", y_format=str))
    assert len(list(svg.iter(f"{SVG}circle"))) == 1
    assert not list(svg.iter(f"{SVG}polyline"))


def test_institutions_side_by_side_with_last_year_and_the_average() -> None:
    svg = _parsed(
        comparison_bars(
            [ComparisonBar("Danė", 10, 6), ComparisonBar("Rytas", 4, None), ComparisonBar("Small", None, 3)],
            title="Median lead time",
            value_format=lambda v: f"{v:.0f} d.",
            average=7,
            average_label="Municipality",
            previous_label="Last year",
        )
    )
    bars = list(svg.iter(f"{SVG}rect"))
    assert len(bars) == 2  # no bar where the value is suppressed or missing
    widths = [float(r.get("width") or 0) for r in bars]
    assert widths[0] == 2.5 * widths[1]
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert {"Danė", "Rytas", "Small", "10 d.", "4 d.", "Municipality", "Last year"} <= set(texts)
    dashed = [line for line in svg.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 2  # the average line and its legend


def test_labels_are_escaped() -> None:
    svg = _parsed(comparison_bars([ComparisonBar("<b>&", 1, None)], title="<t>", value_format=str))
    assert svg.get("aria-label") == "<t>"
