"""The overview and the institution dashboard: what they show, to whom, their downloads and their queries."""

import datetime
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from conftest import World
from kokybe.accounts.models import User
from kokybe.analytics.models import Process
from kokybe.casework.tests.builders import home_help
from kokybe.charter.services.content import indicator_create
from kokybe.charter.services.versions import charter_version_adopt, charter_version_draft
from kokybe.charter.tests.builders import adopted_charter, figures_refreshed
from kokybe.dashboards import selectors
from kokybe.dashboards.tests.builders import answers, approved_plan_actions, period, satisfaction_survey
from kokybe.tenancy.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db
YEAR = datetime.date.today().year
OVERVIEW = reverse("dashboards:municipality", args=["alpha"])


def _client(world: World, user: User) -> Client:
    """A client reading the pages in English, whatever the catalogues translate."""
    user.language = "en"
    user.save(update_fields=["language"])
    return world.client_for(user)


def _institution_url(slug: str) -> str:
    return reverse("dashboards:institution", args=["alpha", slug])


def _figures(world: World) -> None:
    period(world, world.a1, YEAR - 1, median_days=2, with_deadline=10, met=9)
    period(world, world.a1, YEAR, median_days=6, with_deadline=10, met=5)  # slipping
    period(world, world.a2, YEAR, median_days=1, with_deadline=10, met=10)
    period(world, None, YEAR, median_days=3, with_deadline=20, met=15)
    period(world, world.a1, YEAR, median_days=8, process=Process.SERVICES)


def test_the_overview_puts_the_institutions_side_by_side(world: World) -> None:
    _figures(world)
    response = _client(world, world.coordinator).get(OVERVIEW)
    assert response.status_code == 200
    page = response.content.decode()
    assert "A2 globos namai" in page
    assert "50 %" in page  # A1 this year, and last year:
    assert "90 %" in page
    assert f"40 points fewer than in {YEAR - 1}" in page
    assert "<figure" in page
    signals = reverse("analytics:process", args=["alpha", Process.SIGNALS])
    assert f"{signals}?year={YEAR}&amp;institution=a1" in page
    assert _institution_url("a1") in page


def test_the_lead_time_figures_follow_the_service_chosen(world: World) -> None:
    service = home_help(world)
    period(world, world.a1, YEAR, median_days=8, process=Process.SERVICES)
    period(world, world.a1, YEAR, median_days=4, process=Process.SERVICES, service_id=service.pk)
    client = _client(world, world.coordinator)
    assert "8.0 d." in client.get(OVERVIEW).content.decode()
    narrowed = client.get(OVERVIEW, {"year": YEAR, "service": service.pk}).content.decode()
    assert "4.0 d." in narrowed
    assert f"service={service.pk}" in narrowed


def test_institution_bound_people_see_their_institution_and_the_municipality(world: World) -> None:
    _figures(world)
    page = _client(world, world.director).get(OVERVIEW).content.decode()
    assert "A1 centras" in page
    assert "A2 globos namai" not in page
    assert "The whole municipality" in page


def test_the_institution_dashboard_shows_the_years_and_what_needs_attention(world: World) -> None:
    _figures(world)
    approved_plan_actions(world, world.a1, YEAR - 1, done=1, open_=2)  # due last June: two are late
    response = _client(world, world.quality).get(_institution_url("a1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<th scope="row" class="govuk-table__header">{YEAR - 2}</th>' in page
    assert reverse("inquiries:queue", args=["alpha"]) in page
    assert response.context["attention"][1][1] == 2


def test_outsiders_and_other_institutions_get_404(world: World) -> None:
    assert _client(world, world.outsider).get(OVERVIEW).status_code == 404
    assert _client(world, world.stranger).get(OVERVIEW).status_code == 404
    assert _client(world, world.other_worker).get(_institution_url("a1")).status_code == 404
    assert _client(world, world.other_worker).get(_institution_url("a2")).status_code == 200
    assert _client(world, world.coordinator).get(_institution_url("nowhere")).status_code == 404
    assert _client(world, world.outsider).get(_institution_url("b1")).status_code == 404
    assert _client(world, world.coordinator).get(_institution_url("b1")).status_code == 404  # B's, not alpha's


def test_downloads_give_the_same_numbers(world: World) -> None:
    _figures(world)
    client = _client(world, world.coordinator)
    csv = client.get(reverse("dashboards:municipality_download", args=["alpha", "csv"]), {"year": YEAR})
    text = csv.content.decode("utf-8-sig")
    assert f"A1 centras,signals_within,{YEAR},0.5,0.9" in text
    xlsx = client.get(reverse("dashboards:institution_download", args=["alpha", "a1", "xlsx"]))
    rows = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("institution", "measure", "year", "value", "previous_year_value")
    assert ("A1 centras", "signals_within", YEAR, 0.5, 0.9) in rows
    assert client.get(reverse("dashboards:municipality_download", args=["alpha", "pdf"])).status_code == 404


def test_the_charter_counts_each_institutions_indicators(world: World, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    adopted_charter(world.coordinator, world.a, on=datetime.date(YEAR, 1, 5))
    days = {YEAR - 1: datetime.date(YEAR - 1, 12, 31), YEAR: datetime.date.today()}
    with scopes_disabled():
        # Adopted a moment ago, before the worker ran: no count rather than a count of nothing.
        assert selectors.charter_counts(world.a, [world.a1.pk], days) == {}
    figures_refreshed(world.a)
    with scopes_disabled(), django_assert_max_num_queries(4):  # the version, its indicators and theirs, figures
        counts = selectors.charter_counts(world.a, [world.a1.pk], days)
    # No signals at all: the indicator has no figure, which is not counted as failing.
    assert counts[(world.a1.pk, YEAR)] == selectors.CharterCount(without_figure=1)
    assert counts[(None, YEAR - 1)].share_met is None
    page = _client(world, world.coordinator).get(OVERVIEW)
    assert "Figures as of" in page.content.decode()


def test_the_charter_counts_read_the_same_queries_for_more_indicators_and_institutions(
    world: World,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    built = adopted_charter(world.coordinator, world.a, on=datetime.date(YEAR, 1, 5))
    with scopes_disabled():
        more = [InstitutionFactory(municipality=world.a, slug=f"more-{n}") for n in range(6)]
        draft = charter_version_draft(actor=world.coordinator, municipality=world.a)
        for period in ("month", "year", "quarter"):
            indicator_create(
                actor=world.coordinator,
                commitment=draft.commitments.get(),
                measure_key=built.indicator.measure_key,
                parameter={},
                target=built.indicator.target,
                period=period,
                institutions=more[:3] if period == "month" else [],
            )
        charter_version_adopt(actor=world.coordinator, version=draft, adopted_on=datetime.date(YEAR, 2, 1))
    figures_refreshed(world.a)
    everyone = [world.a1.pk, world.a2.pk, *(institution.pk for institution in more)]
    days = {year: datetime.date(year, 12, 31) for year in range(YEAR - 7, YEAR)} | {YEAR: datetime.date.today()}
    with scopes_disabled(), django_assert_max_num_queries(4):
        counts = selectors.charter_counts(world.a, everyone, days)
    assert len(counts) == len(days) * (len(everyone) + 1)  # every year the dashboards offer is kept
    assert counts[(more[0].pk, YEAR)] == selectors.CharterCount(without_figure=4)
    assert counts[(world.a1.pk, YEAR)] == selectors.CharterCount(without_figure=3)


def test_the_pages_read_a_bounded_number_of_queries(world: World, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    _figures(world)
    client = _client(world, world.coordinator)
    with django_assert_max_num_queries(30):
        assert client.get(OVERVIEW).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(_institution_url("a1")).status_code == 200
    # More institutions, answers, plan actions and summaries: the same queries.
    survey = satisfaction_survey(world)
    with scopes_disabled():
        more = [InstitutionFactory(municipality=world.a, slug=f"more-{n}") for n in range(6)]
    for institution in [world.a1, world.a2, *more]:
        period(world, institution, YEAR - 2, median_days=3)
        answers(survey, institution, f"{YEAR}-02", people=6, scores={"5": 6})
    approved_plan_actions(world, world.a1, YEAR, done=2, open_=2)
    with django_assert_max_num_queries(30):
        assert client.get(OVERVIEW).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(_institution_url("a1")).status_code == 200
