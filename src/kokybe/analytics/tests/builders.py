"""Processes with events for the analytics tests, written through the owning apps' services."""

import datetime
import io

from django_scopes import scopes_disabled

from conftest import World
from kokybe.casework.models import EventKind, NeedArea, ServiceCourse
from kokybe.casework.services.steps import (
    course_assess,
    course_decide,
    course_end,
    course_request,
    course_review,
    course_start,
)
from kokybe.casework.tests.builders import a1_client, days_ago, home_help
from kokybe.catalogue.models import Service
from kokybe.clients.tests.builders import client_in
from kokybe.eventlogs.models import EventLog
from kokybe.eventlogs.services.importing import event_log_import
from kokybe.tenancy.models import Institution

LOG_CSV = """case,activity,timestamp
c1,Register,2025-03-03 09:00:00
c1,Check,2025-03-04 09:00:00
c1,Decide,2025-03-10 09:00:00
c2,Register,2025-03-05 09:00:00
c2,Decide,2025-03-06 12:00:00
c3,Register,2025-04-01 08:00:00
c3,Check,2025-04-01 08:00:00
c3,Check,2025-04-02 08:30:00
c3,Decide,2025-04-09 10:00:00
"""
LIFECYCLE_CSV = """case,activity,timestamp,lifecycle
k1,Register,2025-05-05 09:00:00,complete
k1,Check,2025-05-05 10:00:00,start
k1,Check,2025-05-05 12:00:00,complete
k1,Decide,2025-05-06 09:00:00,start
k1,Decide,2025-05-06 10:00:00,complete
k2,Register,2025-05-07 09:00:00,complete
k2,Decide,2025-05-08 09:00:00,complete
"""


def course(
    world: World,
    service: Service,
    institution: Institution,
    *,
    requested: float,
    steps: int,
    spacing: float = 3.0,
) -> ServiceCourse:
    """A course requested `requested` days ago, taken `steps` steps on (1: only the request; 2: assessed;
    3: granted; 4: started; 5: ended), a step every `spacing` days (hours vary by the course, so waits differ)."""
    worker = world.worker if institution == world.a1 else world.other_worker
    client = a1_client(world) if institution == world.a1 else client_in(institution, responsible=worker)
    at = days_ago(requested)
    with scopes_disabled():
        found = course_request(actor=worker, client=client, service=service, institution=institution, at=at)
        moments = [at + datetime.timedelta(days=spacing * number, hours=number) for number in range(1, steps)]
        for number, moment in enumerate(moments, start=2):
            found.refresh_from_db()
            if number == 2:
                course_assess(
                    actor=worker,
                    course=found,
                    lock_version=found.lock_version,
                    needs=[NeedArea.HOUSEHOLD],
                    note="Reikia pagalbos",
                    at=moment,
                )
            elif number == 3:
                course_decide(actor=worker, course=found, lock_version=found.lock_version, granted=True, at=moment)
            elif number == 4:
                course_start(actor=worker, course=found, lock_version=found.lock_version, at=moment)
            else:
                course_end(
                    actor=worker, course=found, lock_version=found.lock_version, reason="goals_reached", at=moment
                )
        found.refresh_from_db()
    return found


def course_through(
    world: World, service: Service, kinds: list[str], *, requested: float, spacing: float = 3.0
) -> ServiceCourse:
    """A course of `service` at A1 requested `requested` days ago that then takes the steps `kinds` (after the
    request), one every `spacing` days."""
    at = days_ago(requested)
    actor = world.worker
    with scopes_disabled():
        found = course_request(actor=actor, client=a1_client(world), service=service, institution=world.a1, at=at)
        for number, kind in enumerate(kinds, start=1):
            moment = at + datetime.timedelta(days=spacing * number)
            found.refresh_from_db()
            version = found.lock_version
            if kind == EventKind.ASSESSED:
                needs = [NeedArea.HOUSEHOLD]
                course_assess(actor=actor, course=found, lock_version=version, needs=needs, note="Reikia", at=moment)
            elif kind in (EventKind.GRANTED, EventKind.REFUSED):
                granted = kind == EventKind.GRANTED
                reason = "" if granted else "no_need"
                course_decide(
                    actor=actor, course=found, lock_version=version, granted=granted, reason=reason, at=moment
                )
            elif kind == EventKind.STARTED:
                course_start(actor=actor, course=found, lock_version=version, at=moment)
            elif kind == EventKind.REVIEWED:
                course_review(actor=actor, course=found, lock_version=version, note="Tęsiama", at=moment)
            else:
                course_end(actor=actor, course=found, lock_version=version, reason="goals_reached", at=moment)
        found.refresh_from_db()
    return found


def courses(world: World) -> list[ServiceCourse]:
    """Eight courses of one service over two years, in both institutions of A, some open, some ended."""
    service = home_help(world)
    plan = [
        (world.a1, 420, 5, 10.0),
        (world.a1, 400, 5, 4.0),
        (world.a1, 60, 5, 2.0),
        (world.a1, 50, 3, 5.0),
        (world.a1, 45, 1, 1.0),
        (world.a2, 410, 5, 6.0),
        (world.a2, 70, 5, 8.0),
        (world.a2, 40, 2, 1.5),
    ]
    return [
        course(world, service, institution, requested=requested, steps=steps, spacing=spacing)
        for institution, requested, steps, spacing in plan
    ]


def imported_log(world: World, institution: Institution | None = None, text: str = LOG_CSV) -> EventLog:
    with scopes_disabled():
        return event_log_import(
            actor=world.coordinator,
            municipality=world.a,
            stream=io.BytesIO(text.encode()),
            file_name="receipt.csv",
            zone=datetime.UTC,
            institution=institution,
        )
