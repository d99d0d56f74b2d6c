"""Status and progress of actions, yearly reviews, execution rates, and the approval deadline."""

import datetime

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.improvement import selectors
from kokybe.improvement.deadlines import add_months, approval_deadline
from kokybe.improvement.models import Action, ActionStatus
from kokybe.improvement.services import execution
from kokybe.improvement.tests.builders import action_in, goal_in, improvement_plan

pytestmark = pytest.mark.django_db
S = ActionStatus


def progress(world: World, action: Action, status: str, value: int = 0, reason: str = "") -> Action:
    with scopes_disabled():
        action.refresh_from_db()
        return execution.action_progress_update(
            actor=world.worker,
            action=action,
            shown_version=action.lock_version,
            status=status,
            progress=value,
            cancel_reason=reason,
        )


@pytest.fixture
def action(world: World) -> Action:
    return action_in(world, goal_in(world, improvement_plan(world)))


def test_progress_is_audited_and_done_means_all_of_it(world: World, action: Action) -> None:
    progress(world, action, S.IN_PROGRESS, 40)
    done = progress(world, action, S.DONE, 70)
    assert (done.status, done.progress) == (S.DONE, 100)
    with scopes_disabled():
        events = AuditEvent.objects.filter(action="improvement.action.progress", object_id=str(action.pk))
        assert events.count() == 2
        assert events.order_by("pk").last().changes["status"] == {"from": "in_progress", "to": "done"}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ([S.DONE, S.PLANNED], "reopened as in progress"),
        ([S.IN_PROGRESS, S.PLANNED], "cannot be set back to planned"),
        ([S.CANCELLED, S.IN_PROGRESS], "stays cancelled"),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_message(
    world: World, action: Action, path: list[str], message: str
) -> None:
    *before, last = path
    for status in before:
        progress(world, action, status, reason="Nebereikia")
    with pytest.raises(ServiceError, match=message):
        progress(world, action, last)


def test_cancelling_needs_a_reason(world: World, action: Action) -> None:
    with pytest.raises(ServiceError, match="why") as refused:
        progress(world, action, S.CANCELLED, reason="   ")
    assert refused.value.field == "cancel_reason"
    cancelled = progress(world, action, S.CANCELLED, reason="Lėšos perskirstytos")
    assert cancelled.cancel_reason == "Lėšos perskirstytos"


def test_two_people_updating_an_action_do_not_overwrite_each_other(world: World, action: Action) -> None:
    shown = action.lock_version
    with scopes_disabled():
        execution.action_progress_update(
            actor=world.worker, action=action, shown_version=shown, status=S.IN_PROGRESS, progress=20
        )
        stale = Action.objects.get(pk=action.pk)
        stale.lock_version = shown
        with pytest.raises(EditConflict):
            execution.action_progress_update(
                actor=world.quality, action=stale, shown_version=shown, status=S.IN_PROGRESS, progress=90
            )
        assert Action.objects.get(pk=action.pk).progress == 20


def test_a_review_written_meanwhile_is_a_conflict_not_an_overwrite(world: World, action: Action) -> None:
    with scopes_disabled():
        first = execution.review_record(actor=world.quality, action=action, year=2025, outcome="done", comment="")
        with pytest.raises(EditConflict):
            execution.review_record(
                actor=world.coordinator, action=action, year=2025, outcome="not_done", comment="", shown_version=None
            )
        corrected = execution.review_record(
            actor=world.quality,
            action=action,
            year=2025,
            outcome="partly",
            comment="Pusė",
            shown_version=first.lock_version,
        )
        assert corrected.outcome == "partly"
        assert AuditEvent.objects.filter(action="improvement.review.record").count() == 2


def test_a_year_outside_the_action_cannot_be_reviewed(world: World, action: Action) -> None:
    with scopes_disabled(), pytest.raises(ServiceError, match="not planned for 2026"):
        execution.review_record(actor=world.quality, action=action, year=2026, outcome="done", comment="")


def test_execution_rate_counts_done_one_partly_half_and_leaves_unreviewed_apart(world: World) -> None:
    plan = improvement_plan(world)
    first, second = goal_in(world, plan, "Pirmas"), goal_in(world, plan, "Antras")
    outcomes = {first: ["done", "partly", "not_done", None], second: ["done", "done"]}
    with scopes_disabled():
        for goal, results in outcomes.items():
            for index, outcome in enumerate(results):
                action = action_in(world, goal, title=f"{goal.pk}-{index}")
                if outcome:
                    execution.review_record(actor=world.quality, action=action, year=2025, outcome=outcome, comment="")
        action_in(world, second, starts_on=datetime.date(2026, 1, 1), due_on=datetime.date(2026, 3, 1))
        summary = selectors.execution_summary(selectors.plan_content(world.a, plan), plan.years)
    year = summary.by_year[2025]
    assert (year.planned, year.reviewed, year.unreviewed) == (6, 5, 1)
    assert year.rate == 70.0  # (3 done + 0.5 partly) / 5 reviewed
    by_goal = {rates.goal.pk: rates.by_year[2025].rate for rates in summary.goals}
    assert by_goal == {first.pk: 50.0, second.pk: 100.0}
    assert summary.by_year[2026].planned == 1
    assert summary.by_year[2026].rate is None
    assert summary.by_year[2027].planned == 0


@pytest.mark.parametrize(
    ("budget", "deadline"),
    [
        (datetime.date(2025, 1, 20), datetime.date(2025, 3, 20)),
        (datetime.date(2025, 12, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2023, 12, 31), datetime.date(2024, 2, 29)),  # leap year
        (datetime.date(2025, 12, 30), datetime.date(2026, 2, 28)),
        (datetime.date(2026, 11, 15), datetime.date(2027, 1, 15)),
        (datetime.date(2026, 7, 31), datetime.date(2026, 9, 30)),
    ],
)
def test_the_approval_deadline_is_two_months_after_the_budget(budget: datetime.date, deadline: datetime.date) -> None:
    assert approval_deadline(budget) == deadline


def test_adding_months_across_years() -> None:
    assert add_months(datetime.date(2025, 11, 30), 3) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
