import pytest

from kokybe.analytics.lean import active_times, activity_instances, value_adding_share

from .conftest import at, events_of

HOUR = 3600.0


@pytest.fixture
def with_lifecycle():
    """Hours after a Monday 08:00; group g.

    a (g 1): x start 0, x complete 1, y start 2, x start 3, y complete 4, x complete 5
             -> x 0-1 and 3-5, y 2-4; busy 0-1 and 2-5 = 4 h of a 5 h lead
    b (g 2): x complete 0 (nothing open: unpaired), x start 1 (never completed), z start 2, z complete 3,
             check 3.5 (atomic) -> z 2-3; busy 1 h of a 3.5 h lead
    c (g 2): no start/complete pairs -> left out of the value-adding share
    """
    return events_of(
        [
            ("a", "x", 0, "start", 1),
            ("a", "x", 1, "complete", 1),
            ("a", "y", 2, "start", 1),
            ("a", "y", 4, "complete", 1),
            ("a", "x", 3, "start", 1),
            ("a", "x", 5, "complete", 1),
            ("b", "x", 0, "complete", 2),
            ("b", "x", 1, "start", 2),
            ("b", "z", 2, "start", 2),
            ("b", "z", 3, "complete", 2),
            ("b", "check", 3.5, "", 2),
            ("c", "x", 0, "", 2),
            ("c", "x", 9, "complete", 2),
        ],
        groups=("g",),
    )


def test_activity_instances_pair_start_and_complete_first_in_first_out(with_lifecycle):
    pairs = activity_instances(with_lifecycle, by=["g"]).sort("case", "started_at").collect()
    assert pairs.rows() == [
        (1, "a", "x", at(0), at(1)),
        (1, "a", "y", at(2), at(4)),
        (1, "a", "x", at(3), at(5)),
        (2, "b", "z", at(2), at(3)),
    ]


def test_fifo_closes_the_earliest_open_start():
    events = events_of(
        [
            ("a", "x", 0, "start"),
            ("a", "x", 1, "start"),
            ("a", "x", 2, "complete"),
            ("a", "x", 3, "complete"),
            ("a", "x", 4, "complete"),
            ("a", "x", 5, "start"),
            ("a", "x", 7, "complete"),
        ]
    )
    pairs = activity_instances(events).sort("started_at").collect()
    assert pairs.select("started_at", "completed_at").rows() == [(at(0), at(2)), (at(1), at(3)), (at(5), at(7))]


def test_active_times_per_activity(with_lifecycle):
    figures = active_times(with_lifecycle, by=["g"])
    assert figures.columns == ["g", "activity", "instances", "median_s", "mean_s", "total_s"]
    assert figures.rows() == [
        (1, "x", 2, 1.5 * HOUR, 1.5 * HOUR, 3 * HOUR),
        (1, "y", 1, 2 * HOUR, 2 * HOUR, 2 * HOUR),
        (2, "z", 1, HOUR, HOUR, HOUR),
    ]
    assert active_times(with_lifecycle).filter(activity="x")["instances"].item() == 2


def test_active_times_without_lifecycle_is_empty(with_lifecycle):
    figures = active_times(with_lifecycle.drop("lifecycle"), by=["g"])
    assert figures.height == 0
    assert figures.columns == ["g", "activity", "instances", "median_s", "mean_s", "total_s"]


def test_value_adding_share_counts_overlaps_once(with_lifecycle):
    per_group = value_adding_share(with_lifecycle, by=["g"])
    assert per_group.rows() == [(1, 4 * HOUR, 5 * HOUR, 0.8), (2, HOUR, 3.5 * HOUR, pytest.approx(1 / 3.5))]
    assert value_adding_share(with_lifecycle).rows() == [(5 * HOUR, 8.5 * HOUR, pytest.approx(5 / 8.5))]


def test_same_for_shuffled_events(with_lifecycle):
    shuffled = with_lifecycle.sample(fraction=1.0, shuffle=True, seed=5)
    assert active_times(shuffled, by=["g"]).equals(active_times(with_lifecycle, by=["g"]))
    assert value_adding_share(shuffled, by=["g"]).equals(value_adding_share(with_lifecycle, by=["g"]))
