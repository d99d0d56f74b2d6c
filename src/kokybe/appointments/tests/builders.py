"""Appointments for the tests, booked through the service."""

import datetime

from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.appointments.models import Appointment, Place
from kokybe.appointments.services.booking import Meeting, appointment_book
from kokybe.clients.models import Client
from kokybe.tenancy.models import Institution


def meeting(worker: User, *, starts_at: datetime.datetime | None = None, minutes: int = 60) -> Meeting:
    starts_at = starts_at or timezone.now() + datetime.timedelta(days=1)
    return Meeting(starts_at=starts_at, duration_minutes=minutes, place_kind=Place.INSTITUTION, place="", worker=worker)


def appointment_for(
    client: Client,
    institution: Institution,
    worker: User,
    *,
    starts_at: datetime.datetime | None = None,
    notify: bool = False,
    booked_at: datetime.datetime | None = None,
) -> Appointment:
    """An appointment of `worker` with the client; one that `starts_at` in the past is booked a day before it."""
    starts_at = starts_at or timezone.now() + datetime.timedelta(days=1)
    now = booked_at or min(timezone.now(), starts_at - datetime.timedelta(days=1))
    with scopes_disabled():
        return appointment_book(
            actor=worker,
            client=client,
            institution=institution,
            meeting=meeting(worker, starts_at=starts_at),
            purpose="Poreikių vertinimas",
            notify=notify,
            now=now,
        )
