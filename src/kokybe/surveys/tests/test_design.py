"""Designing surveys: versions, stable question keys, the built-in template, copies, and who may create what."""

import uuid
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.core.errors import ServiceError
from kokybe.surveys.builtin import CHARTER_DIMENSIONS, KULDIGA_DIMENSIONS, client_satisfaction_template
from kokybe.surveys.definition import QuestionSpec, QuestionType, SurveySpec, questions_of
from kokybe.surveys.models import QualityDimension, Response, Survey, SurveyVersion, VersionStatus
from kokybe.surveys.results import Filters, read_counts
from kokybe.surveys.services import design, responding
from kokybe.surveys.services.tallies import VERSIONS
from kokybe.surveys.tests.builders import published_survey, small_spec, t
from kokybe.surveys.tests.test_answering import PAGE_1, PAGE_2, answer, begin, page_url, thanks_url

NEW_QUESTION = QuestionSpec("staff_kind", QuestionType.LIKERT, t("Darbuotojų malonumas", "Staff kindness"))


@pytest.fixture(autouse=True)
def _fresh_rate_limit(db: None) -> None:
    cache.clear()


def respond(survey: Survey) -> None:
    client = Client()
    begin(client, survey)
    assert answer(client, survey, 1, PAGE_1 | {"q-staff_kind": "5"})["Location"] == page_url(survey, 2)
    assert answer(client, survey, 2, PAGE_2)["Location"] == thanks_url(survey)


def keys_of(version: SurveyVersion) -> list[str]:
    return [question.key for section in version.sections for question in section.questions]


def spec_keys(spec: SurveySpec) -> list[str]:
    return [question.key for question in questions_of(spec)]


def versions(survey: Survey) -> dict[int, str]:
    with scopes_disabled():
        return dict(SurveyVersion.objects.filter(survey=survey).values_list("number", "status"))


# Versions


def test_editing_a_published_survey_opens_version_2_while_respondents_get_version_1(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    with scopes_disabled():
        draft = design.question_save(actor=world.quality, survey=survey, section_index=0, question=NEW_QUESTION)
        again = design.question_remove(actor=world.quality, survey=survey, key="recommend")
        current = responding.current_version(survey)
    assert draft.number == 2
    assert again.pk == draft.pk  # further edits go to the same draft
    assert versions(survey) == {1: VersionStatus.PUBLISHED, 2: VersionStatus.DRAFT}
    assert current.number == 1
    assert "staff_kind" in keys_of(again)
    assert "recommend" not in keys_of(again)
    assert "recommend" in keys_of(current)

    client = Client()
    begin(client, survey)
    page = client.get(page_url(survey, 1)).content.decode()
    assert "Darbuotojų malonumas" not in page
    assert "Rekomenduotumėte?" in page
    respond(survey)
    with scopes_disabled():
        assert {response.version.number for response in Response.objects.filter(survey=survey)} == {1}


def test_publishing_version_2_makes_it_current_and_the_results_count_answers_per_version(world: World) -> None:
    survey = published_survey(world, institution=world.a1, min_group_size=3)
    respond(survey)
    with scopes_disabled():
        design.question_save(actor=world.quality, survey=survey, section_index=0, question=NEW_QUESTION)
        published = design.survey_publish(actor=world.quality, survey=survey, change_note="Naujas klausimas")
        assert responding.current_version(survey).number == 2
    assert published.number == 2
    assert versions(survey) == {1: VersionStatus.SUPERSEDED, 2: VersionStatus.PUBLISHED}

    client = Client()
    begin(client, survey)
    assert "Darbuotojų malonumas" in client.get(page_url(survey, 1)).content.decode()
    respond(survey)
    respond(survey)
    with scopes_disabled():
        counts = read_counts(survey, Filters())
        by_version = {
            number: Response.objects.filter(survey=survey, version__number=number).count() for number in (1, 2)
        }
    assert by_version == {1: 1, 2: 2}
    assert counts[(VERSIONS, "1")][0] == 1
    assert counts[(VERSIONS, "2")][0] == 2
    assert counts[("staff_kind", "5")][0] == 2  # asked in version 2 only

    page = world.client_for(world.director).get(reverse("surveys:results", args=[world.a.slug, survey.pk]))
    assert page.status_code == 200
    assert page.context["versions"] == [(2, 2), (1, 1)]


# Question keys keep their meaning


@pytest.mark.parametrize(
    "changed",
    [
        QuestionSpec("overall", QuestionType.NPS, t("Bendrai", "Overall"), required=True),
        QuestionSpec("overall", QuestionType.LIKERT, t("Bendrai", "Overall"), required=True, scale="agreement"),
    ],
    ids=["another-type", "another-scale"],
)
def test_changing_a_questions_kind_under_the_same_key_is_refused(world: World, changed: QuestionSpec) -> None:
    survey = published_survey(world, institution=world.a1)
    with scopes_disabled():
        with pytest.raises(ServiceError) as refused:
            design.question_save(
                actor=world.quality, survey=survey, section_index=0, question=changed, replacing="overall"
            )
        assert design.draft_version(survey) is None  # nothing was kept, not even the draft
    assert "overall" in refused.value.message
    assert refused.value.field == "type"


def test_a_changed_question_under_a_new_key_is_accepted_and_published(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    renamed = QuestionSpec("overall_nps", QuestionType.NPS, t("Bendrai", "Overall"), required=True)
    with scopes_disabled():
        draft = design.question_save(
            actor=world.quality, survey=survey, section_index=0, question=renamed, replacing="overall"
        )
        assert keys_of(draft)[0] == "overall_nps"
        assert "overall" not in keys_of(draft)
        assert design.survey_publish(actor=world.quality, survey=survey).number == 2


def test_changing_a_questions_kind_in_the_question_form_is_explained_next_to_the_kind(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    url = reverse("surveys:question_edit", args=[world.a.slug, survey.pk, "overall"])
    response = client.post(url, {"key": "overall", "type": "nps", "text_lt": "Bendrai", "required": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_type_error"' in page
    error = page.index('id="id_type_error"')
    assert "overall" in page[error : error + 400]
    with scopes_disabled():
        assert design.draft_version(survey) is None


def test_removing_a_question_another_depends_on_is_refused(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    with scopes_disabled():
        with pytest.raises(ServiceError) as refused:
            design.question_remove(actor=world.quality, survey=survey, key="wrong")
        assert "wrong_what" in refused.value.message
        assert design.draft_version(survey) is None
        # Once nothing depends on it, it goes.
        design.question_remove(actor=world.quality, survey=survey, key="wrong_what")
        draft = design.question_remove(actor=world.quality, survey=survey, key="wrong")
    assert "wrong" not in keys_of(draft)
    assert "wrong_what" not in keys_of(draft)


def test_spec_problems_name_a_missing_main_language_text_and_an_unknown_dimension() -> None:
    codes = {spec.code for spec in KULDIGA_DIMENSIONS + CHARTER_DIMENSIONS}
    assert design.spec_problems(small_spec(), codes) == []
    spec = small_spec()
    overall, access = spec.sections[0].questions[:2]
    overall.text = {"en": "Overall"}  # the main language is lt
    access.dimension = "kuldiga.no_such_thing"
    with translation.override("en"):
        problems = design.spec_problems(spec, codes)
    assert len(problems) == 2
    assert any("overall" in problem and "main language" in problem for problem in problems)
    assert any("access" in problem and "quality dimension" in problem for problem in problems)


def test_a_survey_with_problems_is_not_published(world: World) -> None:
    spec = small_spec()
    spec.sections[0].questions[1].dimension = "kuldiga.no_such_thing"
    with pytest.raises(ServiceError) as refused:
        published_survey(world, institution=world.a1, spec=spec)
    assert "access" in refused.value.message


# Creating


def create_url(world: World) -> str:
    return reverse("surveys:create", args=[world.a.slug])


def create(client: Client, world: World, **data: Any) -> Any:
    return client.post(
        create_url(world),
        {"year": "2026", "main_language": "lt", "institution": "", "submission_key": str(uuid.uuid4()), **data},
    )


def new_surveys(before: set[int]) -> list[Survey]:
    with scopes_disabled():
        return list(Survey.objects.exclude(pk__in=before))


def existing() -> set[int]:
    with scopes_disabled():
        return set(Survey.objects.values_list("pk", flat=True))


def test_creating_from_the_template_adds_the_dimensions_and_the_templates_questions(world: World) -> None:
    with scopes_disabled():
        assert not QualityDimension.objects.filter(municipality=world.a).exists()
    before = existing()
    response = create(world.client_for(world.coordinator), world, start="client-satisfaction")
    assert response.status_code == 302
    [survey] = new_surveys(before)
    assert response["Location"] == reverse("surveys:detail", args=[world.a.slug, survey.pk])
    with scopes_disabled():
        codes = set(QualityDimension.objects.filter(municipality=world.a).values_list("code", flat=True))
        [version] = SurveyVersion.objects.filter(survey=survey)
    assert codes == {spec.code for spec in KULDIGA_DIMENSIONS + CHARTER_DIMENSIONS}
    assert keys_of(version) == spec_keys(client_satisfaction_template())
    assert version.number == 1
    assert version.status == VersionStatus.DRAFT
    assert survey.series == "client-satisfaction"
    assert survey.institution is None
    assert survey.year == 2026
    # Every question the template uses a dimension for finds it: the survey can be published as it is.
    with scopes_disabled():
        assert design.survey_publish(actor=world.coordinator, survey=survey).number == 1


def test_a_copy_keeps_the_question_keys_of_the_published_version(world: World) -> None:
    source = published_survey(world, institution=world.a1, year=2025)
    with scopes_disabled():
        # An unpublished edit of the source is not what gets copied.
        design.question_save(actor=world.coordinator, survey=source, section_index=0, question=NEW_QUESTION)
    before = existing()
    response = create(world.client_for(world.coordinator), world, start="copy", copy_from=str(source.pk))
    assert response.status_code == 302
    [copy] = new_surveys(before)
    with scopes_disabled():
        [version] = SurveyVersion.objects.filter(survey=copy)
    assert keys_of(version) == spec_keys(small_spec())
    assert copy.series == source.series
    assert copy.public_code != source.public_code
    assert copy.year == 2026


def test_an_institution_bound_quality_coordinator_cannot_create_a_municipality_wide_survey(world: World) -> None:
    client = world.client_for(world.quality)
    before = existing()
    refused = create(client, world, start="client-satisfaction")
    page = refused.content.decode()
    assert refused.status_code == 200
    assert 'id="id_institution_error"' in page
    assert new_surveys(before) == []
    # Another institution is not theirs either.
    assert create(client, world, start="client-satisfaction", institution=str(world.a2.pk)).status_code == 200
    assert new_surveys(before) == []
    # Their own institution is.
    assert create(client, world, start="client-satisfaction", institution=str(world.a1.pk)).status_code == 302
    [survey] = new_surveys(before)
    assert survey.institution_id == world.a1.pk


def test_an_institution_bound_quality_coordinator_gets_403_on_a_municipality_wide_surveys_settings(
    world: World,
) -> None:
    whole = published_survey(world)
    own = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    assert client.get(reverse("surveys:settings", args=[world.a.slug, whole.pk])).status_code == 403
    assert client.post(reverse("surveys:settings", args=[world.a.slug, whole.pk]), {"year": "2030"}).status_code == 403
    assert client.get(reverse("surveys:settings", args=[world.a.slug, own.pk])).status_code == 200
    assert (
        world.client_for(world.coordinator).get(reverse("surveys:settings", args=[world.a.slug, whole.pk])).status_code
        == 200
    )
