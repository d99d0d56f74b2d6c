import pytest

from kokybe.analytics.lean import bottlenecks, directly_follows

HOUR = 3600.0


def test_directly_follows_counts_and_waits_per_edge(two_institutions):
    dfg = directly_follows(two_institutions)
    assert dfg.columns == ["source", "target", "count", "mean_s", "median_s", "min_s", "max_s", "total_s"]
    hours = [(s, t, n, *(value / HOUR for value in rest)) for s, t, n, *rest in dfg.rows()]
    assert hours == [
        ("assess", "decide", 3, 14 / 3, 4, 2, 8, 14),
        ("register", "assess", 3, 7 / 3, 2, 1, 4, 7),
        ("assess", "assess", 1, 0, 0, 0, 0, 0),
        ("register", "decide", 1, 2, 2, 2, 2, 2),
    ]


def test_directly_follows_by_group(two_institutions):
    dfg = directly_follows(two_institutions, by=["institution"])
    assert dfg.select("institution", "source", "target", "count", "median_s").rows() == [
        (1, "assess", "decide", 2, 5 * HOUR),
        (1, "register", "assess", 2, 3 * HOUR),
        (1, "register", "decide", 1, 2 * HOUR),
        (2, "assess", "assess", 1, 0.0),
        (2, "assess", "decide", 1, 4 * HOUR),
        (2, "register", "assess", 1, 1 * HOUR),
    ]


def test_directly_follows_same_for_shuffled_events(two_institutions):
    for seed in range(5):
        shuffled = two_institutions.sample(fraction=1.0, shuffle=True, seed=seed)
        assert directly_follows(shuffled, by=["institution"]).equals(
            directly_follows(two_institutions, by=["institution"])
        )


def test_bottlenecks_share_of_waiting_largest_first(two_institutions):
    overall = bottlenecks(directly_follows(two_institutions))
    # 23 h of waiting in all: assess->decide 14, register->assess 7, register->decide 2, assess->assess 0.
    assert overall.select("source", "target").rows() == [
        ("assess", "decide"),
        ("register", "assess"),
        ("register", "decide"),
        ("assess", "assess"),
    ]
    assert overall["share_of_waiting"].to_list() == pytest.approx([14 / 23, 7 / 23, 2 / 23, 0.0])
    per_institution = bottlenecks(directly_follows(two_institutions, by=["institution"]), by=["institution"])
    assert per_institution.filter(institution=2)["share_of_waiting"].to_list() == pytest.approx([0.8, 0.2, 0.0])


def test_bottlenecks_of_a_group_without_waiting(two_institutions):
    same_moment = two_institutions.filter(case="c4", activity="assess")
    assert bottlenecks(directly_follows(same_moment))["share_of_waiting"].to_list() == [None]
