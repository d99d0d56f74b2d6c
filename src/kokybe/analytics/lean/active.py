"""Active time: how long activities were being worked on, where both their start and complete are known."""

from collections.abc import Sequence

import polars as pl

from kokybe.analytics.lean.cases import case_durations
from kokybe.analytics.lean.frame import (
    ACTIVITY,
    COMPLETE,
    LIFECYCLE,
    START,
    TIMESTAMP,
    TIMESTAMP_TYPE,
    case_columns,
    in_case_order,
    seconds,
)

_INSTANCE_SCHEMA: dict[str, pl.DataType] = {
    ACTIVITY: pl.String(),
    "started_at": TIMESTAMP_TYPE,
    "completed_at": TIMESTAMP_TYPE,
}


def activity_instances(events: pl.DataFrame, by: Sequence[str] = ()) -> pl.LazyFrame:
    """One row per start paired with its complete: `[*by, case, activity, started_at, completed_at]`.

    Grouping columns that name cases but are not in `by` come before `case`.

    Within a case and activity, a complete closes the earliest start still open (FIFO); a complete
    with no start open, and a start never completed, pair with nothing. Matching the j-th complete
    is a running minimum rather than a loop: with S_j the starts seen before it, the completes
    matched so far are m_j = min(m_(j-1) + 1, S_j), which unrolls to j + min(0, min over i <= j of
    (S_i - i)); complete j is matched when m_j grows, and then closes start number m_j.
    """
    cases = case_columns(events, by)
    if LIFECYCLE not in events.columns:
        return pl.LazyFrame(schema={**{name: events.schema[name] for name in cases}, **_INSTANCE_SCHEMA})
    key = [*cases, ACTIVITY]
    lifecycle = pl.col(LIFECYCLE)
    paired = (
        in_case_order(events)
        .lazy()
        .filter(lifecycle.is_in([START, COMPLETE]))
        .select(*key, TIMESTAMP, is_start=lifecycle == START)
        .with_columns(
            starts_so_far=pl.col("is_start").cast(pl.Int64).cum_sum().over(key),
            number=pl.int_range(1, pl.len() + 1, dtype=pl.Int64).over([*key, "is_start"]),
        )
    )
    starts = paired.filter(pl.col("is_start")).select(*key, pl.col("number").alias("start"), started_at=TIMESTAMP)
    completes = (
        paired.filter(~pl.col("is_start"))
        .with_columns(lowest=(pl.col("starts_so_far") - pl.col("number")).cum_min().over(key))
        .with_columns(matched=pl.col("number") + pl.min_horizontal(pl.col("lowest"), pl.lit(0)))
        .filter(pl.col("matched") > pl.col("matched").shift(1, fill_value=0).over(key))
        .select(*key, pl.col("matched").alias("start"), completed_at=TIMESTAMP)
    )
    return completes.join(starts, on=[*key, "start"]).select(*key, "started_at", "completed_at")


def active_times(events: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """Per group and activity: `[*by, activity, instances, median_s, mean_s, total_s]`, by `by` and activity."""
    by = list(by)
    active = seconds(pl.col("completed_at"), pl.col("started_at"))
    return (
        activity_instances(events, by)
        .group_by([*by, ACTIVITY])
        .agg(
            instances=pl.len().cast(pl.Int64),
            median_s=active.median(),
            mean_s=active.mean(),
            total_s=active.sum(),
        )
        .with_columns(pl.col(ACTIVITY).cast(pl.String))
        .sort([*by, ACTIVITY])
        .collect()
    )


def value_adding_share(events: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """Per group: `[*by, active_s, lead_s, share]` over the cases with at least one paired activity.

    A case's active time is the time at least one of its activities was being worked on: overlapping
    instances count once, so the share never exceeds 1. Cases without start/complete pairs are left
    out of both sums (their active time is unknown, not zero). The share is null when lead_s is 0.
    """
    by = list(by)
    cases = case_columns(events, by)
    instances = activity_instances(events, by).sort([*cases, "started_at"])
    # Merge overlapping instances of a case: a new busy stretch begins where an instance starts after
    # every earlier one of the case has completed.
    latest_end_before = pl.col("completed_at").cum_max().shift(1).over(cases)
    busy_case_time = (
        instances.with_columns(
            stretch=(latest_end_before.is_null() | (pl.col("started_at") > latest_end_before)).cum_sum().over(cases)
        )
        .group_by([*cases, "stretch"])
        .agg(seconds(pl.col("completed_at").max(), pl.col("started_at").min()).alias("active_s"))
        .group_by(cases)
        .agg(pl.col("active_s").sum())
    )
    leads = case_durations(events, cases[:-1]).lazy().select(*cases, lead_s="duration_s")
    sums = busy_case_time.join(leads, on=cases, nulls_equal=True)
    totals = [pl.col("active_s").sum(), pl.col("lead_s").sum()]
    grouped = sums.group_by(by).agg(totals).sort(by) if by else sums.select(totals)
    return grouped.with_columns(
        share=pl.when(pl.col("lead_s") > 0).then(pl.col("active_s") / pl.col("lead_s"))
    ).collect()
