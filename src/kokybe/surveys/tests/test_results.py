"""Results come from the tallies: they must equal a count of the responses, and small groups stay hidden."""

import importlib
import random
from collections import defaultdict
from datetime import date
from statistics import fmean
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.surveys.definition import DONT_KNOW, Item, QuestionType, items_of
from kokybe.surveys.models import DimensionYearTally, Response, Survey, TextAnswer
from kokybe.surveys.results import Filters, by_institution, read_counts, results_for
from kokybe.surveys.services import responding
from kokybe.surveys.services.tallies import DIMENSION_PREFIX, NOT_STATED_INSTITUTION, RESPONDENTS, VERSIONS, TallyDelta
from kokybe.surveys.tests.builders import published_survey, small_spec
from kokybe.tenancy.tests.factories import InstitutionFactory

TEXT_TYPES = (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)


def items(survey: Survey) -> list[Item]:
    with scopes_disabled():
        return items_of(survey.spec(responding.current_version(survey)))


def store(
    survey: Survey,
    answers: dict[str, Any],
    texts: dict[str, str] | None = None,
    *,
    institution: Any = None,
    client_group: str = "",
    channel: str = "web",
    language: str = "lt",
    submitted_on: date = date(2025, 3, 14),
) -> Response:
    with scopes_disabled():
        version = responding.current_version(survey)
        return responding.store_response(
            survey=survey,
            version=version,
            items=items_of(survey.spec(version)),
            answers=answers,
            texts=texts or {},
            channel=channel,
            language=language,
            institution=institution,
            client_group=client_group,
            submitted_on=submitted_on,
        )


def label(item: Item, code: str) -> str:
    return code


# Tallies against a direct count


def random_answer(rng: random.Random, item: Item) -> Any:
    question = item.question
    if question.allows_dont_know and rng.random() < 0.15:
        return DONT_KNOW
    match item.type:
        case QuestionType.LIKERT:
            return rng.randint(1, 5)
        case QuestionType.NPS:
            return rng.randint(0, 10)
        case QuestionType.YES_NO:
            return rng.choice(["yes", "no"])
        case QuestionType.SINGLE:
            return rng.choice(item.codes)
        case QuestionType.MULTIPLE:
            return rng.sample(item.codes, rng.randint(1, len(item.codes)))
        case QuestionType.NUMBER:
            return rng.choice([str(rng.randint(0, 80)), f"{rng.randint(0, 79)}.5"])
    raise AssertionError(item.type)


def random_response(rng: random.Random, survey_items: list[Item]) -> tuple[dict[str, Any], dict[str, str]]:
    answers: dict[str, Any] = {}
    texts: dict[str, str] = {}
    for item in survey_items:
        if rng.random() < 0.2:
            continue  # left blank
        if item.type in TEXT_TYPES:
            texts[item.key] = rng.choice(["Gerai", "Per ilgai laukiau", "Ačiū"])
            continue
        answers[item.key] = random_answer(rng, item)
        chosen = answers[item.key] if isinstance(answers[item.key], list) else [answers[item.key]]
        if any(option.is_other and option.key in chosen for option in item.question.options):
            texts[item.key] = "Kita priežastis"
    return answers, texts


def matches(response: Response, filters: Filters) -> bool:
    month = response.submitted_on.strftime("%Y-%m")
    return (
        (filters.institution is None or (response.institution_id or NOT_STATED_INSTITUTION) == filters.institution)
        and (filters.client_group is None or response.client_group == filters.client_group)
        and (filters.channel is None or response.channel == filters.channel)
        and (filters.language is None or response.language == filters.language)
        and (filters.month_from is None or month >= filters.month_from)
        and (filters.month_to is None or month <= filters.month_to)
    )


def count_directly(survey: Survey, survey_items: list[Item], filters: Filters) -> dict[tuple[str, str], list[float]]:
    """What the results should say, counted from the Response rows themselves (no tallies involved)."""
    counts: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])

    def add(item: str, value: str, number: float = 0.0) -> None:
        row = counts[(item, value)]
        row[0] += 1
        row[1] += number
        row[2] += number * number

    with scopes_disabled():
        rows = list(Response.objects.filter(survey=survey).select_related("version"))
        texts: dict[Any, set[str]] = defaultdict(set)
        for response_id, item_key in TextAnswer.objects.filter(survey=survey).values_list("response_id", "item"):
            texts[response_id].add(item_key)
    for response in rows:
        if not matches(response, filters):
            continue
        add(RESPONDENTS, "")
        add(VERSIONS, str(response.version.number))
        scores: dict[str, list[int]] = defaultdict(list)
        for item in survey_items:
            if item.type in TEXT_TYPES:
                if item.key in texts[response.pk]:
                    add(item.key, "")
                continue
            answer = response.answers.get(item.key)
            if answer is None:
                continue
            if answer == DONT_KNOW:
                add(item.key, DONT_KNOW)
            elif item.type == QuestionType.MULTIPLE:
                add(item.key, "")
                for code in answer:
                    add(item.key, code)
            elif item.type == QuestionType.NUMBER:
                add(item.key, "", float(answer))
            else:
                add(item.key, str(answer))
                if item.type == QuestionType.LIKERT and item.dimension:
                    scores[item.dimension].append(int(answer))
        for code, given in scores.items():
            add(DIMENSION_PREFIX + code, "", fmean(given))
            for score in given:
                add(DIMENSION_PREFIX + code, str(score))
    return dict(counts)


def assert_same(tallied: dict[tuple[str, str], list[float]], direct: dict[tuple[str, str], list[float]]) -> None:
    assert set(tallied) == set(direct)
    for key, (count, total, total_sq) in direct.items():
        assert tallied[key][0] == count, key
        assert tallied[key][1] == pytest.approx(total), key
        assert tallied[key][2] == pytest.approx(total_sq), key


@pytest.fixture
def random_survey(world: World) -> tuple[Survey, list[Item]]:
    """A municipality-wide survey with 120 responses spread at random over every filter."""
    spec = small_spec()
    spec.sections[0].questions[1].dimension = "kuldiga.client_satisfaction"  # two items on one dimension
    survey = published_survey(world, spec=spec)
    rng = random.Random(20250314)
    survey_items = items(survey)
    for _ in range(120):
        answers, texts = random_response(rng, survey_items)
        store(
            survey,
            answers,
            texts,
            institution=rng.choice([world.a1, world.a2]),
            client_group=rng.choice(["", "older_people", "disability"]),
            channel=rng.choice(["web", "paper", "phone"]),
            language=rng.choice(["lt", "lv", "en"]),
            submitted_on=date(2025, rng.randint(1, 6), rng.randint(1, 28)),
        )
    return survey, survey_items


def filter_cases(world: World) -> list[Filters]:
    return [
        Filters(),
        Filters(institution=world.a1.pk),
        Filters(channel="paper"),
        Filters(client_group=""),
        Filters(month_from="2025-02", month_to="2025-04"),
        Filters(institution=world.a2.pk, language="lv"),
        Filters(client_group="older_people", channel="web"),
        Filters(institution=world.a1.pk, month_to="2025-03"),
        Filters(institution=world.a1.pk, client_group="disability", channel="phone", language="en"),
    ]


def test_the_tallies_equal_a_direct_count_of_the_responses(world: World, random_survey: Any) -> None:
    survey, survey_items = random_survey
    with scopes_disabled():
        assert Response.objects.filter(survey=survey).count() == 120
        for filters in filter_cases(world):
            tallied = read_counts(survey, filters)
            direct = count_directly(survey, survey_items, filters)
            assert direct, filters  # each case selects someone
            assert_same(tallied, direct)
        # The unfiltered cell and the sum over every cell say the same.
        assert read_counts(survey, Filters()) == read_counts(survey, Filters(month_from="2000-01"))


def test_removing_a_response_from_the_tallies_leaves_the_count_of_the_others(world: World, random_survey: Any) -> None:
    """No service removes responses yet; the tallies' own subtraction (sign=-1) must undo an addition exactly."""
    survey, survey_items = random_survey
    with scopes_disabled():
        gone = Response.objects.filter(survey=survey, channel="paper").select_related("version").first()
        assert gone is not None
        texts = dict(TextAnswer.objects.filter(response=gone).values_list("item", "text"))
        delta = TallyDelta(survey.pk)
        delta.add(gone, survey_items, texts, gone.version.number, sign=-1)
        delta.write()
        gone.delete()
        for filters in filter_cases(world):
            assert_same(read_counts(survey, filters), count_directly(survey, survey_items, filters))


def dimension_years(survey: Survey) -> dict[tuple[int, str, int, str], int]:
    with scopes_disabled():
        rows = DimensionYearTally.objects.filter(survey=survey).exclude(count=0)
        return {(row.year, row.dimension, row.institution_id, row.value): row.count for row in rows}


def dimension_years_directly(world: World, survey: Survey, survey_items: list[Item]) -> dict[Any, int]:
    counted: dict[Any, int] = {}
    for institution in (world.a1.pk, world.a2.pk, NOT_STATED_INSTITUTION):
        for year in (2024, 2025):
            in_year = Filters(institution=institution, month_from=f"{year}-01", month_to=f"{year}-12")
            for (item, value), (count, _total, _squares) in count_directly(survey, survey_items, in_year).items():
                if item.startswith(DIMENSION_PREFIX) and count:
                    counted[(year, item.removeprefix(DIMENSION_PREFIX), institution, value)] = int(count)
    return counted


def test_each_dimension_is_counted_per_institution_and_year(world: World, random_survey: Any) -> None:
    """What the dashboards read: respondents and answers per point of each dimension, per institution and year, as
    a count of the responses says; a response removed from the tallies leaves them too."""
    survey, survey_items = random_survey
    rng = random.Random(2024)
    for institution in (world.a1, None, None):
        store(survey, random_response(rng, survey_items)[0], institution=institution, submitted_on=date(2024, 11, 3))
    expected = dimension_years_directly(world, survey, survey_items)
    assert {key[0] for key in expected} == {2024, 2025}
    assert {key[2] for key in expected} == {world.a1.pk, world.a2.pk, NOT_STATED_INSTITUTION}
    assert dimension_years(survey) == expected
    with scopes_disabled():
        gone = Response.objects.filter(survey=survey, submitted_on__year=2024).select_related("version").first()
        assert gone is not None
        delta = TallyDelta(survey.pk)
        delta.add(gone, survey_items, {}, gone.version.number, sign=-1)
        delta.write()
        gone.delete()
    assert dimension_years(survey) == dimension_years_directly(world, survey, survey_items)


def test_the_migration_counts_the_responses_stored_before_it_from_their_tallies(
    world: World, random_survey: Any
) -> None:
    survey, _survey_items = random_survey
    kept = dimension_years(survey)
    with scopes_disabled():
        DimensionYearTally.objects.all().delete()
    migration = importlib.import_module("kokybe.surveys.migrations.0003_dimension_year_tally")
    migration.count_the_answers_so_far(django_apps, None)
    assert kept
    assert dimension_years(survey) == kept


# Small groups


@pytest.fixture
def twenty(world: World) -> Survey:
    """20 respondents of A1: 3 on paper, 17 on the web; 10 in Lithuanian, 10 in Latvian.

    Only 4 answered "access"; "recommend" was answered by all 10 Lithuanian speakers and by 2 Latvian ones.
    """
    survey = published_survey(world, institution=world.a1)
    for index in range(20):
        answers: dict[str, Any] = {"overall": 1 + index % 5, "charter.respect": 4}
        if index < 4:
            answers["access"] = 5
        language = "lt" if index % 2 == 0 else "lv"
        if language == "lt" or index in (1, 3):
            answers["recommend"] = 8
        store(survey, answers, channel="paper" if index < 3 else "web", language=language, institution=world.a1)
    return survey


def outcome(survey: Survey, filters: Filters) -> Any:
    with scopes_disabled():
        return results_for(survey, survey.spec(responding.current_version(survey)), filters, label)


def by_key(results: Any) -> dict[str, Any]:
    return {result.item.key: result for result in results.items}


def assert_all_hidden(results: Any) -> None:
    assert results.hidden
    assert all(item.hidden and not item.bars and item.likert is None for item in results.items)
    assert all(dimension.hidden and dimension.mean is None for dimension in results.dimensions)


def test_a_filter_matching_fewer_than_k_respondents_hides_everything(twenty: Survey) -> None:
    results = outcome(twenty, Filters(channel="paper"))
    assert results.respondents == 3
    assert_all_hidden(results)


def test_a_filter_matching_all_but_fewer_than_k_respondents_hides_everything(twenty: Survey) -> None:
    """17 is plenty, but 20 - 17 = 3: subtracting this result from the unfiltered one would show the 3."""
    results = outcome(twenty, Filters(channel="web"))
    assert results.respondents == 17
    assert_all_hidden(results)


def test_a_filter_matching_half_of_twenty_is_shown(twenty: Survey) -> None:
    results = outcome(twenty, Filters(language="lt"))
    assert results.respondents == 10
    assert not results.hidden
    overall = by_key(results)["overall"]
    assert not overall.hidden
    assert overall.answered == 10
    assert sum(bar.count for bar in overall.bars) == 10
    assert overall.likert is not None
    assert not by_key(results)["charter.respect"].hidden
    assert any(not dimension.hidden and dimension.mean is not None for dimension in results.dimensions)


def test_an_item_answered_by_fewer_than_k_is_hidden_while_the_others_are_shown(twenty: Survey) -> None:
    results = outcome(twenty, Filters())
    assert results.respondents == 20
    assert not results.hidden
    shown = by_key(results)
    assert shown["access"].answered == 4
    assert shown["access"].hidden
    assert shown["access"].bars == []
    assert not shown["overall"].hidden
    assert shown["overall"].bars
    dimensions = {dimension.code: dimension for dimension in results.dimensions}
    assert dimensions["kuldiga.service_access"].hidden
    assert not dimensions["kuldiga.client_satisfaction"].hidden


def test_an_item_whose_complement_is_fewer_than_k_is_hidden(twenty: Survey) -> None:
    """Lithuanian speakers: 10 answered "recommend", of 12 in all; the other 2 would show by subtraction."""
    results = outcome(twenty, Filters(language="lt"))
    assert not results.hidden
    assert by_key(results)["recommend"].answered == 10
    assert by_key(results)["recommend"].hidden
    assert not by_key(results)["overall"].hidden


def test_the_institution_table_hides_a_small_institution_and_a_second_one_against_subtraction(world: World) -> None:
    with scopes_disabled():
        a3 = InstitutionFactory(municipality=world.a, slug="a3", name="A3 dienos centras")
    survey = published_survey(world)
    for institution, people in ((world.a1, 20), (world.a2, 3), (a3, 6)):
        for index in range(people):
            store(survey, {"overall": 1 + index % 5}, institution=institution)
    ids = [world.a1.pk, world.a2.pk, a3.pk]
    with scopes_disabled():
        spec = survey.spec(responding.current_version(survey))
        rows, average_shown = by_institution(survey, spec, Filters(), ids)
    table = {row.institution_id: row for row in rows}
    assert table[world.a2.pk].hidden  # 3 people
    assert table[a3.pk].hidden  # 6 people, but with the total beside it the 3 would be 3 = total - 20 - 6
    assert not table[world.a1.pk].hidden
    assert table[world.a2.pk].means == {}
    assert table[a3.pk].means == {}
    assert table[world.a1.pk].means["overall"] == pytest.approx(3.0)
    assert average_shown
    # Left out of the table, the 3 people would be the difference between the average and the rows shown.
    with scopes_disabled():
        _rows, average_shown = by_institution(survey, spec, Filters(), [world.a1.pk, a3.pk])
    assert not average_shown


# The results page


def results_url(world: World, survey: Survey) -> str:
    return reverse("surveys:results", args=[world.a.slug, survey.pk])


def test_the_results_page_is_for_those_who_may_read_results(world: World, twenty: Survey) -> None:
    page = world.client_for(world.director).get(results_url(world, twenty))
    assert page.status_code == 200
    assert "Klientų apklausa" in page.content.decode()
    assert world.client_for(world.consultant).get(results_url(world, twenty)).status_code == 403
    assert world.client_for(world.outsider).get(results_url(world, twenty)).status_code == 404
    assert world.client_for(None).get(results_url(world, twenty)).status_code in (302, 404)


def test_the_results_page_applies_the_small_group_rules_to_the_filters_in_the_address(
    world: World, twenty: Survey
) -> None:
    client = world.client_for(world.director)
    for query, hidden in (("channel=paper", True), ("channel=web", True), ("language=lt", False), ("", False)):
        page = client.get(results_url(world, twenty) + "?" + query)
        assert page.status_code == 200
        assert page.context["results"].hidden is hidden, query


def test_the_results_page_runs_as_many_queries_for_60_responses_as_for_10(world: World) -> None:
    survey = published_survey(world)
    rng = random.Random(7)
    survey_items = items(survey)

    def add(count: int) -> None:
        for index in range(count):
            answers, texts = random_response(rng, survey_items)
            store(
                survey,
                answers,
                texts,
                institution=rng.choice([world.a1, world.a2]),
                channel=("web", "paper")[index % 2],  # half and half: shown with and without the filter
                submitted_on=date(2025, rng.randint(1, 12), 1),
            )

    client = world.client_for(world.coordinator)
    url = results_url(world, survey) + "?channel=web"  # a filter: the page reads the complement too
    client.get(url)  # sessions and caches warmed up

    add(10)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url)
    assert page.status_code == 200
    assert page.context["results"].respondents == 5
    assert not page.context["results"].hidden  # the same work is done both times
    add(50)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert page.status_code == 200
    assert page.context["results"].respondents == 30
    assert not page.context["results"].hidden
    assert len(many) == len(few)
    assert not any('"surveys_response"' in query["sql"] for query in many.captured_queries)


def test_the_institution_table_hides_a_question_answered_by_fewer_than_k_in_an_institution(world: World) -> None:
    survey = published_survey(world)
    for index in range(20):
        answers: dict[str, Any] = {"overall": 1 + index % 5}
        if index < 2:
            answers["access"] = 1  # two people of A1 rated access; their answers must not be readable
        store(survey, answers, institution=world.a1)
    for _ in range(10):
        store(survey, {"overall": 4, "access": 5}, institution=world.a2)
    with scopes_disabled():
        spec = survey.spec(responding.current_version(survey))
        rows, _average_shown = by_institution(survey, spec, Filters(), [world.a1.pk, world.a2.pk])
        # The same data through results_for, for A1: the item is hidden there.
        assert by_key(results_for(survey, spec, Filters(institution=world.a1.pk), label))["access"].hidden
    table = {row.institution_id: row for row in rows}
    assert not table[world.a1.pk].hidden
    assert table[world.a1.pk].means["overall"] == pytest.approx(3.0)
    assert table[world.a1.pk].means.get("access") is None
    assert table[world.a1.pk].means.get(DIMENSION_PREFIX + "kuldiga.service_access") is None


def test_the_institution_table_under_a_filter_hides_a_row_whose_complement_is_small(world: World) -> None:
    survey = published_survey(world)
    for index in range(20):
        store(survey, {"overall": 5 if index < 3 else 3}, institution=world.a1, channel="paper" if index < 3 else "web")
    for _ in range(10):
        store(survey, {"overall": 4}, institution=world.a2, channel="web")
    with scopes_disabled():
        spec = survey.spec(responding.current_version(survey))
        whole_a1 = results_for(survey, spec, Filters(institution=world.a1.pk), label)
        rows, _average_shown = by_institution(survey, spec, Filters(channel="web"), [world.a1.pk, world.a2.pk])
        # results_for itself refuses the same group: A1 on the web is 17 of A1's 20.
        assert outcome(survey, Filters(institution=world.a1.pk, channel="web")).hidden
    assert not whole_a1.hidden  # A1 as a whole: 20 people, mean 3.3
    table = {row.institution_id: row for row in rows}
    # Shown, 20 x 3.3 - 17 x 3.0 = 3 x 5: the paper respondents' answers.
    assert table[world.a1.pk].hidden
