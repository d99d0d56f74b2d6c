"""The respondent's journey through the public pages (/s/<code>/...) and staff typing in paper forms."""

import re
import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.core.errors import ServiceError
from kokybe.surveys import protection
from kokybe.surveys.definition import DONT_KNOW
from kokybe.surveys.models import Channel, Response, Survey, SurveyDraft, SurveyReceipt, TextAnswer
from kokybe.surveys.results import Filters, read_counts
from kokybe.surveys.services import design, responding
from kokybe.surveys.services.tallies import RESPONDENTS
from kokybe.surveys.tests.builders import published_survey, small_spec

# What a respondent types, as the browser posts it, page by page (see builders.small_spec).
PAGE_1: dict[str, Any] = {
    "q-overall": "4",
    "q-access": DONT_KNOW,
    "q-charter.respect": "5",
    "q-charter.speed": "3",
    "q-recommend": "9",
}
PAGE_2: dict[str, Any] = {
    "q-service": "other",
    "q-service--other": "Maitinimas",
    "q-learned": ["web", "other"],
    "q-learned--other": "Laikraštis",
    "q-years": "12",
    "q-wrong": "yes",
    "q-wrong_what": "Vėlavo atvykti",
    "q-name_it": "Gerai",
}
# The same answers as the platform stores them.
STORED = {
    "overall": 4,
    "access": DONT_KNOW,
    "charter.respect": 5,
    "charter.speed": 3,
    "recommend": 9,
    "service": "other",
    "learned": ["web", "other"],
    "years": "12",
    "wrong": "yes",
}
STORED_TEXTS = {
    "service": "Maitinimas",
    "learned": "Laikraštis",
    "wrong_what": "Vėlavo atvykti",
    "name_it": "Gerai",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limit(db: None) -> None:
    cache.clear()


def started(seconds_ago: float = 10) -> str:
    """The signed time the start page was shown, as its hidden field carries it."""
    return signing.dumps(time.time() - seconds_ago, salt=protection.SALT)


def start_url(survey: Survey) -> str:
    return reverse("survey_public:start", args=[survey.public_code])


def page_url(survey: Survey, number: int) -> str:
    return reverse("survey_public:page", args=[survey.public_code, number])


def thanks_url(survey: Survey, language: str = "lt") -> str:
    return reverse("survey_public:thanks", args=[survey.public_code]) + f"?lang={language}"


def lt(message: str) -> str:
    """The interface's message as a Lithuanian respondent reads it."""
    with translation.override("lt"):
        return translation.gettext(message)


def begin(client: Client, survey: Survey, **data: Any) -> Any:
    """Press Start on the first page (after a human's pause)."""
    return client.post(start_url(survey), {"started": started(), "lang": "lt", **data})


def token_of(client: Client, survey: Survey) -> str:
    return client.cookies[f"kokybe_survey_{survey.public_code}"].value


def answer(client: Client, survey: Survey, number: int, data: dict[str, Any], action: str = "next") -> Any:
    return client.post(page_url(survey, number), {**data, "action": action})


def answer_everything(client: Client, survey: Survey, page_2: dict[str, Any] | None = None) -> Any:
    assert answer(client, survey, 1, PAGE_1)["Location"] == page_url(survey, 2)
    return answer(client, survey, 2, PAGE_2 if page_2 is None else page_2)


def responses(survey: Survey) -> list[Response]:
    with scopes_disabled():
        return list(Response.objects.filter(survey=survey).select_related("version"))


def texts_of(response: Response) -> dict[str, str]:
    with scopes_disabled():
        return dict(TextAnswer.objects.filter(response=response).values_list("item", "text"))


def drafts(survey: Survey) -> int:
    with scopes_disabled():
        return SurveyDraft.objects.filter(survey=survey).count()


def checked(page: str, name: str, value: str) -> bool:
    """Whether the radio button or checkbox `name`=`value` is ticked in the page."""
    pattern = rf'<input[^>]*name="{re.escape(name)}"[^>]*value="{re.escape(value)}"[^>]*>'
    found = re.search(pattern, page)
    assert found is not None, f"no input {name}={value}"
    return found.group(0).rstrip(">").endswith(" checked")


# The whole journey


def test_a_respondent_answers_an_institution_survey_from_the_first_page_to_the_thanks(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = Client()
    first = client.get(start_url(survey))
    assert first.status_code == 200
    assert "Klientų apklausa" in first.content.decode()
    assert 'name="institution"' not in first.content.decode()  # the survey names its institution

    begun = begin(client, survey)
    assert begun.status_code == 302
    assert begun["Location"] == page_url(survey, 1)
    page_1 = client.get(page_url(survey, 1))
    assert page_1.status_code == 200
    assert "Bendrai" in page_1.content.decode()

    sent = answer_everything(client, survey)
    assert sent.status_code == 302
    assert sent["Location"] == thanks_url(survey)
    assert client.get(thanks_url(survey)).status_code == 200

    [response] = responses(survey)
    assert response.answers == STORED
    assert texts_of(response) == STORED_TEXTS
    assert response.institution_id == world.a1.pk
    assert response.channel == Channel.WEB
    assert response.language == "lt"
    assert response.version.number == 1
    assert response.submitted_on == timezone.localdate()
    with scopes_disabled():
        assert read_counts(survey, Filters())[(RESPONDENTS, "")][0] == 1


def test_in_a_municipality_wide_survey_the_respondent_picks_the_institution(world: World) -> None:
    survey = published_survey(world)
    client = Client()
    page = client.get(start_url(survey)).content.decode()
    assert "A1 centras" in page
    assert "A2 globos namai" in page
    assert "B1 centrs" not in page  # another municipality's institution is never offered

    assert begin(client, survey, institution="a2", client_group="older_people").status_code == 302
    answer_everything(client, survey)

    [response] = responses(survey)
    assert response.institution_id == world.a2.pk
    assert response.client_group == "older_people"


def test_the_institution_link_of_a_municipality_wide_survey_preselects_the_institution(world: World) -> None:
    survey = published_survey(world)
    page = Client().get(reverse("survey_public:start_at", args=[survey.public_code, "a2"])).content.decode()
    assert checked(page, "institution", "a2")
    assert not checked(page, "institution", "a1")


def test_without_an_institution_the_start_page_says_so_next_to_the_field_and_stores_nothing(world: World) -> None:
    survey = published_survey(world)
    client = Client()
    response = begin(client, survey, client_group="older_people")
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="institution-error"' in page
    assert 'aria-describedby="institution-error"' in page
    error = page.index('id="institution-error"')
    assert lt("Choose the institution your answers are about.") in page[error : error + 300]
    assert checked(page, "client_group", "older_people")  # what was chosen is kept
    assert drafts(survey) == 0
    assert f"kokybe_survey_{survey.public_code}" not in client.cookies
    # An institution of another municipality is no better than none.
    assert begin(client, survey, institution="b1").status_code == 400
    assert drafts(survey) == 0


# Errors, show-if


def test_a_required_question_left_empty_is_explained_next_to_it_and_the_typed_answers_are_kept(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = Client()
    begin(client, survey)
    partial = {key: value for key, value in PAGE_1.items() if key != "q-overall"} | {"q-access": "3"}
    response = answer(client, survey, 1, partial)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_q-overall_error"' in page
    error = page.index('id="id_q-overall_error"')
    assert lt("Answer this question, please") in page[error : error + 200]
    assert 'href="#id_q-overall_0"' in page  # the error summary links to the field
    assert checked(page, "q-access", "3")
    assert checked(page, "q-charter.respect", "5")
    assert checked(page, "q-charter.speed", "3")
    assert checked(page, "q-recommend", "9")
    assert not any(checked(page, "q-overall", str(score)) for score in range(1, 6))
    assert responses(survey) == []


def test_skipping_a_required_question_by_address_sends_the_respondent_back_to_it(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = Client()
    begin(client, survey)
    response = answer(client, survey, 2, PAGE_2)  # page 1 never answered
    assert response.status_code == 302
    assert response["Location"] == page_url(survey, 1)
    assert responses(survey) == []


def test_the_answer_to_a_question_whose_condition_is_not_met_is_dropped(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = Client()
    begin(client, survey)
    # The text box was filled in, then "no" chosen: the browser still sends the text.
    answer_everything(client, survey, PAGE_2 | {"q-wrong": "no"})
    [response] = responses(survey)
    assert response.answers["wrong"] == "no"
    assert "wrong_what" not in response.answers
    assert "wrong_what" not in texts_of(response)
    with scopes_disabled():
        counts = read_counts(survey, Filters())
    assert ("wrong_what", "") not in counts


def test_an_answer_saved_earlier_is_dropped_when_the_condition_is_no_longer_met(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = Client()
    begin(client, survey)
    answer(client, survey, 1, PAGE_1)
    assert answer(client, survey, 2, PAGE_2, action="later").status_code == 302
    with scopes_disabled():
        assert SurveyDraft.objects.get(survey=survey).texts["wrong_what"] == "Vėlavo atvykti"
    later = {key: value for key, value in PAGE_2.items() if key != "q-wrong_what"} | {"q-wrong": "no"}
    assert answer(client, survey, 2, later)["Location"] == thanks_url(survey)
    [response] = responses(survey)
    assert "wrong_what" not in texts_of(response)


# Save and finish later


def test_save_and_finish_later_then_continue_on_the_same_device_by_the_cookie(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = Client()
    begin(client, survey)
    saved = answer(client, survey, 1, {"q-overall": "2", "q-recommend": "7"}, action="later")
    assert saved["Location"] == reverse("survey_public:saved", args=[survey.public_code])
    assert client.get(saved["Location"]).status_code == 200

    back = client.get(start_url(survey)).content.decode()
    assert lt("Continue where I left off") in back
    assert f'href="{page_url(survey, 1)}"' in back
    page = client.get(page_url(survey, 1)).content.decode()
    assert checked(page, "q-overall", "2")
    assert checked(page, "q-recommend", "7")

    answer(client, survey, 1, {"q-overall": "2", "q-recommend": "7"})
    answer(client, survey, 2, {"q-wrong": "no"})
    [response] = responses(survey)
    assert response.answers == {"overall": 2, "recommend": 7, "wrong": "no"}


def test_save_and_finish_later_then_continue_on_another_device_by_the_link(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    phone = Client()
    begin(phone, survey)
    answer(phone, survey, 1, PAGE_1)
    answer(phone, survey, 2, {"q-service": "home", "q-years": "3"}, action="later")
    saved = phone.get(reverse("survey_public:saved", args=[survey.public_code])).content.decode()
    link = re.search(r'href="(http://testserver/s/[^"]+/resume/\?t=[^"]+)"', saved)
    assert link is not None

    computer = Client()
    resumed = computer.get(link.group(1).removeprefix("http://testserver"))
    assert resumed.status_code == 302
    assert resumed["Location"] == page_url(survey, 2)  # where the respondent left off
    page = computer.get(page_url(survey, 2)).content.decode()
    assert checked(page, "q-service", "home")
    assert 'value="3"' in page

    answer(computer, survey, 2, {"q-service": "home", "q-years": "3", "q-wrong": "no"})
    [response] = responses(survey)
    assert response.answers["service"] == "home"
    assert response.answers["overall"] == 4  # page 1, answered on the phone
    # A made-up link finds nothing.
    assert Client().get(reverse("survey_public:resume", args=[survey.public_code]) + "?t=nonsense")[
        "Location"
    ] == start_url(survey)


def test_an_expired_or_missing_csrf_token_does_not_lose_the_answers(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = Client(enforce_csrf_checks=True)
    assert begin(client, survey).status_code == 302
    assert answer(client, survey, 1, PAGE_1, action="later").status_code == 302
    assert answer(client, survey, 1, PAGE_1).status_code == 302
    assert answer(client, survey, 2, PAGE_2)["Location"] == thanks_url(survey)
    assert len(responses(survey)) == 1
    # The check is on: the same client is refused on a staff form.
    client.force_login(world.quality)
    staff = client.post(reverse("surveys:enter", args=[world.a.slug, survey.pk]), {"channel": "paper"})
    assert staff.status_code == 403


# Sent once


def test_sending_the_last_page_twice_or_after_the_thanks_stores_one_response(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = Client()
    begin(client, survey)
    token = token_of(client, survey)
    answer(client, survey, 1, PAGE_1)
    last = PAGE_2 | {"t": token}  # the page's hidden field carries the token too
    first = answer(client, survey, 2, last)
    second = answer(client, survey, 2, last)
    assert first["Location"] == second["Location"] == thanks_url(survey)
    assert client.get(thanks_url(survey)).status_code == 200
    third = answer(client, survey, 2, last)
    assert third["Location"] == thanks_url(survey)
    assert len(responses(survey)) == 1
    with scopes_disabled():
        assert SurveyReceipt.objects.filter(survey=survey).count() == 1
        assert read_counts(survey, Filters())[(RESPONDENTS, "")][0] == 1


def test_a_twin_submission_of_the_same_draft_is_recognised(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = Client()
    begin(client, survey)
    answer(client, survey, 1, PAGE_1, action="later")
    token = token_of(client, survey)
    with scopes_disabled():
        assert responding.response_submit(survey=survey, token=token) is True
        assert responding.response_submit(survey=survey, token=token) is False
    assert len(responses(survey)) == 1


def test_a_double_click_that_loses_the_race_lands_on_the_thanks_page(world: World, monkeypatch: Any) -> None:
    """The second click read the draft just before the first one sent and deleted it."""
    survey = published_survey(world, institution=world.a1)
    client = Client()
    begin(client, survey)
    answer(client, survey, 1, PAGE_1)
    token = token_of(client, survey)
    with scopes_disabled():
        stale = responding.draft_find(survey, token)
        assert responding.response_submit(survey=survey, token=token) is True
    monkeypatch.setattr(responding, "draft_find", lambda survey, token: stale)
    assert answer(client, survey, 2, PAGE_2)["Location"] == thanks_url(survey)
    assert len(responses(survey)) == 1


# Bots and floods


@pytest.mark.parametrize(
    "trap",
    [
        {"website": "http://spam.example"},
        {"started": "NOW"},
        {"started": "forged"},
    ],
    ids=["honeypot", "too-quick", "forged-time"],
)
def test_a_filled_honeypot_or_a_too_quick_start_stores_nothing_and_shows_the_choices_again(
    world: World, trap: dict[str, str]
) -> None:
    survey = published_survey(world)
    client = Client()
    if trap.get("started") == "NOW":
        trap = {"started": started(seconds_ago=0)}  # made here: a time made at collection would have aged
    data = {"started": started(), "lang": "lt", "institution": "a2", "client_group": "older_people"} | trap
    response = client.post(start_url(survey), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert str(protection.SLOW_DOWN) in page
    assert checked(page, "institution", "a2")
    assert checked(page, "client_group", "older_people")
    assert drafts(survey) == 0
    assert f"kokybe_survey_{survey.public_code}" not in client.cookies
    # The page carries a fresh time; a person who presses the button again a moment later gets in.
    assert re.search(r'name="started" value="[^"]+"', page)
    assert client.post(start_url(survey), data | {"website": "", "started": started()}).status_code == 302
    assert drafts(survey) == 1


def test_the_third_start_in_an_hour_from_one_address_is_refused(world: World, settings: Any) -> None:
    settings.KOKYBE_SURVEY_STARTS_PER_HOUR = 2
    survey = published_survey(world, institution=world.a1)
    assert begin(Client(), survey).status_code == 302
    assert begin(Client(), survey).status_code == 302
    third = begin(Client(), survey)
    assert third.status_code == 429
    assert drafts(survey) == 2
    # Another address is not held back by this one.
    assert begin(Client(REMOTE_ADDR="198.51.100.9"), survey).status_code == 302


# When answers are not accepted


def test_a_closed_survey_accepts_nothing(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    waiting = Client()
    begin(waiting, survey)
    answer(waiting, survey, 1, PAGE_1)
    with scopes_disabled():
        design.survey_close(actor=world.coordinator, survey=survey)

    page = Client().get(start_url(survey))
    assert page.status_code == 200
    assert lt("The survey is closed. Thank you for your interest.") in page.content.decode()
    assert 'name="started"' not in page.content.decode()
    assert begin(Client(), survey).status_code == 400
    assert drafts(survey) == 1  # only the one begun before closing

    late = answer(waiting, survey, 2, PAGE_2)
    assert late.status_code == 302
    assert late["Location"] != thanks_url(survey)
    assert responses(survey) == []
    with scopes_disabled():
        assert SurveyReceipt.objects.filter(survey=survey).count() == 0


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(1, None, "The survey opens on %(date)s."), (-10, -1, "The survey is closed. Thank you for your interest.")],
    ids=["not-yet-open", "past-closing"],
)
def test_a_survey_outside_its_dates_accepts_nothing(world: World, opens: int, closes: int | None, message: str) -> None:
    today = timezone.localdate()
    survey = published_survey(
        world,
        institution=world.a1,
        opens_on=today + timedelta(days=opens),
        closes_on=None if closes is None else today + timedelta(days=closes),
    )
    page = Client().get(start_url(survey)).content.decode()
    assert lt(message).split("%(")[0] in page
    assert begin(Client(), survey).status_code == 400
    assert drafts(survey) == 0
    assert responses(survey) == []


def test_a_survey_not_yet_published_is_not_found(world: World) -> None:
    with scopes_disabled():
        survey = design.survey_create(actor=world.coordinator, municipality=world.a, spec=small_spec(), year=2025)
    assert Client().get(start_url(survey)).status_code == 404


# Languages


def lv_spec() -> Any:
    spec = small_spec()
    spec.title = spec.title | {"lv": "Klientu aptauja"}
    overall = spec.sections[0].questions[0]
    overall.text = overall.text | {"lv": "Kopumā"}
    return spec  # "access" and everything else have no Latvian text


def test_the_language_switch_shows_latvian_or_english_text_and_falls_back_to_lithuanian(world: World) -> None:
    survey = published_survey(world, institution=world.a1, spec=lv_spec())
    client = Client()
    latvian = client.get(start_url(survey) + "?lang=lv")
    assert latvian["Content-Language"] == "lv"
    assert '<html lang="lv"' in latvian.content.decode()
    assert "Klientu aptauja" in latvian.content.decode()
    english = client.get(start_url(survey) + "?lang=en")
    assert "Client survey" in english.content.decode()
    assert "Klientų apklausa" in client.get(start_url(survey)).content.decode()  # the main language by default

    client.post(start_url(survey), {"started": started(), "lang": "lv"})
    page = client.get(page_url(survey, 1)).content.decode()
    assert "Kopumā" in page
    assert "Prieinamumas" in page  # no Latvian text: the survey's main language
    assert "Bendrai" not in page
    page_en = client.get(page_url(survey, 1) + "?lang=en").content.decode()
    assert "Overall" in page_en
    assert "Access" in page_en
    assert "Kopumā" not in page_en

    client.post(page_url(survey, 1) + "?lang=lv", {**PAGE_1, "action": "next"})
    client.post(page_url(survey, 2), {**PAGE_2, "action": "next"})
    [response] = responses(survey)
    assert response.language == "lv"


def test_the_thanks_page_is_in_the_language_the_respondent_answered_in(world: World) -> None:
    spec = lv_spec()
    spec.thanks = {"lt": "Ačiū už atsakymus", "lv": "Paldies par atbildēm"}
    survey = published_survey(world, institution=world.a1, spec=spec)
    client = Client()
    client.post(start_url(survey), {"started": started(), "lang": "lv"})
    answer(client, survey, 1, PAGE_1)
    thanks = client.post(page_url(survey, 2), {**PAGE_2, "action": "next"}, follow=True)
    assert thanks.redirect_chain[-1][0] == thanks_url(survey, "lv")
    assert "Paldies par atbildēm" in thanks.content.decode()
    assert thanks["Content-Language"] == "lv"


# Paper forms typed in by staff


def enter_url(world: World, survey: Survey) -> str:
    return reverse("surveys:enter", args=[world.a.slug, survey.pk])


def paper(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "channel": "paper",
        "submitted_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "language": "lt",
        "institution": str(world.a1.pk),
        "client_group": "",
        "submission_key": str(uuid.uuid4()),
        **PAGE_1,
        "q-wrong": "no",
        **changes,
    }


def test_a_quality_coordinator_types_in_a_paper_form(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    assert client.get(enter_url(world, survey)).status_code == 200
    data = paper(world)
    response = client.post(enter_url(world, survey), data)
    assert response.status_code == 302
    assert response["Location"] == enter_url(world, survey)
    [stored] = responses(survey)
    assert stored.channel == Channel.PAPER
    assert stored.submitted_on == timezone.localdate() - timedelta(days=3)
    assert stored.institution_id == world.a1.pk
    assert stored.answers["overall"] == 4
    assert stored.answers["charter.respect"] == 5


def test_a_paper_form_sent_twice_with_one_submission_key_is_stored_once(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    data = paper(world)
    first = client.post(enter_url(world, survey), data)
    second = client.post(enter_url(world, survey), data)
    assert first.status_code == second.status_code == 302
    assert len(responses(survey)) == 1
    client.post(enter_url(world, survey), data | {"submission_key": str(uuid.uuid4())})
    assert len(responses(survey)) == 2  # the next paper form, with its own key


def test_a_paper_form_dated_in_the_future_is_refused_next_to_the_date(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(enter_url(world, survey), paper(world, submitted_on=tomorrow))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_submitted_on_error"' in page
    error = page.index('id="id_submitted_on_error"')
    assert lt("The date cannot be in the future.") in page[error : error + 200]
    assert checked(page, "q-overall", "4")  # the typed answers are kept
    assert responses(survey) == []


def test_the_service_itself_refuses_a_future_date_next_to_the_date(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    with scopes_disabled(), pytest.raises(ServiceError) as refused:
        responding.response_enter(
            actor=world.quality,
            survey=survey,
            answers={"overall": 4},
            texts={},
            channel=Channel.PAPER,
            language="lt",
            institution=world.a1,
            client_group="",
            submitted_on=timezone.localdate() + timedelta(days=1),
        )
    assert refused.value.field == "submitted_on"
    assert responses(survey) == []


def test_paper_entry_is_404_for_a_member_of_another_municipality(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.outsider)
    assert client.get(enter_url(world, survey)).status_code == 404
    assert client.post(enter_url(world, survey), paper(world)).status_code == 404
    assert responses(survey) == []
