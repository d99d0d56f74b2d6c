"""Preview as a respondent: the unpublished questions with their checks, in any language, storing nothing."""

from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.surveys.definition import QuestionSpec, QuestionType
from kokybe.surveys.models import Response, SurveyDraft, SurveyReceipt
from kokybe.surveys.services import design
from kokybe.surveys.tests.builders import published_survey, t


def test_a_coordinator_walks_through_the_draft_version_and_nothing_is_stored(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    with scopes_disabled():
        design.question_save(
            actor=world.coordinator,
            survey=survey,
            section_index=0,
            question=QuestionSpec("staff", QuestionType.LIKERT, t("Darbuotojai", "Staff"), required=True),
        )
        events_before = AuditEvent.objects.count()
    client = world.client_for(world.quality)
    start = client.get(reverse("surveys:preview", args=[world.a.slug, survey.pk]) + "?lang=en")
    assert start.status_code == 200
    body = start.content.decode()
    assert "version 2 of the questions, not yet published" in body
    assert "Client survey" in body
    page_url = reverse("surveys:preview_page", args=[world.a.slug, survey.pk, 1])
    first = client.get(page_url)
    assert "Staff" in first.content.decode()  # the draft's new question, in the language chosen
    refused = client.post(page_url, {"action": "next", "lang": "en"})
    assert refused.status_code == 400
    assert set(refused.context["form"].errors) >= {"q-overall", "q-staff"}
    moved = client.post(page_url, {"action": "next", "lang": "en", "q-overall": "4", "q-staff": "5"})
    assert moved.status_code == 302
    assert moved["Location"] == reverse("surveys:preview_page", args=[world.a.slug, survey.pk, 2])
    back = client.get(page_url)
    assert back.context["form"].initial["q-overall"] == "4"  # kept for the way back, in the session
    done = client.post(moved["Location"], {"action": "next", "lang": "en", "q-wrong": "no"}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("surveys:preview_done", args=[world.a.slug, survey.pk])
    assert "Thank you" in done.content.decode()
    with scopes_disabled():
        assert not Response.objects.exists()
        assert not SurveyDraft.objects.exists()
        assert not SurveyReceipt.objects.exists()
        assert AuditEvent.objects.count() == events_before
    again = client.get(reverse("surveys:preview", args=[world.a.slug, survey.pk]) + "?again=1")
    assert again.status_code == 200
    assert "q-overall" not in client.get(page_url).context["form"].initial


def test_the_preview_is_for_those_who_design_the_survey(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    for name, args in (("preview", []), ("preview_page", [1]), ("preview_done", [])):
        url = reverse(f"surveys:{name}", args=[world.a.slug, survey.pk, *args])
        assert world.client_for(world.outsider).get(url).status_code == 404
        assert world.client_for(world.director).get(url).status_code == 403
        assert world.client_for(world.quality).get(url).status_code == 200
    beyond = reverse("surveys:preview_page", args=[world.a.slug, survey.pk, 9])
    assert world.client_for(world.quality).get(beyond).status_code == 404
