"""The course pages: list (filters, overdue, query counts as data grow, no names for the coordinator),
exports, the client's Services page, the course page and the step forms (double submit, invalid input,
edit conflict), and the outsider's 404."""

import uuid
from typing import Any

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent
from kokybe.audit.models import EventKind as AuditKind
from kokybe.casework.attention import casework_attention
from kokybe.casework.models import CourseState, NeedArea, ServiceCourse
from kokybe.casework.services.steps import course_assess, course_decide, course_request, course_start
from kokybe.casework.tests.builders import a1_client, days_ago, home_help
from kokybe.catalogue.models import Service
from kokybe.tenancy.access import Access, memberships_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(world: World) -> None:
    with scopes_disabled():
        User.objects.update(language="en")


def url(name: str, world: World, *args: Any) -> str:
    return reverse(f"casework:{name}", args=[world.a.slug, *args])


def post(browser: Browser, address: str, data: dict[str, Any], key: str | None = None) -> Any:
    return browser.post(address, {"submission_key": key or str(uuid.uuid4()), **data})


def grow(world: World, service: Service, count: int) -> list[ServiceCourse]:
    """`count` courses at A1, requested 60 working days ago or more, half of them assessed and granted."""
    courses = []
    for number in range(count):
        client = a1_client(world, first_name=f"Vardas{number}", last_name=f"Pavardė{number}")
        with scopes_disabled():
            course = course_request(
                actor=world.worker, client=client, service=service, institution=world.a1, at=days_ago(90 + number)
            )
            if number % 2:
                course_assess(
                    actor=world.worker,
                    course=course,
                    lock_version=course.lock_version,
                    needs=[NeedArea.HEALTH],
                    note="Sveikata",
                    at=days_ago(80),
                )
                course_decide(
                    actor=world.director, course=course, lock_version=course.lock_version, granted=True, at=days_ago(70)
                )
        courses.append(course)
    return courses


@pytest.mark.parametrize("count", [2, 20])
def test_list_and_client_page_queries_do_not_grow(world: World, count: int, django_assert_max_num_queries: Any) -> None:
    with scopes_disabled():
        service = home_help(world)
    courses = grow(world, service, count)
    browser = world.client_for(world.worker)
    with django_assert_max_num_queries(14):
        listed = browser.get(url("list", world))
    assert listed.status_code == 200
    assert "Vardas0" in listed.content.decode()
    with django_assert_max_num_queries(14):
        overdue = browser.get(url("list", world), {"overdue": "on"})
    page = overdue.content.decode()
    assert f"{count // 2 + count % 2} course" in page  # the requests never decided are overdue
    assert "past the deadline" in page
    with django_assert_max_num_queries(22):
        assert browser.get(url("client", world, courses[-1].client_id)).status_code == 200
    with django_assert_max_num_queries(22):
        assert browser.get(url("course", world, courses[-1].pk)).status_code == 200


def test_list_filters_by_state_and_the_coordinator_sees_no_names(world: World) -> None:
    with scopes_disabled():
        service = home_help(world)
    grow(world, service, 2)
    granted = world.client_for(world.worker).get(url("list", world), {"state": CourseState.GRANTED}).content.decode()
    assert "Vardas1" in granted
    assert "Vardas0" not in granted
    coordinator = world.client_for(world.coordinator).get(url("list", world)).content.decode()
    assert "Vardas" not in coordinator
    assert "course no." in coordinator


def test_exports_are_event_logs_of_the_listed_courses(world: World) -> None:
    with scopes_disabled():
        service = home_help(world)
    courses = grow(world, service, 2)
    browser = world.client_for(world.worker)
    xes = b"".join(browser.get(url("export_xes", world)).streaming_content).decode()  # type: ignore[attr-defined]
    assert xes.count("<trace>") == 2
    assert xes.count("<event>") == 4
    assert '<string key="concept:name" value="granted"/>' in xes
    csv = b"".join(
        browser.get(url("export_csv", world), {"state": "granted"}).streaming_content  # type: ignore[attr-defined]
    ).decode()
    lines = csv.strip().splitlines()
    assert len(lines) == 1 + 3
    assert all(line.startswith(f"{courses[1].pk},") for line in lines[1:])
    assert "Vardas" not in xes + csv


def test_pages_of_a_client_are_recorded_as_views(world: World) -> None:
    with scopes_disabled():
        course = grow(world, home_help(world), 1)[0]
    browser = world.client_for(world.worker)
    browser.get(url("client", world, course.client_id))
    browser.get(url("course", world, course.pk))
    with scopes_disabled():
        purposes = list(
            AuditEvent.objects.filter(kind=AuditKind.VIEW, object_id=str(course.client_id)).values_list(
                "purpose", flat=True
            )
        )
    assert len(purposes) == 2


def test_request_and_assessment_through_the_forms_once_per_submission(world: World) -> None:
    client = a1_client(world)
    with scopes_disabled():
        service = home_help(world)
    browser = world.client_for(world.worker)
    key = str(uuid.uuid4())
    data = {"service": service.pk, "institution": world.a1.pk, "at": "", "note": "Prašo pagalbos namuose"}
    first = post(browser, url("request", world, client.pk), data, key)
    again = post(browser, url("request", world, client.pk), data, key)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    with scopes_disabled():
        course = ServiceCourse.objects.get()
    assessment = {"lock_version": course.lock_version, "needs": ["health"], "note": "", "at": ""}
    invalid = post(browser, url("assess", world, course.pk), assessment)
    assert invalid.status_code == 200
    assert "This field is required" in invalid.content.decode()
    assert 'value="health" checked' in invalid.content.decode()
    done = post(browser, url("assess", world, course.pk), assessment | {"note": "Reikia priežiūros"})
    assert done.status_code == 302
    with scopes_disabled():
        course.refresh_from_db()
    assert course.state == CourseState.ASSESSED


def test_a_refused_step_and_an_edit_conflict_are_shown_on_the_form(world: World) -> None:
    with scopes_disabled():
        waiting, granted = grow(world, home_help(world), 2)
        course_start(actor=world.worker, course=granted, lock_version=granted.lock_version, at=days_ago(60))
    browser = world.client_for(world.director)
    refused = post(browser, url("decide", world, waiting.pk), {"lock_version": 0, "decision": "granted", "at": ""})
    assert "Assess the needs before deciding" in refused.content.decode()
    shown = {"lock_version": granted.lock_version, "note": "Viskas gerai", "at": ""}
    assert post(world.client_for(world.worker), url("review", world, granted.pk), shown).status_code == 302
    conflict = post(browser, url("review", world, granted.pk), shown | {"note": "Mano peržiūra"})
    assert conflict.status_code == 200
    assert "Someone else saved this record" in conflict.content.decode()
    assert "Mano peržiūra" in conflict.content.decode()
    with scopes_disabled():
        assert granted.events.filter(kind="reviewed").count() == 1


def test_outsider_and_other_institution_get_404(world: World) -> None:
    with scopes_disabled():
        course = grow(world, home_help(world), 1)[0]
    assert world.client_for(world.outsider).get(url("course", world, course.pk)).status_code == 404
    assert world.client_for(world.other_worker).get(url("course", world, course.pk)).status_code == 404


def test_home_page_reminds_of_decisions_past_the_deadline(world: World, django_assert_max_num_queries: Any) -> None:
    with scopes_disabled():
        grow(world, home_help(world), 3)  # two requests of 90 days and more never decided
    with scopes_disabled():
        access = Access(user=world.worker, municipality=world.a, memberships=memberships_of(world.worker, world.a))
        with django_assert_max_num_queries(2):
            items = casework_attention(access)
    assert [item.label for item in items] == ["2 requests wait for their decision past the deadline"]
    assert items[0].url.endswith("?overdue=on")
