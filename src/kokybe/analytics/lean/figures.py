"""The LEAN figures a process page shows, computed together: the events are put in case order once."""

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from kokybe.analytics.lean.cases import durations_of, lead_time_figures
from kokybe.analytics.lean.frame import numbered_cases
from kokybe.analytics.lean.transitions import follows_of
from kokybe.analytics.lean.variants import variants_of


@dataclass(frozen=True)
class ProcessFigures:
    cases: pl.DataFrame  # `case_durations`
    lead: pl.DataFrame  # `lead_time_figures` of those cases
    follows: pl.DataFrame  # `directly_follows`
    variants: pl.DataFrame  # `variants`


def process_figures(events: pl.DataFrame, by: Sequence[str] = ()) -> ProcessFigures:
    """Case durations, lead-time figures, the directly-follows graph and the variants per group of `by`.

    Equal to calling each function on `events`, but the case order and the case numbers are worked
    out once for all four instead of once in each.
    """
    numbered = numbered_cases(events)
    # Collected together, the three queries run side by side on the cores that one alone leaves idle.
    cases, follows, paths = pl.collect_all(
        [durations_of(numbered, by), follows_of(numbered, by), variants_of(numbered, by)]
    )
    return ProcessFigures(cases=cases, lead=lead_time_figures(cases, by), follows=follows, variants=paths)
