"""What the dashboards read: rows per institution and for the whole municipality, the drill-down to cases."""

from typing import Any

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.analytics.models import PeriodSummary, Process
from kokybe.analytics.selectors import case_rows, lead_time_rows, transition_rows
from kokybe.analytics.services.refresh import summaries_refresh
from kokybe.analytics.tests.builders import courses

pytestmark = pytest.mark.django_db


def _years(world: World) -> list[int]:
    with scopes_disabled():
        rows = lead_time_rows(world.a, process=Process.SERVICES, years=range(2000, 2100))
        return sorted({row.year for row in rows})


@pytest.fixture
def summarised(world: World) -> World:
    courses(world)
    with scopes_disabled():
        summaries_refresh(municipality=world.a)
    return world


def test_lead_time_rows_give_each_institution_and_the_whole_first(summarised: World) -> None:
    world = summarised
    years = _years(world)
    with scopes_disabled():
        rows = list(lead_time_rows(world.a, process=Process.SERVICES, years=years))
        only_a1 = list(lead_time_rows(world.a, process=Process.SERVICES, years=years, institution_ids=[world.a1.pk]))
    assert [row.institution_id for row in rows if row.year == years[-1]] == [None, world.a1.pk, world.a2.pk]
    assert {row.institution_id for row in only_a1} == {None, world.a1.pk}
    whole = next(row for row in rows if row.year == years[-1] and row.institution_id is None)
    assert whole.cases == sum(row.cases for row in rows if row.year == years[-1] and row.institution_id)


def test_a_service_narrows_the_rows(summarised: World) -> None:
    world = summarised
    years = _years(world)
    with scopes_disabled():
        (service_id,) = {row.service_id for row in transition_rows(world.a, process=Process.SERVICES, years=years)} or {
            0
        }
    assert service_id is None  # rows over all services by default
    with scopes_disabled():
        any_row = next(iter(lead_time_rows(world.a, process=Process.SERVICES, years=years)))
        service = PeriodSummary.objects.exclude(service=None).values_list("service_id", flat=True).first()
        narrowed = list(lead_time_rows(world.a, process=Process.SERVICES, years=years, service_id=service))
    assert narrowed
    assert all(row.service_id == service for row in narrowed)
    assert any_row.service_id is None


def test_transitions_come_largest_waiting_first(summarised: World) -> None:
    world = summarised
    years = _years(world)
    with scopes_disabled():
        edges = [
            row for row in transition_rows(world.a, process=Process.SERVICES, years=years) if row.institution_id is None
        ]
    latest = [edge for edge in edges if edge.year == years[-1]]
    assert [edge.total_s for edge in latest] == sorted((edge.total_s for edge in latest), reverse=True)


def test_cases_behind_a_figure_longest_first_and_through_a_transition(summarised: World) -> None:
    world = summarised
    years = _years(world)
    with scopes_disabled():
        page = case_rows(world.a, process=Process.SERVICES, years=years, institution_ids=[world.a1.pk], per_page=2)
        assert page.paginator.count == 5
        assert [row.lead_seconds for row in page] == sorted((row.lead_seconds for row in page), reverse=True)
        through = case_rows(world.a, process=Process.EPISODES, years=years, transition=("started", "ended"))
        waits = [row.waits[row.variant.index("started")] for row in through]
    assert through.paginator.count == 5  # the five ended courses' episodes
    assert waits == sorted(waits, reverse=True)


def test_reads_take_one_query_however_many_rows(summarised: World, django_assert_max_num_queries: Any) -> None:
    world = summarised
    years = _years(world)
    with scopes_disabled():
        courses(world)  # twice the cases
        summaries_refresh(municipality=world.a)
        with django_assert_max_num_queries(1):
            assert [
                row.institution.name if row.institution else ""
                for row in lead_time_rows(world.a, process=Process.SERVICES, years=years)
            ]
        with django_assert_max_num_queries(1):
            assert list(transition_rows(world.a, process=Process.SERVICES, years=years))
        with django_assert_max_num_queries(2):  # the count and the page
            assert [str(row.service) for row in case_rows(world.a, process=Process.SERVICES, years=years)]
        with django_assert_max_num_queries(2):
            assert list(case_rows(world.a, process=Process.SERVICES, years=years, transition=("requested", "assessed")))


def test_another_municipality_reads_nothing_of_a(summarised: World) -> None:
    world = summarised
    years = _years(world)
    with scopes_disabled():
        assert not lead_time_rows(world.b, process=Process.SERVICES, years=years).exists()
        assert case_rows(world.b, process=Process.SERVICES, years=years).paginator.count == 0
