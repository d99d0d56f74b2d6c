"""`service_course_import`: created once, replaced steps on re-import, nothing written when nothing changed."""

import datetime
import re

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.casework.models import CourseEvent, CourseState, EventKind, ServiceCourse
from kokybe.casework.services.imports import ImportedCourse, ImportedStep, service_course_import, service_courses_import
from kokybe.casework.tests.builders import a1_client, days_ago, home_help
from kokybe.core.errors import ServiceError

pytestmark = pytest.mark.django_db


def _history() -> list[ImportedStep]:
    return [
        ImportedStep(EventKind.REQUESTED, days_ago(60)),
        ImportedStep(EventKind.ASSESSED, days_ago(50), note="Reikia pagalbos buityje"),
        ImportedStep(EventKind.GRANTED, days_ago(40)),
        ImportedStep(EventKind.STARTED, days_ago(30)),
    ]


def _import(world: World, steps: list[ImportedStep], **overrides: object) -> tuple[ServiceCourse, bool]:
    arguments: dict[str, object] = {
        "actor": world.worker,
        "client": a1_client(world),
        "service": home_help(world),
        "institution": world.a1,
        "external_id": "K-1",
        "steps": steps,
    }
    arguments.update(overrides)
    with scopes_disabled():
        return service_course_import(**arguments)  # type: ignore[arg-type]


def test_import_creates_the_course_with_its_moments_and_an_audit_event(world: World) -> None:
    steps = _history()
    course, created = _import(world, steps)
    with scopes_disabled():
        assert created
        assert course.state == CourseState.ACTIVE
        assert (course.requested_at, course.decided_at, course.started_at) == (steps[0].at, steps[2].at, steps[3].at)
        assert list(course.events.values_list("kind", "imported", "worker")) == [
            (step.kind, True, None) for step in steps
        ]
        event = AuditEvent.objects.get(action="service_course.import")
        assert event.changes["imported_steps"] == {"from": 0, "to": 4}


def test_reimport_of_the_same_steps_changes_nothing(world: World) -> None:
    steps = _history()
    course, _ = _import(world, steps)
    with scopes_disabled():
        again, created = service_course_import(
            actor=world.worker,
            client=course.client,
            service=course.service,
            institution=world.a1,
            external_id="K-1",
            steps=list(reversed(steps)),  # the file's row order does not matter
        )
        assert not created
        assert again.pk == course.pk
        assert AuditEvent.objects.filter(action__startswith="service_course.").count() == 1
        assert ServiceCourse.objects.get(pk=course.pk).lock_version == course.lock_version


def test_reimport_replaces_imported_steps_and_keeps_steps_recorded_here(world: World) -> None:
    steps = _history()
    course, _ = _import(world, steps)
    with scopes_disabled():
        CourseEvent.objects.create(
            municipality=world.a,
            institution=world.a1,
            course=course,
            kind=EventKind.REVIEWED,
            at=days_ago(5),
            worker=world.worker,
            recorded_at=days_ago(5),
        )
        moved = [*steps[:3], ImportedStep(EventKind.STARTED, days_ago(25))]
        again, created = service_course_import(
            actor=world.worker,
            client=course.client,
            service=course.service,
            institution=world.a2,
            external_id="K-1",
            steps=moved,
        )
        assert not created
        assert list(again.events.values_list("kind", "at")) == [
            *((step.kind, step.at) for step in moved),
            (EventKind.REVIEWED, days_ago(5)),
        ]
        assert again.institution_id == world.a2.pk
        assert again.started_at == days_ago(25)
        event = AuditEvent.objects.get(action="service_course.reimport")
        assert event.changes["institution"] == {"from": world.a1.pk, "to": world.a2.pk}


@pytest.mark.parametrize(
    ("steps", "message", "field"),
    [
        ([], "at least its request", "steps"),
        ([ImportedStep(EventKind.ASSESSED, days_ago(3))], "Step 1 (assessed): A course begins", None),
        (
            [ImportedStep(EventKind.REQUESTED, days_ago(9)), ImportedStep(EventKind.GRANTED, days_ago(3))],
            "Step 2 (granted): Assess the needs",
            None,
        ),
        (
            [
                ImportedStep(EventKind.REQUESTED, days_ago(9)),
                ImportedStep(EventKind.ASSESSED, days_ago(8)),
                ImportedStep(EventKind.REFUSED, days_ago(3), reason="too_old"),
            ],
            "Step 3 (refused): Unknown reason too_old",
            "reason",
        ),
        (
            [ImportedStep(EventKind.REQUESTED, datetime.datetime(2025, 1, 1, 10))],
            "Step 1 (requested): the moment of the step needs its time zone",
            "at",
        ),
        ([ImportedStep(EventKind.REQUESTED, days_ago(-2))], "cannot be in the future", "at"),
        ([ImportedStep("visited", days_ago(2))], "Unknown step: visited", "kind"),
    ],
)
def test_import_refuses_an_invalid_course_and_writes_nothing(
    world: World, steps: list[ImportedStep], message: str, field: str | None
) -> None:
    with pytest.raises(ServiceError, match=re.escape(message)) as refused:
        _import(world, steps)
    assert refused.value.field == field
    with scopes_disabled():
        assert not ServiceCourse.objects.exists()


def test_external_id_of_another_clients_course_is_refused(world: World) -> None:
    course, _ = _import(world, _history())
    with pytest.raises(ServiceError, match="belongs to another client") as refused:
        _import(world, _history(), client=a1_client(world, first_name="Ona"), service=course.service)
    assert refused.value.field == "external_id"


def test_institution_of_another_municipality_is_refused(world: World) -> None:
    with pytest.raises(ServiceError) as refused:
        _import(world, _history(), institution=world.b1)
    assert refused.value.field == "institution"


def test_many_courses_at_once_known_ones_reimported_all_or_nothing(world: World) -> None:
    course, _ = _import(world, _history())
    with scopes_disabled():
        other = a1_client(world, first_name="Ona")
        batch = [
            ImportedCourse(course.client, course.service, world.a1, "K-1", _history()),  # known, unchanged
            ImportedCourse(other, course.service, world.a1, "K-2", _history()[:2]),
        ]
        results = service_courses_import(actor=world.worker, courses=batch)
        assert [(found.external_id, created) for found, created in results] == [("K-1", False), ("K-2", True)]
        assert results[1][0].state == CourseState.ASSESSED
        assert results[1][0].events.count() == 2
        assert AuditEvent.objects.filter(action="service_course.import").count() == 2
        wrong = [
            ImportedCourse(other, course.service, world.a1, "K-3", _history()),
            ImportedCourse(other, course.service, world.a1, "K-4", [ImportedStep(EventKind.STARTED, days_ago(3))]),
        ]
        with pytest.raises(ServiceError, match=re.escape("K-4: Step 1 (started): A course begins")):
            service_courses_import(actor=world.worker, courses=wrong)
        assert not ServiceCourse.objects.filter(external_id="K-3").exists()
        with pytest.raises(ServiceError, match="K-5 given more than once") as refused:
            twice = ImportedCourse(other, course.service, world.a1, "K-5", _history())
            service_courses_import(actor=world.worker, courses=[twice, twice])
        assert refused.value.field == "external_id"
