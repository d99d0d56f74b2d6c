"""Anonymous answers carry no link to a person: not in the tables, not in the audit trail, not in the logs."""

import datetime
import json
import logging
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Model
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.core.errors import ServiceError
from kokybe.surveys.models import (
    Response,
    Survey,
    SurveyDraft,
    SurveyReceipt,
    Tally,
    TextAnswer,
)
from kokybe.surveys.services import design, invitations, responding
from kokybe.surveys.tests.builders import published_survey
from kokybe.surveys.tests.test_answering import (
    PAGE_1,
    PAGE_2,
    answer,
    answer_everything,
    begin,
    page_url,
    start_url,
    thanks_url,
    token_of,
)

ADDRESS = "203.0.113.77"
AGENT = "Bot/1.0"


@pytest.fixture(autouse=True)
def _fresh_rate_limit(db: None) -> None:
    cache.clear()


def respond(survey: Survey, client: Client | None = None) -> Client:
    client = client or Client()
    begin(client, survey)
    assert answer_everything(client, survey)["Location"] == thanks_url(survey)
    return client


def only_response(survey: Survey) -> Response:
    with scopes_disabled():
        return Response.objects.get(survey=survey)


def test_a_response_has_no_field_that_could_link_a_person() -> None:
    """Adding a field to Response must be a deliberate decision: this list is the review."""
    assert {field.name for field in Response._meta.concrete_fields} == {
        "id",  # random (UUID4): not even the order of arrival
        "municipality",
        "survey",
        "version",
        "institution",
        "channel",
        "language",
        "client_group",
        "submitted_on",  # a date, never a time
        "answers",
        "source_ref",  # an imported file's row id
        "invitation",  # only for surveys that are not anonymous
        "submitted_at",  # only for surveys that are not anonymous
    }
    assert Response._meta.get_field("id").default.__name__ == "uuid4"
    # Nothing in a draft or receipt points at a response, so a cookie never leads to the answers.
    for model in (SurveyDraft, SurveyReceipt):
        assert not [
            field for field in model._meta.get_fields() if field.is_relation and field.related_model is Response
        ]


def test_an_anonymous_response_keeps_the_date_only_and_no_invitation(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    respond(survey)
    response = only_response(survey)
    assert response.invitation is None
    assert response.submitted_at is None
    assert type(response.submitted_on) is date


def test_an_anonymous_response_through_a_personal_invitation_is_not_tied_to_it(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    with scopes_disabled():
        invitations.invitations_add(
            actor=world.coordinator,
            survey=survey,
            emails=["client@example.org"],
            language="lt",
            institution=None,
            base_url="http://testserver",
        )
        invitation = survey.invitations.get()
    client = Client()
    opened = client.get(
        f"/s/{survey.public_code}/invited/", {"t": invitations.invitation_token(invitation)}, follow=False
    )
    assert opened["Location"] == page_url(survey, 1)
    answer_everything(client, survey)
    response = only_response(survey)
    assert response.channel == "invitation"
    assert response.invitation is None
    assert response.submitted_at is None
    invitation.refresh_from_db()
    assert invitation.status == "answered"  # a second answer is stopped, yet not linked to this one


def test_a_survey_that_is_not_anonymous_keeps_the_time_and_the_invitation(world: World) -> None:
    """The counterpart of the tests above: the fields exist, and only anonymity leaves them empty."""
    survey = published_survey(world, institution=world.a1, is_anonymous=False)
    respond(survey)
    response = only_response(survey)
    assert response.submitted_at is not None


def rows_of(model: type[Model]) -> list[str]:
    manager = getattr(model.objects, "with_scopes_disabled", None)
    rows = (manager() if manager else model.objects.all()).values()
    return [json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False) for row in rows]


class FirstInLine(logging.Handler):
    """Keeps each record's text as the code logged it, before any other handler's filter rewrites it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.names: list[str] = []
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Formatted now: the console handler's filter rewrites the same record object afterwards.
        self.names.append(record.name)
        self.texts.append(f"{record.name} {record.getMessage()} {record.exc_text or ''} {record.__dict__}")


@pytest.fixture
def every_log(caplog: pytest.LogCaptureFixture) -> Iterator[FirstInLine]:
    """Every logger at DEBUG, also those that do not pass records up (django.request), and the SQL statements.

    The console handler's filter (core.logging) scrubs addresses from records in place; this handler
    goes first, so it sees what the code itself logged.
    """
    caplog.set_level(logging.DEBUG)
    loggers = [logging.root] + [
        logging.getLogger(name) for name in ["django.db.backends", *logging.root.manager.loggerDict]
    ]
    for logger in loggers[1:]:
        caplog.set_level(logging.DEBUG, logger=logger.name)
    first = FirstInLine()
    catching = [logger for logger in loggers if logger is logging.root or not logger.propagate]
    for logger in catching:
        logger.handlers.insert(0, first)
    forced = connection.force_debug_cursor
    connection.force_debug_cursor = True  # django.db.backends logs each statement with its values
    try:
        yield first
    finally:
        connection.force_debug_cursor = forced
        for logger in catching:
            logger.removeHandler(first)


def journey_from_a_known_address(survey: Survey) -> None:
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    assert client.get(start_url(survey)).status_code == 200
    assert begin(client, survey, institution="a2", client_group="older_people").status_code == 302
    assert answer(client, survey, 1, PAGE_1, action="later").status_code == 302
    assert client.get(f"/s/{survey.public_code}/saved/").status_code == 200
    missing = {key: value for key, value in PAGE_1.items() if key != "q-overall"}
    assert answer(client, survey, 1, missing).status_code == 400  # an error page: logged by django.request
    assert answer(client, survey, 1, PAGE_1).status_code == 302
    assert answer(client, survey, 2, PAGE_2)["Location"] == thanks_url(survey)
    assert client.get(thanks_url(survey)).status_code == 200
    assert client.get(page_url(survey, 2)).status_code == 302  # after the thanks


def test_no_stored_row_holds_the_respondents_address_or_browser(world: World) -> None:
    survey = published_survey(world)
    journey_from_a_known_address(survey)
    with scopes_disabled():
        assert Response.objects.filter(survey=survey).count() == 1
        assert SurveyReceipt.objects.filter(survey=survey).exists()
    for model in (Response, TextAnswer, SurveyReceipt, SurveyDraft, AuditEvent, Tally):
        for row in rows_of(model):
            assert ADDRESS not in row, f"{model.__name__}: {row}"
            assert AGENT not in row, f"{model.__name__}: {row}"


def test_no_log_record_holds_the_respondents_address_or_browser(world: World, every_log: FirstInLine) -> None:
    survey = published_survey(world)
    journey_from_a_known_address(survey)
    texts = every_log.texts
    assert any("INSERT" in text and "surveys_response" in text for text in texts)  # the capture works
    assert "django.request" in every_log.names  # the 400 of the error page
    for text in texts:
        assert ADDRESS not in text
        assert AGENT not in text


def test_the_audit_trail_of_a_submission_names_the_survey_never_the_response(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    with scopes_disabled():
        before = set(AuditEvent.objects.values_list("pk", flat=True))
    client = Client()
    begin(client, survey)
    answer(client, survey, 1, PAGE_1, action="later")
    answer(client, survey, 1, PAGE_1)
    answer(client, survey, 2, PAGE_2)
    staff = world.client_for(world.quality)
    staff.post(
        f"/m/{world.a.slug}/surveys/{survey.pk}/enter/",
        {"channel": "paper", "submitted_on": "2025-03-01", "language": "lt", "institution": world.a1.pk, **PAGE_1},
    )
    with scopes_disabled():
        ids = {str(pk) for pk in Response.objects.filter(survey=survey).values_list("pk", flat=True)}
        text_ids = {str(pk) for pk in TextAnswer.objects.filter(survey=survey).values_list("pk", flat=True)}
        events = list(AuditEvent.objects.exclude(pk__in=before))
    assert len(ids) == 2
    actions = {event.action for event in events}
    assert {"survey.answering_start", "survey.answering_save", "survey.response_receive"} <= actions
    assert "survey.response_enter" in actions
    for event in events:
        assert (event.object_type, event.object_id) == ("surveys.survey", str(survey.pk)), event.action
        flat = json.dumps([event.object_id, event.object_label, event.changes, event.purpose], cls=DjangoJSONEncoder)
        assert not any(pk in flat for pk in ids | text_ids), event.action
    # An anonymous survey's arrivals keep no author and the day only: rows are stored in order of
    # arrival, so a name or a time on the n-th event would attach to the n-th response.
    arrivals = {event.action: event for event in events if event.action.startswith("survey.response_")}
    for event in arrivals.values():
        assert event.actor is None
        assert timezone.localtime(event.occurred_at).time() == datetime.time()


def test_anonymity_cannot_be_switched_off_once_a_response_exists(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    with scopes_disabled():
        # Allowed before the first answer (and back again).
        survey = design.survey_update(actor=world.coordinator, survey=survey, is_anonymous=False)
        assert survey.is_anonymous is False
        survey = design.survey_update(actor=world.coordinator, survey=survey, is_anonymous=True)
    respond(survey)
    with scopes_disabled():
        with pytest.raises(ServiceError) as refused:
            design.survey_update(actor=world.coordinator, survey=survey, is_anonymous=False)
        assert refused.value.field == "is_anonymous"
        survey.refresh_from_db()
        assert survey.is_anonymous is True
        # Other settings still change.
        design.survey_update(actor=world.coordinator, survey=survey, min_group_size=7)


def test_the_draft_is_deleted_when_the_answers_are_sent(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = Client()
    begin(client, survey)
    answer(client, survey, 1, PAGE_1)
    token = token_of(client, survey)
    with scopes_disabled():
        draft = SurveyDraft.objects.get(survey=survey)
        assert draft.answers  # the answers wait in the draft while the respondent types
    answer(client, survey, 2, PAGE_2)
    with scopes_disabled():
        assert not SurveyDraft.objects.filter(pk=draft.pk).exists()
        assert responding.draft_find(survey, token) is None
        receipt = SurveyReceipt.objects.get(survey=survey)
    # What remains of the token is a receipt: a hash and a date, no answers.
    assert {field.name for field in SurveyReceipt._meta.concrete_fields} == {
        "id",
        "survey",
        "token_hash",
        "received_on",
    }
    assert receipt.token_hash == responding.token_hash(token)
    assert token not in receipt.token_hash
    # The cookie is removed with it.
    assert client.cookies[f"kokybe_survey_{survey.public_code}"].value == ""


def arrival_order(survey: Survey) -> list[uuid.UUID]:
    """The responses in the order the database keeps them physically (SQLite's rowid, PostgreSQL's ctid)."""
    column = {"sqlite": "rowid", "postgresql": "ctid"}.get(connection.vendor)
    if column is None:
        pytest.skip(f"no physical row order known for {connection.vendor}")
    table = Response._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE survey_id = %s ORDER BY {column}", [survey.pk])
        return [value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)) for (value,) in cursor.fetchall()]


def test_the_audit_trail_and_the_tables_together_do_not_tie_a_member_of_staff_to_the_answers(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    typists = [world.quality, world.worker] * 4
    clients = {user.pk: world.client_for(user) for user in typists}
    for number, user in enumerate(typists):
        entered = clients[user.pk].post(
            f"/m/{world.a.slug}/surveys/{survey.pk}/enter/",
            {
                "channel": "interview",
                "submitted_on": "2025-03-01",
                "language": "lt",
                "institution": world.a1.pk,
                "q-overall": "3",
                "q-years": str(10 + number),  # only to know, in this test, which form is which
            },
        )
        assert entered.status_code == 302
    with scopes_disabled():
        typed_by = {str(10 + number): user.pk for number, user in enumerate(typists)}
        truth = {
            response.pk: typed_by[response.answers["years"]] for response in Response.objects.filter(survey=survey)
        }
        actors = list(
            AuditEvent.objects.filter(action="survey.response_enter", object_id=str(survey.pk))
            .order_by("occurred_at", "id")
            .values_list("actor_id", flat=True)
        )
    # Someone with a copy of the database, matching the n-th row with the n-th audit event:
    guessed = dict(zip(arrival_order(survey), actors, strict=True))
    assert guessed != truth
