"""A refresh is asked for once per transaction after the commit, and enqueued only while none is pending."""

from typing import Any

import pytest
from django.db import models, transaction
from django_scopes import scopes_disabled
from django_tasks.base import Task

from conftest import World
from kokybe.analytics.models import SummaryRefreshState
from kokybe.analytics.tasks import summaries_refresh_task
from kokybe.charter.models import FiguresRefreshState
from kokybe.charter.tasks import indicator_figures_refresh_task
from kokybe.core.refresh_queue import refresh_after_commit, refresh_enqueue_unless_pending

pytestmark = pytest.mark.django_db


def test_asked_many_times_in_a_transaction_each_enqueue_runs_once_per_municipality_after_the_commit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    called: list[tuple[str, int]] = []

    def summaries(*, municipality_id: int) -> None:
        called.append(("summaries", municipality_id))

    def figures(*, municipality_id: int) -> None:
        called.append(("figures", municipality_id))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _ in range(3):
            refresh_after_commit(summaries, municipality_id=world.a.pk)
        refresh_after_commit(summaries, municipality_id=world.b.pk)
        refresh_after_commit(figures, municipality_id=world.a.pk)
        assert called == []  # nothing before the commit
    assert len(callbacks) == 3
    assert called == [("summaries", world.a.pk), ("summaries", world.b.pk), ("figures", world.a.pk)]


def test_a_rolled_back_ask_is_forgotten_and_asking_again_registers_anew(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    called: list[int] = []

    def summaries(*, municipality_id: int) -> None:
        called.append(municipality_id)

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            refresh_after_commit(summaries, municipality_id=world.a.pk)
            raise RuntimeError("refused")
        refresh_after_commit(summaries, municipality_id=world.a.pk)
    assert called == [world.a.pk]


@pytest.mark.parametrize(
    ("state_model", "task"),
    [(SummaryRefreshState, summaries_refresh_task), (FiguresRefreshState, indicator_figures_refresh_task)],
)
def test_the_task_is_enqueued_once_until_it_clears_the_pending_mark(
    world: World, settings: Any, state_model: type[models.Model], task: Task[..., None]
) -> None:
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # keep, do not run
    refresh_enqueue_unless_pending(state_model=state_model, task=task, municipality_id=world.a.pk)
    refresh_enqueue_unless_pending(state_model=state_model, task=task, municipality_id=world.a.pk)
    refresh_enqueue_unless_pending(state_model=state_model, task=task, municipality_id=world.b.pk)
    with scopes_disabled():
        states = state_model._default_manager.order_by("municipality__slug")
        assert [(state.municipality_id, state.pending) for state in states] == [
            (world.a.pk, True),
            (world.b.pk, True),
        ]
        assert all(state.requested_at is not None for state in states)
        states.filter(municipality=world.a).update(pending=False)  # what the task does before it reads
    refresh_enqueue_unless_pending(state_model=state_model, task=task, municipality_id=world.a.pk)
    queued = default_task_backend.results
    assert [(result.task.name, result.kwargs) for result in queued] == [
        (task.name, {"municipality_id": world.a.pk}),
        (task.name, {"municipality_id": world.b.pk}),
        (task.name, {"municipality_id": world.a.pk}),
    ]
