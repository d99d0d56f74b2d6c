"""Variants: the distinct paths (activity sequences) cases take, with how many cases take each."""

from collections.abc import Sequence

import polars as pl

from kokybe.analytics.lean.frame import ACTIVITY, CASE, TIMESTAMP, in_case_order, seconds

_SEPARATOR = "\x1f"  # cannot occur in an activity name read from XES or CSV


def variants(events: pl.DataFrame, by: Sequence[str] = (), top: int | None = None) -> pl.DataFrame:
    """Per group: `[*by, variant, cases, share, median_lead_s]`, most common first (ties by the path).

    `variant` is the case's activities in order (List[String]); `share` is the variant's cases over
    the group's; `top` keeps that many variants per group.
    """
    by = list(by)
    paths = (
        in_case_order(events)
        .lazy()
        .group_by([*by, CASE], maintain_order=True)
        .agg(
            variant=pl.col(ACTIVITY),
            lead_s=seconds(pl.col(TIMESTAMP).last(), pl.col(TIMESTAMP).first()),
        )
        # Grouping by one string is cheaper than by a list; the list is kept from any one case.
        .with_columns(path=pl.col("variant").list.join(_SEPARATOR))
    )
    counted = (
        paths.group_by([*by, "path"])
        .agg(pl.col("variant").first(), cases=pl.len().cast(pl.Int64), median_lead_s=pl.col("lead_s").median())
        .with_columns(share=pl.col("cases") / (pl.col("cases").sum().over(by) if by else pl.col("cases").sum()))
        .sort([*by, "cases", "path"], descending=[*(False for _ in by), True, False])
    )
    if top is not None:
        rank = pl.int_range(pl.len()).over(by) if by else pl.int_range(pl.len())
        counted = counted.filter(rank < top)
    return counted.select(*by, "variant", "cases", "share", "median_lead_s").collect()
