"""The appointment pages: booking (a double submit books once, a refusal keeps what was typed), recording the
outcome, moving, every view recorded, query counts that do not grow, and punctuality figures."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.appointments import selectors
from kokybe.appointments.models import Appointment, Outcome
from kokybe.appointments.services.booking import appointment_move
from kokybe.appointments.services.outcomes import appointment_outcome_record
from kokybe.appointments.tests.builders import appointment_for, meeting
from kokybe.audit.models import AuditEvent, EventKind
from kokybe.clients.models import Client
from kokybe.clients.tests.builders import client_in

pytestmark = pytest.mark.django_db
DAY_AFTER = timezone.localdate() + datetime.timedelta(days=2)


@pytest.fixture(autouse=True)
def _english(world: World) -> Iterator[None]:
    """The pages' words are matched in English."""
    with scopes_disabled():
        User.objects.update(language="en")
    with translation.override("en"):
        yield


def url(name: str, world: World, *args: object) -> str:
    return reverse(f"appointments:{name}", args=[world.a.slug, *args])


@pytest.fixture
def client(world: World) -> Client:
    return client_in(world.a1, responsible=world.worker, first_name="Ona", last_name="Petraitienė")


def booking(world: World, **changes: str) -> dict[str, str]:
    return {
        "institution": str(world.a1.pk),
        "purpose": "Pirmas susitikimas",
        "day": f"{DAY_AFTER:%Y-%m-%d}",
        "time": "10:30",
        "duration_minutes": "45",
        "place_kind": "institution",
        "place": "Kabinetas 12",
        "worker": str(world.worker.pk),
        "notify": "on",
        "submission_key": "0b9f3a52-52a7-4c55-a3b8-2a5b3c1d0e01",
    } | changes


def test_a_worker_books_once_however_often_the_form_is_sent(world: World, client: Client) -> None:
    browser = world.client_for(world.worker)
    page = browser.get(url("book", world, client.pk))
    assert page.status_code == 200
    assert 'name="submission_key"' in page.content.decode()
    first = browser.post(url("book", world, client.pk), booking(world))
    second = browser.post(url("book", world, client.pk), booking(world))
    with scopes_disabled():
        appointment = Appointment.objects.get()
    assert first["Location"] == second["Location"] == url("detail", world, appointment.pk)
    assert timezone.localtime(appointment.starts_at).strftime("%H:%M") == "10:30"
    detail = browser.get(first["Location"]).content.decode()
    assert "Kabinetas 12" in detail
    assert "No contact details" in detail
    assert "tell the client yourself" in detail


def test_a_refused_booking_says_why_next_to_the_field_and_keeps_the_input(world: World, client: Client) -> None:
    browser = world.client_for(world.worker)
    yesterday = f"{timezone.localdate() - datetime.timedelta(days=1):%Y-%m-%d}"
    page = browser.post(url("book", world, client.pk), booking(world, day=yesterday, purpose="Grįžtamasis ryšys"))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="id_day_error"' in text
    assert "Choose a time that is still to come." in text
    assert 'value="Grįžtamasis ryšys"' in text
    invalid = browser.post(url("book", world, client.pk), booking(world, time="25:99"))
    assert 'id="id_time_error"' in invalid.content.decode()
    with scopes_disabled():
        assert not Appointment.objects.exists()


def test_the_worker_records_an_outcome_and_moves_a_meeting(world: World, client: Client) -> None:
    past = appointment_for(client, world.a1, world.worker, starts_at=timezone.now() - datetime.timedelta(hours=3))
    coming = appointment_for(client, world.a1, world.worker, starts_at=timezone.now() + datetime.timedelta(days=1))
    browser = world.client_for(world.worker)
    assert "Record what came of it" in browser.get(url("detail", world, past.pk)).content.decode()
    assert "Record what came of it" not in browser.get(url("detail", world, coming.pk)).content.decode()
    late = {"outcome": "held_late", "late_minutes": "", "note": "", "lock_version": "0"}
    refused = browser.post(url("outcome", world, past.pk), late)
    assert 'id="id_late_minutes_error"' in refused.content.decode()
    done = browser.post(url("outcome", world, past.pk), late | {"late_minutes": "20"})
    assert done.status_code == 302
    stale = browser.post(url("outcome", world, past.pk), late | {"late_minutes": "5"})
    assert "recorded already" in stale.content.decode()

    moving = {
        "by": "moved_by_client",
        "note": "Vizitas pas gydytoją",
        "day": f"{DAY_AFTER:%Y-%m-%d}",
        "time": "13:00",
        "duration_minutes": "60",
        "place_kind": "home_visit",
        "place": "",
        "worker": str(world.worker.pk),
        "lock_version": "0",
    }
    moved = browser.post(url("move", world, coming.pk), moving)
    with scopes_disabled():
        new = Appointment.objects.get(moved_from=coming)
        past.refresh_from_db()
    assert past.late_minutes == 20
    assert moved["Location"] == url("detail", world, new.pk)
    old_page = browser.get(url("detail", world, coming.pk)).content.decode()
    assert "Moved by the client" in old_page
    assert url("detail", world, new.pk) in old_page
    again = browser.post(url("move", world, coming.pk), moving)
    assert "recorded already" in again.content.decode()
    stale = browser.post(url("move", world, new.pk), moving | {"lock_version": "4"})
    assert "Someone else saved this record" in stale.content.decode()


def test_every_page_of_a_client_s_meetings_is_recorded_as_a_view(world: World, client: Client) -> None:
    appointment = appointment_for(client, world.a1, world.worker)
    browser = world.client_for(world.director)
    for name, key in (("client", client.pk), ("detail", appointment.pk), ("move", appointment.pk)):
        assert browser.get(url(name, world, key)).status_code == 200
    with scopes_disabled():
        purposes = list(
            AuditEvent.objects.filter(kind=EventKind.VIEW, object_id=str(client.pk))
            .order_by("pk")
            .values_list("purpose", flat=True)
        )
    assert purposes == ["appointments", "appointment", "appointment: move"]


def test_another_institution_s_worker_does_not_find_the_appointment(world: World, client: Client) -> None:
    appointment = appointment_for(client, world.a1, world.worker)
    browser = world.client_for(world.other_worker)
    assert browser.get(url("detail", world, appointment.pk)).status_code == 404
    assert browser.get(url("client", world, client.pk)).status_code == 404
    assert world.client_for(world.outsider).get(url("detail", world, appointment.pk)).status_code == 404


def grow(world: World, client: Client, count: int) -> None:
    now = timezone.now()
    for number in range(count):
        other = client_in(world.a1, first_name=f"Vardas{number}")
        appointment_for(other, world.a1, world.worker, starts_at=now + datetime.timedelta(days=number + 1))
        past = appointment_for(client, world.a1, world.worker, starts_at=now - datetime.timedelta(days=number + 1))
        with scopes_disabled():
            appointment_outcome_record(
                actor=world.worker, appointment=past, outcome=Outcome.HELD_ON_TIME, lock_version=0
            )
        if number % 3 == 0:
            coming = appointment_for(
                client, world.a1, world.worker, starts_at=now + datetime.timedelta(hours=number + 2)
            )
            with scopes_disabled():
                appointment_move(
                    actor=world.worker,
                    appointment=coming,
                    by=Outcome.MOVED_BY_INSTITUTION,
                    meeting=meeting(world.worker, starts_at=now + datetime.timedelta(days=40 + number)),
                    lock_version=0,
                )


@pytest.mark.parametrize("count", [2, 12])
def test_list_pages_queries_do_not_grow(
    world: World, client: Client, count: int, django_assert_max_num_queries: Any
) -> None:
    grow(world, client, count)
    browser = world.client_for(world.worker)
    with django_assert_max_num_queries(16):
        listed = browser.get(url("client", world, client.pk))
    assert listed.content.decode().count("Held on time") == count
    with django_assert_max_num_queries(12):
        mine = browser.get(url("mine", world))
    assert "Vardas1" in mine.content.decode()
    with django_assert_max_num_queries(12):
        figures = browser.get(url("punctuality", world))
    assert figures.status_code == 200
    with django_assert_max_num_queries(20):
        home = browser.get(reverse("tenancy:home", args=[world.a.slug]))
    assert home.status_code == 200


def test_punctuality_counts_what_the_institution_had_to_keep(world: World, client: Client) -> None:
    now = timezone.now()
    outcomes = [Outcome.HELD_ON_TIME] * 4 + [Outcome.HELD_LATE, Outcome.NO_SHOW, ""]
    for number, outcome in enumerate(outcomes):
        past = appointment_for(client, world.a1, world.worker, starts_at=now - datetime.timedelta(days=number + 1))
        if outcome:
            with scopes_disabled():
                appointment_outcome_record(
                    actor=world.worker, appointment=past, outcome=outcome, late_minutes=10, lock_version=0
                )
    for number, by in enumerate((Outcome.MOVED_BY_INSTITUTION, Outcome.MOVED_BY_CLIENT)):
        coming = appointment_for(client, world.a1, world.worker, starts_at=now + datetime.timedelta(hours=number + 1))
        with scopes_disabled():
            appointment_move(
                actor=world.worker,
                appointment=coming,
                by=by,
                meeting=meeting(world.worker, starts_at=now + datetime.timedelta(days=number + 3)),
                lock_version=0,
            )
    other = client_in(world.a2, first_name="Petras")
    for number in range(3):
        past = appointment_for(other, world.a2, world.other_worker, starts_at=now - datetime.timedelta(days=number + 1))
        with scopes_disabled():
            appointment_outcome_record(
                actor=world.other_worker, appointment=past, outcome=Outcome.HELD_ON_TIME, lock_version=0
            )
    today = timezone.localdate()
    # Up to the day of the later appointment moved: from 22:00 local time on, it is tomorrow's.
    last_day = timezone.localdate(now + datetime.timedelta(hours=2))
    with scopes_disabled():
        figures = selectors.punctuality(world.a, start=today - datetime.timedelta(days=30), end=last_day)
    a1, a2 = figures.institutions
    assert (a1.institution_id, a1.held_on_time, a1.held_late, a1.moved_by_institution) == (world.a1.pk, 4, 1, 1)
    assert (a1.due, a1.moved_by_client, a1.no_show, a1.not_recorded) == (6, 1, 1, 1)
    assert a1.share_on_time == pytest.approx(4 / 6)
    assert a2.due == 3
    assert a2.suppressed
    assert a2.share_on_time is None
    [worker_row] = [row for row in figures.workers if row.worker_id == world.worker.pk]
    assert worker_row.due == 6
    with scopes_disabled():
        only_a2 = selectors.punctuality(world.a, start=today, end=today, institution_ids={world.a2.pk})
    assert [row.institution_id for row in only_a2.institutions] == []  # nothing of A2 today: all in the past days
    # The same period as above: the page's default ends today, which after 22:00 leaves out the appointment moved.
    period = {"start": (today - datetime.timedelta(days=30)).isoformat(), "end": last_day.isoformat()}
    page = world.client_for(world.staff).get(url("punctuality", world), period).content.decode()
    assert "67 %" in page
    assert world.worker.display_name not in page
    by_director = world.client_for(world.director).get(url("punctuality", world), period).content.decode()
    assert world.worker.display_name in by_director
