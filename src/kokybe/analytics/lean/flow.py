"""Flow over calendar periods: cases completed per period (throughput) and cases open (work in progress).

Periods are calendar periods in `zone` (a week starts on Monday at local midnight), named by their
start as a zoned date-time; every period from a group's first to its last appears, empty ones with 0.
Both take a case frame with `started_at` and `ended_at` (null while the case is open), such as
`case_durations`' output; where it has a Boolean `completed` column, only completed cases end.
"""

from collections.abc import Sequence

import polars as pl

PERIOD = "period_start"


def _ends(cases: pl.DataFrame) -> pl.Expr:
    """`ended_at`, null for a case not completed."""
    ended = pl.col("ended_at")
    if "completed" in cases.columns:
        return pl.when(pl.col("completed")).then(ended)
    return ended


def _period_of(moment: pl.Expr, every: str, zone: str) -> pl.Expr:
    return moment.dt.convert_time_zone(zone).dt.truncate(every)


def _every_period(counts: pl.LazyFrame, by: list[str], every: str) -> pl.LazyFrame:
    """Each group's periods from its first to its last, with the counts joined (missing ones 0)."""
    span = (
        counts.group_by(by).agg(
            pl.datetime_range(pl.col(PERIOD).min(), pl.col(PERIOD).max(), interval=every).alias(PERIOD)
        )
        if by
        else counts.select(
            pl.datetime_range(pl.col(PERIOD).min(), pl.col(PERIOD).max(), interval=every).implode().alias(PERIOD)
        )
    )
    return span.explode(PERIOD).join(counts, on=[*by, PERIOD], how="left", nulls_equal=True)


def throughput(cases: pl.DataFrame, by: Sequence[str] = (), every: str = "1w", zone: str = "UTC") -> pl.DataFrame:
    """Completed cases per period: `[*by, period_start, completed]`, by `by` and period."""
    by = list(by)
    counts = (
        cases.lazy()
        .select(*by, _period_of(_ends(cases), every, zone).alias(PERIOD))
        .drop_nulls(PERIOD)
        .group_by([*by, PERIOD])
        .agg(completed=pl.len().cast(pl.Int64))
    )
    return _every_period(counts, by, every).with_columns(pl.col("completed").fill_null(0)).sort([*by, PERIOD]).collect()


def work_in_progress(cases: pl.DataFrame, by: Sequence[str] = (), every: str = "1w", zone: str = "UTC") -> pl.DataFrame:
    """Cases open at each period's start: `[*by, period_start, open]`, by `by` and period.

    A case is open at a moment when it started at or before it and has not ended by then. Counted as
    the starts so far minus the ends so far: a case joins at the first period start not before its
    first event and leaves at the first period start not before its end, so a case opened and
    closed within one period is never counted. Periods run from the first start to the last event.
    """
    by = list(by)

    def first_period_from(moment: pl.Expr) -> pl.Expr:
        period = _period_of(moment, every, zone)
        return pl.when(period < moment.dt.convert_time_zone(zone)).then(period.dt.offset_by(every)).otherwise(period)

    def counted(moment: pl.Expr, name: str) -> pl.LazyFrame:
        return (
            cases.lazy()
            .select(*by, first_period_from(moment).alias(PERIOD))
            .drop_nulls(PERIOD)
            .group_by([*by, PERIOD])
            .agg(pl.len().cast(pl.Int64).alias(name))
        )

    starts, ends = counted(pl.col("started_at"), "joining"), counted(_ends(cases), "leaving")
    changes = (
        pl.concat([starts, ends], how="diagonal")
        .group_by([*by, PERIOD])
        .agg(pl.col("joining").sum(), pl.col("leaving").sum())
    )
    running = pl.col("joining").fill_null(0) - pl.col("leaving").fill_null(0)
    return (
        _every_period(changes, by, every)
        .sort([*by, PERIOD])
        .with_columns(running.cum_sum().over(by).alias("open") if by else running.cum_sum().alias("open"))
        .select(*by, PERIOD, "open")
        .collect()
    )
