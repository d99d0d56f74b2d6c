"""Reopening a signal counts a new deadline from the reopening, by staff or by the person's reply.

The history keeps the old deadline, the figures keep judging the first answer against the deadline it
had, and the new deadline is warned about and escalated like the first.
"""

import datetime
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.core.workdays import working_day_after
from kokybe.inquiries.figures import answer_figures
from kokybe.inquiries.models import EventKind, Kind, Signal, SignalEvent, Status
from kokybe.inquiries.services import handling
from kokybe.inquiries.services.handling_notes import signal_classify
from kokybe.inquiries.services.handling_reminders import signal_reminders_send
from kokybe.inquiries.services.replies import signal_reply_receive
from kokybe.inquiries.tests.builders_handling import signal_in

pytestmark = pytest.mark.django_db
VILNIUS = ZoneInfo("Europe/Vilnius")
FIRST_DUE = datetime.date(2026, 3, 9)  # a question received on Monday 2 March 2026: 5 working days
REOPENED_DUE = datetime.date(2026, 3, 27)  # 5 working days after Friday 20 March


@pytest.fixture(autouse=True)
def _unscoped_english() -> Iterator[None]:
    with scopes_disabled(), translation.override("en"):
        yield


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=VILNIUS)


def answered_late(world: World, **fields: object) -> Signal:
    """A question answered three days after its deadline and closed, already warned about and escalated."""
    defaults: dict[str, object] = {
        "status": Status.CLOSED,
        "assignee": world.worker,
        "received_at": at("2026-03-02"),
        "due_on": FIRST_DUE,
        "answered_at": at("2026-03-12"),
        "closed_at": at("2026-03-12"),
        "warned_at": at("2026-03-05"),
        "escalated_at": at("2026-03-10"),
    }
    return signal_in(world.a, world.a1, **{**defaults, **fields})  # type: ignore[arg-type]


def fresh(signal: Signal) -> Signal:
    signal.refresh_from_db()
    return signal


def test_reopening_counts_a_new_deadline_from_the_reopening_and_the_history_keeps_the_old(world: World) -> None:
    signal = answered_late(world)
    handling.signal_reopen(
        actor=world.worker, signal=signal, reason="Asmuo rašo, kad neaišku.", lock_version=0, at=at("2026-03-20")
    )
    signal = fresh(signal)
    assert working_day_after("LT", datetime.date(2026, 3, 20), 5) == REOPENED_DUE
    assert (signal.status, signal.due_on, signal.first_due_on) == (Status.ASSIGNED, REOPENED_DUE, FIRST_DUE)
    assert (signal.warned_at, signal.escalated_at, signal.closed_at) == (None, None, None)
    event = SignalEvent.objects.get(signal=signal, kind=EventKind.REOPENED)
    assert event.detail == {
        "reason": "Asmuo rašo, kad neaišku.",
        "due_on_before": "2026-03-09",
        "due_on": "2026-03-27",
    }
    audit = AuditEvent.objects.get(action="signal.reopen", object_label=signal.reference)
    assert audit.changes["due_on"] == {"from": "2026-03-09", "to": "2026-03-27"}


def test_a_signal_reopened_today_is_not_overdue(world: World) -> None:
    signal = answered_late(world)
    handling.signal_reopen(actor=world.worker, signal=signal, reason="Dar kartą.", lock_version=0)
    assert fresh(signal).due_on > timezone.localdate()


def test_reopening_never_brings_the_deadline_earlier(world: World) -> None:
    # A service request whose deadline a long wait for the person moved well past the new count.
    signal = answered_late(world, status=Status.ANSWERED, closed_at=None, due_on=datetime.date(2026, 4, 30))
    handling.signal_reopen(actor=world.worker, signal=signal, reason="Trūksta.", lock_version=0, at=at("2026-03-20"))
    assert fresh(signal).due_on == datetime.date(2026, 4, 30)


def test_the_new_deadline_is_warned_about_and_escalated_again(world: World) -> None:
    signal = answered_late(world)
    handling.signal_reopen(actor=world.worker, signal=signal, reason="Neaišku.", lock_version=0, at=at("2026-03-20"))
    # The policy warns 2 working days before the deadline of Friday 27 March: from Wednesday.
    warned = signal_reminders_send(
        base_url="https://k.example/", today=datetime.date(2026, 3, 25), now=at("2026-03-25")
    )
    assert (warned.warned, warned.escalated) == (1, 0)
    overdue = signal_reminders_send(
        base_url="https://k.example/", today=datetime.date(2026, 3, 30), now=at("2026-03-30")
    )
    assert (overdue.warned, overdue.escalated) == (0, 1)
    kinds = list(SignalEvent.objects.filter(signal=signal).values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.REOPENED, EventKind.ESCALATED]


def test_the_persons_reply_reopens_an_answered_signal_with_a_new_deadline(world: World) -> None:
    signal = answered_late(world, status=Status.ANSWERED, closed_at=None)
    signal_reply_receive(signal=signal, text="Bet kada atvyks darbuotoja?", at=at("2026-03-20"))
    signal = fresh(signal)
    assert (signal.status, signal.due_on, signal.first_due_on) == (Status.ASSIGNED, REOPENED_DUE, FIRST_DUE)
    assert (signal.warned_at, signal.escalated_at) == (None, None)
    event = SignalEvent.objects.get(signal=signal, kind=EventKind.REOPENED)
    assert event.detail == {"by": "reply", "due_on_before": "2026-03-09", "due_on": "2026-03-27"}
    assert event.actor is None


def test_the_figures_judge_the_first_answer_by_its_own_deadline(world: World) -> None:
    late = answered_late(world)
    handling.signal_reopen(actor=world.worker, signal=late, reason="Neaišku.", lock_version=0, at=at("2026-03-20"))
    figures = answer_figures(world.a, today=datetime.date(2026, 3, 23))[None]
    # Answered on 12 March against 9 March: late, although the reopened signal is now due on 27 March.
    assert (figures.answered, figures.answered_in_time, figures.answered_late) == (1, 0, 1)


def test_a_new_type_after_reopening_counts_from_the_reopening(world: World) -> None:
    signal = answered_late(world)
    handling.signal_reopen(actor=world.worker, signal=signal, reason="Skundas.", lock_version=0, at=at("2026-03-20"))
    signal = fresh(signal)
    signal_classify(
        actor=world.worker,
        signal=signal,
        kind=Kind.COMPLAINT,
        topic=None,
        priority=signal.priority,
        subject="",
        lock_version=signal.lock_version,
    )
    assert fresh(signal).due_on == working_day_after("LT", datetime.date(2026, 3, 20), 20)
