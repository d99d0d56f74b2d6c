"""The demo's surveys: three years of client satisfaction with trends, tallies that add up, and no repeats.

The demo is loaded once for the module (about 6 s) inside a transaction that is rolled back at the
end; each test runs in a savepoint of its own within it.
"""

from collections.abc import Iterator
from statistics import fmean
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django_scopes import scopes_disabled

from kokybe.audit.models import AuditEvent
from kokybe.demo import data
from kokybe.demo.surveys import PROFILES, SATISFACTION
from kokybe.surveys.definition import DONT_KNOW, QuestionType, items_of
from kokybe.surveys.models import Response, Survey, SurveyStatus, Tally, TextAnswer, TextTag
from kokybe.surveys.services.design import published_version
from kokybe.surveys.services.responding import accepts_answers
from kokybe.tenancy.models import Institution

YEARS = (2023, 2024, 2025)


def _load() -> None:
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        _load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo: None, db: None) -> Iterator[None]:
    with scopes_disabled():
        yield


def _institution(key: str) -> Institution:
    spec = next(i for m in data.MUNICIPALITIES for i in m.institutions if i.key == key)
    return Institution.objects.get(name=spec.name)


def _survey(slug: str, year: int, series: str = SATISFACTION) -> Survey:
    return Survey.objects.get(municipality__slug=slug, series=series, year=year)


def _overall_means(key: str) -> list[float]:
    institution = _institution(key)
    return [
        fmean(
            Response.objects.filter(
                survey=_survey(institution.municipality.slug, year), institution=institution
            ).values_list("answers__overall", flat=True)
        )
        for year in YEARS
    ]


@pytest.mark.usefixtures("loaded")
def test_each_klaipeda_institution_has_150_to_400_responses_a_year() -> None:
    for institution in Institution.objects.filter(municipality__slug="klaipeda"):
        for year in YEARS:
            count = Response.objects.filter(survey=_survey("klaipeda", year), institution=institution).count()
            assert 150 <= count <= 400, (institution.name, year, count)


@pytest.mark.usefixtures("loaded")
def test_one_institution_improves_and_one_slips_in_each_municipality() -> None:
    for municipality in data.MUNICIPALITIES:
        keys = [i.key for i in municipality.institutions]
        improving = [key for key in keys if PROFILES[key].trend > 0]
        slipping = [key for key in keys if PROFILES[key].trend < 0]
        assert len(improving) == len(slipping) == 1
        rising, falling = _overall_means(improving[0]), _overall_means(slipping[0])
        assert rising[0] < rising[1] < rising[2], rising
        assert falling[0] > falling[1] > falling[2], falling


@pytest.mark.usefixtures("loaded")
def test_environment_methods_and_professionalism_score_below_access_and_information() -> None:
    survey = _survey("kuldiga", 2025)
    items = items_of(survey.spec(published_version(survey)))
    scores: dict[str, list[int]] = {}
    for answers in Response.objects.filter(survey=survey).values_list("answers", flat=True):
        for item in items:
            if item.type == QuestionType.LIKERT and isinstance(answers.get(item.key), int):
                scores.setdefault(item.dimension.removeprefix("kuldiga."), []).append(answers[item.key])
    means = {dimension: fmean(values) for dimension, values in scores.items()}
    for low in ("environment_access", "methodology", "professionalism"):
        for high in ("service_access", "client_information"):
            assert means[low] < means[high] - 0.2, means


@pytest.mark.usefixtures("loaded")
def test_earlier_runs_are_closed_and_this_years_run_takes_answers() -> None:
    for municipality in data.MUNICIPALITIES:
        for year in YEARS:
            assert _survey(municipality.slug, year).status == SurveyStatus.CLOSED
        assert _survey(municipality.slug, 2025, "needs").status == SurveyStatus.CLOSED
        assert 60 <= Response.objects.filter(survey=_survey(municipality.slug, 2025, "needs")).count() <= 120
        current = _survey(municipality.slug, 2026)
        assert current.status == SurveyStatus.OPEN
        assert accepts_answers(current)
        assert 0 < Response.objects.filter(survey=current).count() < 100
        assert current.main_language == municipality.language
    # Later years are copies of the first: the same questions under the same keys.
    keys = [items_of(s.spec(published_version(s))) for s in (_survey("klaipeda", y) for y in YEARS)]
    assert [i.key for i in keys[0]] == [i.key for i in keys[1]] == [i.key for i in keys[2]]


@pytest.mark.usefixtures("loaded")
def test_tallies_equal_a_recount_of_the_responses() -> None:
    survey = _survey("klaipeda", 2024)
    responses = list(Response.objects.filter(survey=survey).values_list("answers", flat=True))
    tallies = {
        (item, value): count
        for item, value, count in Tally.objects.filter(survey=survey, institution_id=0).values_list(
            "item", "value", "count"
        )
    }
    assert tallies[("__respondents", "")] == len(responses)
    for key in ("overall", "env_premises", "charter.respect", "went_wrong", "recommend", "service_main"):
        values = {str(answers[key]) for answers in responses if key in answers}
        assert values, key
        for value in values:
            assert tallies[(key, value)] == sum(str(a.get(key)) == value for a in responses), (key, value)
    multiple = [answers["learned_how"] for answers in responses if "learned_how" in answers]
    assert tallies[("learned_how", "")] == len(multiple)
    for option in {code for chosen in multiple for code in chosen}:
        assert tallies[("learned_how", option)] == sum(option in chosen for chosen in multiple), option
    assert tallies[("env_premises", DONT_KNOW)] > 0
    texts = TextAnswer.objects.filter(survey=survey, item="improve").count()
    assert 0 < texts < len(responses) / 3  # free texts from a minority
    assert tallies[("improve", "")] == texts


@pytest.mark.usefixtures("loaded")
def test_a_second_load_adds_nothing() -> None:
    def counts() -> list[int]:
        return [model.objects.count() for model in (Survey, Response, TextAnswer, Tally, AuditEvent)]

    before = counts()
    _load()
    assert counts() == before
    assert AuditEvent.objects.filter(action="survey.demo_load").count() == Survey.objects.count()


@pytest.mark.usefixtures("loaded")
def test_last_years_improvement_comments_are_tagged_by_theme_in_the_municipalitys_language() -> None:
    with scopes_disabled():
        for slug, waiting in (("klaipeda", "Laukimas ir eilės"), ("kuldiga", "Gaidīšana un rindas")):
            survey = Survey.objects.get(municipality__slug=slug, series=SATISFACTION, year=2025)
            tag = TextTag.objects.get(survey=survey, name=waiting)
            comments = TextAnswer.objects.filter(survey=survey, item="improve")
            assert 0 < tag.answers.count() < comments.count()
            texts = set(tag.answers.values_list("text", flat=True))
            assert texts & {"Per ilgai reikia laukti eilėje.", "Pārāk ilgi jāgaida rindā."}
            assert not texts & {"Sunku prisiskambinti telefonu.", "Grūti sazvanīt pa telefonu."}
            assert not TextTag.objects.filter(survey__municipality__slug=slug, survey__year=2024).exists()
