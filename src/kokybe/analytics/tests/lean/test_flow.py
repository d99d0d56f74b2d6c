from datetime import UTC, datetime

import polars as pl

from kokybe.analytics.lean import throughput, work_in_progress


def when(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


CASES = pl.DataFrame(
    {
        # Weeks (UTC) start on Mondays 2, 9, 16, 23 March 2026.
        "case": ["a", "b", "c", "d", "e"],
        "service": [1, 1, 1, 2, 2],
        "started_at": [when(2), when(3), when(4), when(9), when(10)],
        "ended_at": [when(5), when(11), when(25), when(10), None],
    }
)


def weeks(frame: pl.DataFrame) -> list[tuple]:
    return [(start.day, *rest) for start, *rest in frame.rows()]


def test_throughput_per_week_with_empty_weeks():
    figures = throughput(CASES, by=["service"])
    assert figures.columns == ["service", "period_start", "completed"]
    assert [(service, start.day, n) for service, start, n in figures.rows()] == [
        (1, 2, 1),
        (1, 9, 1),
        (1, 16, 0),
        (1, 23, 1),
        (2, 9, 1),
    ]


def test_throughput_counts_only_completed_cases_where_the_frame_says():
    flagged = CASES.with_columns(completed=pl.Series([True, False, True, True, False]))
    assert weeks(throughput(flagged)) == [(2, 1), (9, 1), (16, 0), (23, 1)]


def test_work_in_progress_at_each_week_start():
    # Open at Monday 9 00:00: b, c (a ended on the 5th; d starts later that day). Monday 16: c, e.
    # Monday 23: c, e. Monday 30: e (c ended on the 25th).
    assert weeks(work_in_progress(CASES)) == [(9, 2), (16, 2), (23, 2), (30, 1)]
    per_service = work_in_progress(CASES, by=["service"])
    assert [(s, start.day, n) for s, start, n in per_service.rows()] == [
        (1, 9, 2),
        (1, 16, 1),
        (1, 23, 1),
        (1, 30, 0),
        (2, 16, 1),
    ]


def test_periods_follow_the_local_calendar():
    # 22:30 UTC on Sunday 1 March is already Monday 00:30 in Vilnius (UTC+2): the next week there.
    late_sunday = pl.DataFrame({"started_at": [when(1, 22)], "ended_at": [datetime(2026, 3, 1, 22, 30, tzinfo=UTC)]})
    assert throughput(late_sunday)["period_start"].to_list() == [datetime(2026, 2, 23, tzinfo=UTC)]
    local = throughput(late_sunday, zone="Europe/Vilnius")["period_start"].item()
    assert (local.isoformat(), str(local.tzinfo)) == ("2026-03-02T00:00:00+02:00", "Europe/Vilnius")
    monthly = work_in_progress(CASES, every="1mo", zone="Europe/Vilnius")
    assert [(start.month, n) for start, n in monthly.rows()] == [(4, 1)]
