"""Deadline adherence over cases that have a deadline."""

from collections.abc import Sequence
from datetime import UTC, datetime

import polars as pl


def deadline_adherence(cases: pl.DataFrame, by: Sequence[str] = (), now: datetime | None = None) -> pl.DataFrame:
    """Per group: `[*by, met, not_met, share]` over a case frame with `due_at` and `ended_at`.

    Met: ended at or before `due_at`. Not met: ended after it, or still open (`ended_at` null) while
    `due_at` has passed at `now` (default: this moment). Cases without a deadline, and open cases not
    yet due, are left out. `share` is met over met + not met; a group with neither does not appear.
    """
    by = list(by)
    moment = now or datetime.now(UTC)
    due, ended = pl.col("due_at"), pl.col("ended_at")
    met = ended.is_not_null() & (ended <= due)
    not_met = (ended.is_not_null() & (ended > due)) | (ended.is_null() & (due < moment))
    counts = [met.sum().cast(pl.Int64).alias("met"), not_met.sum().cast(pl.Int64).alias("not_met")]
    judged = cases.lazy().filter(due.is_not_null() & (met | not_met))
    grouped = judged.group_by(by).agg(counts).sort(by) if by else judged.select(counts)
    return (
        grouped.filter((pl.col("met") + pl.col("not_met")) > 0)
        .with_columns(share=pl.col("met") / (pl.col("met") + pl.col("not_met")))
        .collect()
    )
