"""Booking, moving and recording outcomes: audit events, refused transitions, edit conflicts, the merge step and
the subject-access section."""

import datetime
from collections.abc import Iterator

import pytest
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.appointments.models import Appointment, AppointmentNotice, Channel, NoticeKind, Outcome, Place
from kokybe.appointments.services.booking import Meeting, appointment_book, appointment_move
from kokybe.appointments.services.outcomes import appointment_outcome_record
from kokybe.appointments.subject_access import appointments_collect
from kokybe.appointments.tests.builders import appointment_for, meeting
from kokybe.audit.models import AuditEvent
from kokybe.clients.models import Client
from kokybe.clients.services.merging import client_merge
from kokybe.clients.subject_access import REPORT_SECTIONS
from kokybe.clients.tests.builders import client_in
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError

pytestmark = pytest.mark.django_db
TOMORROW_TEN = (timezone.localtime() + datetime.timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)


@pytest.fixture(autouse=True)
def _unscoped_english() -> Iterator[None]:
    with scopes_disabled(), translation.override("en"):
        yield


def audited(target: object) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type=target._meta.label_lower, object_id=str(target.pk))  # type: ignore[attr-defined]
        .order_by("pk")
        .values_list("action", flat=True)
    )


@pytest.fixture
def client(world: World) -> Client:
    return client_in(world.a1, responsible=world.worker, phone="+370 61234567", address="Liepų g. 3, Klaipėda")


def book(world: World, client: Client, **changes: object) -> Appointment:
    arguments: dict[str, object] = {
        "actor": world.worker,
        "client": client,
        "institution": world.a1,
        "meeting": meeting(world.worker, starts_at=TOMORROW_TEN),
        "purpose": "  Pagalbos   poreikio vertinimas ",
        "notify": True,
    } | changes
    return appointment_book(**arguments)  # type: ignore[arg-type]


def test_booking_is_audited_and_records_a_notice_by_sms_when_there_is_no_e_mail(world: World, client: Client) -> None:
    appointment = book(world, client)
    assert appointment.purpose == "Pagalbos poreikio vertinimas"
    assert appointment.institution == world.a1
    assert appointment.municipality == world.a
    assert audited(appointment) == ["appointment.book"]
    notice = AppointmentNotice.objects.get(appointment=appointment)
    assert (notice.kind, notice.channel, notice.recipient, notice.result) == (
        NoticeKind.BOOKED,
        Channel.SMS,
        "+370 61234567",
        "pending",
    )
    assert notice.language == world.a.language


def test_a_home_visit_goes_to_the_client_address_unless_another_is_given(world: World, client: Client) -> None:
    home = Meeting(
        starts_at=TOMORROW_TEN, duration_minutes=45, place_kind=Place.HOME_VISIT, place="", worker=world.worker
    )
    assert book(world, client, meeting=home).place == "Liepų g. 3, Klaipėda"


def test_no_notice_when_the_worker_says_so(world: World, client: Client) -> None:
    appointment = book(world, client, notify=False)
    assert not AppointmentNotice.objects.filter(appointment=appointment).exists()


def test_a_client_without_contact_details_gets_a_notice_recorded_as_not_sent(world: World) -> None:
    silent = client_in(world.a1, responsible=world.worker)
    notice = AppointmentNotice.objects.get(appointment=book(world, silent))
    assert (notice.channel, notice.recipient, notice.result) == (Channel.NONE, "", "not_sent")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"meeting": "past"}, "day"),
        ({"meeting": "too short"}, "duration_minutes"),
        ({"meeting": "elsewhere without a place"}, "place"),
        ({"meeting": "a worker of another institution"}, "worker"),
        ({"institution": "not serving"}, "institution"),
        ({"purpose": "   "}, "purpose"),
    ],
)
def test_booking_refuses_what_cannot_be_held(world: World, client: Client, changes: dict[str, str], field: str) -> None:
    meetings = {
        "past": meeting(world.worker, starts_at=timezone.now() - datetime.timedelta(minutes=5)),
        "too short": meeting(world.worker, starts_at=TOMORROW_TEN, minutes=2),
        "elsewhere without a place": Meeting(
            starts_at=TOMORROW_TEN, duration_minutes=60, place_kind=Place.ELSEWHERE, place=" ", worker=world.worker
        ),
        "a worker of another institution": meeting(world.other_worker, starts_at=TOMORROW_TEN),
    }
    arguments: dict[str, object] = {}
    if "meeting" in changes:
        arguments["meeting"] = meetings[changes["meeting"]]
    if "institution" in changes:
        arguments["institution"] = world.a2
    if "purpose" in changes:
        arguments["purpose"] = changes["purpose"]
    with pytest.raises(ServiceError) as refused:
        book(world, client, **arguments)
    assert refused.value.field == field
    assert not Appointment.objects.exists()
    assert not AuditEvent.objects.filter(action="appointment.book").exists()


def test_a_worker_cannot_be_in_two_meetings_at_once(world: World, client: Client) -> None:
    book(world, client)
    other = client_in(world.a1, first_name="Ona")
    overlapping = meeting(world.worker, starts_at=TOMORROW_TEN + datetime.timedelta(minutes=30))
    with pytest.raises(ServiceError, match="another appointment at 10:00") as refused:
        book(world, other, meeting=overlapping)
    assert refused.value.field == "time"
    right_after = meeting(world.worker, starts_at=TOMORROW_TEN + datetime.timedelta(minutes=60))
    assert book(world, other, meeting=right_after).pk


def test_moving_records_who_moved_it_and_books_the_new_time_linked_to_the_old(world: World, client: Client) -> None:
    old = book(world, client, notify=False)
    new_time = TOMORROW_TEN + datetime.timedelta(days=2)
    moved = appointment_move(
        actor=world.worker,
        appointment=old,
        by=Outcome.MOVED_BY_CLIENT,
        meeting=meeting(world.worker, starts_at=new_time),
        note="Serga",
        lock_version=old.lock_version,
    )
    old.refresh_from_db()
    assert old.outcome == Outcome.MOVED_BY_CLIENT
    assert old.outcome_note == "Serga"
    assert moved.moved_from == old
    assert moved.purpose == old.purpose
    assert moved.starts_at == new_time
    assert audited(old) == ["appointment.book", "appointment.move"]
    notice = AppointmentNotice.objects.get(appointment=moved)
    assert notice.kind == NoticeKind.MOVED
    assert notice.channel == Channel.SMS
    # The old meeting no longer holds the worker's time: a new one may take it.
    assert book(world, client_in(world.a1, first_name="Ona"), notify=False).pk


def test_a_move_is_refused_after_an_outcome_and_on_a_stale_version(world: World, client: Client) -> None:
    old = book(world, client, notify=False)
    later = meeting(world.worker, starts_at=TOMORROW_TEN + datetime.timedelta(days=1))
    with pytest.raises(EditConflict):
        appointment_move(
            actor=world.worker, appointment=old, by=Outcome.MOVED_BY_INSTITUTION, meeting=later, lock_version=7
        )
    appointment_move(
        actor=world.worker, appointment=old, by=Outcome.MOVED_BY_INSTITUTION, meeting=later, lock_version=0
    )
    with pytest.raises(ServiceError, match="recorded already"):
        appointment_move(
            actor=world.worker,
            appointment=old,
            by=Outcome.MOVED_BY_CLIENT,
            meeting=later,
            lock_version=old.lock_version,
        )
    with pytest.raises(ServiceError) as no_one:
        appointment_move(actor=world.worker, appointment=old, by=Outcome.NO_SHOW, meeting=later, lock_version=0)  # type: ignore[arg-type]
    assert no_one.value.field == "by"
    assert Appointment.objects.count() == 2


def test_recording_an_outcome(world: World, client: Client) -> None:
    past = appointment_for(client, world.a1, world.worker, starts_at=timezone.now() - datetime.timedelta(hours=2))
    recorded = appointment_outcome_record(
        actor=world.worker, appointment=past, outcome=Outcome.HELD_LATE, late_minutes=15, lock_version=0
    )
    assert (recorded.outcome, recorded.late_minutes, recorded.outcome_recorded_by) == (
        Outcome.HELD_LATE,
        15,
        world.worker,
    )
    assert audited(past) == ["appointment.book", "appointment.outcome_record"]
    with pytest.raises(ServiceError, match="recorded already"):
        appointment_outcome_record(
            actor=world.worker, appointment=past, outcome=Outcome.HELD_ON_TIME, lock_version=past.lock_version
        )


def test_outcomes_refused(world: World, client: Client) -> None:
    coming = book(world, client, notify=False)
    with pytest.raises(ServiceError, match="still to come"):
        appointment_outcome_record(actor=world.worker, appointment=coming, outcome=Outcome.NO_SHOW, lock_version=0)
    past = appointment_for(client, world.a1, world.worker, starts_at=timezone.now() - datetime.timedelta(days=3))
    with pytest.raises(ServiceError) as late:
        appointment_outcome_record(actor=world.worker, appointment=past, outcome=Outcome.HELD_LATE, lock_version=0)
    assert late.value.field == "late_minutes"
    with pytest.raises(ServiceError) as moved:
        appointment_outcome_record(
            actor=world.worker, appointment=past, outcome=Outcome.MOVED_BY_CLIENT, lock_version=0
        )
    assert moved.value.field == "outcome"
    with pytest.raises(EditConflict):
        appointment_outcome_record(actor=world.worker, appointment=past, outcome=Outcome.NO_SHOW, lock_version=3)
    past.refresh_from_db()
    assert past.outcome == ""
    assert past.lock_version == 0
    assert audited(past) == ["appointment.book"]
    # Held on time ignores minutes late typed by mistake.
    on_time = appointment_outcome_record(
        actor=world.worker, appointment=past, outcome=Outcome.HELD_ON_TIME, late_minutes=5, lock_version=0
    )
    assert on_time.late_minutes is None


def test_merging_moves_the_duplicates_appointments_and_notices(world: World, client: Client) -> None:
    duplicate = client_in(world.a1, first_name="Jonas", email="jonas@example.org")
    appointment = book(world, duplicate)
    client_merge(
        actor=world.coordinator,
        kept=client,
        duplicate=duplicate,
        kept_lock_version=client.lock_version,
        duplicate_lock_version=duplicate.lock_version,
    )
    appointment.refresh_from_db()
    assert appointment.client == client
    assert AppointmentNotice.objects.get(appointment=appointment).client == client
    assert "appointment.merge_move" in audited(client)


def test_the_subject_access_section_lists_every_meeting_and_notice(world: World, client: Client) -> None:
    old = book(world, client)
    appointment_move(
        actor=world.worker,
        appointment=old,
        by=Outcome.MOVED_BY_INSTITUTION,
        meeting=meeting(world.worker, starts_at=TOMORROW_TEN + datetime.timedelta(days=1)),
        lock_version=0,
    )
    section = next(section for section in REPORT_SECTIONS if section.key == "appointments")
    assert set(section.models) == {Appointment, AppointmentNotice}
    items = appointments_collect(client)
    assert [item.title[:15] for item in items] == ["Appointment of "] * 2
    first = dict(items[0].facts)
    assert first["Outcome"] == "Moved by the institution"
    assert first["Purpose"] == "Pagalbos poreikio vertinimas"
    assert first["Notice: Booked"].startswith("SMS, +370 61234567, ")
    assert dict(items[1].facts)["Moved from"] == first["Starts"]
