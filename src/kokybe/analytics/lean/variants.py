"""Variants: the distinct paths (activity sequences) cases take, with how many cases take each."""

from collections.abc import Sequence

import polars as pl

from kokybe.analytics.lean.frame import ACTIVITY, CASE_NUMBER, TIMESTAMP, numbered_cases, seconds

_SEPARATOR = "\x1f"  # between activities of a path when sorting ties: it sorts before any letter


def variants(events: pl.DataFrame, by: Sequence[str] = (), top: int | None = None) -> pl.DataFrame:
    """Per group: `[*by, variant, cases, share, median_lead_s]`, most common first (ties by the path).

    `variant` is the case's activities in order (List[String]); `share` is the variant's cases over
    the group's; `top` keeps that many variants per group.
    """
    return variants_of(numbered_cases(events), by, top).collect()


def variants_of(numbered: pl.DataFrame, by: Sequence[str] = (), top: int | None = None) -> pl.LazyFrame:
    """`variants` of events numbered by `numbered_cases`."""
    by = list(by)
    stamp = pl.col(TIMESTAMP)
    paths = (
        numbered.lazy()
        # Case numbers are sorted keys, which Polars groups by slicing (five times faster than hashing
        # the case keys).
        .group_by(CASE_NUMBER, maintain_order=True)
        .agg(
            pl.col(by).first(),
            # Categorical: paths are hashed and compared by their activities' codes, not the strings.
            variant=pl.col(ACTIVITY).cast(pl.Categorical),
            lead_s=seconds(stamp.last(), stamp.first()),
        )
    )
    counted = (
        paths.group_by([*by, "variant"])
        .agg(cases=pl.len().cast(pl.Int64), median_lead_s=pl.col("lead_s").median())
        .with_columns(
            pl.col("variant").cast(pl.List(pl.String)),
            share=pl.col("cases") / (pl.col("cases").sum().over(by) if by else pl.col("cases").sum()),
        )
        .with_columns(path=pl.col("variant").list.join(_SEPARATOR))
        .sort([*by, "cases", "path"], descending=[*(False for _ in by), True, False])
    )
    if top is not None:
        rank = pl.int_range(pl.len()).over(by) if by else pl.int_range(pl.len())
        counted = counted.filter(rank < top)
    return counted.select(*by, "variant", "cases", "share", "median_lead_s")
