"""Booking an appointment with a client, and moving one (which books its replacement).

A move is the outcome of the old appointment ("moved by the institution" or "moved by the client")
and a new appointment pointing back to it; the client is told of the new time at once. A booking
tells the client too, unless the worker says there is no need (the time was agreed face to face).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.appointments.models import MOVES, Appointment, NoticeKind, Outcome, Place
from kokybe.appointments.services.notices import notice_prepare
from kokybe.audit.services import audit_record
from kokybe.clients.models import Client, ClientInstitution, ClientStatus
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution, Membership
from kokybe.tenancy.permissions import Capability, roles_with

MIN_DURATION = 5
MAX_DURATION = 8 * 60
PLACE_LENGTH = 300
PURPOSE_LENGTH = 300


@dataclass(frozen=True)
class Meeting:
    """When, for how long, where and with whom a meeting is to be held."""

    starts_at: datetime.datetime
    duration_minutes: int
    place_kind: str
    place: str
    worker: User


def _meeting_check(*, meeting: Meeting, institution: Institution, now: datetime.datetime, exclude: int | None) -> str:
    """Refuse a meeting that cannot be held; returns the place to store (a home visit's defaults to the address)."""
    if meeting.starts_at <= now:
        raise ServiceError(_("Choose a time that is still to come."), field="day")
    if not MIN_DURATION <= meeting.duration_minutes <= MAX_DURATION:
        raise ServiceError(
            _("A meeting lasts from %(low)d to %(high)d minutes.") % {"low": MIN_DURATION, "high": MAX_DURATION},
            field="duration_minutes",
        )
    if meeting.place_kind not in Place.values:
        raise ServiceError(_("Choose where the meeting is held."), field="place_kind")
    place = " ".join(meeting.place.split())[:PLACE_LENGTH]
    if meeting.place_kind == Place.ELSEWHERE and not place:
        raise ServiceError(_("Say where the meeting is held."), field="place")
    eligible = Membership.objects.filter(
        user=meeting.worker,
        municipality_id=institution.municipality_id,
        role__in=roles_with(Capability.VIEW_CLIENTS),
    ).filter(Q(institution=institution) | Q(institution__isnull=True))
    if not eligible.exists():
        raise ServiceError(_("Choose a worker of this institution."), field="worker")
    ends_at = meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes)
    clash = (
        Appointment.objects.filter(municipality_id=institution.municipality_id, worker=meeting.worker)
        .filter(starts_at__lt=ends_at, starts_at__gte=meeting.starts_at - datetime.timedelta(minutes=MAX_DURATION))
        .exclude(outcome__in=MOVES)
    )
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    for other in clash:
        if other.starts_at + datetime.timedelta(minutes=other.duration_minutes) > meeting.starts_at:
            raise ServiceError(
                _("%(worker)s has another appointment at %(time)s.")
                % {"worker": meeting.worker.display_name, "time": f"{timezone.localtime(other.starts_at):%H:%M}"},
                field="time",
            )
    return place


def _purpose(purpose: str) -> str:
    purpose = " ".join(purpose.split())
    if not purpose:
        raise ServiceError(_("Say what the meeting is for."), field="purpose")
    return purpose[:PURPOSE_LENGTH]


@transaction.atomic
def appointment_book(
    *,
    actor: User,
    client: Client,
    institution: Institution,
    meeting: Meeting,
    purpose: str,
    notify: bool = True,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Book a meeting of `meeting.worker` of `institution` with the client, who is told unless `notify` is off.

    `now` is the moment the booking is made (the demo books in the past); the meeting must come after it."""
    now = now or timezone.now()
    if client.status == ClientStatus.MERGED:
        raise ServiceError(_("This record was merged into another; book the appointment there."))
    served = ClientInstitution.objects.filter(
        municipality_id=client.municipality_id, client=client, institution=institution, ended_on__isnull=True
    )
    if not served.exists():
        raise ServiceError(_("Choose an institution that serves this client."), field="institution")
    place = _meeting_check(meeting=meeting, institution=institution, now=now, exclude=None)
    if meeting.place_kind == Place.HOME_VISIT and not place:
        place = client.address
    appointment = Appointment.objects.create(
        municipality_id=client.municipality_id,
        institution=institution,
        client=client,
        worker=meeting.worker,
        starts_at=meeting.starts_at,
        duration_minutes=meeting.duration_minutes,
        place_kind=meeting.place_kind,
        place=place,
        purpose=_purpose(purpose),
        booked_by=actor,
        booked_at=now,
    )
    audit_record(
        actor=actor,
        action="appointment.book",
        target=appointment,
        municipality_id=appointment.municipality_id,
        institution_id=institution.pk,
        changes={
            "client": {"from": None, "to": client.pk},
            "worker": {"from": None, "to": {"id": meeting.worker.pk, "label": meeting.worker.display_name}},
            "starts_at": {"from": None, "to": appointment.starts_at.isoformat()},
            "place_kind": {"from": None, "to": appointment.place_kind},
            "notify": {"from": None, "to": notify},
        },
    )
    if notify:
        notice_prepare(appointment=appointment, kind=NoticeKind.BOOKED, at=now)
    return appointment


@transaction.atomic
def appointment_move(
    *,
    actor: User,
    appointment: Appointment,
    by: Outcome,
    meeting: Meeting,
    note: str = "",
    lock_version: int,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Move the appointment to `meeting` at the request of the institution or the client (`by`): the old one
    gets that outcome, a new one is booked in its place, pointing back to it, and the client is told."""
    now = now or timezone.now()
    if by not in MOVES:
        raise ServiceError(_("Say who asked to move the meeting."), field="by")
    if appointment.outcome:
        raise ServiceError(_("What came of this appointment is recorded already; it cannot be moved."))
    version_claim(appointment, lock_version)
    institution = appointment.institution
    place = _meeting_check(meeting=meeting, institution=institution, now=now, exclude=appointment.pk)
    if meeting.place_kind == Place.HOME_VISIT and not place:
        place = appointment.client.address
    appointment.outcome = by
    appointment.outcome_note = " ".join(note.split())[:500]
    appointment.outcome_recorded_by = actor
    appointment.outcome_recorded_at = now
    appointment.save(update_fields=["outcome", "outcome_note", "outcome_recorded_by", "outcome_recorded_at"])
    moved = Appointment.objects.create(
        municipality_id=appointment.municipality_id,
        institution=institution,
        client=appointment.client,
        worker=meeting.worker,
        starts_at=meeting.starts_at,
        duration_minutes=meeting.duration_minutes,
        place_kind=meeting.place_kind,
        place=place,
        purpose=appointment.purpose,
        moved_from=appointment,
        booked_by=actor,
        booked_at=now,
    )
    audit_record(
        actor=actor,
        action="appointment.move",
        target=appointment,
        municipality_id=appointment.municipality_id,
        institution_id=institution.pk,
        changes={
            "outcome": {"from": "", "to": by},
            "moved_to": {"from": None, "to": moved.pk},
            "starts_at": {"from": appointment.starts_at.isoformat(), "to": moved.starts_at.isoformat()},
            **({"outcome_note": {"changed": True}} if appointment.outcome_note else {}),
        },
    )
    notice_prepare(appointment=moved, kind=NoticeKind.MOVED, at=now)
    return moved
