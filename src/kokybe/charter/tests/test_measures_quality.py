"""The measures of quality work: nonconformities closed, articles within review, satisfied answers, complaints.

Hand-built registers of March 2025 in municipality A (a few records of A1, too few of A2 on their own) beside
records of municipality B that would change A's figures if they counted.
"""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from pytest_django import DjangoAssertNumQueries

from conftest import World
from kokybe.charter.measures import SURVEY_DIMENSION, MeasureValue, measure_of
from kokybe.clients.models import Client, ClientInstitution
from kokybe.clients.services.serving import client_serve
from kokybe.clients.tests.builders import client_in
from kokybe.inquiries.models import Kind
from kokybe.inquiries.services.intake import signal_receive
from kokybe.knowledge.models import Article
from kokybe.knowledge.services.articles import article_review_confirm
from kokybe.knowledge.tests.builders import an_article
from kokybe.nonconformities.models import Nonconformity, Severity, Source, Status
from kokybe.nonconformities.services.register import nonconformity_report
from kokybe.surveys.models import Survey
from kokybe.surveys.tests.builders import published_survey
from kokybe.surveys.tests.test_results import store
from kokybe.tenancy.models import Institution, Municipality

VILNIUS = ZoneInfo("Europe/Vilnius")
MARCH = {"start": datetime.date(2025, 3, 1), "end": datetime.date(2025, 3, 31)}
APRIL = {"start": datetime.date(2025, 4, 1), "end": datetime.date(2025, 4, 30)}


def compute(
    key: str,
    municipality: Municipality,
    institutions: list[Institution] | None = None,
    parameter: dict[str, Any] | None = None,
    period: dict[str, datetime.date] | None = None,
) -> MeasureValue:
    ids = None if institutions is None else frozenset(institution.pk for institution in institutions)
    with scopes_disabled():
        return measure_of(key).compute(
            municipality, institution_ids=ids, parameter=parameter or {}, **(period or MARCH)
        )


def assert_unavailable(found: MeasureValue) -> None:
    assert (found.available, found.value, found.n, bool(found.reason)) == (False, None, 0, True)


# Nonconformities found in March: A1 six, four closed; A2 two, both closed; found in February at A1, closed: not
# March's. B: five found in March, none closed.


def found(institution: Institution, on: datetime.date, *, closed: bool) -> Nonconformity:
    with scopes_disabled():
        registered = nonconformity_report(
            actor=None,  # type: ignore[arg-type]
            municipality=institution.municipality,
            institution=institution,
            source=Source.STAFF_OBSERVATION,
            found_on=on,
            process="Pagalba į namus",
            severity=Severity.MINOR,
            description="Pietūs pristatyti pavėluotai.",
        )
        if closed:
            # Closing takes the effectiveness check's whole road (analysis, actions, check): its end is written here.
            closed_on = on + datetime.timedelta(days=40)
            Nonconformity.objects.filter(pk=registered.pk).update(status=Status.CLOSED, closed_on=closed_on)
    return registered


@pytest.fixture
def nonconformities(world: World) -> None:
    march = datetime.date(2025, 3, 10)
    for closed in (True, True, True, True, False, False):
        found(world.a1, march, closed=closed)
    for _ in range(2):
        found(world.a2, march, closed=True)
    found(world.a1, datetime.date(2025, 2, 10), closed=True)
    for _ in range(5):
        found(world.b1, march, closed=False)


@pytest.mark.usefixtures("nonconformities")
def test_share_of_nonconformities_closed_with_a_check(world: World) -> None:
    key = "nonconformities_closed_with_check"
    assert compute(key, world.a) == MeasureValue(value=pytest.approx(6 / 8), n=8)
    assert compute(key, world.a, [world.a1]) == MeasureValue(value=pytest.approx(4 / 6), n=6)
    assert compute(key, world.a, [world.a2]) == MeasureValue(value=None, n=2, suppressed=True)
    assert compute(key, world.a, [world.b1]) == MeasureValue(value=None, n=0)
    assert compute(key, world.b) == MeasureValue(value=0.0, n=5)
    assert compute(key, world.a, period=APRIL) == MeasureValue(value=None, n=0)


@pytest.mark.usefixtures("nonconformities")
def test_nonconformities_read_one_query(world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_max_num_queries(1):
        compute("nonconformities_closed_with_check", world.a, [world.a1])


def test_nonconformities_none_registered(world: World) -> None:
    assert_unavailable(compute("nonconformities_closed_with_check", world.a))


# Articles written on 10 January 2025. A1: four to be reviewed by June, two by 15 March (past by the end of March;
# one of them reviewed today, which does not mend March); A2: two by June; the municipality's own: one by June;
# one of A1's written in April (not in use in March). B: five past review.


def written(world: World, institution: Institution | None, review_on: datetime.date, **overrides: Any) -> Article:
    created_at = overrides.pop("created_at", datetime.datetime(2025, 1, 10, 9, tzinfo=VILNIUS))
    writer = {"actor": world.coordinator, "owner": world.coordinator}
    return an_article(world, institution=institution, review_on=review_on, created_at=created_at, **writer | overrides)


@pytest.fixture
def articles(world: World) -> None:
    june, ides = datetime.date(2025, 6, 1), datetime.date(2025, 3, 15)
    for _ in range(4):
        written(world, world.a1, june)
    written(world, world.a1, ides)
    reviewed_late = written(world, world.a1, ides)
    with scopes_disabled():
        article_review_confirm(
            actor=world.coordinator,
            article=reviewed_late,
            lock_version=reviewed_late.lock_version,
            review_on=timezone.localdate() + datetime.timedelta(days=300),
        )
    for _ in range(2):
        written(world, world.a2, june)
    written(world, None, june)
    written(world, world.a1, june, created_at=datetime.datetime(2025, 4, 2, 9, tzinfo=VILNIUS))
    for _ in range(5):
        written(
            world,
            world.b1,
            ides,
            actor=world.outsider,
            owner=world.outsider,
            municipality=world.b,
            title={"lv": "Aprūpe mājās"},
            body={"lv": "Aprūpes mājās pakalpojumi."},
        )


@pytest.mark.usefixtures("articles")
def test_share_of_articles_within_their_review_date_as_they_stood(world: World) -> None:
    key = "articles_within_review"
    assert compute(key, world.a) == MeasureValue(value=pytest.approx(7 / 9), n=9)
    assert compute(key, world.a, [world.a1]) == MeasureValue(value=pytest.approx(4 / 6), n=6)
    assert compute(key, world.a, [world.a2]) == MeasureValue(value=None, n=2, suppressed=True)
    assert compute(key, world.a, [world.b1]) == MeasureValue(value=None, n=0)
    assert compute(key, world.b) == MeasureValue(value=0.0, n=5)
    # By the end of April the April article is in use and the reviews of 1 June are still ahead; the one
    # reviewed today still stood past its date then.
    assert compute(key, world.a, [world.a1], period=APRIL) == MeasureValue(value=pytest.approx(5 / 7), n=7)


@pytest.mark.usefixtures("articles")
def test_articles_read_one_query(world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_max_num_queries(1):
        compute("articles_within_review", world.a)


def test_articles_none_written(world: World) -> None:
    assert_unavailable(compute("articles_within_review", world.a))


# Answers to "overall" (dimension kuldiga.client_satisfaction) of a municipality-wide survey in March 2025:
# A1 5 5 4 3 2 4 (4 of 6 satisfied), A2 5 5 5 5 1 (4 of 5). B's survey: five answers of 1.

DIMENSION = {SURVEY_DIMENSION: "kuldiga.client_satisfaction"}


def answers(survey: Survey, institution: Institution | None, scores: list[int], month: int = 3) -> None:
    for score in scores:
        store(survey, {"overall": score}, institution=institution, submitted_on=datetime.date(2025, month, 12))


@pytest.fixture
def survey(world: World) -> Survey:
    survey = published_survey(world)
    answers(survey, world.a1, [5, 5, 4, 3, 2, 4])
    answers(survey, world.a2, [5, 5, 5, 5, 1])
    return survey


def b_survey(world: World) -> Survey:
    """The same survey run in B (the builder makes surveys of `world.a`: here that is B)."""

    class BWorld:
        a, coordinator = world.b, world.outsider

    return published_survey(BWorld)


@pytest.mark.usefixtures("survey")
def test_share_of_satisfied_answers_on_a_dimension(world: World) -> None:
    key = "survey_dimension_satisfied"
    assert compute(key, world.a, parameter=DIMENSION) == MeasureValue(value=pytest.approx(8 / 11), n=11)
    assert compute(key, world.a, [world.a1], DIMENSION) == MeasureValue(value=pytest.approx(4 / 6), n=6)
    assert compute(key, world.a, [world.a2], DIMENSION) == MeasureValue(value=pytest.approx(4 / 5), n=5)
    assert compute(key, world.a, parameter=DIMENSION, period=APRIL) == MeasureValue(value=None, n=0)
    other = {SURVEY_DIMENSION: "kuldiga.service_access"}  # defined, never answered
    assert_unavailable(compute(key, world.a, parameter=other))
    assert_unavailable(compute(key, world.a, parameter={SURVEY_DIMENSION: "no.such.dimension"}))
    assert_unavailable(compute(key, world.a))  # no dimension chosen


def test_satisfaction_of_another_municipality_never_counts(world: World, survey: Survey) -> None:
    theirs = b_survey(world)
    answers(theirs, world.b1, [1, 1, 1, 1, 1])
    key = "survey_dimension_satisfied"
    assert compute(key, world.a, parameter=DIMENSION) == MeasureValue(value=pytest.approx(8 / 11), n=11)
    assert compute(key, world.b, parameter=DIMENSION) == MeasureValue(value=0.0, n=5)


def test_a_small_group_is_hidden_and_so_is_the_small_rest_beside_it(world: World, survey: Survey) -> None:
    key = "survey_dimension_satisfied"
    answers(survey, world.a2, [4, 4], month=2)  # two more of A2, in February
    # A2 in March (5) is shown no more: its survey's all-time result minus it would be February's two.
    assert compute(key, world.a, [world.a2], DIMENSION).suppressed
    # Only A1 in March: the rest of March is A2's five, enough; A1 has nothing outside March.
    assert compute(key, world.a, [world.a1], DIMENSION).value == pytest.approx(4 / 6)
    # February alone: two respondents.
    february = {"start": datetime.date(2025, 2, 1), "end": datetime.date(2025, 2, 28)}
    assert compute(key, world.a, parameter=DIMENSION, period=february) == MeasureValue(value=None, n=2, suppressed=True)
    answers(survey, None, [5, 5, 5], month=3)  # three who named no institution
    # A1 + A2 in March (11) beside three respondents who named none: subtracting would reveal those three.
    assert compute(key, world.a, [world.a1, world.a2], DIMENSION).suppressed


def test_a_survey_asking_a_larger_smallest_group_is_obeyed(world: World) -> None:
    strict = published_survey(world, min_group_size=8)
    answers(strict, world.a1, [5, 5, 4, 3, 2, 4])
    assert compute("survey_dimension_satisfied", world.a, [world.a1], DIMENSION).suppressed


@pytest.mark.usefixtures("survey")
def test_satisfaction_reads_one_query(world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_max_num_queries(1):
        compute("survey_dimension_satisfied", world.a, [world.a1], DIMENSION)


# Clients served in March: A1 ten (served since January) and one whose service ended in February (not counted);
# A2 three, and one of A1's ten served by A2 too. Complaints received in March: A1 two, A2 one, the municipality's
# queue one; a question at A1 is no complaint. B: five clients, five complaints.


def served(institution: Institution, count: int) -> list[Client]:
    clients = [client_in(institution) for _ in range(count)]
    with scopes_disabled():
        ClientInstitution.objects.filter(client__in=clients).update(started_on=datetime.date(2025, 1, 6))
    return clients


def complaint(municipality: Municipality, institution: Institution | None, kind: str = Kind.COMPLAINT) -> None:
    with scopes_disabled():
        signal_receive(
            actor=None,
            municipality=municipality,
            institution=institution,
            kind=kind,
            channel="letter",
            text="Darbuotoja vėlavo.",
            received_at=datetime.datetime(2025, 3, 5, 10, tzinfo=VILNIUS),
        )


@pytest.fixture
def complaints(world: World) -> None:
    a1_clients = served(world.a1, 10)
    ended = served(world.a1, 1)
    served(world.a2, 3)
    with scopes_disabled():
        ClientInstitution.objects.filter(client__in=ended).update(ended_on=datetime.date(2025, 2, 15))
        client_serve(actor=None, client=a1_clients[0], institution=world.a2, responsible=None)
        ClientInstitution.objects.filter(institution=world.a2).update(started_on=datetime.date(2025, 1, 6))
    for institution, kind in ((world.a1, Kind.COMPLAINT), (world.a1, Kind.COMPLAINT), (world.a1, Kind.QUESTION)):
        complaint(world.a, institution, kind)
    complaint(world.a, world.a2)
    complaint(world.a, None)
    served(world.b1, 5)
    for _ in range(5):
        complaint(world.b, world.b1)


@pytest.mark.usefixtures("complaints")
def test_complaints_per_100_clients_served(world: World) -> None:
    key = "complaints_per_100_clients"
    assert compute(key, world.a) == MeasureValue(value=pytest.approx(4 * 100 / 13), n=13)
    assert compute(key, world.a, [world.a1]) == MeasureValue(value=pytest.approx(20.0), n=10)
    assert compute(key, world.a, [world.a2]) == MeasureValue(value=None, n=4, suppressed=True)
    assert compute(key, world.a, [world.b1]) == MeasureValue(value=None, n=0)
    assert compute(key, world.b) == MeasureValue(value=100.0, n=5)
    # April: the same clients, no complaint: a true zero.
    assert compute(key, world.a, period=APRIL) == MeasureValue(value=0.0, n=13)


@pytest.mark.usefixtures("complaints")
def test_complaints_read_two_queries(world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_max_num_queries(2):
        compute("complaints_per_100_clients", world.a)


def test_complaints_without_clients_or_without_signals(world: World) -> None:
    assert_unavailable(compute("complaints_per_100_clients", world.a))
    served(world.a1, 6)
    assert_unavailable(compute("complaints_per_100_clients", world.a))  # clients, but no signal registered at all
