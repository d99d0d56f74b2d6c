"""The event frame every LEAN figure is computed from, and the one ordering they all rely on.

An event frame is a Polars DataFrame with one row per event:

- `case` (String): the case the event belongs to;
- `activity` (Categorical: each distinct name is stored and compared once, as a code);
- `timestamp` (Datetime("us", "UTC"));
- `order` (Int64): the event's position in its source. Events of a case with equal timestamps are
  ordered by it, which is what makes a shuffled frame give the same figures as a sorted one;
- optionally `lifecycle` (String): "start", "complete", or "" for an atomic event;
- any grouping columns (institution, service, year, log, ...), constant within a case.

A case is named by `case` together with the grouping columns: the same case key in two imported
logs (a `log` column) is two cases. Every column other than the five above counts as a grouping
column, so a column that varies per event (a resource, say) must be dropped before the frame is
passed on: it would split each case at every change. `event_frame` keeps only what it is told to.

Functions taking events accept any frame with these columns in any row order: they put it in case
order themselves unless it already is (a linear check, far cheaper than a sort), except case
durations, which need no order within a case and group unordered events by case instead. Case order keeps
each case's events together, by timestamp then order; the cases themselves follow the hash of what
names them, which sorts several times faster than strings and is the same whatever order the events
came in (two cases with the same hash, unlikely but possible, make it fall back to sorting the
columns themselves). A frame sorted by `case` alone, as a database returns it, is in case order too.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import polars as pl

CASE, ACTIVITY, TIMESTAMP, ORDER, LIFECYCLE = "case", "activity", "timestamp", "order", "lifecycle"
START, COMPLETE = "start", "complete"
TIMESTAMP_TYPE = pl.Datetime("us", "UTC")
SECONDS_PER_MICROSECOND = 1e-6
CASE_NUMBER = "_case_number"  # added by `numbered_cases` for the steps after it
_NEW_CASE = "_new_case"
ORDER_PROBE_ROWS = 4096
EVENT_COLUMNS = frozenset({CASE, ACTIVITY, TIMESTAMP, ORDER, LIFECYCLE, CASE_NUMBER})


def event_frame(
    data: pl.DataFrame | Mapping[str, Sequence[Any]], *, groups: Iterable[str] = (), check_groups: bool = True
) -> pl.DataFrame:
    """A validated event frame, in case order (see above), from a DataFrame or a mapping of columns.

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
    clashes = [name for name in groups if name in EVENT_COLUMNS]
    if clashes:
        raise ValueError(f"{', '.join(clashes)} cannot be a grouping column.")
    stamp_type = frame.schema[TIMESTAMP]
    if not isinstance(stamp_type, pl.Datetime):
        raise ValueError(f"The timestamp column holds {stamp_type}, not date-times.")
    if stamp_type.time_zone is None:
        raise ValueError("The timestamps have no time zone: give them one (UTC if that is what they are).")
    columns = [
        pl.col(CASE).cast(pl.String),
        pl.col(ACTIVITY).cast(pl.String).cast(pl.Categorical),
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
    frame = _case_order_sort(frame)
    if check_groups and groups and frame.height:
        # Sorted by what names a case, each (case, groups) is one run: more runs than case keys
        # means some case key comes with different group values.
        runs = frame.select(case_starts(case_identity(frame)).sum()).item()
        if runs != frame[CASE].n_unique():
            raise ValueError(
                f"A case comes with different values of {', '.join(groups)}: grouping columns must be "
                "constant within a case (check_groups=False when the same key names cases of different groups)."
            )
    return frame


def case_identity(events: pl.DataFrame) -> list[str]:
    """The columns naming a case in `events`: `case` and every grouping column."""
    return [CASE, *(name for name in events.columns if name not in EVENT_COLUMNS)]


def case_columns(events: pl.DataFrame, by: Sequence[str]) -> list[str]:
    """`by`, then the rest of what names a case, ending with `case`: the key of per-case rows."""
    rest = [name for name in case_identity(events)[1:] if name not in by]
    return [*by, *rest, CASE]


def case_hash() -> pl.Expr:
    """The hash of the case key: what case order sorts cases by.

    Grouping columns are left out: hashing them too costs more than it saves, since the same key in
    two groups is rare (imported logs) and then handled as a collision.
    """
    return pl.col(CASE).hash()


def case_starts(identity: Sequence[str]) -> pl.Expr:
    """True on the first event of each case, over a frame in case order."""
    return pl.any_horizontal(pl.col(name).ne_missing(pl.col(name).shift()) for name in identity)


def case_ends(identity: Sequence[str]) -> pl.Expr:
    """True on the last event of each case, over a frame in case order."""
    return pl.any_horizontal(pl.col(name).ne_missing(pl.col(name).shift(-1)) for name in identity)


def _case_order_sort(events: pl.DataFrame) -> pl.DataFrame:
    identity = case_identity(events)
    # One 128-bit key (case hash, then timestamp) sorts twice as fast as the two columns: the hash
    # steps by 2**63 while a timestamp in microseconds stays well within +-2**62 (year 146,000).
    key = case_hash().cast(pl.Int128) * (2**63) + pl.col(TIMESTAMP).dt.epoch("us").cast(pl.Int128)
    by_hash = events.sort(key, ORDER)
    same_hash = case_hash() == case_hash().shift()
    if by_hash.select((same_hash & case_starts(identity)).any()).item():
        return events.sort([*identity, TIMESTAMP, ORDER])
    return by_hash


def in_case_order(events: pl.DataFrame) -> pl.DataFrame:
    """`events` in case order (see above): as given when they already are, sorted otherwise."""
    return _ordered(events)[0]


def numbered_cases(events: pl.DataFrame) -> pl.DataFrame:
    """`events` in case order with `case_number`: 0 for the first case's events, 1 for the next, ...

    Later steps compare and group by this one integer (flagged as sorted, so Polars groups it by
    slicing) instead of comparing the strings and grouping columns that name a case.
    """
    ordered, new_case = _ordered(events)
    return numbered_in_order(ordered, new_case)


def numbered_in_order(ordered: pl.DataFrame, new_case: pl.Series | None = None) -> pl.DataFrame:
    """`numbered_cases` of events known to be in case order, given where each case begins if that is known."""
    if new_case is None:
        new_case = ordered.select(case_starts(case_identity(ordered))).to_series()
    number = (new_case.cast(pl.UInt32).cum_sum() - 1).set_sorted()
    return ordered.with_columns(number.alias(CASE_NUMBER))


def case_groups(numbered: pl.DataFrame, by: Sequence[str]) -> tuple[pl.DataFrame, pl.Series]:
    """The groups of `by` values among the cases of `numbered` (from `numbered_cases`): a frame of
    `[group, *by]`, groups numbered 0, 1, ... in no particular order, and each case's group number
    (UInt64, indexed by case number). Without `by`, one group 0."""
    if not by:
        cases = numbered.select(pl.col(CASE_NUMBER).max() + 1).item() if numbered.height else 0
        of_case = pl.repeat(0, cases, dtype=pl.UInt64, eager=True).alias("group")
        return pl.DataFrame({"group": [0]}, schema={"group": pl.UInt64}), of_case
    number = pl.col(CASE_NUMBER)
    firsts = numbered.lazy().filter(number.ne_missing(number.shift())).select(*by)
    groups = firsts.unique().with_row_index("group").with_columns(pl.col("group").cast(pl.UInt64)).collect()
    of_case = (
        firsts.join(groups.lazy(), on=list(by), how="left", nulls_equal=True, maintain_order="left")
        .collect()
        .get_column("group")
    )
    return groups, of_case


def _ordered(events: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series | None]:
    """`events` in case order, and where each case begins when the check for order found that out."""
    new_case = case_order_marks(events)
    if new_case is None:
        return _case_order_sort(events), None
    return events, new_case


def case_order_marks(events: pl.DataFrame) -> pl.Series | None:
    """Where each case begins (True on its first event) when `events` are in case order; None when they are
    not. A linear check, and a short one for most unordered frames: their first rows are out of order too."""
    if events.height > ORDER_PROBE_ROWS and _in_order_marks(events.head(ORDER_PROBE_ROWS)) is None:
        return None
    return _in_order_marks(events)


def _in_order_marks(events: pl.DataFrame) -> pl.Series | None:
    identity = case_identity(events)
    if events.height < 2:
        return events.select(case_starts(identity).alias(_NEW_CASE)).to_series()
    stamp, order, new_case = pl.col(TIMESTAMP), pl.col(ORDER), pl.col(_NEW_CASE)
    marked = events.select(case_starts(identity).alias(_NEW_CASE), *identity, TIMESTAMP, ORDER)
    later_in_case = (stamp > stamp.shift()) | ((stamp == stamp.shift()) & (order >= order.shift()))
    if not marked.select((new_case | later_in_case).slice(1).all()).item():
        return None
    # Whether the cases follow one another in order is a question about their first events alone: hashing
    # and comparing a tenth of the keys, not every event's.
    key = pl.col(CASE)
    cases_in_order = (
        marked.lazy()
        .filter(new_case)
        .select(
            by_hash=(case_hash() > case_hash().shift()).slice(1).all(),
            by_key=(key > key.shift()).slice(1).all() if len(identity) == 1 else pl.lit(False),
        )
        .collect()
        .row(0)
    )
    return marked[_NEW_CASE] if any(cases_in_order) else None


def seconds(later: pl.Expr, earlier: pl.Expr) -> pl.Expr:
    """The time from `earlier` to `later`, in seconds (Float64).

    A product, not a quotient: Polars divides a column by a number as a product with its reciprocal in most
    plans, but as a true quotient in some (a case's duration came out one bit apart between shuffled and sorted
    events of the same log); a product is computed the same way in every plan."""
    return (later - earlier).dt.total_microseconds() * SECONDS_PER_MICROSECOND
