"""The LEAN pages on summaries of real courses of services and an imported log."""

import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from conftest import World
from kokybe.analytics.models import CaseSummary, Process
from kokybe.analytics.services.refresh import summaries_refresh
from kokybe.analytics.tests.builders import course, courses, imported_log
from kokybe.casework.tests.builders import home_help


def _refreshed(world: World) -> None:
    with scopes_disabled():
        summaries_refresh(municipality=world.a)


def _services_page(world: World, user, query: str = "") -> str:  # type: ignore[no-untyped-def]
    url = reverse("analytics:process", args=["alpha", Process.SERVICES]) + query
    response = world.client_for(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def _latest_year(world: World) -> int:
    with scopes_disabled():
        return max(CaseSummary.objects.filter(municipality=world.a).values_list("year", flat=True))


def test_the_coordinator_sees_institutions_side_by_side_the_map_and_the_bottlenecks(world: World) -> None:
    courses(world)
    _refreshed(world)
    page = _services_page(world, world.coordinator)
    assert "A1 centras" in page
    assert "A2 globos namai" in page
    assert 'class="kokybe-process-map"' in page
    assert "kokybe-figures__item" in page
    # The transitions table links each transition to the cases behind it.
    assert "source=requested&amp;target=assessed" in page


def test_an_institution_bound_director_sees_only_her_institution_beside_the_whole(world: World) -> None:
    courses(world)
    _refreshed(world)
    page = _services_page(world, world.director)
    assert "A1 centras" in page
    assert "A2 globos namai" not in page
    # Asking for another institution by its address is an invalid choice, not its figures.
    other = _services_page(world, world.director, "?institution=a2")
    assert "govuk-error-summary" in other


def test_the_page_reads_a_bounded_number_of_queries(world: World, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    courses(world)
    _refreshed(world)
    client = world.client_for(world.coordinator)
    url = reverse("analytics:process", args=["alpha", Process.SERVICES])
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
    service = home_help(world)
    for number in range(6):
        course(world, service, world.a2 if number % 2 else world.a1, requested=30 + number, steps=5)
    _refreshed(world)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_drilling_into_a_transition_lists_the_cases_that_passed_it(world: World) -> None:
    made = courses(world)
    _refreshed(world)
    year = _latest_year(world)
    url = reverse("analytics:cases", args=["alpha", Process.SERVICES])
    response = world.client_for(world.coordinator).get(
        url, {"year": str(year), "source": "granted", "target": "started"}
    )
    assert response.status_code == 200
    with scopes_disabled():
        passed = {
            row.case_key
            for row in CaseSummary.objects.filter(municipality=world.a, year=year)
            if "started" in row.variant
        }
    listed = {str(row.case_key) for row, _url in response.context["rows"]}
    assert listed == passed
    assert passed
    # The coordinator may open the courses; the links lead there.
    assert any(url for _row, url in response.context["rows"])
    assert {str(item.pk) for item in made} >= listed


def test_downloads_hold_the_tables(world: World) -> None:
    courses(world)
    _refreshed(world)
    client = world.client_for(world.coordinator)
    year = _latest_year(world)
    csv_url = reverse("analytics:download", args=["alpha", Process.SERVICES, "transitions", "csv"])
    text = client.get(csv_url, {"year": year}).content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("from,to,count,median_s")
    assert len(lines) > 1
    xlsx_url = reverse("analytics:download", args=["alpha", Process.SERVICES, "institutions", "xlsx"])
    response = client.get(xlsx_url, {"year": year})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "A1 centras" in names
    assert (
        client.get(reverse("analytics:download", args=["alpha", Process.SERVICES, "secrets", "csv"])).status_code == 404
    )


def test_an_imported_log_has_its_own_page(world: World) -> None:
    log = imported_log(world)
    _refreshed(world)
    url = reverse("analytics:process", args=["alpha", Process.IMPORTED])
    page = world.client_for(world.coordinator).get(url, {"log": log.pk}).content.decode()
    assert "Register" in page
    assert "Decide" in page


def test_a_process_without_summaries_says_so_without_an_error(world: World) -> None:
    page = _services_page(world, world.coordinator)
    assert "kokybe-process-map" not in page
    assert "govuk-error-summary" not in page
    assert "kokybe-figures" not in page


@pytest.mark.parametrize("process", ["nothing", "imported-x"])
def test_an_unknown_process_is_not_found(world: World, process: str) -> None:
    url = reverse("analytics:process", args=["alpha", process])
    assert world.client_for(world.coordinator).get(url).status_code == 404


def test_an_institution_without_last_year_shows_dashes_not_errors(world: World) -> None:
    course(world, home_help(world), world.a1, requested=20, steps=5)
    _refreshed(world)
    page = _services_page(world, world.coordinator)
    assert "A1 centras" in page
    assert "–" in page
