"""Scoring against hand-worked examples: every WHOQOL-BREF rule (reversed items, domain means x 4, 0–100,
the 20% rule, mean substitution up to two items, one in the social domain) and the ladder and custom rules.

The worked answers (item: answer) of the complete WHOQOL-BREF example, and its sums by hand:
  1:4  2:3  3:2  4:1  5:4  6:4  7:3  8:4  9:4 10:3 11:4 12:2 13:4
 14:3 15:4 16:3 17:4 18:3 19:4 20:4 21:3 22:5 23:4 24:4 25:3 26:2
  physical      3→6-2=4, 4→6-1=5, 10:3, 15:4, 16:3, 17:4, 18:3   sum 26, mean 26/7, x 4 = 104/7 = 14.857
                0–100: (104/7 - 4) x 100/16 = 76/7 x 6.25 = 67.857
  psychological 5:4, 6:4, 7:3, 11:4, 19:4, 26→6-2=4              sum 23, x 4 / 6 = 15.333; 0–100: 70.833
  social        20:4, 21:3, 22:5                                  sum 12, mean 4, x 4 = 16; 0–100: 75
  environment   8:4, 9:4, 12:2, 13:4, 14:3, 23:4, 24:4, 25:3      sum 28, mean 3.5, x 4 = 14; 0–100: 62.5
"""

import pytest

from kokybe.outcomes.scoring import CustomItem, Score, custom_score, ladder_score, whoqol_bref_score

COMPLETE = dict(enumerate([4, 3, 2, 1, 4, 4, 3, 4, 4, 3, 4, 2, 4, 3, 4, 3, 4, 3, 4, 4, 3, 5, 4, 4, 3, 2], start=1))


def without(*numbers: int) -> dict[int, int | None]:
    return {n: (None if n in numbers else value) for n, value in COMPLETE.items()}


def scores(answers: dict[int, int | None]) -> dict[str, Score]:
    return whoqol_bref_score(answers).by_key()


def test_a_complete_form_scores_every_domain_with_the_reversed_items_turned_round() -> None:
    result = whoqol_bref_score(COMPLETE)
    got = result.by_key()
    assert result.scored
    assert result.unanswered == 0
    assert got["overall_qol"].raw == 4
    assert got["overall_health"].raw == 3
    assert got["overall_qol"].transformed is None  # items 1 and 2 stay on 1–5
    assert got["physical"].raw == pytest.approx(104 / 7)
    assert got["physical"].transformed == pytest.approx(67.857, abs=0.001)
    assert got["psychological"].raw == pytest.approx(15.333, abs=0.001)
    assert got["psychological"].transformed == pytest.approx(70.833, abs=0.001)
    assert (got["social"].raw, got["social"].transformed) == (16, 75)
    assert (got["environment"].raw, got["environment"].transformed) == (14, 62.5)
    assert all(score.filled == 0 for score in result.scores)


def test_the_reversal_makes_the_lowest_and_highest_possible_scores() -> None:
    lowest = {n: 5 if n in (3, 4, 26) else 1 for n in range(1, 27)}
    highest = {n: 1 if n in (3, 4, 26) else 5 for n in range(1, 27)}
    for domain in ("physical", "psychological", "social", "environment"):
        assert (scores(lowest)[domain].raw, scores(lowest)[domain].transformed) == (4, 0)
        assert (scores(highest)[domain].raw, scores(highest)[domain].transformed) == (20, 100)


def test_two_unanswered_items_of_a_domain_and_one_of_the_social_domain_are_filled_by_the_mean() -> None:
    # physical without 15 and 16: 4 + 5 + 3 + 4 + 3 = 19 over 5 = 3.8, x 4 = 15.2, 0–100: 11.2 x 6.25 = 70
    # social without 21: (4 + 5) / 2 = 4.5, x 4 = 18, 0–100: 87.5
    result = whoqol_bref_score(without(15, 16, 21))
    got = result.by_key()
    assert result.scored
    assert result.unanswered == 3
    assert (got["physical"].raw, got["physical"].transformed, got["physical"].filled) == (
        pytest.approx(15.2),
        pytest.approx(70),
        2,
    )
    assert (got["social"].raw, got["social"].transformed, got["social"].filled) == (18, 87.5, 1)
    assert got["environment"].raw == 14  # the other domains as complete


def test_a_domain_with_more_unanswered_than_allowed_is_not_scored_and_the_others_are() -> None:
    # Five unanswered of 26 (19.2%): the form is scored; physical misses three, social two: those two are not.
    result = whoqol_bref_score(without(15, 16, 17, 20, 21))
    got = result.by_key()
    assert result.scored
    assert result.unanswered == 5
    assert got["physical"].raw is None
    assert got["physical"].transformed is None
    assert got["social"].raw is None
    assert got["psychological"].raw == pytest.approx(15.333, abs=0.001)
    assert got["environment"].raw == 14


def test_more_than_a_fifth_of_the_items_unanswered_leaves_the_form_unscored() -> None:
    # Six unanswered (23.1%), though no domain misses more than it may: nothing is scored.
    result = whoqol_bref_score(without(1, 2, 5, 6, 8, 9))
    assert not result.scored
    assert result.unanswered == 6
    assert all(score.raw is None for score in result.scores)
    assert [score.key for score in result.scores] == [
        "overall_qol",
        "overall_health",
        "physical",
        "psychological",
        "social",
        "environment",
    ]


def test_items_one_and_two_unanswered_leave_the_domains_scored() -> None:
    got = scores(without(1, 2))
    assert got["overall_qol"].raw is None
    assert got["overall_health"].raw is None
    assert got["social"].raw == 16


def test_an_answer_outside_one_to_five_is_refused() -> None:
    with pytest.raises(ValueError, match="item 7 answered 6"):
        whoqol_bref_score({**COMPLETE, 7: 6})


def test_the_ladder_gives_each_area_and_their_mean_while_at_most_a_fifth_is_unanswered() -> None:
    areas = ["home", "money", "health", "work", "family"]
    one_missing = ladder_score(areas, {"home": 3, "money": 7, "work": 5, "family": 10}).by_key()
    assert one_missing["home"].raw == 3
    assert one_missing["health"].raw is None
    assert one_missing["mean"].raw == pytest.approx(6.25)  # (3 + 7 + 5 + 10) / 4
    two_missing = ladder_score(areas, {"home": 3, "money": 7, "work": 5}).by_key()
    assert two_missing["mean"].raw is None


def test_a_custom_scale_turns_reversed_items_round_and_scores_subscales_and_the_whole() -> None:
    items = [
        CustomItem("i1", reverse=False, subscale="s1"),
        CustomItem("i2", reverse=True, subscale="s1"),
        CustomItem("i3", reverse=False, subscale="s2"),
        CustomItem("i4", reverse=False, subscale=""),
    ]
    got = custom_score(items, {"i1": 4, "i2": 2, "i3": 1, "i4": 5}, lowest=1, highest=5).by_key()
    assert got["s1"].raw == 4  # 4 and 6 - 2 = 4
    assert got["s2"].raw == 1
    assert got["total"].raw == pytest.approx(3.5)  # (4 + 4 + 1 + 5) / 4
    missing = custom_score(items, {"i1": 4, "i2": 2, "i4": 5}, lowest=1, highest=5).by_key()
    assert missing["s2"].raw is None  # its only item unanswered
    assert missing["total"].raw is None  # one of four unanswered is more than a fifth
    zero_to_ten = custom_score([CustomItem("i1", reverse=True, subscale="")], {"i1": 3}, lowest=0, highest=10)
    assert zero_to_ten.by_key()["total"].raw == 7
