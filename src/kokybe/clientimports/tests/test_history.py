"""Service history imports: the rows of a course become its steps through casework's
`service_course_import`; a re-import of the same file changes nothing, a changed one replaces the
imported steps; clients are found by their identifier, services by address name or name."""

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.casework.models import CourseEvent, CourseState, ServiceCourse
from kokybe.catalogue.tests.builders import service_of
from kokybe.clientimports.models import ImportKind, ImportRun
from kokybe.clientimports.tests.builders import checked, csv_bytes, imported, uploaded, xlsx_bytes
from kokybe.clients.tests.builders import client_in

pytestmark = pytest.mark.django_db

HEADER = ["course_id", "client_id", "service", "step", "at", "reason", "note"]


@pytest.fixture(autouse=True)
def _english() -> None:
    translation.activate("en")


@pytest.fixture
def setting(world: World) -> None:
    service_of(world.coordinator, [world.a1], name="Pagalba į namus")
    client_in(world.a1, external_id="K-1")
    client_in(world.a2, external_id="K-2")


def _course_rows() -> list[list[str]]:
    return [
        ["S-1", "K-1", "Pagalba į namus", "requested", "2025-01-06 09:00", "", ""],
        ["S-1", "K-1", "Pagalba į namus", "Needs assessed", "2025-01-08 10:00", "", "Visited at home"],
        ["S-1", "K-1", "Pagalba į namus", "granted", "2025-01-20 12:00", "", ""],
        ["S-1", "K-1", "Pagalba į namus", "started", "2025-02-03 08:00", "", ""],
        ["S-2", "K-1", "pagalba-i-namus", "requested", "2025-03-03 09:00", "", ""],
        ["S-2", "K-1", "pagalba-i-namus", "assessed", "2025-03-05 09:00", "", ""],
        ["S-2", "K-1", "pagalba-i-namus", "refused", "2025-03-10 09:00", "no_need", ""],
    ]


def _import(world: World, data: bytes, file_name: str = "history.csv") -> ImportRun:
    run = uploaded(world.director, data, institution=world.a1, kind=ImportKind.SERVICE_HISTORY, file_name=file_name)
    return imported(world.director, checked(world.director, run))


def test_courses_are_imported_and_a_reimport_changes_nothing(world: World, setting: None) -> None:
    data = csv_bytes([HEADER, *_course_rows()], delimiter=";")
    run = _import(world, data)
    assert (run.created_count, run.problem_count, run.row_count) == (2, 0, 7)
    with scopes_disabled():
        first = ServiceCourse.objects.get(external_id="S-1")
        assert first.state == CourseState.ACTIVE
        assert CourseEvent.objects.filter(course=first).count() == 4
        assert ServiceCourse.objects.get(external_id="S-2").state == CourseState.REFUSED
        audits = AuditEvent.objects.filter(action__startswith="service_course.").count()
    again = _import(world, data)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    with scopes_disabled():
        assert AuditEvent.objects.filter(action__startswith="service_course.").count() == audits


def test_changed_history_replaces_the_imported_steps(world: World, setting: None) -> None:
    rows = _course_rows()
    _import(world, xlsx_bytes([HEADER, *rows]), "history.xlsx")
    rows.insert(4, ["S-1", "K-1", "Pagalba į namus", "ended", "2025-02-28 16:00", "goals_reached", ""])
    run = _import(world, xlsx_bytes([HEADER, *rows]), "history.xlsx")
    assert (run.created_count, run.updated_count, run.unchanged_count) == (0, 1, 1)
    with scopes_disabled():
        assert ServiceCourse.objects.get(external_id="S-1").state == CourseState.ENDED


def test_problems_of_history_rows(world: World, setting: None) -> None:
    rows = [
        ["S-1", "K-1", "Pagalba į namus", "granted", "2025-01-06 09:00", "", ""],  # row 2: no request before
        ["S-3", "K-9", "Pagalba į namus", "requested", "2025-01-06 09:00", "", ""],  # row 3: unknown client
        ["S-4", "K-2", "Pagalba į namus", "requested", "2025-01-06 09:00", "", ""],  # row 4: A2's client
        ["S-5", "K-1", "Dienos centras", "requested", "2025-01-06 09:00", "", ""],  # row 5: unknown service
        ["S-6", "K-1", "Pagalba į namus", "asked", "2025-01-06 09:00", "", ""],  # row 6: unknown step
        ["S-7", "K-1", "Pagalba į namus", "requested", "yesterday", "", ""],  # row 7: not a time
        ["", "K-1", "Pagalba į namus", "requested", "2025-01-06 09:00", "", ""],  # row 8: no course id
    ]
    run = uploaded(world.director, csv_bytes([HEADER, *rows]), institution=world.a1, kind=ImportKind.SERVICE_HISTORY)
    run = checked(world.director, run)
    assert sorted((problem["row"], problem["column"]) for problem in run.problems) == [
        (2, ""),  # the course's order, told as "Step 1 (granted): ..."
        (3, "client_id"),
        (4, "client_id"),
        (5, "service"),
        (6, "step"),
        (7, "at"),
        (8, "course_id"),
    ]
    with scopes_disabled():
        assert not ServiceCourse.objects.exists()
