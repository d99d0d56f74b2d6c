"""`process_figures`: the four figures of a process page at once, equal to the functions one by one."""

import polars as pl

from kokybe.analytics.lean import case_durations, directly_follows, lead_time_figures, process_figures, variants


def test_figures_by_group_equal_the_functions(two_institutions):
    figures = process_figures(two_institutions.sample(fraction=1.0, shuffle=True, seed=5), by=["institution"])
    cases = case_durations(two_institutions, by=["institution"])
    assert figures.cases.equals(cases)
    assert figures.lead.equals(lead_time_figures(cases, by=["institution"]))
    assert figures.follows.equals(directly_follows(two_institutions, by=["institution"]))
    assert figures.variants.equals(variants(two_institutions, by=["institution"]))
    assert figures.follows.filter(pl.col("institution") == 2).select("source", "target", "count").rows() == [
        ("assess", "assess", 1),
        ("assess", "decide", 1),
        ("register", "assess", 1),
    ]


def test_a_group_without_a_value_is_a_group_of_its_own(two_institutions):
    """A null grouping value (a case of no institution) keeps its own edges, apart from the others'."""
    events = two_institutions.with_columns(
        pl.when(pl.col("case") == "c3").then(None).otherwise(pl.col("institution")).alias("institution")
    )
    follows = process_figures(events, by=["institution"]).follows
    assert follows.filter(pl.col("institution").is_null()).select("source", "target", "count").rows() == [
        ("register", "decide", 1)
    ]
    assert follows.equals(directly_follows(events, by=["institution"]))
