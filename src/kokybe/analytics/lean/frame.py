"""The event frame every LEAN figure is computed from, and the one ordering they all rely on.

An event frame is a Polars DataFrame with one row per event:

- `case` (String): the case the event belongs to, unique within the frame;
- `activity` (String);
- `timestamp` (Datetime("us", "UTC"));
- `order` (Int64): the event's position in its source. Events of a case with equal timestamps are
  ordered by it, which is what makes a shuffled frame give the same figures as a sorted one;
- optionally `lifecycle` (String): "start", "complete", or "" for an atomic event;
- any grouping columns (institution, service, year, ...), constant within a case.

Functions taking events accept any frame with these columns in any row order: they put it in case
order themselves, once, unless it already is (a cheap linear check).
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import polars as pl

CASE, ACTIVITY, TIMESTAMP, ORDER, LIFECYCLE = "case", "activity", "timestamp", "order", "lifecycle"
START, COMPLETE = "start", "complete"
TIMESTAMP_TYPE = pl.Datetime("us", "UTC")
CASE_ORDER = (CASE, TIMESTAMP, ORDER)
MICROSECONDS = 1_000_000.0


def event_frame(
    data: pl.DataFrame | Mapping[str, Sequence[Any]], *, groups: Iterable[str] = (), check_groups: bool = True
) -> pl.DataFrame:
    """A validated event frame in case order (case, timestamp, order) from a DataFrame or columns.

    `order` may be left out: the row's position in `data` then takes its place. `lifecycle` is kept
    when present, lower-cased; values other than "start" and "complete" become "" (atomic), since
    only those two pair into active time. `groups` names the grouping columns to keep; with
    `check_groups` each must be constant within a case. Other columns are dropped.

    Raises ValueError for a missing column, a timestamp without a time zone, an empty case or
    activity, or a grouping column that changes within a case.
    """
    frame = data if isinstance(data, pl.DataFrame) else pl.DataFrame(dict(data), strict=False)
    groups = tuple(groups)
    required = (CASE, ACTIVITY, TIMESTAMP, *groups)
    missing = [name for name in required if name not in frame.columns]
    if missing:
        raise ValueError(f"The event frame lacks the column(s) {', '.join(missing)}.")
    clashes = [name for name in groups if name in (CASE, ACTIVITY, TIMESTAMP, ORDER, LIFECYCLE)]
    if clashes:
        raise ValueError(f"{', '.join(clashes)} cannot be a grouping column.")
    stamp_type = frame.schema[TIMESTAMP]
    if not isinstance(stamp_type, pl.Datetime):
        raise ValueError(f"The timestamp column holds {stamp_type}, not date-times.")
    if stamp_type.time_zone is None:
        raise ValueError("The timestamps have no time zone: give them one (UTC if that is what they are).")
    columns = [
        pl.col(CASE).cast(pl.String),
        pl.col(ACTIVITY).cast(pl.String),
        pl.col(TIMESTAMP).dt.convert_time_zone("UTC").cast(TIMESTAMP_TYPE),
        (pl.col(ORDER) if ORDER in frame.columns else pl.int_range(pl.len())).cast(pl.Int64).alias(ORDER),
    ]
    if LIFECYCLE in frame.columns:
        lifecycle = pl.col(LIFECYCLE).cast(pl.String).str.strip_chars().str.to_lowercase()
        columns.append(
            pl.when(lifecycle.is_in([START, COMPLETE])).then(lifecycle).otherwise(pl.lit("")).alias(LIFECYCLE)
        )
    frame = frame.select(*columns, *groups)
    for name in (CASE, ACTIVITY, TIMESTAMP, ORDER):
        empty = frame[name].null_count() + (frame[name].eq("").sum() if name in (CASE, ACTIVITY) else 0)
        if empty:
            raise ValueError(f"The column {name} has {empty} empty value(s).")
    if check_groups and groups and frame.height:
        changing = frame.group_by(CASE).agg(pl.col(groups).n_unique().max()).select(pl.col(groups).max()).row(0)
        varying = [name for name, count in zip(groups, changing, strict=True) if count > 1]
        if varying:
            raise ValueError(f"The grouping column(s) {', '.join(varying)} change within a case.")
    return frame.sort(CASE_ORDER)


def in_case_order(events: pl.DataFrame) -> pl.DataFrame:
    """`events` sorted by case, timestamp and order: as given when they already are."""
    if events.height < 2:
        return events
    case, stamp, order = (pl.col(name) for name in CASE_ORDER)
    previous_case, previous_stamp = case.shift(), stamp.shift()
    in_order = (
        (case > previous_case)
        | (
            (case == previous_case)
            & ((stamp > previous_stamp) | ((stamp == previous_stamp) & (order >= order.shift())))
        )
    ).slice(1)
    if events.select(in_order.all()).item():
        return events
    return events.sort(CASE_ORDER)


def seconds(later: pl.Expr, earlier: pl.Expr) -> pl.Expr:
    """The time from `earlier` to `later`, in seconds (Float64)."""
    return (later - earlier).dt.total_microseconds() / MICROSECONDS
