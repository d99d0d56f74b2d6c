from datetime import UTC, datetime, timedelta, timezone

import polars as pl
import pytest

from kokybe.analytics.lean import case_durations, directly_follows, event_frame, in_case_order
from kokybe.analytics.lean import frame as frame_module
from kokybe.analytics.lean.frame import TIMESTAMP_TYPE

WHEN = datetime(2026, 1, 5, 9, tzinfo=UTC)


def test_event_frame_types_orders_and_keeps_only_known_columns():
    frame = event_frame(
        {
            "case": [2, 1, 1],
            "activity": ["b", "b", "a"],
            "timestamp": [WHEN, WHEN, WHEN],
            "lifecycle": ["COMPLETE", " start ", "Queued"],
            "institution": [7, 7, 7],
            "note": ["x", "y", "z"],
        },
        groups=["institution"],
    )
    assert frame.schema == pl.Schema(
        {
            "case": pl.String,
            "activity": pl.Categorical(),
            "timestamp": TIMESTAMP_TYPE,
            "order": pl.Int64,
            "lifecycle": pl.String,
            "institution": pl.Int64,
        }
    )
    # Each case's events together; equal timestamps keep their position in the source: case "1"
    # has b (position 1) then a (2).
    rows = frame.select("case", "activity", "order", "lifecycle").rows()
    assert sorted([rows[:2], rows[2:]] if rows[0][0] == "1" else [rows[1:], rows[:1]]) == [
        [("1", "b", 1, "start"), ("1", "a", 2, "")],
        [("2", "b", 0, "complete")],
    ]


def test_event_frame_converts_other_zones_to_utc_and_keeps_a_given_order():
    riga = timezone(timedelta(hours=2))
    frame = event_frame(
        {"case": ["c"], "activity": ["a"], "timestamp": [datetime(2026, 1, 5, 11, tzinfo=riga)], "order": [41]}
    )
    assert frame.row(0) == ("c", "a", WHEN, 41)


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"case": ["c"], "timestamp": [WHEN]}, "lacks the column(s) activity"),
        ({"case": ["c"], "activity": ["a"], "timestamp": [WHEN.replace(tzinfo=None)]}, "no time zone"),
        ({"case": ["c"], "activity": ["a"], "timestamp": ["2026-01-05"]}, "not date-times"),
        ({"case": [""], "activity": ["a"], "timestamp": [WHEN]}, "case has 1 empty value"),
        ({"case": ["c"], "activity": [None], "timestamp": [WHEN]}, "activity has 1 empty value"),
    ],
)
def test_event_frame_refuses_what_it_cannot_use(columns, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        event_frame(columns)


def test_event_frame_refuses_a_grouping_column_changing_within_a_case():
    columns = {"case": ["c", "c", "d"], "activity": ["a", "b", "a"], "timestamp": [WHEN] * 3, "service": [1, 2, 3]}
    with pytest.raises(ValueError, match="A case comes with different values of service"):
        event_frame(columns, groups=["service"])
    with pytest.raises(ValueError, match="lacks the column"):
        event_frame(columns, groups=["year"])
    assert event_frame(columns, groups=["service"], check_groups=False).height == 3


def test_the_same_case_key_in_two_groups_is_two_cases():
    """Two imported logs may both have a case "1": with the log as a grouping column they stay apart."""
    hours = [WHEN + timedelta(hours=h) for h in (0, 5, 1, 2)]
    events = event_frame(
        {"case": ["1", "1", "1", "1"], "activity": ["a", "b", "a", "c"], "timestamp": hours, "log": [1, 1, 2, 2]},
        groups=["log"],
        check_groups=False,
    )
    shuffled = events.sample(fraction=1.0, shuffle=True, seed=1)
    for frame in (events, shuffled, events.sort("log", "case", "timestamp")):
        durations = case_durations(frame, by=["log"]).sort("log")
        assert durations.select("log", "case", "duration_s", "events").rows() == [
            (1, "1", 5 * 3600.0, 2),
            (2, "1", 3600.0, 2),
        ]
        edges = directly_follows(frame).select("source", "target", "count").rows()
        assert edges == [("a", "b", 1), ("a", "c", 1)]


def test_in_case_order_sorts_only_what_is_not_sorted(two_institutions):
    assert in_case_order(two_institutions) is two_institutions
    shuffled = two_institutions.sample(fraction=1.0, shuffle=True, seed=3)
    assert in_case_order(shuffled).equals(two_institutions)
    # Without grouping columns, sorted by the case strings (as a database returns them) is case order too.
    by_string = two_institutions.drop("institution").sort("case", "timestamp", "order")
    assert in_case_order(by_string) is by_string
    # A case split in two runs is not.
    split = pl.concat([by_string[:2], by_string[3:], by_string[2:3]])
    assert in_case_order(split).equals(in_case_order(by_string.sample(fraction=1.0, shuffle=True, seed=3)))
    assert in_case_order(split).select("case").to_series().rle_id().n_unique() == 4
    # Each case in one run and in time order, but the cases in neither hash nor key order, is not either.
    backwards = by_string.sort(pl.col("case"), pl.col("timestamp"), descending=[True, False])
    assert in_case_order(backwards) is not backwards
    assert in_case_order(backwards).equals(in_case_order(by_string))


def test_in_case_order_with_colliding_hashes_sorts_the_columns(monkeypatch):
    """Two cases with the same hash would interleave: the columns themselves are sorted then."""
    monkeypatch.setattr(frame_module, "case_hash", lambda: pl.col("order") * 0)
    events = event_frame(
        {
            "case": ["b", "a", "b", "a"],
            "activity": ["1", "2", "3", "4"],
            "timestamp": [WHEN + timedelta(hours=h) for h in range(4)],
        }
    )
    assert events.select("case", "activity").rows() == [("a", "2"), ("a", "4"), ("b", "1"), ("b", "3")]
