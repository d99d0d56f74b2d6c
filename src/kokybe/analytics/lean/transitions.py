"""Directly-follows transitions: how often one activity follows another in a case, and the wait between."""

from collections.abc import Sequence

import polars as pl

from kokybe.analytics.lean.frame import ACTIVITY, TIMESTAMP, case_ends, case_identity, in_case_order, seconds


def transition_waits(events: pl.DataFrame, by: Sequence[str] = ()) -> pl.LazyFrame:
    """One row per pair of consecutive events of a case: `[*by, source, target, wait_s]`.

    `source` and `target` are Categorical: grouping by their codes is several times faster than by
    the strings.
    """
    activity = pl.col(ACTIVITY).cast(pl.Categorical)
    return (
        in_case_order(events)
        .lazy()
        .select(
            *by,
            activity.alias("source"),
            activity.shift(-1).alias("target"),
            seconds(pl.col(TIMESTAMP).shift(-1), pl.col(TIMESTAMP)).alias("wait_s"),
            following=~case_ends(case_identity(events)),
        )
        .filter(pl.col("following"))
        .drop("following")
    )


def directly_follows(events: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """Per group and edge: `[*by, source, target, count, mean_s, median_s, min_s, max_s, total_s]`.

    The time on an edge is the wait between an event and the next one of the same case, in seconds.
    Rows come most frequent first within a group (ties by source, then target).
    """
    by = list(by)
    wait = pl.col("wait_s")
    # One integer per edge (source code, target code) groups faster than the two columns.
    edge = pl.col("source").to_physical().cast(pl.UInt64) * (2**32) + pl.col("target").to_physical().cast(pl.UInt64)
    return (
        transition_waits(events, by)
        .group_by([*by, edge.alias("edge")])
        .agg(
            pl.col("source", "target").first(),
            count=pl.len().cast(pl.Int64),
            mean_s=wait.mean(),
            median_s=wait.median(),
            min_s=wait.min(),
            max_s=wait.max(),
            total_s=wait.sum(),
        )
        .with_columns(pl.col("source", "target").cast(pl.String))
        .drop("edge")
        .sort([*by, "count", "source", "target"], descending=[*(False for _ in by), True, False, False])
        .collect()
    )


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
