"""Directly-follows transitions: how often one activity follows another in a case, and the wait between."""

from collections.abc import Sequence

import polars as pl

from kokybe.analytics.lean.frame import (
    ACTIVITY,
    CASE_NUMBER,
    ORDER,
    TIMESTAMP,
    case_groups,
    case_identity,
    numbered_cases,
    seconds,
)

_KEY_LIMIT = 2**64  # the group and edge packed into one UInt64 grouping key must stay under it


def transition_waits(events: pl.DataFrame, by: Sequence[str] = ()) -> pl.LazyFrame:
    """One row per pair of consecutive events of a case: `[*by, source, target, wait_s]`.

    `source` and `target` are Categorical: grouping by their codes is several times faster than by
    the strings.
    """
    return waits_of(numbered_cases(events), by).drop(CASE_NUMBER)


def waits_of(numbered: pl.DataFrame, by: Sequence[str] = ()) -> pl.LazyFrame:
    """`transition_waits` of events numbered by `numbered_cases`, keeping the case number."""
    activity = pl.col(ACTIVITY).cast(pl.Categorical)
    number = pl.col(CASE_NUMBER)
    return (
        numbered.lazy()
        .select(
            *by,
            CASE_NUMBER,
            activity.alias("source"),
            activity.shift(-1).alias("target"),
            seconds(pl.col(TIMESTAMP).shift(-1), pl.col(TIMESTAMP)).alias("wait_s"),
            following=number == number.shift(-1),
        )
        .filter(pl.col("following"))
        .drop("following")
    )


def directly_follows(events: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """Per group and edge: `[*by, source, target, count, mean_s, median_s, min_s, max_s, total_s]`.

    The time on an edge is the wait between an event and the next one of the same case, in seconds.
    Rows come most frequent first within a group (ties by source, then target).
    """
    # Only what names a case and when and what each event was: putting unsorted events in case order then
    # moves less data.
    needed = [*case_identity(events), ACTIVITY, TIMESTAMP, ORDER]
    return follows_of(numbered_cases(events.select(needed)), by).collect()


def follows_of(numbered: pl.DataFrame, by: Sequence[str] = ()) -> pl.LazyFrame:
    """`directly_follows` of events numbered by `numbered_cases`.

    Each transition is grouped by one integer packing its group's number and the two activities'
    codes, several times faster than grouping by the columns it stands for, which are looked up
    afterwards for the few thousand edges.
    """
    by = list(by)
    activity = numbered[ACTIVITY].cast(pl.Categorical)
    present = activity.unique()
    names = pl.DataFrame({"code": present.to_physical().cast(pl.UInt64), "name": present.cast(pl.String)})
    codes = names.select(pl.col("code").max() + 1).item() if names.height else 1
    groups, group_of_case = case_groups(numbered, by)
    edges = codes * codes
    if groups.height * edges >= _KEY_LIMIT:
        raise ValueError(f"{groups.height} groups of {codes} activity codes are too many to count edges of.")
    code = activity.to_physical().cast(pl.UInt64)
    number = pl.col(CASE_NUMBER)
    key = pl.lit(group_of_case).gather(number) * edges + pl.lit(code) * codes + pl.lit(code).shift(-1)
    wait = pl.col("wait_s")
    transitions = (
        numbered.lazy()
        .select(
            key.alias("key"),
            seconds(pl.col(TIMESTAMP).shift(-1), pl.col(TIMESTAMP)).alias("wait_s"),
            following=number == number.shift(-1),
        )
        .filter(pl.col("following"))
    )
    # The median apart: beside it, Polars gathers every edge's waits for the other figures too, which it
    # otherwise sums up as it goes. Two groupings joined on a few thousand edges take about a quarter less time.
    counted = (
        transitions.group_by("key")
        .agg(count=pl.len().cast(pl.Int64), mean_s=wait.mean(), min_s=wait.min(), max_s=wait.max(), total_s=wait.sum())
        .join(transitions.group_by("key").agg(median_s=wait.median()), on="key")
        .with_columns(group=pl.col("key") // edges, source=pl.col("key") % edges // codes, target=pl.col("key") % codes)
    )
    for end in ("source", "target"):
        counted = counted.join(names.lazy().rename({"code": end, "name": f"{end}_name"}), on=end, how="left")
    if by:
        counted = counted.join(groups.lazy(), on="group", how="left")
    return counted.select(
        *by,
        pl.col("source_name").alias("source"),
        pl.col("target_name").alias("target"),
        "count",
        "mean_s",
        "median_s",
        "min_s",
        "max_s",
        "total_s",
    ).sort([*by, "count", "source", "target"], descending=[*(False for _ in by), True, False, False])


def bottlenecks(dfg: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """`dfg` (from `directly_follows`) with `share_of_waiting`: the edge's total wait over its group's.

    Largest share first within each group; a group with no waiting at all has a null share.
    """
    by = list(by)
    group_total = pl.col("total_s").sum().over(by) if by else pl.col("total_s").sum()
    share = pl.when(group_total > 0).then(pl.col("total_s") / group_total)
    return dfg.with_columns(share_of_waiting=share).sort(
        [*by, "share_of_waiting", "source", "target"],
        descending=[*(False for _ in by), True, False, False],
        nulls_last=True,
    )
