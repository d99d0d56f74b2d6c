"""The platform's processes as summaries: a course of a service as its intake (the request up to the start or the
refusal) and its episode (the start up to the end); signals with their kinds and answer deadline; nonconformities."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.analytics.models import CaseSummary, PeriodSummary, Process, TransitionSummary
from kokybe.analytics.services.refresh import RefreshCounts, summaries_refresh
from kokybe.analytics.tests.builders import course_through
from kokybe.casework.models import EventKind, NeedArea, ServiceCourse
from kokybe.casework.services.imports import ImportedStep, service_course_import
from kokybe.casework.services.steps import course_end, course_review
from kokybe.casework.tests.builders import a1_client, days_ago, home_help
from kokybe.inquiries.models import Kind, Status
from kokybe.inquiries.services.handling_answer import signal_answer
from kokybe.inquiries.tests.builders_handling import signal_in
from kokybe.nonconformities.tests.builders import analysed, reported

pytestmark = pytest.mark.django_db

DAY = 86400.0
REQUESTED, ASSESSED, GRANTED, REFUSED = EventKind.REQUESTED, EventKind.ASSESSED, EventKind.GRANTED, EventKind.REFUSED
STARTED, REVIEWED, ENDED = EventKind.STARTED, EventKind.REVIEWED, EventKind.ENDED


def _refresh(world: World) -> RefreshCounts:
    with scopes_disabled():
        return summaries_refresh(municipality=world.a)


def _case_of(world: World, process: str, course: ServiceCourse) -> CaseSummary | None:
    with scopes_disabled():
        return CaseSummary.objects.filter(municipality=world.a, process=process, case_key=str(course.pk)).first()


def _rows(world: World, process: str) -> dict[str, list[tuple[object, ...]]]:
    """Every summary row of the process, with its id (a row rewritten gets a new one)."""
    with scopes_disabled():
        models = (CaseSummary, PeriodSummary, TransitionSummary)
        return {
            model.__name__: sorted(model.objects.filter(municipality=world.a, process=process).values_list())
            for model in models
        }


def test_a_course_is_an_intake_up_to_its_start_and_an_episode_from_its_start_to_its_end(world: World) -> None:
    service = home_help(world)  # a decision within 20 working days
    steps = [ASSESSED, GRANTED, STARTED, REVIEWED, REVIEWED, ENDED]
    course = course_through(world, service, steps, requested=100, spacing=10.0)
    _refresh(world)
    intake, episode = _case_of(world, Process.SERVICES, course), _case_of(world, Process.EPISODES, course)
    assert intake is not None
    assert episode is not None
    assert intake.variant == [REQUESTED, ASSESSED, GRANTED, STARTED]
    assert (intake.started_at, intake.ended_at) == (course.requested_at, course.started_at)
    assert intake.lead_seconds == 30 * DAY
    assert intake.completed
    assert intake.due_at is not None
    assert intake.met_deadline is True  # decided in 20 calendar days: within 20 working days
    assert episode.variant == [STARTED, REVIEWED, REVIEWED, ENDED]
    assert (episode.started_at, episode.ended_at) == (course.started_at, course.ended_at)
    assert episode.lead_seconds == 30 * DAY
    assert episode.waits == [10 * DAY, 10 * DAY, 10 * DAY]
    assert episode.completed
    assert (episode.due_at, episode.met_deadline) == (None, None)  # how long a service runs is no wait
    with scopes_disabled():
        episodes = PeriodSummary.objects.filter(municipality=world.a, process=Process.EPISODES, year=episode.year)
        # Grouped by service as the intake is: the service's row and the row over all services.
        by_service = episodes.get(institution=world.a1, service=service)
        all_services = episodes.get(institution=world.a1, service=None)
    assert (by_service.cases, by_service.completed, by_service.lead_median_s) == (1, 1, 30 * DAY)
    assert (all_services.with_deadline, all_services.met_deadline) == (0, 0)


def test_a_refused_or_withdrawn_request_is_an_intake_only_and_a_waiting_one_an_open_intake(world: World) -> None:
    service = home_help(world)
    refused = course_through(world, service, [ASSESSED, REFUSED], requested=60)
    withdrawn = course_through(world, service, [ASSESSED, GRANTED, ENDED], requested=50)
    waiting = course_through(world, service, [ASSESSED], requested=4, spacing=1.0)
    counts = _refresh(world)
    assert (counts.cases[Process.SERVICES], counts.cases[Process.EPISODES]) == (3, 0)
    cases = {course.pk: _case_of(world, Process.SERVICES, course) for course in (refused, withdrawn, waiting)}
    assert all(_case_of(world, Process.EPISODES, course) is None for course in (refused, withdrawn, waiting))
    assert [cases[refused.pk].variant, cases[withdrawn.pk].variant] == [  # type: ignore[union-attr]
        [REQUESTED, ASSESSED, REFUSED],
        [REQUESTED, ASSESSED, GRANTED, ENDED],
    ]
    assert cases[refused.pk].completed  # type: ignore[union-attr]
    assert cases[withdrawn.pk].completed  # type: ignore[union-attr]
    still = cases[waiting.pk]
    assert still is not None
    assert still.variant == [REQUESTED, ASSESSED]
    assert not still.completed
    assert still.due_at is not None
    assert still.met_deadline is None  # its deadline is still running
    with scopes_disabled():
        whole = PeriodSummary.objects.get(
            municipality=world.a, process=Process.SERVICES, institution=None, service=None, year=still.year
        )
    assert (whole.cases, whole.completed) == (3, 2)


def test_a_later_review_or_end_touches_only_the_episode(world: World) -> None:
    course = course_through(world, home_help(world), [ASSESSED, GRANTED, STARTED], requested=40)
    _refresh(world)
    intake_before, episode_before = _rows(world, Process.SERVICES), _rows(world, Process.EPISODES)
    with scopes_disabled():
        course_review(actor=world.worker, course=course, lock_version=course.lock_version, note="Tęsiama")
    counts = _refresh(world)
    assert (counts.cases[Process.SERVICES], counts.groups[Process.SERVICES]) == (0, 0)
    assert counts.cases[Process.EPISODES] == 1
    assert _rows(world, Process.SERVICES) == intake_before  # not even rewritten
    assert _rows(world, Process.EPISODES) != episode_before
    episode = _case_of(world, Process.EPISODES, course)
    assert episode is not None
    assert (episode.variant, episode.completed) == ([STARTED, REVIEWED], False)
    with scopes_disabled():
        course.refresh_from_db()
        course_end(actor=world.worker, course=course, lock_version=course.lock_version, reason="goals_reached")
    counts = _refresh(world)
    assert (counts.cases[Process.SERVICES], counts.cases[Process.EPISODES]) == (0, 1)
    assert _rows(world, Process.SERVICES) == intake_before
    episode = _case_of(world, Process.EPISODES, course)
    assert episode is not None
    assert (episode.variant, episode.completed) == ([STARTED, REVIEWED, ENDED], True)


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


def test_a_reimport_that_takes_the_start_away_removes_the_episode(world: World) -> None:
    service = home_help(world)
    client = a1_client(world)
    at = days_ago(60)
    steps = [
        ImportedStep(REQUESTED, at),
        ImportedStep(ASSESSED, at + datetime.timedelta(days=2), needs=(NeedArea.HOUSEHOLD,)),
        ImportedStep(GRANTED, at + datetime.timedelta(days=9)),
        ImportedStep(STARTED, at + datetime.timedelta(days=12)),
    ]
    arguments = {"actor": world.coordinator, "client": client, "service": service, "external_id": "senoji-7"}
    with scopes_disabled():
        course, _created = service_course_import(**arguments, institution=world.a1, steps=steps)
    _refresh(world)
    episode = _case_of(world, Process.EPISODES, course)
    assert episode is not None
    assert episode.institution_id == world.a1.pk
    with scopes_disabled():  # the other system had the start wrong: granted, not started yet
        service_course_import(**arguments, institution=world.a1, steps=steps[:3])
    assert _refresh(world).cases[Process.SERVICES] == 1
    assert _case_of(world, Process.EPISODES, course) is None  # deleted, and its groups with it
    intake = _case_of(world, Process.SERVICES, course)
    assert intake is not None
    assert (intake.variant, intake.completed) == ([REQUESTED, ASSESSED, GRANTED], False)
    with scopes_disabled():
        assert not PeriodSummary.objects.filter(municipality=world.a, process=Process.EPISODES).exists()
