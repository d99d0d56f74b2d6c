"""Handling a signal through its services: every step's event and audit, refusals, edit conflicts, e-mails."""

import datetime
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.analytics.services.queueing import _refresh_enqueue
from kokybe.audit.models import AuditEvent
from kokybe.charter.services.queueing import _refresh_enqueue as _figures_refresh_enqueue
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.core.workdays import working_day_after
from kokybe.inquiries.models import Direction, EventKind, Kind, Signal, SignalEvent, SignalMessage, Status
from kokybe.inquiries.services import handling
from kokybe.inquiries.services.handling_answer import signal_answer
from kokybe.inquiries.services.handling_nonconformity import signal_nonconformity_report
from kokybe.inquiries.services.handling_notes import signal_classify, signal_note_add
from kokybe.inquiries.tests.builders_handling import article_in, signal_in, topic_in
from kokybe.nonconformities.models import Source

pytestmark = pytest.mark.django_db
VILNIUS = ZoneInfo("Europe/Vilnius")


@pytest.fixture(autouse=True)
def _unscoped_english() -> Iterator[None]:
    """Services run outside a request here; their messages are matched in English."""
    with scopes_disabled(), translation.override("en"):
        yield


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=VILNIUS)


def events(signal: Signal) -> list[str]:
    return list(SignalEvent.objects.filter(signal=signal).values_list("kind", flat=True))


def audited(signal: Signal) -> list[str]:
    return list(
        AuditEvent.objects.filter(municipality_id=signal.municipality_id, object_label=signal.reference)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def fresh(signal: Signal) -> Signal:
    signal.refresh_from_db()
    return signal


def test_assign_makes_a_received_signal_handled_and_records_the_step(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    handling.signal_assign(actor=world.director, signal=signal, assignee=world.worker, lock_version=0)
    signal = fresh(signal)
    assert (signal.status, signal.assignee_id, signal.lock_version) == (Status.ASSIGNED, world.worker.pk, 1)
    assert events(signal) == [EventKind.RECEIVED, EventKind.ASSIGNED]
    assert audited(signal) == ["signal.assign"]
    event = SignalEvent.objects.get(signal=signal, kind=EventKind.ASSIGNED)
    assert (event.actor_id, event.institution_id) == (world.director.pk, world.a1.pk)
    changes = AuditEvent.objects.get(action="signal.assign", object_label=signal.reference).changes
    assert changes["assignee"] == {"from": None, "to": {"id": world.worker.pk, "label": world.worker.display_name}}
    assert changes["status"] == {"from": Status.RECEIVED, "to": Status.ASSIGNED}


def test_assign_refuses_someone_who_does_not_handle_the_institutions_signals(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    for person in (world.other_worker, world.staff, world.auditor):
        with pytest.raises(ServiceError) as refused:
            handling.signal_assign(actor=world.director, signal=signal, assignee=person, lock_version=0)
        assert refused.value.field == "assignee"
    assert fresh(signal).assignee_id is None
    assert events(signal) == [EventKind.RECEIVED]


def test_a_step_on_a_signal_changed_meanwhile_is_refused_as_an_edit_conflict(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    shown = signal.lock_version
    handling.signal_assign(actor=world.director, signal=signal, assignee=world.worker, lock_version=shown)
    stale = Signal.objects.get(pk=signal.pk)
    stale.lock_version = shown  # what the second person's page showed
    with pytest.raises(EditConflict):
        handling.signal_assign(actor=world.quality, signal=stale, assignee=world.consultant, lock_version=shown)
    assert fresh(signal).assignee_id == world.worker.pk


def test_forward_moves_the_signal_keeps_the_history_and_tells_the_person(
    world: World, django_capture_on_commit_callbacks: pytest.FixtureRequest
) -> None:
    signal = signal_in(world.a, world.a1, status=Status.ASSIGNED, assignee=world.worker, language="en")
    due = signal.due_on
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        handling.signal_forward(
            actor=world.worker,
            signal=signal,
            institution=world.a2,
            reason="Klausimas apie globos namų mokestį.",
            lock_version=0,
        )
    signal = fresh(signal)
    assert (signal.institution_id, signal.assignee_id, signal.status, signal.due_on) == (
        world.a2.pk,
        None,
        Status.RECEIVED,
        due,
    )
    event = SignalEvent.objects.get(signal=signal, kind=EventKind.FORWARDED)
    assert event.detail["from"] == world.a1.pk
    assert event.detail["to"] == world.a2.pk
    assert event.institution_id == world.a2.pk
    assert event.detail["person_told"] is True
    assert audited(signal) == ["signal.forward", "signal.forward_email"]
    changes = AuditEvent.objects.get(action="signal.forward", object_label=signal.reference).changes
    assert changes["institution"]["to"] == {"id": world.a2.pk, "label": str(world.a2)}
    assert changes["assignee"] == {"from": {"id": world.worker.pk, "label": world.worker.display_name}, "to": None}
    [sent] = mail.outbox
    assert sent.to == ["jonas@example.org"]
    assert sent.subject.startswith(f"[{signal.reference}]")
    assert "A2 globos namai" in sent.body
    assert "Klausimas apie globos" not in sent.body  # the internal reason is for the next institution only


def test_forwarding_an_anonymous_signal_tells_nobody(
    world: World, django_capture_on_commit_callbacks: pytest.FixtureRequest
) -> None:
    signal = signal_in(world.a, world.a1, person_email="", person_name="")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        handling.signal_forward(
            actor=world.worker, signal=signal, institution=world.a2, reason="Ne mums.", lock_version=0
        )
    assert mail.outbox == []
    assert SignalEvent.objects.get(signal=signal, kind=EventKind.FORWARDED).detail["person_told"] is False


def test_forward_refusals(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    with pytest.raises(ServiceError, match="already in this institution"):
        handling.signal_forward(actor=world.worker, signal=signal, institution=world.a1, reason="x", lock_version=0)
    with pytest.raises(ServiceError, match="of this municipality"):
        handling.signal_forward(actor=world.worker, signal=signal, institution=world.b1, reason="x", lock_version=0)
    with pytest.raises(ServiceError) as no_reason:
        handling.signal_forward(actor=world.worker, signal=signal, institution=world.a2, reason=" ", lock_version=0)
    assert no_reason.value.field == "reason"
    waiting = signal_in(world.a, world.a1, status=Status.WAITING, waiting_since=at("2026-03-02"))
    with pytest.raises(ServiceError, match="resume a waiting signal first"):
        handling.signal_forward(actor=world.worker, signal=waiting, institution=world.a2, reason="x", lock_version=0)
    assert events(signal) == [EventKind.RECEIVED]


def test_forward_to_the_municipality_queue_tells_the_person_who_handles_it_now(
    world: World, django_capture_on_commit_callbacks: pytest.FixtureRequest
) -> None:
    signal = signal_in(world.a, world.a1, status=Status.ASSIGNED, assignee=world.worker, language="en")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        handling.signal_forward(
            actor=world.worker, signal=signal, institution=None, reason="Ne mūsų įstaigos.", lock_version=0
        )
    signal = fresh(signal)
    assert (signal.institution_id, signal.assignee_id, signal.status) == (None, None, Status.RECEIVED)
    event = SignalEvent.objects.get(signal=signal, kind=EventKind.FORWARDED)
    assert (event.detail["from"], event.detail["to"], event.institution_id) == (world.a1.pk, None, None)
    assert audited(signal) == ["signal.forward", "signal.forward_email"]
    [sent] = mail.outbox
    assert "passed on to the municipality" in sent.subject
    assert f"handled by {world.a.display_name} itself" in sent.body
    with pytest.raises(ServiceError, match="already in the municipality's queue") as again:
        handling.signal_forward(
            actor=world.coordinator, signal=signal, institution=None, reason="x", lock_version=signal.lock_version
        )
    assert again.value.field == "institution"
    # From the municipality's queue on to an institution, as before.
    handling.signal_forward(
        actor=world.coordinator, signal=signal, institution=world.a2, reason="Globa.", lock_version=signal.lock_version
    )
    assert fresh(signal).institution_id == world.a2.pk


def test_forward_and_answer_without_notifying_the_person(
    world: World, django_capture_on_commit_callbacks: pytest.FixtureRequest
) -> None:
    signal = signal_in(world.a, world.a1, status=Status.ASSIGNED, assignee=world.worker)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:  # type: ignore[operator]
        handling.signal_forward(
            actor=world.worker,
            signal=signal,
            institution=world.a2,
            reason="Įvesta vėliau.",
            lock_version=0,
            notify=False,
        )
        message = signal_answer(
            actor=world.other_worker, signal=fresh(signal), body="Atsakyta telefonu.", lock_version=1, notify=False
        )
    # Nothing is sent; what waits for the commit is only the refresh of the analytics summaries, and the charter's
    # figures that the refresh queues in its turn.
    assert [callback.func for callback in callbacks] == [_refresh_enqueue, _figures_refresh_enqueue]  # type: ignore[attr-defined]
    assert mail.outbox == []
    assert SignalEvent.objects.get(signal=signal, kind=EventKind.FORWARDED).detail["person_told"] is False
    message.refresh_from_db()
    assert (message.emailed_to, message.email_message_id) == ("", "")
    assert audited(signal) == ["signal.forward", "signal.answer"]
    assert fresh(signal).status == Status.ANSWERED


def test_waiting_stops_the_clock_of_a_service_request_and_resuming_moves_the_deadline(world: World) -> None:
    signal = signal_in(
        world.a,
        world.a1,
        kind=Kind.SERVICE_REQUEST,
        status=Status.ASSIGNED,
        assignee=world.worker,
        received_at=at("2026-03-02"),
        due_on=datetime.date(2026, 3, 16),
    )
    handling.signal_wait(
        actor=world.worker, signal=signal, reason="Trūksta pažymos apie pajamas.", lock_version=0, at=at("2026-03-04")
    )
    signal = fresh(signal)
    assert (signal.status, signal.waiting_since) == (Status.WAITING, at("2026-03-04"))
    # Waited from Wednesday to the next Monday: Thursday, Friday and Monday are the working days lost.
    handling.signal_resume(actor=world.worker, signal=signal, lock_version=signal.lock_version, at=at("2026-03-09"))
    signal = fresh(signal)
    assert signal.due_on == working_day_after("LT", datetime.date(2026, 3, 16), 3) == datetime.date(2026, 3, 19)
    assert (signal.status, signal.waiting_since) == (Status.ASSIGNED, None)
    assert events(signal)[-2:] == [EventKind.WAITING, EventKind.RESUMED]
    assert audited(signal) == ["signal.wait", "signal.resume"]


def test_a_question_waits_but_its_deadline_runs_on(world: World) -> None:
    signal = signal_in(world.a, world.a1, received_at=at("2026-03-02"), due_on=datetime.date(2026, 3, 9))
    handling.signal_wait(
        actor=world.worker, signal=signal, reason="Paklausėme adreso.", lock_version=0, at=at("2026-03-03")
    )
    handling.signal_resume(actor=world.worker, signal=fresh(signal), lock_version=1, at=at("2026-03-06"))
    assert fresh(signal).due_on == datetime.date(2026, 3, 9)
    assert fresh(signal).status == Status.RECEIVED  # nobody had it yet


def test_answer_records_the_message_and_articles_then_mails_it_after_commit(
    world: World, django_capture_on_commit_callbacks: pytest.FixtureRequest
) -> None:
    signal = signal_in(world.a, world.a1, received_at=at("2026-03-02"))
    article = article_in(world.a, world.quality)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        message = signal_answer(
            actor=world.worker,
            signal=signal,
            body="Laba diena, socialinė darbuotoja atvyks antradienį.",
            articles=[article],
            lock_version=0,
            at=at("2026-03-03"),
        )
    signal = fresh(signal)
    assert (signal.status, signal.answered_at, signal.assignee_id) == (
        Status.ANSWERED,
        at("2026-03-03"),
        world.worker.pk,
    )
    assert list(message.articles.all()) == [article]
    assert list(article.answers.all()) == [message]
    assert message.direction == Direction.OUTBOUND
    assert message.author_id == world.worker.pk
    assert events(signal) == [EventKind.RECEIVED, EventKind.ANSWERED]
    assert audited(signal) == ["signal.answer", "signal.answer_email"]
    [sent] = mail.outbox
    assert sent.subject.startswith(f"[{signal.reference}]")
    assert "antradienį" in sent.body
    message.refresh_from_db()
    assert message.emailed_to == "jonas@example.org"
    assert message.email_message_id


def test_answer_and_close_at_once_keeps_the_first_answer_time(world: World) -> None:
    signal = signal_in(world.a, world.a1, person_email="", received_at=at("2026-03-02"))
    signal_answer(actor=world.worker, signal=signal, body="Pirmas.", lock_version=0, at=at("2026-03-03"))
    signal_answer(
        actor=world.worker, signal=fresh(signal), body="Antras.", close=True, lock_version=1, at=at("2026-03-05")
    )
    signal = fresh(signal)
    assert (signal.status, signal.answered_at, signal.closed_at) == (Status.CLOSED, at("2026-03-03"), at("2026-03-05"))
    assert events(signal) == [EventKind.RECEIVED, EventKind.ANSWERED, EventKind.ANSWERED, EventKind.CLOSED]
    assert SignalMessage.objects.filter(signal=signal).count() == 2


def test_answering_a_waiting_signal_resumes_it_first(world: World) -> None:
    signal = signal_in(
        world.a, world.a1, status=Status.WAITING, received_at=at("2026-03-02"), waiting_since=at("2026-03-02")
    )
    signal_answer(actor=world.worker, signal=signal, body="Gavome, ačiū.", lock_version=0, at=at("2026-03-04"))
    assert events(signal) == [EventKind.RECEIVED, EventKind.RESUMED, EventKind.ANSWERED]
    assert fresh(signal).waiting_since is None


def test_answer_refusals(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    foreign = article_in(world.b, world.outsider)
    audit_before = AuditEvent.objects.count()
    with pytest.raises(ServiceError) as empty:
        signal_answer(actor=world.worker, signal=signal, body="  ", lock_version=0)
    assert empty.value.field == "body"
    with pytest.raises(ServiceError) as wrong_article:
        signal_answer(actor=world.worker, signal=signal, body="Atsakymas.", articles=[foreign], lock_version=0)
    assert wrong_article.value.field == "articles"
    closed = signal_in(world.a, world.a1, status=Status.CLOSED)
    with pytest.raises(ServiceError, match="reopen it first"):
        signal_answer(actor=world.worker, signal=closed, body="Atsakymas.", lock_version=0)
    assert SignalMessage.objects.count() == 0
    assert AuditEvent.objects.count() == audit_before


def test_closing_without_an_answer_needs_a_reason(world: World) -> None:
    praise = signal_in(world.a, world.a1, kind=Kind.PRAISE)
    with pytest.raises(ServiceError) as refused:
        handling.signal_close(actor=world.worker, signal=praise, reason="", lock_version=0)
    assert refused.value.field == "reason"
    handling.signal_close(actor=world.worker, signal=praise, reason="Padėka, atsakymo nereikia.", lock_version=0)
    praise = fresh(praise)
    assert praise.status == Status.CLOSED
    assert praise.closed_at is not None
    assert SignalEvent.objects.get(signal=praise, kind=EventKind.CLOSED).detail == {
        "reason": "Padėka, atsakymo nereikia."
    }
    with pytest.raises(ServiceError, match="cannot be closed"):
        handling.signal_close(actor=world.worker, signal=praise, reason="Dar kartą.", lock_version=praise.lock_version)


def test_reopen_needs_a_reason_and_only_an_answered_or_closed_signal_is_reopened(world: World) -> None:
    signal = signal_in(world.a, world.a1, status=Status.CLOSED, assignee=world.worker, closed_at=at("2026-03-05"))
    with pytest.raises(ServiceError):
        handling.signal_reopen(actor=world.worker, signal=signal, reason="", lock_version=0)
    handling.signal_reopen(actor=world.worker, signal=signal, reason="Asmuo atsakė, kad neaišku.", lock_version=0)
    signal = fresh(signal)
    assert (signal.status, signal.closed_at) == (Status.ASSIGNED, None)
    assert audited(signal) == ["signal.reopen"]
    open_one = signal_in(world.a, world.a1)
    with pytest.raises(ServiceError, match="Only an answered or closed"):
        handling.signal_reopen(actor=world.worker, signal=open_one, reason="x", lock_version=0)


def test_merge_a_duplicate_and_refusals(world: World) -> None:
    kept = signal_in(world.a, world.a1)
    duplicate = signal_in(world.a, world.a1)
    with pytest.raises(ServiceError):
        handling.signal_merge(actor=world.worker, signal=duplicate, into=duplicate, lock_version=0)
    handling.signal_merge(actor=world.worker, signal=duplicate, into=kept, lock_version=0)
    duplicate = fresh(duplicate)
    assert (duplicate.status, duplicate.merged_into_id) == (Status.MERGED, kept.pk)
    assert SignalEvent.objects.get(signal=duplicate, kind=EventKind.MERGED).detail["into_reference"] == kept.reference
    third = signal_in(world.a, world.a1)
    with pytest.raises(ServiceError, match="was itself merged"):
        handling.signal_merge(actor=world.worker, signal=third, into=duplicate, lock_version=0)
    with pytest.raises(ServiceError, match="cannot be merged"):
        handling.signal_merge(actor=world.worker, signal=duplicate, into=third, lock_version=duplicate.lock_version)


def test_a_complaint_becomes_a_nonconformity_in_one_step(world: World) -> None:
    complaint = signal_in(world.a, world.a1, kind=Kind.COMPLAINT, received_at=at("2026-03-02"))
    found = signal_nonconformity_report(
        actor=world.quality,
        signal=complaint,
        process="Pagalba į namus",
        severity="major",
        description="Darbuotoja neatvyko sutartu laiku du kartus.",
        lock_version=0,
    )
    complaint = fresh(complaint)
    assert complaint.nonconformity_id == found.pk
    assert (found.source, found.source_ref, found.institution_id, found.found_on) == (
        Source.COMPLAINT,
        complaint.reference,
        world.a1.pk,
        datetime.date(2026, 3, 2),
    )
    assert "signal.nonconformity_report" in audited(complaint)
    with pytest.raises(ServiceError):
        signal_nonconformity_report(
            actor=world.quality,
            signal=complaint,
            process="x",
            severity="minor",
            description="x",
            lock_version=complaint.lock_version,
        )
    question = signal_in(world.a, world.a1)
    with pytest.raises(ServiceError, match="Only a complaint"):
        signal_nonconformity_report(
            actor=world.quality, signal=question, process="x", severity="minor", description="x", lock_version=0
        )


def test_a_note_is_audited_without_copying_its_text(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    signal_note_add(actor=world.worker, signal=signal, text="Skambinau, neatsiliepė.")
    event = AuditEvent.objects.get(action="signal.note_add")
    assert "neatsiliepė" not in str(event.changes)
    with pytest.raises(ServiceError):
        signal_note_add(actor=world.worker, signal=signal, text=" ")


def test_a_new_type_gives_its_deadline_while_open(world: World) -> None:
    signal = signal_in(world.a, world.a1, received_at=at("2026-03-02"), due_on=datetime.date(2026, 3, 9))
    topic = topic_in(world.a)
    signal_classify(
        actor=world.worker,
        signal=signal,
        kind=Kind.COMPLAINT,
        topic=topic,
        priority="high",
        subject="Vėlavimas",
        lock_version=0,
    )
    signal = fresh(signal)
    assert (signal.kind, signal.topic_id, signal.priority) == (Kind.COMPLAINT, topic.pk, "high")
    assert signal.due_on == datetime.date(2026, 3, 31)  # 20 working days after 2 March; 11 March is a holiday
    with pytest.raises(EditConflict):
        signal_classify(
            actor=world.worker,
            signal=signal,
            kind=Kind.QUESTION,
            topic=None,
            priority="normal",
            subject="",
            lock_version=0,
        )
