from datetime import UTC, datetime

import polars as pl

from kokybe.analytics.lean import deadline_adherence


def day(number: int) -> datetime:
    return datetime(2026, 5, number, 12, tzinfo=UTC)


CASES = pl.DataFrame(
    {
        "kind": ["a", "a", "a", "a", "a", "b", "b"],
        "due_at": [day(10), day(10), day(10), day(20), None, day(10), day(25)],
        "ended_at": [day(9), day(10), day(11), None, day(30), None, None],
    },
    schema_overrides={"due_at": pl.Datetime("us", "UTC"), "ended_at": pl.Datetime("us", "UTC")},
)


def test_deadline_adherence_met_late_and_open_past_due():
    # On 15 May: kind a has two met (on the 9th, on the day), one late (11th); the open case due on
    # the 20th is not judged yet; the one without deadline is left out. Kind b: one open past due,
    # one not yet due.
    figures = deadline_adherence(CASES, by=["kind"], now=day(15))
    assert figures.rows() == [("a", 2, 1, 2 / 3), ("b", 0, 1, 0.0)]
    assert deadline_adherence(CASES, now=day(15)).rows() == [(2, 2, 0.5)]


def test_open_cases_count_once_their_deadline_passed():
    assert deadline_adherence(CASES, by=["kind"], now=day(26)).rows() == [("a", 2, 2, 0.5), ("b", 0, 2, 0.0)]


def test_groups_with_nothing_to_judge_are_left_out():
    assert deadline_adherence(CASES.filter(kind="b"), by=["kind"], now=day(1)).height == 0
