"""Earlier years from LimeSurvey through the pages: the survey from its .lss file, then its responses (CSV).

The fixtures are those of test_limesurvey: a client-satisfaction survey of 2023 whose response
export has eight rows, one of them never sent.
"""

import datetime
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent
from kokybe.surveys.definition import questions_of
from kokybe.surveys.models import Channel, Response, Survey, SurveyStatus, TextAnswer, VersionStatus
from kokybe.surveys.results import Filters, read_counts, respondents
from kokybe.surveys.services import design
from kokybe.surveys.services.importing import limesurvey_ref

DATA = Path(__file__).parent / "data" / "limesurvey"
KEYS = ["Q01", "Q02", "Q03", "Q04", "Q05", "Q06", "Q07", "Q08", "Q09", "Q10", "Q12"]  # Q11, a ranking, is skipped
SENT = 7  # of the CSV's eight rows, one (id 3) was never sent


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def survey_url(world: World) -> str:
    return reverse("surveys:import_limesurvey", args=[world.a.slug])


def responses_url(world: World, survey: Survey) -> str:
    return reverse("surveys:import_limesurvey_responses", args=[world.a.slug, survey.pk])


def post_survey(client: Client, world: World, action: str = "import", **changes: Any) -> Any:
    data = {
        "file": SimpleUploadedFile("apklausa.lss", fixture("client_satisfaction_ls6.lss")),
        "year": "2023",
        "institution": str(world.a1.pk),
        "series": "client-satisfaction",
        "is_anonymous": "on",
        "action": action,
        "submission_key": str(uuid.uuid4()),
        **changes,
    }
    return client.post(survey_url(world), data)


def post_responses(client: Client, world: World, survey: Survey, action: str = "import", **changes: Any) -> Any:
    data = {
        "file": SimpleUploadedFile("responses.csv", fixture("client_satisfaction_responses.csv")),
        "action": action,
        "submission_key": str(uuid.uuid4()),
        **changes,
    }
    return client.post(responses_url(world, survey), data)


def surveys(world: World) -> list[Survey]:
    with scopes_disabled():
        return list(Survey.objects.filter(municipality=world.a))


def imported_survey(world: World, **changes: Any) -> Survey:
    response = post_survey(world.client_for(world.coordinator), world, **changes)
    assert response.status_code == 302, response.content.decode()
    [survey] = surveys(world)
    assert response["Location"] == responses_url(world, survey)
    return survey


def stored(survey: Survey) -> list[Response]:
    with scopes_disabled():
        return list(Response.objects.filter(survey=survey).order_by("source_ref"))


def events(survey: Survey, action: str) -> list[AuditEvent]:
    with scopes_disabled():
        return list(AuditEvent.objects.filter(action=action, object_id=str(survey.pk)))


@pytest.fixture(autouse=True)
def _english_pages(world: World) -> None:
    """The pages in their source language, so the checks below read the same once they are translated."""
    User.objects.update(language="en")


# The survey


def test_an_lss_file_becomes_a_published_survey_closed_as_a_past_year(world: World) -> None:
    survey = imported_survey(world)

    with scopes_disabled():
        version = design.published_version(survey)
        assert version is not None
        assert [q.key for q in questions_of(survey.spec(version))] == KEYS
        assert version.number == 1
        assert version.status == VersionStatus.PUBLISHED
        assert survey.versions.count() == 1
    assert survey.title["lt"] == "Klientų pasitenkinimo apklausa 2023"
    assert (survey.year, survey.institution_id, survey.series, survey.main_language) == (
        2023,
        world.a1.pk,
        "client-satisfaction",
        "lt",
    )
    assert survey.is_anonymous is True
    assert survey.status == SurveyStatus.CLOSED  # 2023 is over: its public link takes no answers
    assert [e.actor for e in events(survey, "survey.create")] == [world.coordinator]
    assert len(events(survey, "survey.publish")) == len(events(survey, "survey.close")) == 1


def test_a_survey_of_this_year_stays_open(world: World) -> None:
    survey = imported_survey(world, year=str(timezone.localdate().year), title="Šių metų apklausa")

    assert survey.status == SurveyStatus.OPEN
    assert survey.title["lt"] == "Šių metų apklausa"


def test_the_warnings_are_shown_and_checking_creates_nothing(world: World) -> None:
    client = world.client_for(world.coordinator)

    response = post_survey(client, world, action="check")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Question Q11 (ranking) was skipped: this question type cannot be imported." in page
    assert "11 questions found" in page
    assert surveys(world) == []
    # On creating, the warnings go along to the next page.
    post_survey(client, world)
    follow = client.get(responses_url(world, surveys(world)[0]))
    assert "Question Q11 (ranking) was skipped" in follow.content.decode()


def test_a_broken_lss_file_is_refused_next_to_the_field(world: World) -> None:
    client = world.client_for(world.coordinator)
    for name, data, message in [
        ("apklausa.lss", b"<document><broken>", "not valid XML"),
        ("apklausa.lss", fixture("client_satisfaction_responses.csv"), "not valid XML"),
        ("apklausa.docx", fixture("client_satisfaction_ls6.lss"), "Choose a file ending in .lss."),
    ]:
        response = post_survey(client, world, file=SimpleUploadedFile(name, data))
        assert response.status_code == 400
        page = response.content.decode()
        error = page.index('id="id_file_error"')
        assert message in page[error : error + 300], name
    assert surveys(world) == []


def test_a_file_over_the_size_limit_is_refused(world: World) -> None:
    big = SimpleUploadedFile("apklausa.lss", b"x" * (10 * 1024 * 1024 + 1))
    response = post_survey(world.client_for(world.coordinator), world, file=big)
    assert response.status_code == 400
    assert "larger than 10 MB" in response.content.decode()


# The responses


def test_the_responses_are_imported_once_with_their_tallies_and_one_audit_event(world: World) -> None:
    survey = imported_survey(world)
    client = world.client_for(world.coordinator)

    check = post_responses(client, world, survey, action="check")
    page = check.content.decode()
    assert check.status_code == 200
    assert f"{SENT} responses can be imported." in page
    assert "1 incomplete response is left out." in page
    assert "Row 6: Q01 has the value &#x27;6&#x27;, which is not one of the answers" in page
    assert stored(survey) == []

    imported = post_responses(client, world, survey)
    assert imported.status_code == 302
    rows = stored(survey)
    assert len(rows) == SENT
    assert {r.channel for r in rows} == {Channel.IMPORTED}
    assert {r.institution_id for r in rows} == {world.a1.pk}
    # LimeSurvey's id is kept only as a keyed hash: it must not lead back to LimeSurvey's own row
    assert all(r.source_ref.startswith("limesurvey:") and len(r.source_ref) == 59 for r in rows)
    first = next(r for r in rows if r.source_ref == limesurvey_ref(survey, "1"))
    assert first.submitted_on == datetime.date(2023, 5, 2)
    assert first.answers["Q09"] == "12"  # numbers are kept as text, as staff entry keeps them
    assert first.answers["Q06.SQ001"] == 5
    with scopes_disabled():
        assert TextAnswer.objects.filter(survey=survey).count() == 10
        counts = read_counts(survey, Filters())
    assert respondents(counts) == SENT
    assert counts[("Q01", "5")][0] == 2
    [event] = events(survey, "survey.responses_import")
    assert event.changes["responses"]["to"] == SENT
    assert event.actor is None  # anonymous: no author, the day only

    again = client.post(
        responses_url(world, survey),
        {
            "file": SimpleUploadedFile("responses.csv", fixture("client_satisfaction_responses.csv")),
            "action": "import",
            "submission_key": str(uuid.uuid4()),
        },
        follow=True,
    )
    assert f"0 responses imported. {SENT} had been imported before and were left out." in again.content.decode()
    assert len(stored(survey)) == SENT
    assert len(events(survey, "survey.responses_import")) == 1


def test_incomplete_responses_may_be_included(world: World) -> None:
    survey = imported_survey(world)
    client = world.client_for(world.coordinator)
    post_responses(client, world, survey)

    post_responses(client, world, survey, include_incomplete="on")

    assert len(stored(survey)) == SENT + 1  # only the one left out before is added


def test_a_municipality_wide_survey_takes_the_institution_chosen_or_none(world: World) -> None:
    survey = imported_survey(world, institution="")
    client = world.client_for(world.coordinator)
    assert survey.institution is None

    post_responses(client, world, survey, institution=str(world.a2.pk))

    assert {r.institution_id for r in stored(survey)} == {world.a2.pk}


def test_a_file_that_is_not_this_surveys_export_is_refused(world: World) -> None:
    survey = imported_survey(world)
    client = world.client_for(world.coordinator)

    response = post_responses(
        client, world, survey, file=SimpleUploadedFile("other.csv", b"id,submitdate,Klausimas\n1,2023-01-01,5\n")
    )

    assert response.status_code == 400
    assert "None of the file" in response.content.decode()
    assert stored(survey) == []


# Who may


def test_the_limesurvey_pages_are_404_for_a_member_of_another_municipality(world: World) -> None:
    survey = imported_survey(world)
    client = world.client_for(world.outsider)

    assert client.get(survey_url(world)).status_code == 404
    assert post_survey(client, world).status_code == 404
    assert client.get(responses_url(world, survey)).status_code == 404
    assert post_responses(client, world, survey).status_code == 404
    assert len(surveys(world)) == 1
    assert stored(survey) == []


def test_only_those_who_manage_surveys_import_them(world: World) -> None:
    survey = imported_survey(world, institution="")
    assert world.client_for(world.director).get(survey_url(world)).status_code == 403
    # A municipality-wide survey is managed by municipality-wide roles only.
    assert world.client_for(world.quality).get(responses_url(world, survey)).status_code == 403
    assert world.client_for(world.quality).get(survey_url(world)).status_code == 200
