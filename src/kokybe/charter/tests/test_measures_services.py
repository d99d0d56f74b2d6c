"""The measures of services given to clients: decision times, appointments kept, plans reviewed.

Hand-built registers in March 2025 (Lithuania: 11 March is a public holiday), each with a few records of A1, a
few of A2 (too few on their own) and some of municipality B, which would change A's figures if they counted.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scopes_disabled
from pytest_django import DjangoAssertNumQueries

from conftest import World
from kokybe.accounts.models import User
from kokybe.appointments.models import Appointment, Outcome
from kokybe.appointments.tests.builders import appointment_for
from kokybe.casework.models import NeedArea
from kokybe.casework.services.steps import course_assess, course_decide, course_request
from kokybe.catalogue.models import Service
from kokybe.catalogue.services.editing import service_create
from kokybe.catalogue.tests.builders import complete_texts, service_of
from kokybe.charter.measures import SERVICE, MeasureValue, measure_of
from kokybe.clients.models import Client
from kokybe.clients.tests.builders import client_in
from kokybe.core.client_groups import ClientGroup
from kokybe.individualplans.tests.builders import agreed_plan, review
from kokybe.tenancy.models import Institution, Municipality
from kokybe.tenancy.permissions import Role
from kokybe.tenancy.tests.factories import MembershipFactory

VILNIUS = ZoneInfo("Europe/Vilnius")
MARCH = {"start": datetime.date(2025, 3, 1), "end": datetime.date(2025, 3, 31)}
APRIL = {"start": datetime.date(2025, 4, 1), "end": datetime.date(2025, 4, 30)}


def at(day: int, hour: int, month: int = 3) -> datetime.datetime:
    return datetime.datetime(2025, month, day, hour, tzinfo=VILNIUS)


def compute(
    key: str,
    municipality: Municipality,
    institutions: list[Institution] | None = None,
    parameter: dict | None = None,
    period: dict | None = None,
) -> MeasureValue:
    ids = None if institutions is None else frozenset(institution.pk for institution in institutions)
    with scopes_disabled():
        return measure_of(key).compute(
            municipality, institution_ids=ids, parameter=parameter or {}, **(period or MARCH)
        )


def b_worker(world: World) -> User:
    return MembershipFactory(municipality=world.b, institution=world.b1, role=Role.SOCIAL_WORKER).user


# Decision times. Every course is requested on Monday 3 March at 10:00; working days to the decision:
#   home help at A1: 0, 2, 4 (3, 5, 7 Mar)    home help at A2: 5, 8 (10, 14 Mar)    day centre at A1: 1, 1, 3
#   one more home help at A1 still undecided (not counted); five courses of B decided on 31 March (20 days).
# Whole municipality: 0 1 1 2 3 4 5 8 -> median 2.5 of 8. Home help: 0 2 4 5 8 -> 4. A1: 0 1 1 2 3 4 -> 1.5.


def course(
    actor: User, client: Client, service: Service, institution: Institution, decided: datetime.datetime | None
) -> None:
    with scopes_disabled():
        requested = course_request(actor=actor, client=client, service=service, institution=institution, at=at(3, 10))
        course_assess(
            actor=actor,
            course=requested,
            lock_version=requested.lock_version,
            needs=[NeedArea.HOUSEHOLD],
            note="Reikia pagalbos buityje",
            at=at(3, 11),
        )
        if decided is not None:
            course_decide(actor=actor, course=requested, lock_version=requested.lock_version, granted=True, at=decided)


def b_home_help(world: World) -> Service:
    """A service of B, described in Latvian, B's language."""
    texts = {field: {"lv": text["lt"]} for field, text in complete_texts("Aprūpe mājās").items()}
    with scopes_disabled():
        return service_create(
            actor=world.outsider,
            municipality=world.b,
            texts=texts,
            institutions=[world.b1],
            client_groups=[ClientGroup.OLDER_PEOPLE],
            decision_working_days=20,
        )


@pytest.fixture
def courses(world: World) -> dict[str, Service]:
    home_help = service_of(world.director, [world.a1, world.a2])
    day_centre = service_of(world.director, [world.a1], name="Dienos centras")
    b_service = b_home_help(world)
    a1_client, a2_client = client_in(world.a1), client_in(world.a2)
    for decided in (at(3, 15), at(5, 12), at(7, 12), None):
        course(world.worker, a1_client, home_help, world.a1, decided)
    for decided in (at(10, 12), at(14, 12)):
        course(world.other_worker, a2_client, home_help, world.a2, decided)
    for decided in (at(4, 12), at(4, 13), at(6, 12)):
        course(world.worker, a1_client, day_centre, world.a1, decided)
    worker, b_client = b_worker(world), client_in(world.b1)
    for _ in range(5):
        course(worker, b_client, b_service, world.b1, at(31, 12))
    return {"home_help": home_help, "day_centre": day_centre, "b_service": b_service}


def test_median_decision_time_pools_every_course_of_the_period(world: World, courses: dict[str, Service]) -> None:
    key = "service_decision_median"
    home_help = {SERVICE: courses["home_help"].pk}
    assert compute(key, world.a) == MeasureValue(value=2.5, n=8)
    assert compute(key, world.a, parameter=home_help) == MeasureValue(value=4.0, n=5)
    assert compute(key, world.a, [world.a1]) == MeasureValue(value=1.5, n=6)
    assert compute(key, world.a, [world.a1], parameter=home_help) == MeasureValue(value=None, n=3, suppressed=True)
    assert compute(key, world.a, period=APRIL) == MeasureValue(value=None, n=0)
    # B's service named on A's indicator finds nothing of B's.
    assert compute(key, world.a, parameter={SERVICE: courses["b_service"].pk}) == MeasureValue(value=None, n=0)
    assert compute(key, world.b) == MeasureValue(value=20.0, n=5)


def test_median_decision_time_without_any_course(world: World) -> None:
    found = compute("service_decision_median", world.a)
    assert (found.available, found.value, found.n, bool(found.reason)) == (False, None, 0, True)


def test_decision_time_reads_one_query(
    world: World, courses: dict[str, Service], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_max_num_queries(1):
        compute("service_decision_median", world.a, [world.a1, world.a2], {SERVICE: courses["home_help"].pk})


# Appointments: A1 held four on time, one late, one moved by the institution, one the client missed and one the
# client moved (6 due, 4 on time); A2 held two on time and one late (3 due); B held five late.


def appointments(
    client: Client, institution: Institution, worker: User, outcomes: list[str], day: int = 3
) -> list[Appointment]:
    booked = []
    for hour, outcome in enumerate(outcomes, start=8):
        appointment = appointment_for(client, institution, worker, starts_at=at(day, hour))
        with scopes_disabled():
            Appointment.objects.filter(pk=appointment.pk).update(outcome=outcome)
        booked.append(appointment)
    return booked


@pytest.fixture
def meetings(world: World) -> None:
    o = Outcome
    a1_outcomes = [o.HELD_ON_TIME] * 4 + [o.HELD_LATE, o.MOVED_BY_INSTITUTION, o.NO_SHOW, o.MOVED_BY_CLIENT]
    appointments(client_in(world.a1), world.a1, world.worker, a1_outcomes)
    appointments(client_in(world.a2), world.a2, world.other_worker, [o.HELD_ON_TIME] * 2 + [o.HELD_LATE])
    appointments(client_in(world.b1), world.b1, b_worker(world), [o.HELD_LATE] * 5)


@pytest.mark.usefixtures("meetings")
def test_share_of_appointments_held_on_time(world: World) -> None:
    key = "appointments_on_time"
    assert compute(key, world.a) == MeasureValue(value=pytest.approx(6 / 9), n=9)
    assert compute(key, world.a, [world.a1]) == MeasureValue(value=pytest.approx(4 / 6), n=6)
    assert compute(key, world.a, [world.a2]) == MeasureValue(value=None, n=3, suppressed=True)
    assert compute(key, world.a, [world.b1]) == MeasureValue(value=None, n=0)
    assert compute(key, world.b) == MeasureValue(value=0.0, n=5)
    assert compute(key, world.a, period=APRIL) == MeasureValue(value=None, n=0)


def test_appointments_without_any_booked(world: World) -> None:
    found = compute("appointments_on_time", world.a)
    assert (found.available, found.value, bool(found.reason)) == (False, None, True)


@pytest.mark.usefixtures("meetings")
def test_appointments_read_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_max_num_queries(3):
        compute("appointments_on_time", world.a)


# Plan reviews due in March: at A1 three held on the day, one held five days late and one not held; at A2 two
# held on the day; at B one not held. Drawn up on 1 December 2024, 90 days before 1 March.


def plans(institution: Institution, worker: User, held: list[int | None]) -> None:
    client = client_in(institution)
    for index, days_late in enumerate(held):
        plan = agreed_plan(
            client, institution, actor=worker, drawn_up_on=datetime.date(2024, 12, 1), review_after_days=90 + index
        )
        if days_late is not None:
            review(plan, actor=worker, reviewed_on=plan.next_review_on + datetime.timedelta(days=days_late))


@pytest.fixture
def reviews(world: World) -> None:
    plans(world.a1, world.worker, [0, 0, 0, 5, None])
    plans(world.a2, world.other_worker, [0, 0])
    plans(world.b1, b_worker(world), [None])


@pytest.mark.usefixtures("reviews")
def test_share_of_plans_reviewed_on_time(world: World) -> None:
    key = "plans_reviewed_on_time"
    assert compute(key, world.a) == MeasureValue(value=pytest.approx(5 / 7), n=7)
    assert compute(key, world.a, [world.a1]) == MeasureValue(value=pytest.approx(3 / 5), n=5)
    assert compute(key, world.a, [world.a2]) == MeasureValue(value=None, n=2, suppressed=True)
    assert compute(key, world.a, [world.b1]) == MeasureValue(value=None, n=0)
    assert compute(key, world.b).n == 1
    assert compute(key, world.a, period=APRIL) == MeasureValue(value=None, n=0)


def test_plans_without_any_plan(world: World) -> None:
    found = compute("plans_reviewed_on_time", world.a)
    assert (found.available, found.value, bool(found.reason)) == (False, None, True)


@pytest.mark.usefixtures("reviews")
def test_plan_reviews_read_two_queries(world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_max_num_queries(2):
        compute("plans_reviewed_on_time", world.a)
