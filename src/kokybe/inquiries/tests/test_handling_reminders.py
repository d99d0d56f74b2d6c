"""Deadline warnings to the assignee and escalation of overdue signals to the director: each once."""

import datetime
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent
from kokybe.inquiries.models import EventKind, Kind, Signal, SignalEvent, Status
from kokybe.inquiries.services.handling_reminders import signal_reminders_send
from kokybe.inquiries.tests.builders_handling import signal_in

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 3, 2)
BASE = "https://kokybe.example.lt/"


@pytest.fixture(autouse=True)
def _unscoped_english(world: World) -> Iterator[None]:
    """E-mails go out in each recipient's language: English here, so they can be matched."""
    with scopes_disabled(), translation.override("en"):
        User.objects.update(language="en")
        yield


def test_the_assignee_is_warned_once_from_the_policys_warning_day(world: World) -> None:
    # A question's policy warns 2 working days before: a signal due Wednesday is warned from Monday.
    due_wednesday = signal_in(
        world.a, world.a1, status=Status.ASSIGNED, assignee=world.worker, due_on=datetime.date(2026, 3, 4)
    )
    due_next_week = signal_in(
        world.a, world.a1, status=Status.ASSIGNED, assignee=world.worker, due_on=datetime.date(2026, 3, 10)
    )
    counts = signal_reminders_send(base_url=BASE, today=MONDAY)
    assert (counts.warned, counts.escalated) == (1, 0)
    [sent] = mail.outbox
    assert sent.to == [world.worker.email]
    assert due_wednesday.reference in sent.subject
    assert f"{BASE}m/{world.a.slug}/signals/{due_wednesday.pk}/" in sent.body
    assert "Kada atvažiuos" not in sent.body  # what the person wrote stays on the platform
    assert signal_reminders_send(base_url=BASE, today=MONDAY).warned == 0  # once
    assert Signal.objects.get(pk=due_next_week.pk).warned_at is None
    assert AuditEvent.objects.filter(action="signal.deadline_warn").count() == 1


def test_an_overdue_signal_is_escalated_once_to_the_director(world: World) -> None:
    overdue = signal_in(
        world.a, world.a1, status=Status.ASSIGNED, assignee=world.worker, due_on=MONDAY - datetime.timedelta(days=1)
    )
    closed = signal_in(world.a, world.a1, status=Status.CLOSED, due_on=MONDAY - datetime.timedelta(days=9))
    municipality_queue = signal_in(world.a, None, kind=Kind.COMPLAINT, due_on=MONDAY - datetime.timedelta(days=3))
    out = StringIO()
    call_command("signal_reminders", "--base-url", BASE, stdout=out)  # runs today: both dates are long past
    assert "2 escalations" in out.getvalue()
    recipients = sorted((message.to[0], message.subject) for message in mail.outbox)
    assert recipients == sorted(
        [
            (world.director.email, f"Overdue signal: {overdue.reference}"),
            (world.coordinator.email, f"Overdue signal: {municipality_queue.reference}"),
        ]
    )
    event = SignalEvent.objects.get(signal=overdue, kind=EventKind.ESCALATED)
    assert event.detail == {"to": [world.director.pk]}
    assert Signal.objects.get(pk=closed.pk).escalated_at is None
    call_command("signal_reminders", "--base-url", BASE, stdout=StringIO())
    assert len(mail.outbox) == 2


def test_a_service_request_waiting_with_its_clock_stopped_is_neither_warned_nor_escalated(world: World) -> None:
    waiting = signal_in(
        world.a,
        world.a1,
        kind=Kind.SERVICE_REQUEST,
        status=Status.WAITING,
        assignee=world.worker,
        waiting_since=timezone.now(),
        due_on=MONDAY - datetime.timedelta(days=1),
    )
    question = signal_in(
        world.a, world.a1, status=Status.WAITING, assignee=world.worker, due_on=MONDAY - datetime.timedelta(days=1)
    )
    counts = signal_reminders_send(base_url=BASE, today=MONDAY)
    assert counts.escalated == 1  # the question: its deadline runs on while waiting
    assert Signal.objects.get(pk=waiting.pk).escalated_at is None
    assert Signal.objects.get(pk=question.pk).escalated_at is not None
