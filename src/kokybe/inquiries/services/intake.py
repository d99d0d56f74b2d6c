"""Signals coming in: from the public form, an e-mail, a phone call or a visit logged by staff.

Each signal gets its reference code (a race-safe number per municipality and year), its answer
deadline under the municipality's policy, and the token of its private status link; the token is
returned once to be shown or e-mailed, and only its keyed hash is stored (see `tokens`). The
person's contact details are personal data: the audit trail records only that they were given.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.core.errors import ServiceError
from kokybe.core.workdays import local_date
from kokybe.inquiries.attachments import IncomingFile, attachments_check, file_name_clean
from kokybe.inquiries.deadlines import due_on_for
from kokybe.inquiries.models import (
    Channel,
    Direction,
    EventKind,
    Kind,
    Priority,
    Signal,
    SignalAttachment,
    SignalMessage,
    SignalSequence,
    Status,
    Topic,
)
from kokybe.inquiries.services.history import step_record
from kokybe.inquiries.tokens import access_token_for, access_token_hash, signal_status_url
from kokybe.tenancy.models import Institution, Municipality

__all__ = ["ReceivedSignal", "attachments_store", "signal_receive", "signal_status_url"]

LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)
SUBJECT_LENGTH = 200


@dataclass(frozen=True)
class ReceivedSignal:
    signal: Signal
    access_token: str  # the private status link's token: show or send it now, it is not stored


def reference_prefix(municipality: Municipality) -> str:
    """Three letters of the municipality's address name: KLA for Klaipėda, KUL for Kuldīga."""
    return municipality.slug.replace("-", "")[:3].upper()


def _next_number(municipality: Municipality, year: int) -> int:
    """The next number of the year. The UPDATE holds the sequence row's lock until the transaction
    ends, so two signals arriving at once wait for each other instead of taking the same number.
    One statement takes the number and reads it back (RETURNING: PostgreSQL and SQLite 3.35+); the
    year's first signal makes the year's row."""
    quote = connection.ops.quote_name
    statement = (
        f"UPDATE {quote(SignalSequence._meta.db_table)} SET {quote('last')} = {quote('last')} + 1 "  # noqa: S608 (names, not input)
        f"WHERE {quote('municipality_id')} = %s AND {quote('year')} = %s RETURNING {quote('last')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [municipality.pk, year])
        taken = cursor.fetchone()
    if taken is None:
        SignalSequence.objects.get_or_create(municipality=municipality, year=year)
        return _next_number(municipality, year)
    return int(taken[0])


def _check_choices(
    *,
    municipality: Municipality,
    institution: Institution | None,
    topic: Topic | None,
    kind: str,
    channel: str,
    priority: str,
    language: str,
) -> None:
    if institution is not None and institution.municipality_id != municipality.pk:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    if topic is not None and (topic.municipality_id != municipality.pk or not topic.is_active):
        raise ServiceError(_("Choose one of the topics in the list."), field="topic")
    if kind not in Kind.values:
        raise ServiceError(_("Choose the type of the signal."), field="kind")
    if channel not in Channel.values:
        raise ServiceError(_("Choose how the signal came in."), field="channel")
    if priority not in Priority.values:
        raise ServiceError(_("Choose a priority."), field="priority")
    if language not in LANGUAGES:
        raise ServiceError(_("Choose a language for the answer."), field="language")


def _clean_email(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError as error:
        raise ServiceError(_("Enter a valid e-mail address, or leave it empty."), field="person_email") from error
    return value


def attachments_store(*, signal: Signal, files: Sequence[IncomingFile], message: SignalMessage | None = None) -> None:
    """Store files already checked by `attachments_check`, with the signal (or with a later message)."""
    for file in files:
        name = file_name_clean(file.name)
        attachment = SignalAttachment(
            municipality_id=signal.municipality_id,
            signal=signal,
            message=message,
            name=name,
            content_type=file.content_type,
            size=len(file.content),
        )
        attachment.file.save(name, ContentFile(file.content), save=False)
        attachment.save()


@transaction.atomic
def signal_receive(
    *,
    actor: User | None,
    municipality: Municipality,
    institution: Institution | None,
    kind: str,
    channel: str,
    text: str,
    received_at: datetime,
    subject: str = "",
    topic: Topic | None = None,
    priority: str = Priority.NORMAL,
    person_name: str = "",
    person_email: str = "",
    person_phone: str = "",
    language: str = "",
    attachments: Sequence[IncomingFile] = (),
    answer_on_the_spot: str = "",
    email_thread_id: str = "",
) -> ReceivedSignal:
    """Record a signal. `actor` is the staff member who logged it, None when the person sent it
    themselves. `answer_on_the_spot`: the answer given at once (a phone call or a visit); the signal
    is then recorded as answered and closed, with the answer as its message."""
    language = language or municipality.language
    _check_choices(
        municipality=municipality,
        institution=institution,
        topic=topic,
        kind=kind,
        channel=channel,
        priority=priority,
        language=language,
    )
    text = text.strip()
    if not text:
        raise ServiceError(_("Write what the signal is about."), field="text")
    answer_on_the_spot = answer_on_the_spot.strip()
    if answer_on_the_spot and actor is None:
        raise ServiceError(_("Only a staff member can record an answer given on the spot."))
    person_email = _clean_email(person_email)
    attachments_check(attachments)

    year = local_date(municipality.country, received_at).year
    number = _next_number(municipality, year)
    token = access_token_for(municipality_id=municipality.pk, year=year, number=number)
    # A signal answered on the spot is saved answered and closed; its three steps are recorded after it.
    on_the_spot = bool(answer_on_the_spot)
    signal = Signal.objects.create(
        municipality=municipality,
        institution=institution,
        year=year,
        number=number,
        reference=f"{reference_prefix(municipality)}-{year}-{number:05d}",
        access_token_hash=access_token_hash(token),
        kind=kind,
        channel=channel,
        topic=topic,
        priority=priority,
        person_name=person_name.strip()[:200],
        person_email=person_email,
        person_phone=person_phone.strip()[:40],
        language=language,
        subject=" ".join(subject.split())[:SUBJECT_LENGTH],
        text=text,
        received_at=received_at,
        created_by=actor,
        due_on=due_on_for(municipality, kind, received_at),
        email_thread_id=email_thread_id[:255],
        status=Status.CLOSED if on_the_spot else Status.RECEIVED,
        assignee=actor if on_the_spot else None,
        answered_at=received_at if on_the_spot else None,
        closed_at=received_at if on_the_spot else None,
    )
    attachments_store(signal=signal, files=attachments)
    given_contact = bool(signal.person_name or signal.person_email or signal.person_phone)
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.RECEIVED,
        at=received_at,
        action="signal.receive",
        changes={
            "kind": {"from": None, "to": kind},
            "channel": {"from": None, "to": channel},
            "institution": {"from": None, "to": None if institution is None else institution.display_name},
            "due_on": {"from": None, "to": signal.due_on.isoformat()},
            "attachments": {"from": None, "to": len(attachments)},
            **({"contact": {"changed": True}} if given_contact else {}),
        },
        detail={"channel": channel},
    )
    if on_the_spot:
        assert actor is not None  # checked above
        _answer_on_the_spot(actor=actor, signal=signal, answer=answer_on_the_spot)
    return ReceivedSignal(signal=signal, access_token=token)


def _answer_on_the_spot(*, actor: User, signal: Signal, answer: str) -> None:
    """The answer's message and the answered and closed steps of a signal saved in its closed state."""
    at = signal.received_at
    SignalMessage.objects.create(
        municipality_id=signal.municipality_id,
        signal=signal,
        direction=Direction.OUTBOUND,
        body=answer,
        sent_at=at,
        author=actor,
    )
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.ANSWERED,
        at=at,
        action="signal.answer",
        changes={"status": {"from": Status.RECEIVED, "to": Status.ANSWERED}},
        detail={"on_the_spot": True},
    )
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.CLOSED,
        at=at,
        action="signal.close",
        changes={"status": {"from": Status.ANSWERED, "to": Status.CLOSED}},
        detail={"on_the_spot": True},
    )
