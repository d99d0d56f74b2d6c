"""Writing events queues one refresh of the municipality's summaries, after the commit, never more than one."""

from functools import partial
from typing import Any

import pytest
from django.db import transaction
from django_scopes import scopes_disabled

from conftest import World
from kokybe.analytics.models import CaseSummary, Process, SummaryRefreshState
from kokybe.analytics.services.queueing import _refresh_enqueue, summaries_refresh_soon
from kokybe.analytics.tests.builders import course
from kokybe.casework.tests.builders import home_help

pytestmark = pytest.mark.django_db


def _refreshes(callbacks: list[Any]) -> list[partial[None]]:
    return [callback for callback in callbacks if isinstance(callback, partial) and callback.func is _refresh_enqueue]


def test_steps_queue_one_refresh_that_runs_after_the_commit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    service = home_help(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        made = course(world, service, world.a1, requested=30, steps=4)
        with scopes_disabled():
            assert not CaseSummary.objects.exists()  # nothing before the commit
    (queued,) = _refreshes(callbacks)
    assert queued.keywords == {"municipality_id": world.a.pk}
    with scopes_disabled():
        summary = CaseSummary.objects.get(municipality=world.a, process=Process.SERVICES, case_key=str(made.pk))
        assert summary.events == 4
        assert not SummaryRefreshState.objects.get(municipality=world.a).pending


def test_a_rolled_back_write_queues_nothing(world: World, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            summaries_refresh_soon(world.a.pk)
            raise RuntimeError("refused")
        summaries_refresh_soon(world.b.pk)
    assert [callback.keywords for callback in _refreshes(callbacks)] == [{"municipality_id": world.b.pk}]


def test_no_second_refresh_is_queued_while_one_is_pending(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with scopes_disabled():
        SummaryRefreshState.objects.create(municipality=world.a, pending=True)
    service = home_help(world)
    with django_capture_on_commit_callbacks(execute=True):
        made = course(world, service, world.a1, requested=30, steps=2)
    with scopes_disabled():
        assert not CaseSummary.objects.filter(case_key=str(made.pk)).exists()  # the pending one will read it
