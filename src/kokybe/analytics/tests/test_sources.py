"""The signal and nonconformity processes as summaries: grouping, kinds, the answer deadline."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.analytics.models import CaseSummary, PeriodSummary, Process
from kokybe.analytics.services.refresh import summaries_refresh
from kokybe.inquiries.models import Kind, Status
from kokybe.inquiries.services.handling_answer import signal_answer
from kokybe.inquiries.tests.builders_handling import signal_in
from kokybe.nonconformities.tests.builders import analysed, reported

pytestmark = pytest.mark.django_db


def _answered(world: World, kind: str, received_days_ago: int, due_in_days: int, institution: object) -> str:
    received = timezone.now() - datetime.timedelta(days=received_days_ago)
    due_on = timezone.localdate(received) + datetime.timedelta(days=due_in_days)
    signal = signal_in(
        world.a,
        institution,
        kind=kind,
        received_at=received,
        due_on=due_on,
        status=Status.ASSIGNED,
        assignee=world.worker,
    )
    with scopes_disabled():
        signal_answer(
            actor=world.worker, signal=signal, body="Atsakymas.", lock_version=signal.lock_version, notify=False
        )
    return str(signal.pk)


def test_signals_by_institution_and_kind_with_their_answer_deadline(world: World) -> None:
    in_time = _answered(world, Kind.COMPLAINT, received_days_ago=3, due_in_days=10, institution=world.a1)
    late = _answered(world, Kind.QUESTION, received_days_ago=30, due_in_days=5, institution=world.a1)
    queue = signal_in(world.a, None, kind=Kind.QUESTION, due_on=timezone.localdate() - datetime.timedelta(days=2))
    waiting = signal_in(world.a, world.a2, kind=Kind.QUESTION, due_on=timezone.localdate() + datetime.timedelta(days=9))
    with scopes_disabled():
        summaries_refresh(municipality=world.a)
        cases = {row.case_key: row for row in CaseSummary.objects.filter(municipality=world.a, process=Process.SIGNALS)}
        year = cases[in_time].year
        periods = PeriodSummary.objects.filter(municipality=world.a, process=Process.SIGNALS, year=year)
        complaints_a1 = periods.get(institution=world.a1, kind=Kind.COMPLAINT)
        whole = periods.get(institution=None, kind="")
    assert cases[in_time].variant == ["received", "answered"]
    assert cases[in_time].met_deadline is True
    assert cases[late].met_deadline is False
    assert cases[str(queue.pk)].met_deadline is False  # open, past its due day
    assert cases[str(queue.pk)].institution_id is None  # the municipality's own queue
    assert cases[str(waiting.pk)].met_deadline is None
    assert (complaints_a1.cases, complaints_a1.with_deadline, complaints_a1.met_deadline) == (1, 1, 1)
    assert (whole.cases, whole.with_deadline, whole.met_deadline) == (4, 3, 1)


def test_nonconformities_by_institution_without_deadline(world: World) -> None:
    first = analysed(world)
    second = reported(world, institution=world.a2)
    with scopes_disabled():
        summaries_refresh(municipality=world.a)
        cases = {
            row.case_key: row
            for row in CaseSummary.objects.filter(municipality=world.a, process=Process.NONCONFORMITIES)
        }
        whole = PeriodSummary.objects.get(municipality=world.a, process=Process.NONCONFORMITIES, institution=None)
    assert cases[str(first.pk)].events == 2
    assert cases[str(first.pk)].institution_id == world.a1.pk
    assert cases[str(second.pk)].institution_id == world.a2.pk
    assert not cases[str(first.pk)].completed
    assert whole.cases == 2
    assert whole.with_deadline == 0
    assert whole.lead_median_s is None  # none completed: no lead time yet
