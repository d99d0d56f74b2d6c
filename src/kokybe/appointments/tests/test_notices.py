"""Notices to the client: sent once the change is committed, by e-mail or through the SMS hook, the result recorded."""

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.appointments.models import AppointmentNotice, NoticeResult, Outcome
from kokybe.appointments.services.booking import appointment_move
from kokybe.appointments.services.notices import notice_deliver
from kokybe.appointments.tests.builders import appointment_for, meeting
from kokybe.audit.models import AuditEvent
from kokybe.clients.tests.builders import client_in

pytestmark = pytest.mark.django_db
STARTS = (timezone.localtime() + datetime.timedelta(days=2)).replace(hour=9, minute=30, second=0, microsecond=0)


class RefusingGateway:
    """An SMS gateway that is down."""

    def send(self, number: str, text: str) -> str:
        raise ConnectionError("gateway unreachable")


@pytest.fixture(autouse=True)
def _unscoped() -> Iterator[None]:
    with scopes_disabled():
        yield


@pytest.fixture
def sms_dir(settings: Any, tmp_path: Path) -> Path:
    settings.KOKYBE_SMS_FILE_PATH = str(tmp_path / "sms")
    return tmp_path / "sms"


def sent_sms(directory: Path) -> list[dict[str, str]]:
    return [json.loads(line) for path in sorted(directory.glob("*.log")) for line in path.read_text().splitlines()]


def test_a_booking_is_e_mailed_after_the_commit_in_the_municipality_language(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_in(world.a1, email="ona@example.org", phone="+370 61111111")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        appointment = appointment_for(client, world.a1, world.worker, starts_at=STARTS, notify=True)
    notice = AppointmentNotice.objects.get(appointment=appointment)
    assert (notice.channel, notice.recipient, notice.result) == ("email", "ona@example.org", NoticeResult.SENT)
    assert notice.sent_at is not None
    assert notice.provider_id.startswith("<")
    [message] = mail.outbox
    assert message.to == ["ona@example.org"]
    assert message.extra_headers["Message-ID"] == notice.provider_id
    assert message.subject == "Jūsų susitikimas užregistruotas"
    assert f"{STARTS:%Y-%m-%d %H:%M}" in message.body
    assert "Poreikių vertinimas" in message.body
    event = AuditEvent.objects.get(action="appointment.notice_send")
    assert event.changes["result"]["to"] == "sent"
    assert "ona@example.org" not in json.dumps(event.changes)


def test_a_move_goes_by_sms_through_the_hook(
    world: World, sms_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_in(world.a1, phone="+370 61234567")
    appointment = appointment_for(client, world.a1, world.worker, starts_at=STARTS)
    with django_capture_on_commit_callbacks(execute=True):
        moved = appointment_move(
            actor=world.worker,
            appointment=appointment,
            by=Outcome.MOVED_BY_INSTITUTION,
            meeting=meeting(world.worker, starts_at=STARTS + datetime.timedelta(days=1)),
            lock_version=0,
        )
    notice = AppointmentNotice.objects.get(appointment=moved)
    [sms] = sent_sms(sms_dir)
    assert notice.result == NoticeResult.SENT
    assert notice.provider_id == sms["id"]
    assert sms["to"] == "+370 61234567"
    assert f"{STARTS:%Y-%m-%d %H:%M}" in sms["text"]  # the old time
    assert f"{STARTS + datetime.timedelta(days=1):%Y-%m-%d %H:%M}" in sms["text"]  # the new one
    assert not mail.outbox


def test_a_refusing_gateway_is_recorded_and_a_notice_is_sent_once(world: World, settings: Any) -> None:
    settings.KOKYBE_SMS_BACKEND = "kokybe.appointments.tests.test_notices.RefusingGateway"
    client = client_in(world.a1, phone="+370 61234567")
    appointment = appointment_for(client, world.a1, world.worker, starts_at=STARTS, notify=True)
    notice = AppointmentNotice.objects.get(appointment=appointment)
    assert notice_deliver(notice_id=notice.pk).result == NoticeResult.FAILED
    settings.KOKYBE_SMS_BACKEND = "kokybe.appointments.sms.SmsLogFileBackend"
    assert notice_deliver(notice_id=notice.pk).result == NoticeResult.FAILED  # recorded once, not sent again
    assert AuditEvent.objects.filter(action="appointment.notice_send").count() == 1


def test_nothing_is_sent_when_the_change_is_rolled_back(world: World, sms_dir: Path) -> None:
    client = client_in(world.a1, phone="+370 61234567")
    appointment_for(client, world.a1, world.worker, starts_at=STARTS, notify=True)
    # The test's transaction is never committed: the notice waits, as it would for a change rolled back.
    assert AppointmentNotice.objects.get().result == NoticeResult.PENDING
    assert not sms_dir.exists()
