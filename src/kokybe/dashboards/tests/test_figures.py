"""The dashboards' figures against hand-built data: each reader, and the board that puts them together."""

import datetime

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.analytics.models import Process
from kokybe.assessments.tests.builders import approved_round, own_framework
from kokybe.dashboards import figures, selectors
from kokybe.dashboards.figures import Unit
from kokybe.dashboards.tests.builders import DAY, answers, approved_plan_actions, period, satisfaction_survey
from kokybe.improvement.models import Action
from kokybe.inquiries.tests.builders import signal_received
from kokybe.surveys.models import Channel
from kokybe.surveys.services import responding
from kokybe.surveys.tests.builders import published_survey

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)


def test_signal_figures_read_the_summaries(world: World) -> None:
    period(world, world.a1, 2026, median_days=3, with_deadline=20, met=15)
    period(world, None, 2026, median_days=2, with_deadline=40, met=36)
    period(world, world.a1, 2025, median_days=4, with_deadline=10, met=10, process=Process.SERVICES)
    with scopes_disabled():
        summaries = selectors.period_summaries(world.a, process=Process.SIGNALS, years=[2025, 2026])
    within, median = selectors.signal_cells(summaries)
    assert within == {(world.a1.pk, 2026): 0.75, (None, 2026): 0.9}
    assert median[(world.a1.pk, 2026)] == 3 * DAY
    assert (world.a1.pk, 2025) not in median  # the services' row is another process


def test_satisfaction_is_the_share_of_four_and_five(world: World) -> None:
    survey = satisfaction_survey(world)
    answers(survey, world.a1, "2026-03", people=6, scores={"5": 3, "4": 1, "2": 2})
    answers(survey, world.a1, "2026-04", people=4, scores={"3": 4})
    answers(survey, world.a2, "2026-03", people=8, scores={"4": 8})
    answers(survey, world.a1, "2025-05", people=7, scores={"1": 7})
    with scopes_disabled():
        cells = selectors.satisfaction_cells(world.a, [2025, 2026])
    assert cells[(world.a1.pk, 2026)] == pytest.approx(4 / 10)
    assert cells[(world.a2.pk, 2026)] == 1.0
    assert cells[(None, 2026)] == pytest.approx(12 / 18)
    assert cells[(world.a1.pk, 2025)] == 0.0


def test_a_small_group_is_hidden_and_so_is_the_next_smallest(world: World) -> None:
    """A2's three respondents are hidden; A1 is hidden too, or the municipality minus A1 would show A2's."""
    survey = satisfaction_survey(world)
    answers(survey, world.a1, "2026-03", people=9, scores={"5": 9})
    answers(survey, world.a2, "2026-03", people=3, scores={"1": 3})
    with scopes_disabled():
        cells = selectors.satisfaction_cells(world.a, [2026])
    assert cells[(world.a2.pk, 2026)] is None
    assert cells[(world.a1.pk, 2026)] is None
    assert cells[(None, 2026)] == pytest.approx(9 / 12)


def test_assessment_is_the_mean_consensus_of_the_latest_approved_round(world: World) -> None:
    framework = own_framework(world)
    approved_round(world, framework, {"K1": 3, "K2": 4, "K3": 4, "K4": 5}, year=2026)
    approved_round(world, framework, {"K1": 1, "K2": 2, "K3": 2, "K4": 3}, institution=world.a2, year=2026)
    with scopes_disabled():
        cells = selectors.assessment_cells(world.a, [2025, 2026])
        rounds = selectors.latest_rounds(world.a, [2026])
    assert cells[(world.a1.pk, 2026)] == 4.0
    assert cells[(world.a2.pk, 2026)] == 2.0
    assert cells[(None, 2026)] == 3.0
    assert set(rounds) == {(world.a1.pk, 2026), (world.a2.pk, 2026)}


def test_plan_execution_counts_the_approved_plans_actions_due_in_the_year(world: World) -> None:
    approved_plan_actions(world, world.a1, 2026, done=3, open_=1)
    with scopes_disabled():
        cells = selectors.plan_cells(world.a, [2025, 2026])
    assert cells[(world.a1.pk, 2026)] == 0.75
    assert cells[(None, 2026)] == 0.75
    assert (world.a1.pk, 2025) not in cells


def test_attention_counts_what_is_overdue_in_the_institution(world: World) -> None:
    approved_plan_actions(world, world.a1, 2026, done=1, open_=2)  # due 30 June: the two open ones are late
    signal_received(world.a, world.a1)
    with scopes_disabled():
        late = selectors.attention_of(world.a, world.a1.pk, TODAY + datetime.timedelta(days=60))
        elsewhere = selectors.attention_of(world.a, world.a2.pk, TODAY + datetime.timedelta(days=60))
        assert Action.objects.filter(institution=world.a1).count() == 3
    assert late.overdue_actions == 2
    assert late.overdue_signals == 1
    assert elsewhere == selectors.Attention(0, 0, 0, 0)


def test_the_board_states_the_change_in_words(world: World) -> None:
    period(world, world.a1, 2025, median_days=5, with_deadline=10, met=6)
    period(world, world.a1, 2026, median_days=3, with_deadline=10, met=9)
    with scopes_disabled():
        board = figures.board_of(world.a, [world.a1], [2025, 2026], service_id=None, today=TODAY)
    with translation.override("en"):
        cell = figures.cell_of(board, figures.SIGNALS_WITHIN, world.a1.pk, 2026, lambda _i, _y: "/x/")
        time = figures.cell_of(board, figures.SIGNALS_TIME, world.a1.pk, 2026, lambda _i, _y: "")
        score = figures.change_text(Unit.SCORE, 3.5, 3.0, 2025)
        missing = figures.change_text(Unit.SHARE, None, 0.5, 2025)
    assert (cell.text, cell.previous_text) == ("90 %", "60 %")
    assert cell.change == "30 points more than in 2025"
    assert time.change == "2.0 d. shorter than in 2025"
    assert score == "0.5 higher than in 2025"
    assert missing == ""


def test_satisfaction_counts_a_response_as_soon_as_it_is_stored(world: World) -> None:
    """The dimensions' yearly counts are kept in the transaction that stores a response."""
    survey = published_survey(world, institution=world.a1, year=2026)

    def enter(score: int) -> None:
        responding.response_enter(
            actor=world.quality,
            survey=survey,
            answers={"overall": score},
            texts={},
            channel=Channel.PAPER,
            language="lt",
            institution=world.a1,
            client_group="",
            submitted_on=datetime.date(2026, 3, 2),
        )

    with scopes_disabled():
        for score in (5, 5, 4, 2, 1):
            enter(score)
        before = selectors.satisfaction_cells(world.a, [2026])
        enter(5)
        after = selectors.satisfaction_cells(world.a, [2026])
    assert before[(None, 2026)] == pytest.approx(3 / 5)
    assert after[(None, 2026)] == pytest.approx(4 / 6)
