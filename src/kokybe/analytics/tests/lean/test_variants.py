import pytest

from kokybe.analytics.lean import variants

HOUR = 3600.0


def test_variants_most_common_first(two_institutions):
    paths = variants(two_institutions)
    assert paths.columns == ["variant", "cases", "share", "median_lead_s"]
    assert paths.rows() == [
        (["register", "assess", "decide"], 2, 0.5, 8 * HOUR),
        (["register", "assess", "assess", "decide"], 1, 0.25, 5 * HOUR),
        (["register", "decide"], 1, 0.25, 2 * HOUR),
    ]


def test_variants_by_group_and_top(two_institutions):
    per_institution = variants(two_institutions, by=["institution"], top=1)
    assert per_institution.rows() == [
        (1, ["register", "assess", "decide"], 2, pytest.approx(2 / 3), 8 * HOUR),
        (2, ["register", "assess", "assess", "decide"], 1, 1.0, 5 * HOUR),
    ]
    assert variants(two_institutions, top=0).height == 0


def test_variants_same_for_shuffled_events(two_institutions):
    shuffled = two_institutions.sample(fraction=1.0, shuffle=True, seed=2)
    assert variants(shuffled, by=["institution"]).equals(variants(two_institutions, by=["institution"]))
