"""The steps of a course: each audited, the refused transitions, the edit check, lead times, the merge."""

import datetime
from typing import Any

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.casework.leadtimes import decision_overdue, last_request_day_overdue, lead_times, working_days
from kokybe.casework.models import CourseState, EventKind, NeedArea, ServiceCourse
from kokybe.casework.selectors import lead_time_summary
from kokybe.casework.services.steps import (
    course_assess,
    course_decide,
    course_end,
    course_request,
    course_review,
    course_start,
)
from kokybe.casework.tests.builders import a1_client, days_ago, home_help
from kokybe.clients.services.merging import client_merge
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.core.workdays import working_days_between

pytestmark = pytest.mark.django_db


def _requested(world: World, at: datetime.datetime | None = None) -> ServiceCourse:
    client = a1_client(world)
    with scopes_disabled():
        return course_request(
            actor=world.worker, client=client, service=home_help(world), institution=world.a1, at=at or days_ago(30)
        )


def _assessed(world: World) -> ServiceCourse:
    course = _requested(world)
    with scopes_disabled():
        course_assess(
            actor=world.worker,
            course=course,
            lock_version=course.lock_version,
            needs=[NeedArea.HOUSEHOLD, NeedArea.SELF_CARE],
            note="Reikia pagalbos buityje",
            at=days_ago(25),
        )
    return course


def _actions(course: ServiceCourse) -> list[str]:
    with scopes_disabled():
        return list(
            AuditEvent.objects.filter(object_type="casework.servicecourse", object_id=str(course.pk))
            .order_by("pk")
            .values_list("action", flat=True)
        )


def test_a_whole_course_is_recorded_step_by_step_each_audited(world: World) -> None:
    course = _assessed(world)
    with scopes_disabled():
        course_decide(
            actor=world.director, course=course, lock_version=course.lock_version, granted=True, at=days_ago(20)
        )
        course_start(actor=world.worker, course=course, lock_version=course.lock_version, at=days_ago(15))
        course_review(actor=world.worker, course=course, lock_version=course.lock_version, note="Gerai", at=days_ago(5))
        course_end(
            actor=world.worker, course=course, lock_version=course.lock_version, reason="goals_reached", at=days_ago(1)
        )
        course.refresh_from_db()
        events = list(course.events.values_list("kind", "worker"))
    assert course.state == CourseState.ENDED
    assert (course.decided_at, course.started_at, course.ended_at) == (days_ago(20), days_ago(15), days_ago(1))
    assert events == [
        (EventKind.REQUESTED, world.worker.pk),
        (EventKind.ASSESSED, world.worker.pk),
        (EventKind.GRANTED, world.director.pk),
        (EventKind.STARTED, world.worker.pk),
        (EventKind.REVIEWED, world.worker.pk),
        (EventKind.ENDED, world.worker.pk),
    ]
    assert _actions(course) == [
        "service_course.request",
        "service_course.assess",
        "service_course.grant",
        "service_course.start",
        "service_course.review",
        "service_course.end",
    ]


def test_refusal_needs_a_reason_from_the_list(world: World) -> None:
    course = _assessed(world)
    with scopes_disabled():
        with pytest.raises(ServiceError, match="Choose the reason") as refused:
            course_decide(actor=world.director, course=course, lock_version=course.lock_version, granted=False)
        assert refused.value.field == "reason"
        with pytest.raises(ServiceError, match="Write the reason") as refused:
            course_decide(
                actor=world.director, course=course, lock_version=course.lock_version, granted=False, reason="other"
            )
        assert refused.value.field == "note"
        course_decide(
            actor=world.director, course=course, lock_version=course.lock_version, granted=False, reason="no_need"
        )
        course.refresh_from_db()
    assert course.state == CourseState.REFUSED
    assert _actions(course)[-1] == "service_course.refuse"


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("decide", "Assess the needs before deciding"),
        ("start", "Only a granted service"),
        ("review", "Only a service being provided"),
    ],
)
def test_steps_out_of_order_are_refused_and_write_nothing(world: World, step: str, message: str) -> None:
    course = _requested(world)
    with scopes_disabled():
        version = course.lock_version
        with pytest.raises(ServiceError, match=message):
            if step == "decide":
                course_decide(actor=world.director, course=course, lock_version=version, granted=True)
            elif step == "start":
                course_start(actor=world.worker, course=course, lock_version=version)
            else:
                course_review(actor=world.worker, course=course, lock_version=version, note="Peržiūra")
        course.refresh_from_db()
        assert course.events.count() == 1
    assert course.state == CourseState.REQUESTED
    assert course.lock_version == version
    assert len(_actions(course)) == 1


def test_nothing_follows_an_end(world: World) -> None:
    course = _requested(world)
    with scopes_disabled():
        course_end(actor=world.worker, course=course, lock_version=course.lock_version, reason="client_withdrew")
        with pytest.raises(ServiceError, match="ended already"):
            course_end(actor=world.worker, course=course, lock_version=course.lock_version, reason="moved_away")


def test_a_step_before_the_previous_one_or_in_the_future_is_refused(world: World) -> None:
    course = _requested(world, at=days_ago(10))
    with scopes_disabled():
        for at, message in ((days_ago(11), "before the previous step"), (days_ago(-1), "in the future")):
            with pytest.raises(ServiceError, match=message) as refused:
                course_assess(
                    actor=world.worker,
                    course=course,
                    lock_version=course.lock_version,
                    needs=[NeedArea.HEALTH],
                    note="Sveikata",
                    at=at,
                )
            assert refused.value.field == "at"


def test_assessment_needs_areas_and_words(world: World) -> None:
    course = _requested(world)
    with scopes_disabled():
        with pytest.raises(ServiceError) as refused:
            course_assess(actor=world.worker, course=course, lock_version=course.lock_version, needs=[], note="x")
        assert refused.value.field == "needs"
        with pytest.raises(ServiceError) as refused:
            course_assess(
                actor=world.worker, course=course, lock_version=course.lock_version, needs=["flying"], note="x"
            )
        assert refused.value.field == "needs"


def test_two_workers_acting_at_once_the_second_is_told(world: World) -> None:
    course = _requested(world)
    with scopes_disabled():
        shown = course.lock_version
        stale = ServiceCourse.objects.get(pk=course.pk)  # the second worker's page, opened before the end
        course_end(actor=world.worker, course=course, lock_version=shown, reason="client_withdrew")
        with pytest.raises(EditConflict):
            course_assess(actor=world.director, course=stale, lock_version=shown, needs=["health"], note="Sveikata")


def test_request_needs_an_institution_that_provides_the_service(world: World) -> None:
    client = a1_client(world)
    with scopes_disabled():
        service = home_help(world)
        service.providers.filter(institution=world.a2).delete()
        with pytest.raises(ServiceError) as refused:
            course_request(actor=world.worker, client=client, service=service, institution=world.a2)
    assert refused.value.field == "institution"


def test_lead_times_count_working_days_on_the_municipality_calendar(world: World) -> None:
    course = ServiceCourse(
        requested_at=datetime.datetime(2025, 12, 23, 10, tzinfo=datetime.UTC),  # Tuesday before Christmas
        decided_at=datetime.datetime(2025, 12, 29, 9, tzinfo=datetime.UTC),  # 24, 25, 26 Dec are holidays in LT
        started_at=datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC),  # 1 Jan a holiday
    )
    times = lead_times(course, "LT", datetime.date(2026, 2, 1))
    assert (times.to_decision, times.to_start, times.waiting) == (1, 4, None)


def test_waiting_and_overdue_by_the_catalogue_deadline(world: World) -> None:
    with scopes_disabled():
        service = home_help(world)  # decision within 20 working days
    course = ServiceCourse(service=service, requested_at=datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC))
    # 11 March is a holiday in Lithuania: the 20th working day after 2 March is 31 March.
    on_time = lead_times(course, "LT", datetime.date(2026, 3, 31))
    late = lead_times(course, "LT", datetime.date(2026, 4, 1))
    assert (on_time.waiting, late.waiting) == (20, 21)
    assert not decision_overdue(course, "LT", on_time)
    assert decision_overdue(course, "LT", late)
    last_day = last_request_day_overdue("LT", datetime.date(2026, 4, 1), 20)
    assert last_day == datetime.date(2026, 3, 2)
    assert working_days_between("LT", last_day + datetime.timedelta(days=1), datetime.date(2026, 4, 1)) == 20


def test_merge_moves_the_duplicates_courses_to_the_kept_record(world: World) -> None:
    course = _requested(world)
    kept = a1_client(world, first_name="Jonas", last_name="Žemaitis")
    with scopes_disabled():
        duplicate = course.client
        client_merge(
            actor=world.director,
            kept=kept,
            duplicate=duplicate,
            kept_lock_version=kept.lock_version,
            duplicate_lock_version=duplicate.lock_version,
        )
        course.refresh_from_db()
    assert course.client_id == kept.pk
    assert _actions(course)[-1] == "service_course.merge_move"


def test_lead_time_summary_per_service_and_institution(world: World, django_assert_num_queries: Any) -> None:
    course = _assessed(world)  # requested 30 days ago, assessed 25 days ago
    waiting = _requested(world)
    with scopes_disabled():
        course_decide(
            actor=world.director, course=course, lock_version=course.lock_version, granted=True, at=days_ago(20)
        )
        course_start(actor=world.worker, course=course, lock_version=course.lock_version, at=days_ago(15))
        with django_assert_num_queries(1):
            rows = lead_time_summary(world.a, since=days_ago(60), until=days_ago(0))
    country = world.a.country
    assert len(rows) == 2  # two services (each test client gets its own catalogue entry)
    row = next(row for row in rows if row.service.pk == course.service_id)
    assert (row.requested, row.decided, row.refused) == (1, 1, 0)
    assert row.median_to_decision == working_days(country, days_ago(30), days_ago(20))
    assert row.median_to_start == working_days(country, days_ago(20), days_ago(15))
    assert row.decided_within_deadline == 1.0
    other = next(row for row in rows if row.service.pk == waiting.service_id)
    assert (other.decided, other.median_to_decision, other.decided_within_deadline) == (0, None, None)
