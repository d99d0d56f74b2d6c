"""Cases: when each started and ended, and the lead-time figures of a group of cases."""

from collections.abc import Sequence

import polars as pl

from kokybe.analytics.lean.frame import (
    CASE,
    CASE_NUMBER,
    ORDER,
    TIMESTAMP,
    case_hash,
    case_identity,
    case_order_marks,
    numbered_cases,
    numbered_in_order,
    seconds,
)

LEAD_QUANTILE = 0.9
FINGERPRINT_SEED = 20_261_130  # any seed but the case hash's (0): the two halves must be independent


def case_durations(events: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """One row per case: `[*by, case, started_at, ended_at, duration_s, events]`, in case order.

    The duration is the lead time from the first to the last event (seconds, Float64).
    """
    # Only what names a case and when each event happened.
    needed = events.select(*case_identity(events), TIMESTAMP, ORDER)
    new_case = case_order_marks(needed)
    if new_case is not None:
        return durations_of(numbered_in_order(needed, new_case), by).collect()
    unordered = _durations_by_fingerprint(needed, by)
    if unordered is not None:
        return unordered
    return durations_of(numbered_cases(needed), by).collect()


def _durations_by_fingerprint(events: pl.DataFrame, by: Sequence[str]) -> pl.DataFrame | None:
    """`case_durations` of events not in case order, found without putting them in order, which would move every
    event: a case's first and last events are its earliest and latest whatever the order, so the events are
    grouped by a fingerprint of their case, and only the cases are sorted.

    The fingerprint is 128 bits: the case hash (which case order sorts by) above an independent hash of the case
    and its grouping columns. Two different cases share it with a probability of about n²/2¹²⁹: 10⁻²⁷ for a
    million cases. None when two cases share the case hash (the same key in two logs, say): case order then
    sorts them by their first events, and the caller puts the events in order instead.
    """
    identity = case_identity(events)
    naming = pl.col(CASE).hash(FINGERPRINT_SEED)
    for offset, name in enumerate(identity[1:], start=1):
        naming = naming ^ pl.col(name).hash(FINGERPRINT_SEED + offset)
    # The case hash shifted to a signed range, so that it can be the high half of a signed 128-bit integer.
    high = (case_hash().cast(pl.Int128) - 2**63) * 2**64
    stamp = pl.col(TIMESTAMP)
    cases = (
        events.lazy()
        .select(TIMESTAMP, fingerprint=high + naming.cast(pl.Int128))
        .with_row_index("_row")
        .group_by("fingerprint")
        .agg(pl.col("_row").min(), started_at=stamp.min(), ended_at=stamp.max(), events=pl.len().cast(pl.Int64))
        .sort("fingerprint")
        .collect()
    )
    high_half = pl.col("fingerprint") // 2**64
    if cases.select((high_half == high_half.shift()).any()).item():
        return None
    named = events.select(identity).gather(cases["_row"])
    return pl.concat([named, cases.drop("_row", "fingerprint")], how="horizontal").select(
        *by,
        CASE,
        "started_at",
        "ended_at",
        duration_s=seconds(pl.col("ended_at"), pl.col("started_at")),
        events="events",
    )


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
