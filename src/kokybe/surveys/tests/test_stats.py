"""Survey statistics checked against scipy/numpy on the expanded data and against hand-computed values."""

import math

import numpy as np
import pytest
from scipy import stats as sps

from kokybe.surveys.stats import (
    Interval,
    Moments,
    compare_means,
    hide_small_cells,
    likert_summary,
    mean_ci,
    nps_summary,
    proportion_ci,
)

LIKERT = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5}

# Welch's t-test, example 1 of the Wikipedia article (t = -2.46, df = 25.0, p = 0.021 for A1 - A2).
WELCH_A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
WELCH_A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]


def moments_of(values: list[float]) -> Moments:
    return Moments(n=len(values), total=sum(values), total_sq=sum(v * v for v in values))


def expand(counts: dict[int, int]) -> list[int]:
    return [value for value, count in counts.items() if value >= 0 for _ in range(count)]


# Moments


def test_moments_from_counts_match_numpy_and_skip_dont_know():
    counts = {**LIKERT, -1: 7, -2: 1}
    m = Moments.from_counts(counts)
    data = np.array(expand(counts))
    assert m.n == 15
    assert m.total == 55
    assert m.total_sq == 225
    assert m.mean == pytest.approx(data.mean())
    assert m.variance == pytest.approx(data.var(ddof=1))
    assert m.sd == pytest.approx(data.std(ddof=1))


def test_moments_addition_equals_moments_of_concatenated_data():
    a = [1.0, 2.0, 2.0, 5.0]
    b = [3.0, 4.0, 4.5]
    combined = moments_of(a) + moments_of(b)
    assert combined == moments_of(a + b)
    assert combined.variance == pytest.approx(np.var(a + b, ddof=1))
    assert Moments.from_counts({1: 2, 3: 1}) + Moments.from_counts({3: 1, 5: 4}) == Moments.from_counts(
        {1: 2, 3: 2, 5: 4}
    )


def test_moments_of_zero_and_one_value():
    empty = Moments.from_counts({})
    assert (empty.n, empty.mean, empty.variance, empty.sd) == (0, None, None, None)
    assert Moments.from_counts({-1: 3}).mean is None
    one = Moments.from_counts({4: 1})
    assert (one.mean, one.variance, one.sd) == (4.0, None, None)
    two = Moments.from_counts({2: 1, 4: 1})
    assert (two.mean, two.variance) == (3.0, 2.0)


def test_variance_of_equal_values_is_clamped_at_zero():
    m = moments_of([0.1, 0.1, 0.1])
    naive = (m.total_sq - m.total * m.total / m.n) / (m.n - 1)
    assert naive < 0  # the float cancellation this guards against
    assert m.variance == 0.0
    assert m.sd == 0.0


def test_from_counts_rejects_negative_count():
    with pytest.raises(ValueError, match="negative count"):
        Moments.from_counts({3: -1})


# Intervals


def test_mean_ci_matches_t_interval():
    m = Moments.from_counts(LIKERT)
    ci = mean_ci(m)
    data = np.array(expand(LIKERT))
    low, high = sps.t.interval(0.95, len(data) - 1, loc=data.mean(), scale=sps.sem(data))
    assert ci is not None
    assert (ci.low, ci.high) == (pytest.approx(low), pytest.approx(high))
    # By hand: mean 11/3, sd sqrt(5/3), t(0.975, 14) = 2.1448.
    assert (ci.low, ci.high) == (pytest.approx(2.952, abs=1e-3), pytest.approx(4.382, abs=1e-3))
    wider = mean_ci(m, confidence=0.99)
    assert wider is not None
    assert wider.low < ci.low
    assert wider.high > ci.high


def test_mean_ci_edge_cases():
    assert mean_ci(Moments.from_counts({})) is None
    assert mean_ci(Moments.from_counts({3: 1})) is None
    assert mean_ci(Moments.from_counts({4: 6})) == Interval(4.0, 4.0)
    two = mean_ci(Moments.from_counts({2: 1, 4: 1}))
    assert two is not None
    # n = 2: t(0.975, 1) = 12.706, sd/sqrt(n) = 1.
    assert (two.low, two.high) == (pytest.approx(3 - 12.7062, abs=1e-3), pytest.approx(3 + 12.7062, abs=1e-3))
    with pytest.raises(ValueError, match="confidence"):
        mean_ci(Moments.from_counts(LIKERT), confidence=1.0)


def test_wilson_interval_of_8_of_10():
    ci = proportion_ci(8, 10)
    assert ci is not None
    assert (ci.low, ci.high) == (pytest.approx(0.490, abs=1e-3), pytest.approx(0.943, abs=1e-3))


@pytest.mark.parametrize(("successes", "n"), [(0, 1), (1, 1), (0, 12), (3, 7), (12, 12), (40, 97)])
@pytest.mark.parametrize("confidence", [0.9, 0.95])
def test_wilson_interval_matches_scipy(successes, n, confidence):
    ci = proportion_ci(successes, n, confidence)
    expected = sps.binomtest(successes, n).proportion_ci(confidence_level=confidence, method="wilson")
    assert ci is not None
    assert (ci.low, ci.high) == (pytest.approx(expected.low, abs=1e-12), pytest.approx(expected.high, abs=1e-12))


def test_proportion_ci_edge_cases():
    assert proportion_ci(0, 0) is None
    with pytest.raises(ValueError, match="successes"):
        proportion_ci(11, 10)
    with pytest.raises(ValueError, match="successes"):
        proportion_ci(-1, 10)


# Likert and NPS summaries


def test_likert_summary():
    s = likert_summary({**LIKERT, -1: 4})
    assert (s.n, s.dont_know, s.satisfied) == (15, 4, 9)
    assert s.mean == pytest.approx(11 / 3)
    assert s.sd == pytest.approx(math.sqrt(5 / 3))
    assert s.mean_ci == mean_ci(Moments.from_counts(LIKERT))
    assert s.satisfied_share == pytest.approx(0.6)
    assert s.satisfied_ci == proportion_ci(9, 15)


def test_likert_summary_all_dont_know():
    s = likert_summary({-1: 5, 1: 0})
    assert (s.n, s.dont_know, s.satisfied) == (0, 5, 0)
    assert (s.mean, s.sd, s.mean_ci, s.satisfied_share, s.satisfied_ci) == (None, None, None, None, None)


def test_likert_summary_one_answer():
    s = likert_summary({5: 1})
    assert (s.n, s.mean, s.sd, s.mean_ci, s.satisfied_share) == (1, 5.0, None, None, 1.0)
    assert s.satisfied_ci is not None


def test_likert_summary_rejects_value_off_the_scale():
    with pytest.raises(ValueError, match="outside the scale"):
        likert_summary({0: 1, 3: 2})
    with pytest.raises(ValueError, match="outside the scale"):
        likert_summary({6: 1})


def test_nps_summary():
    counts = {10: 5, 9: 3, 8: 2, 7: 2, 6: 1, 3: 2, -1: 4}
    s = nps_summary(counts)
    assert (s.n, s.dont_know, s.promoters, s.passives, s.detractors) == (15, 4, 8, 4, 3)
    assert s.score == pytest.approx(100 / 3)
    # The score is the mean of +1/0/-1 codes; its variance is their population variance / n.
    codes = np.array([1 if v >= 9 else 0 if v >= 7 else -1 for v in expand(counts)])
    half = sps.norm.ppf(0.975) * math.sqrt(codes.var() / len(codes)) * 100
    assert s.score_ci is not None
    assert (s.score_ci.low, s.score_ci.high) == (pytest.approx(100 / 3 - half), pytest.approx(100 / 3 + half))
    assert (s.score_ci.low, s.score_ci.high) == (pytest.approx(-6.59, abs=0.01), pytest.approx(73.25, abs=0.01))
    assert s.mean == pytest.approx(np.mean(expand(counts)))
    assert s.mean_ci == mean_ci(Moments.from_counts(counts))


def test_nps_score_ci_is_clipped_to_100():
    s = nps_summary({10: 9, 8: 1})
    assert s.score == pytest.approx(90)
    assert s.score_ci is not None
    assert s.score_ci.high == 100.0
    assert s.score_ci.low == pytest.approx(90 - sps.norm.ppf(0.975) * math.sqrt(0.009) * 100)
    detractors = nps_summary({0: 9, 7: 1})
    assert detractors.score_ci is not None
    assert detractors.score_ci.low == -100.0


def test_nps_summary_small_and_empty():
    one = nps_summary({10: 1})
    assert (one.n, one.score, one.score_ci, one.mean_ci) == (1, 100.0, None, None)
    empty = nps_summary({-1: 3})
    assert (empty.n, empty.dont_know, empty.promoters, empty.passives, empty.detractors) == (0, 3, 0, 0, 0)
    assert (empty.score, empty.score_ci, empty.mean, empty.mean_ci) == (None, None, None, None)
    with pytest.raises(ValueError, match="outside the scale"):
        nps_summary({11: 1})


# Comparison


def test_compare_means_textbook_welch_example():
    c = compare_means(moments_of(WELCH_A1), moments_of(WELCH_A2))
    assert c is not None
    # after - before = A2 - A1, so the signs are those of the article's A1 - A2 flipped.
    assert c.difference == pytest.approx(np.mean(WELCH_A2) - np.mean(WELCH_A1))
    assert c.t == pytest.approx(2.46, abs=0.005)
    assert c.df == pytest.approx(25.0, abs=0.05)
    assert c.p_value == pytest.approx(0.021, abs=0.0005)
    assert c.significant
    expected = sps.ttest_ind(WELCH_A2, WELCH_A1, equal_var=False)
    assert (c.t, c.df, c.p_value) == (
        pytest.approx(expected.statistic),
        pytest.approx(expected.df),
        pytest.approx(expected.pvalue),
    )
    low, high = expected.confidence_interval(0.95)
    assert (c.ci.low, c.ci.high) == (pytest.approx(low), pytest.approx(high))


def test_compare_means_alpha_sets_test_and_interval():
    c = compare_means(moments_of(WELCH_A1), moments_of(WELCH_A2), alpha=0.01)
    assert c is not None
    assert not c.significant
    low, high = sps.ttest_ind(WELCH_A2, WELCH_A1, equal_var=False).confidence_interval(0.99)
    assert (c.ci.low, c.ci.high) == (pytest.approx(low), pytest.approx(high))
    assert c.ci.low < 0 < c.ci.high


def test_compare_means_from_likert_counts_matches_scipy():
    before = {1: 3, 2: 5, 3: 9, 4: 6, 5: 2, -1: 4}
    after = {2: 1, 3: 4, 4: 10, 5: 7}
    c = compare_means(Moments.from_counts(before), Moments.from_counts(after))
    expected = sps.ttest_ind(expand(after), expand(before), equal_var=False)
    assert c is not None
    assert (c.t, c.df, c.p_value) == (
        pytest.approx(expected.statistic),
        pytest.approx(expected.df),
        pytest.approx(expected.pvalue),
    )
    assert c.significant == (expected.pvalue < 0.05)


def test_compare_means_needs_two_values_each_side():
    two = Moments.from_counts({3: 1, 4: 1})
    assert compare_means(Moments.from_counts({3: 1}), two) is None
    assert compare_means(two, Moments.from_counts({})) is None
    assert compare_means(two, two) is not None


def test_compare_means_zero_variance_equal_means():
    c = compare_means(Moments.from_counts({4: 5}), Moments.from_counts({4: 8}))
    assert c is not None
    assert (c.difference, c.t, c.p_value, c.significant) == (0.0, 0.0, 1.0, False)
    assert c.ci == Interval(0.0, 0.0)
    assert c.df == 11.0


def test_compare_means_zero_variance_different_means():
    c = compare_means(Moments.from_counts({4: 5}), Moments.from_counts({3: 8}))
    assert c is not None
    assert (c.difference, c.t, c.p_value, c.significant) == (-1.0, -math.inf, 0.0, True)
    assert c.ci == Interval(-1.0, -1.0)
    assert not math.isnan(c.df)


def test_compare_means_zero_variance_one_side():
    before = {4: 6}
    after = {3: 2, 4: 3, 5: 5}
    c = compare_means(Moments.from_counts(before), Moments.from_counts(after))
    data = np.array(expand(after))
    expected = sps.ttest_ind_from_stats(data.mean(), data.std(ddof=1), len(data), 4.0, 0.0, 6, equal_var=False)
    assert c is not None
    assert c.df == pytest.approx(9.0)  # all the variance is on the after side: n_after - 1
    assert (c.t, c.p_value) == (pytest.approx(expected.statistic), pytest.approx(expected.pvalue))


# Small-cell suppression


def test_hide_nothing_when_no_cell_is_small():
    assert hide_small_cells({"a": 5, "b": 7, "c": 12}, 5) == set()
    assert hide_small_cells({}, 5) == set()


def test_one_small_cell_hides_the_smallest_other():
    assert hide_small_cells({"a": 2, "b": 30, "c": 9, "d": 11}, 5) == {"a", "c"}


def test_tie_for_complementary_cell_goes_to_first_key_by_str():
    assert hide_small_cells({"c": 2, "b": 7, "a": 7}, 5) == {"c", "a"}
    assert hide_small_cells({10: 2, 9: 7, 2: 7}, 5) == {10, 2}  # "10" < "2" < "9"


def test_small_cells_summing_below_k_hide_one_more():
    assert hide_small_cells({"a": 1, "b": 2, "c": 30, "d": 8}, 5) == {"a", "b", "d"}


def test_small_cells_summing_to_k_are_enough():
    assert hide_small_cells({"a": 2, "b": 3, "c": 30, "d": 8}, 5) == {"a", "b"}


def test_small_cells_keep_hiding_until_sum_reaches_k():
    assert hide_small_cells({"a": 1, "b": 1, "c": 1, "d": 1, "e": 20}, 10) == {"a", "b", "c", "d", "e"}


def test_zero_cells_are_never_hidden():
    assert hide_small_cells({"a": 0, "b": 3, "c": 0, "d": 9}, 5) == {"b", "d"}
    assert hide_small_cells({"a": 0, "b": 0, "d": 9}, 5) == set()


def test_without_published_total_only_small_cells_are_hidden():
    cells = {"a": 1, "b": 2, "c": 30, "d": 8}
    assert hide_small_cells(cells, 5, total_shown=False) == {"a", "b"}
    assert hide_small_cells({"a": 2, "b": 30}, 5, total_shown=False) == {"a"}


def test_hide_small_cells_with_tuple_keys():
    cells = {("inst", 1): 3, ("inst", 2): 40, ("inst", 3): 15}
    assert hide_small_cells(cells, 5) == {("inst", 1), ("inst", 3)}
