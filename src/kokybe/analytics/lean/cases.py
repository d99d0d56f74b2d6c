"""Cases: when each started and ended, and the lead-time figures of a group of cases."""

from collections.abc import Sequence

import polars as pl

from kokybe.analytics.lean.frame import CASE, CASE_NUMBER, ORDER, TIMESTAMP, case_identity, numbered_cases, seconds

LEAD_QUANTILE = 0.9


def case_durations(events: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """One row per case: `[*by, case, started_at, ended_at, duration_s, events]`, in case order.

    The duration is the lead time from the first to the last event (seconds, Float64).
    """
    # Only what names a case and when each event happened: putting unsorted events in case order then
    # moves a fraction of the data.
    needed = [*case_identity(events), TIMESTAMP, ORDER]
    return durations_of(numbered_cases(events.select(needed)), by).collect()


def durations_of(numbered: pl.DataFrame, by: Sequence[str] = ()) -> pl.LazyFrame:
    """`case_durations` of events already numbered by `numbered_cases`: in case order, a case's first and
    last events are where its number changes, so no grouping is needed."""
    number = pl.col(CASE_NUMBER)
    ordered = numbered.lazy().with_columns(position=pl.int_range(pl.len(), dtype=pl.Int64))
    firsts = ordered.filter(number.ne_missing(number.shift())).select(*by, CASE, started_at=TIMESTAMP, first="position")
    lasts = ordered.filter(number.ne_missing(number.shift(-1))).select(ended_at=TIMESTAMP, last="position")
    return pl.concat([firsts, lasts], how="horizontal").select(
        *by,
        CASE,
        "started_at",
        "ended_at",
        duration_s=seconds(pl.col("ended_at"), pl.col("started_at")),
        events=pl.col("last") - pl.col("first") + 1,
    )


def lead_time_figures(cases: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """Per group of `cases` (a frame with `duration_s`): `[*by, cases, median_s, p90_s, mean_s]`.

    Percentiles interpolate linearly between the two nearest cases (like numpy's default), so the
    median of an even number of cases is the mean of the middle two.
    """
    by = list(by)
    duration = pl.col("duration_s")
    figures = [
        pl.len().cast(pl.Int64).alias("cases"),
        duration.median().alias("median_s"),
        duration.quantile(LEAD_QUANTILE, interpolation="linear").alias("p90_s"),
        duration.mean().alias("mean_s"),
    ]
    if not by:
        return cases.select(figures)
    return cases.group_by(by).agg(figures).sort(by)
