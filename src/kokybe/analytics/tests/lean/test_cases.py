import polars as pl
import pytest

from kokybe.analytics.lean import case_durations, event_frame, lead_time_figures

from .conftest import at

HOUR = 3600.0


def test_case_durations_first_to_last_event(two_institutions):
    cases = case_durations(two_institutions, by=["institution"]).sort("case")
    assert cases.columns == ["institution", "case", "started_at", "ended_at", "duration_s", "events"]
    assert cases.rows() == [
        (1, "c1", at(0), at(10), 10 * HOUR, 3),
        (1, "c2", at(0), at(6), 6 * HOUR, 3),
        (1, "c3", at(1), at(3), 2 * HOUR, 2),
        (2, "c4", at(0), at(5), 5 * HOUR, 4),
    ]
    assert case_durations(two_institutions).sort("case")["duration_s"].to_list() == [
        10 * HOUR,
        6 * HOUR,
        2 * HOUR,
        5 * HOUR,
    ]


def test_case_durations_same_for_shuffled_events(two_institutions):
    shuffled = two_institutions.sample(fraction=1.0, shuffle=True, seed=11)
    assert case_durations(shuffled, by=["institution"]).equals(case_durations(two_institutions, by=["institution"]))


def test_lead_time_figures_interpolate_percentiles_linearly(two_institutions):
    cases = case_durations(two_institutions, by=["institution"])
    figures = lead_time_figures(cases, by=["institution"])
    assert figures.columns == ["institution", "cases", "median_s", "p90_s", "mean_s"]
    # Institution 1: 2, 6, 10 h. p90 lies 0.8 of the way from 6 h (rank 1) to 10 h (rank 2): 9.2 h.
    assert figures.row(0) == pytest.approx((1, 3, 6 * HOUR, 9.2 * HOUR, 6 * HOUR))
    assert figures.row(1) == pytest.approx((2, 1, 5 * HOUR, 5 * HOUR, 5 * HOUR))
    # All four: 2, 5, 6, 10 h. Median between 5 and 6; p90 at rank 2.7: 6 + 0.7 * 4 = 8.8 h.
    overall = lead_time_figures(cases)
    assert overall.row(0) == pytest.approx((4, 5.5 * HOUR, 8.8 * HOUR, 5.75 * HOUR))


def test_lead_time_figures_of_no_cases():
    empty = pl.DataFrame(schema={"year": pl.Int32, "duration_s": pl.Float64})
    assert lead_time_figures(empty, by=["year"]).height == 0
    assert lead_time_figures(empty).row(0) == (0, None, None, None)


def many_cases(logs: int) -> pl.DataFrame:
    """An event frame of 900 cases of 4 to 9 events in each of `logs` logs, every log using the same case keys,
    and several cases starting at the same moment."""
    columns: dict[str, list] = {"case": [], "activity": [], "timestamp": [], "log": []}
    for log in range(1, logs + 1):
        for number in range(900):
            for step in range(4 + number % 6):
                columns["case"].append(f"k{number}")
                columns["activity"].append(f"a{step % 3}")
                columns["timestamp"].append(at(number % 7 + step * (log + number % 5)))
                columns["log"].append(log)
    return event_frame(columns, groups=["log"], check_groups=False)


@pytest.mark.parametrize("logs", [1, 2], ids=["one log", "the same keys in two logs"])
def test_case_durations_of_many_shuffled_events_equal_the_ordered_ones(logs):
    """Beyond the rows the order check probes first: unordered events are grouped by a fingerprint of their case
    without being put in order, or, when two cases share a case hash (the same key in two logs), put in order."""
    ordered = many_cases(logs)
    assert ordered.height > 4096
    expected = case_durations(ordered, by=["log"])
    assert expected.height == 900 * logs
    assert case_durations(ordered.sample(fraction=1.0, shuffle=True, seed=5), by=["log"]).equals(expected)
    # In order but for the last two events: the probe of the first rows finds no fault, the whole check does.
    last_two_swapped = pl.concat([ordered.head(-2), ordered.tail(2).reverse()])
    assert case_durations(last_two_swapped, by=["log"]).equals(expected)
