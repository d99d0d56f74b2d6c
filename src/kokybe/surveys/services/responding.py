"""Storing answers: respondents' drafts, sent responses, and answers typed in by staff. Atomic and audited.

The audit trail records that a response to a survey arrived and by which channel, never which
response; for an anonymous survey only the day, and not who typed it in: nothing may tie a
person, a moment or a member of staff to the answers.
"""

import hashlib
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.errors import ServiceError
from kokybe.surveys.definition import Item, items_of
from kokybe.surveys.models import (
    Channel,
    InvitationStatus,
    Response,
    Survey,
    SurveyDraft,
    SurveyInvitation,
    SurveyReceipt,
    SurveyStatus,
    SurveyVersion,
    TextAnswer,
    VersionStatus,
)
from kokybe.surveys.services.tallies import TallyDelta
from kokybe.tenancy.models import Institution

STAFF_CHANNELS = frozenset({Channel.PAPER, Channel.PHONE, Channel.INTERVIEW})


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def accepts_answers(survey: Survey, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        survey.status == SurveyStatus.OPEN
        and (survey.opens_on is None or survey.opens_on <= today)
        and (survey.closes_on is None or today <= survey.closes_on)
    )


def _audit_arrival(actor: User | None, survey: Survey, action: str, channel: str, count: int = 1) -> None:
    """For an anonymous survey the event keeps the day only and no author: rows are stored in order of
    arrival, so an exact time or a name on the n-th event would attach to the n-th response."""
    audit_record(
        actor=actor,
        action=action,
        target=survey,
        municipality_id=survey.municipality_id,
        institution_id=survey.institution_id,
        changes={"channel": {"from": None, "to": channel}, "responses": {"from": None, "to": count}},
        label=survey.display_title,
        day_only=survey.is_anonymous,
    )


def _check_institution(survey: Survey, institution: Institution | None, *, required: bool) -> None:
    if survey.institution_id is not None and institution is not None and institution.pk != survey.institution_id:
        raise ServiceError(_("This survey is about another institution."), field="institution")
    if institution is not None and institution.municipality_id != survey.municipality_id:
        raise ServiceError(_("Choose one of the listed institutions."), field="institution")
    if required and survey.institution_id is None and institution is None:
        raise ServiceError(_("Choose the institution your answers are about."), field="institution")


@transaction.atomic
def draft_start(
    *,
    survey: Survey,
    channel: str,
    language: str,
    institution: Institution | None,
    client_group: str = "",
    invitation: SurveyInvitation | None = None,
) -> str:
    """Begin answering; returns the secret token that finds the draft again (kept in a cookie)."""
    if not accepts_answers(survey):
        raise ServiceError(_("This survey is not open for answers."))
    _check_institution(survey, institution, required=True)
    token = secrets.token_urlsafe(24)
    today = timezone.localdate()
    SurveyDraft.objects.create(
        municipality_id=survey.municipality_id,
        survey=survey,
        token_hash=token_hash(token),
        invitation=invitation,
        channel=channel,
        language=language,
        institution=institution or survey.institution,
        client_group=client_group,
        started_on=today,
        updated_on=today,
    )
    audit_record(
        actor=None,
        action="survey.answering_start",
        target=survey,
        municipality_id=survey.municipality_id,
        institution_id=survey.institution_id,
        label=survey.display_title,
    )
    return token


def draft_find(survey: Survey, token: str) -> SurveyDraft | None:
    if not token:
        return None
    return SurveyDraft.objects.filter(survey=survey, token_hash=token_hash(token)).first()


def receipt_exists(survey: Survey, token: str) -> bool:
    return bool(token) and SurveyReceipt.objects.filter(survey=survey, token_hash=token_hash(token)).exists()


@transaction.atomic
def draft_save(
    *,
    draft: SurveyDraft,
    keys: Iterable[str],
    answers: dict[str, Any],
    texts: dict[str, str],
    page: int,
    language: str | None = None,
) -> SurveyDraft | None:
    """Keep what the respondent gave on one page: the answers to `keys` are replaced by the new ones.

    None when the draft is gone: a twin request (a double click on the last page) has just sent it.
    """
    found = SurveyDraft.objects.select_for_update().filter(pk=draft.pk).first()
    if found is None:
        return None
    draft = found
    keys = set(keys)
    draft.answers = {k: v for k, v in draft.answers.items() if k not in keys} | answers
    draft.texts = {k: v for k, v in draft.texts.items() if k not in keys} | texts
    draft.page = page
    draft.updated_on = timezone.localdate()
    if language:
        draft.language = language
    draft.save()
    audit_record(
        actor=None,
        action="survey.answering_save",
        target=draft.survey,
        municipality_id=draft.municipality_id,
        institution_id=draft.survey.institution_id,
        label=draft.survey.display_title,
    )
    return draft


def current_version(survey: Survey) -> SurveyVersion:
    version = survey.versions.filter(status=VersionStatus.PUBLISHED).first()
    if version is None:
        raise ServiceError(_("This survey is not open for answers."))
    return version


@dataclass(frozen=True)
class NewResponse:
    """One response to store in bulk (demo data, imports)."""

    answers: dict[str, Any]
    texts: dict[str, str]
    channel: str
    language: str
    institution: Institution | None
    client_group: str
    submitted_on: date
    source_ref: str = ""


def store_response(
    *,
    survey: Survey,
    version: SurveyVersion,
    items: list[Item],
    answers: dict[str, Any],
    texts: dict[str, str],
    channel: str,
    language: str,
    institution: Institution | None,
    client_group: str,
    submitted_on: date,
    invitation: SurveyInvitation | None = None,
) -> Response:
    """Write a response, its texts and its tallies. Callers hold the transaction and write the audit event."""
    row = NewResponse(answers, texts, channel, language, institution, client_group, submitted_on)
    response, text_answers = _build(survey, version, {item.key for item in items}, row, invitation)
    response.save(force_insert=True)
    TextAnswer.objects.bulk_create(text_answers)
    delta = TallyDelta(survey.pk)
    delta.add(response, items, {t.item: t.text for t in text_answers}, version.number)
    delta.write()
    return response


def responses_store(
    *, survey: Survey, version: SurveyVersion, items: list[Item], rows: Iterable[NewResponse], batch: int = 1000
) -> int:
    """Write many responses, their texts and tallies in few statements. Callers hold the transaction and audit."""
    known = {item.key for item in items}
    delta = TallyDelta(survey.pk)
    stored = 0
    for chunk in _batched(rows, batch):  # itertools.batched arrives with Python 3.12
        built = [_build(survey, version, known, row, None) for row in chunk]
        Response.objects.bulk_create([response for response, _texts in built])
        TextAnswer.objects.bulk_create([text for _response, texts in built for text in texts])
        for response, texts in built:
            delta.add(response, items, {t.item: t.text for t in texts}, version.number)
        stored += len(built)
    delta.write()
    return stored


def _batched(rows: Iterable[NewResponse], size: int) -> Iterator[list[NewResponse]]:
    chunk: list[NewResponse] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _build(
    survey: Survey, version: SurveyVersion, known: set[str], row: NewResponse, invitation: SurveyInvitation | None
) -> tuple[Response, list[TextAnswer]]:
    response = Response(
        municipality_id=survey.municipality_id,
        survey=survey,
        version=version,
        institution=row.institution or survey.institution,
        channel=row.channel,
        language=row.language,
        client_group=row.client_group,
        submitted_on=row.submitted_on,
        answers={key: value for key, value in row.answers.items() if key in known},
        source_ref=row.source_ref,
        invitation=None if survey.is_anonymous else invitation,
        submitted_at=None if survey.is_anonymous else timezone.now(),
    )
    texts = [
        TextAnswer(municipality_id=survey.municipality_id, survey=survey, response=response, item=key, text=text)
        for key, text in row.texts.items()
        if key in known and text
    ]
    return response, texts


@transaction.atomic
def response_submit(*, survey: Survey, token: str) -> bool:
    """Send the draft found by `token` as a response. False when it had already been sent (a repeat)."""
    digest = token_hash(token)
    try:
        with transaction.atomic():
            # The receipt goes first: its unique token makes a twin request fail here, before any answer.
            SurveyReceipt.objects.create(survey=survey, token_hash=digest, received_on=timezone.localdate())
    except IntegrityError:
        return False
    draft = SurveyDraft.objects.select_for_update().filter(survey=survey, token_hash=digest).first()
    if draft is None:
        raise ServiceError(_("These answers can no longer be found. Please start again."))
    if not accepts_answers(survey):
        raise ServiceError(_("This survey is not open for answers."))
    version = current_version(survey)
    spec = survey.spec(version)
    store_response(
        survey=survey,
        version=version,
        items=items_of(spec),
        answers=draft.answers,
        texts=draft.texts,
        channel=draft.channel,
        language=draft.language,
        institution=draft.institution,
        client_group=draft.client_group,
        submitted_on=timezone.localdate(),
        invitation=draft.invitation,
    )
    if draft.invitation_id is not None:
        SurveyInvitation.objects.filter(pk=draft.invitation_id).update(status=InvitationStatus.ANSWERED)
    draft.delete()
    _audit_arrival(None, survey, "survey.response_receive", draft.channel)
    return True


@transaction.atomic
def response_enter(
    *,
    actor: User,
    survey: Survey,
    answers: dict[str, Any],
    texts: dict[str, str],
    channel: str,
    language: str,
    institution: Institution | None,
    client_group: str,
    submitted_on: date,
) -> None:
    """Store answers given on paper or in an interview, typed in by a member of staff."""
    if channel not in STAFF_CHANNELS:
        raise ServiceError(_("Choose how the answers were given."), field="channel")
    if survey.status == SurveyStatus.DRAFT:
        raise ServiceError(_("Publish the survey before entering answers."))
    if submitted_on > timezone.localdate():
        raise ServiceError(_("The date cannot be in the future."), field="submitted_on")
    _check_institution(survey, institution, required=True)
    version = current_version(survey)
    store_response(
        survey=survey,
        version=version,
        items=items_of(survey.spec(version)),
        answers=answers,
        texts=texts,
        channel=channel,
        language=language,
        institution=institution,
        client_group=client_group,
        submitted_on=submitted_on,
    )
    _audit_arrival(actor, survey, "survey.response_enter", channel)
