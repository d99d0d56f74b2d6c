"""Appointment pages: a client's meetings and booking one, one meeting (its outcome, moving it), the worker's
coming meetings, and punctuality per institution and worker."""

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.appointments import selectors
from kokybe.appointments.forms import BookForm, MoveForm, OutcomeForm, PeriodForm
from kokybe.appointments.models import Appointment, Channel, Place
from kokybe.appointments.services.booking import appointment_book, appointment_move
from kokybe.appointments.services.outcomes import appointment_outcome_record
from kokybe.clients.access import OpenedClient, may_manage
from kokybe.clients.models import ClientInstitution, ClientStatus
from kokybe.clients.selectors import client_workers
from kokybe.clients.views import client_page, opened_client
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import Access, access_of, capability_required, require_capability
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

C = Capability
PERIOD_DAYS = 365


def appointment_url(appointment: Appointment) -> str:
    return reverse("appointments:detail", args=[appointment.municipality.slug, appointment.pk])


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _managing(access: Access, opened: OpenedClient) -> bool:
    return opened.client.status != ClientStatus.MERGED and may_manage(access, opened)


@client_page("appointments")
def client_appointments(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    context = {
        "client": opened.client,
        "appointments": selectors.client_appointments(access, opened),
        "can_manage": _managing(access, opened),
        "now": timezone.now(),
    }
    return render(request, "appointments/client.html", context)


def _booking_institutions(access: Access, opened: OpenedClient) -> QuerySet[Institution]:
    """Institutions serving the client where the person may manage clients."""
    client = opened.client
    serving = ClientInstitution.objects.filter(
        municipality=access.municipality, client=client, ended_on__isnull=True
    ).values("institution_id")
    institutions = Institution.objects.filter(municipality=access.municipality, pk__in=serving).order_by("name")
    ids = access.institution_ids(C.MANAGE_CLIENTS)
    return institutions if ids is None else institutions.filter(pk__in=ids)


@client_page("appointments: book", manage=True)
def book(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    client = opened.client
    if client.status == ClientStatus.MERGED:
        raise Http404  # a merged record is read-only: its steps do not exist
    form = BookForm(
        _posted(request),
        institutions=_booking_institutions(access, opened),
        workers=client_workers(access),
        initial={"worker": access.user.pk, "place_kind": Place.INSTITUTION, "notify": True},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def perform() -> str:
            appointment = appointment_book(
                actor=access.user,
                client=client,
                institution=data["institution"],
                meeting=form.meeting(),
                purpose=data["purpose"],
                notify=data["notify"],
            )
            messages.success(request, _("The appointment is booked."))
            return appointment_url(appointment)

        try:
            return submit_once(request, perform)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "appointments/book.html", {"client": client, "form": form})


def _opened_appointment(
    request: HttpRequest, appointment_id: int, *, page: str, manage: bool = False
) -> tuple[Access, OpenedClient, Appointment] | HttpResponse:
    """The appointment named in the URL, opened through its client's record (see `opened_client`): 403 without
    VIEW_CLIENTS, 404 for an appointment of an institution the person does not see; with `manage`, 403 to whoever
    may not change the client's record or manage clients in the appointment's institution."""
    access = access_of(request)
    require_capability(access, C.VIEW_CLIENTS)
    appointment = selectors.appointment_found(access, appointment_id)
    opened = opened_client(request, access, appointment.client_id, page=page, manage=manage)
    if isinstance(opened, HttpResponse):
        return opened
    if manage:
        ids = access.institution_ids(C.MANAGE_CLIENTS)
        if opened.client.status == ClientStatus.MERGED or (ids is not None and appointment.institution_id not in ids):
            raise PermissionDenied
    return access, opened, appointment


def detail(request: HttpRequest, municipality: str, appointment: int) -> HttpResponse:
    found = _opened_appointment(request, appointment, page="appointment")
    if isinstance(found, HttpResponse):
        return found
    access, opened, meeting = found
    now = timezone.now()
    can_manage = not meeting.outcome and _managing(access, opened)
    notices = list(selectors.appointment_notices(meeting))
    context = {
        "client": opened.client,
        "appointment": meeting,
        "moved_to": selectors.appointment_moved_to(meeting) if meeting.is_moved else None,
        "notices": notices,
        "untold": any(notice.channel == Channel.NONE for notice in notices),
        "can_move": can_manage,
        "can_record": can_manage and meeting.starts_at <= now,
    }
    return render(request, "appointments/detail.html", context)


def outcome(request: HttpRequest, municipality: str, appointment: int) -> HttpResponse:
    found = _opened_appointment(request, appointment, page="appointment: outcome", manage=True)
    if isinstance(found, HttpResponse):
        return found
    access, opened, meeting = found
    form = OutcomeForm(_posted(request), initial={"lock_version": meeting.lock_version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def perform() -> str:
            appointment_outcome_record(
                actor=access.user,
                appointment=meeting,
                outcome=data["outcome"],
                late_minutes=data["late_minutes"],
                note=data["note"],
                lock_version=data["lock_version"],
            )
            messages.success(request, _("What came of the meeting is recorded."))
            return appointment_url(meeting)

        try:
            return submit_once(request, perform)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "appointments/outcome.html", {"client": opened.client, "appointment": meeting, "form": form})


def move(request: HttpRequest, municipality: str, appointment: int) -> HttpResponse:
    found = _opened_appointment(request, appointment, page="appointment: move", manage=True)
    if isinstance(found, HttpResponse):
        return found
    access, opened, meeting = found
    local = timezone.localtime(meeting.starts_at)
    form = MoveForm(
        _posted(request),
        workers=client_workers(access),
        initial={
            "lock_version": meeting.lock_version,
            "time": local.time(),
            "duration_minutes": meeting.duration_minutes,
            "place_kind": meeting.place_kind,
            "place": meeting.place,
            "worker": meeting.worker_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def perform() -> str:
            moved = appointment_move(
                actor=access.user,
                appointment=meeting,
                by=data["by"],
                meeting=form.meeting(),
                note=data["note"],
                lock_version=data["lock_version"],
            )
            messages.success(request, _("The appointment is moved and the client is being told."))
            return appointment_url(moved)

        try:
            return submit_once(request, perform)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "appointments/move.html", {"client": opened.client, "appointment": meeting, "form": form})


@capability_required(C.VIEW_CLIENTS)
def mine(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    context = {
        "upcoming": selectors.worker_upcoming(access, access.user),
        "awaiting": selectors.worker_awaiting_outcome(access, access.user),
    }
    return render(request, "appointments/mine.html", context)


@capability_required(C.VIEW_QUALITY)
def punctuality(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    today = timezone.localdate()
    default = {"start": today - datetime.timedelta(days=PERIOD_DAYS - 1), "end": today}
    form = PeriodForm(request.GET if "start" in request.GET else None, initial=default)
    period = form.cleaned_data if form.is_bound and form.is_valid() else default
    figures = selectors.punctuality(
        access.municipality,
        start=period["start"],
        end=period["end"],
        institution_ids=access.institution_ids(C.VIEW_QUALITY),
    )
    context = {
        "form": form,
        "figures": figures,
        # Each worker's own figure is for those who work with clients, not for every member of staff.
        "shows_workers": access.can(C.VIEW_CLIENTS),
        "several_institutions": len(figures.institutions) > 1,  # else each worker's institution goes without saying
        "min_due": selectors.MIN_DUE,
    }
    return render(request, "appointments/punctuality.html", context)
