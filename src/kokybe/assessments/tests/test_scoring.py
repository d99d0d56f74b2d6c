"""The arithmetic of scores, without a database."""

from decimal import Decimal as D

from kokybe.assessments.models import CriterionResult, FrameworkNode, Scoring
from kokybe.assessments.round_page import RoundRow
from kokybe.assessments.scoring import NOT_APPLICABLE, phases_mean, refused_value, spread_of, suggested_consensus

LEVELS = [{"value": v} for v in range(1, 6)]
MET = [{"value": 0}, {"value": 1}]
CHECKLIST = [{"value": -1}, {"value": 0}, {"value": 1}, {"value": 2}]


def test_spread_on_levels_flags_two_levels_apart() -> None:
    spread = spread_of([D(2), D(4), None], Scoring.LEVELS_1_5, LEVELS)
    assert (spread.n, spread.low, spread.high, spread.mean, spread.disagrees) == (2, D(2), D(4), D(3), True)
    assert not spread_of([D(3), D(4), D(4)], Scoring.LEVELS_1_5, LEVELS).disagrees
    assert spread_of([D(3), D(4), D(4)], Scoring.LEVELS_1_5, LEVELS).mean == D("3.7")


def test_spread_on_caf_flags_thirty_points_apart() -> None:
    assert spread_of([D(40), D(70)], Scoring.CAF_CLASSICAL).disagrees
    assert not spread_of([D(40), D(69)], Scoring.CAF_FINE_TUNED).disagrees


def test_spread_on_met_not_met_flags_any_split_and_suggests_the_majority() -> None:
    split = spread_of([D(1), D(0), D(1)], Scoring.MET_NOT_MET, MET)
    assert split.disagrees
    assert suggested_consensus(split, Scoring.MET_NOT_MET, MET) == D(1)
    tie = spread_of([D(1), D(0)], Scoring.MET_NOT_MET, MET)
    assert suggested_consensus(tie, Scoring.MET_NOT_MET, MET) == D(0)  # a tie is not met until shown otherwise
    assert not spread_of([D(1), D(1)], Scoring.MET_NOT_MET, MET).disagrees


def test_not_applicable_is_left_out_of_the_spread() -> None:
    spread = spread_of([D(-1), D(2), D(2)], Scoring.CHECKLIST, CHECKLIST)
    assert (spread.n, spread.mean, spread.not_applicable) == (2, D(2), 1)
    assert spread.disagrees  # one found it not applicable, two scored it: to be discussed
    assert not refused_value(D(-1), Scoring.CHECKLIST, CHECKLIST, consensus=False)
    assert refused_value(D(-1), Scoring.LEVELS_1_5, LEVELS, consensus=False)


def test_caf_fine_tuned_score_is_the_mean_of_the_four_phases() -> None:
    assert phases_mean({"plan": 60, "do": 45, "check": 30, "act": 20}) == D("38.8")
    assert phases_mean({"plan": 100, "do": 100, "check": 100, "act": 100}) == D(100)
    assert phases_mean({"plan": 60, "do": 45, "check": 30}) is None


def test_values_allowed_by_scheme() -> None:
    assert refused_value(D(6), Scoring.LEVELS_1_5, LEVELS, consensus=False)
    assert refused_value(D("3.5"), Scoring.LEVELS_1_5, LEVELS, consensus=False)
    assert not refused_value(D("3.5"), Scoring.LEVELS_1_5, LEVELS, consensus=True)
    assert refused_value(D("0.5"), Scoring.MET_NOT_MET, MET, consensus=True)
    assert not refused_value(D(73), Scoring.CAF_CLASSICAL, [], consensus=False)
    assert refused_value(D(101), Scoring.CAF_CLASSICAL, [], consensus=False)


def test_a_not_applicable_checklist_item_is_no_gap() -> None:
    """ "Not applicable" is stored as -1, below the middle of any scale, yet there is nothing to improve."""
    node = FrameworkNode(code="4.1", scored=True)
    not_applicable = RoundRow(node, 1, result=CriterionResult(consensus=NOT_APPLICABLE), gap_below=D(1))
    assert not not_applicable.is_gap
    missing = RoundRow(node, 1, result=CriterionResult(consensus=D(0)), gap_below=D(1))
    assert missing.is_gap


def test_not_applicable_against_a_score_is_a_disagreement() -> None:
    """One assessor finds an ISO subclause not applicable, another scores it: that is to be discussed."""
    split = spread_of([NOT_APPLICABLE, D(2)], Scoring.CHECKLIST, CHECKLIST)
    assert split.disagrees
    assert (split.n, split.low, split.high) == (1, D(2), D(2))


def test_everyone_finding_an_item_not_applicable_suggests_not_applicable() -> None:
    agreed = spread_of([NOT_APPLICABLE, NOT_APPLICABLE], Scoring.CHECKLIST, CHECKLIST)
    assert not agreed.disagrees
    assert suggested_consensus(agreed, Scoring.CHECKLIST, CHECKLIST) == NOT_APPLICABLE
    assert suggested_consensus(spread_of([], Scoring.CHECKLIST, CHECKLIST), Scoring.CHECKLIST, CHECKLIST) is None
