"""Receiving signals: reference codes, deadlines, the status link, answers on the spot, files, refusals."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.core.errors import ServiceError
from kokybe.inquiries.attachments import MAX_FILE_BYTES, IncomingFile
from kokybe.inquiries.models import Channel, Direction, EventKind, Kind, Signal, SignalEvent, Status
from kokybe.inquiries.services.intake import signal_receive
from kokybe.inquiries.tests.builders import signal_received
from kokybe.inquiries.tokens import access_token_hash, signal_access_token, signal_for_token, signal_status_url
from kokybe.tenancy.tests.factories import InstitutionFactory

VILNIUS = ZoneInfo("Europe/Vilnius")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_reference_codes_count_per_municipality_and_year(world: World) -> None:
    first = signal_received(world.a, world.a1, received_at=datetime(2026, 3, 2, 10, tzinfo=VILNIUS)).signal
    second = signal_received(world.a, None, received_at=datetime(2026, 3, 2, 11, tzinfo=VILNIUS)).signal
    next_year = signal_received(world.a, world.a1, received_at=datetime(2027, 1, 4, 10, tzinfo=VILNIUS)).signal
    other = signal_received(world.b, world.b1, received_at=datetime(2026, 3, 2, 10, tzinfo=VILNIUS)).signal
    assert [first.reference, second.reference, next_year.reference] == [
        "ALP-2026-00001",
        "ALP-2026-00002",
        "ALP-2027-00001",
    ]
    assert other.reference == "BET-2026-00001"


def test_the_year_of_the_reference_is_the_local_year(world: World) -> None:
    new_years_night = datetime(2026, 12, 31, 22, 30, tzinfo=ZoneInfo("UTC"))  # 00:30 on 1 Jan in Vilnius
    assert signal_received(world.a, None, received_at=new_years_night).signal.reference == "ALP-2027-00001"


def test_receiving_sets_the_deadline_the_event_and_the_audit(world: World) -> None:
    received = signal_received(
        world.a,
        world.a1,
        kind=Kind.COMPLAINT,
        channel=Channel.EMAIL,
        received_at=datetime(2026, 3, 2, 10, tzinfo=VILNIUS),
        person_name="Ona Onaitė",
        person_email="ona@example.org",
    )
    signal = received.signal
    assert signal.status == Status.RECEIVED
    assert signal.language == "lt"
    assert signal.due_on == date(2026, 3, 31)  # 20 working days, 11 March a holiday
    with scopes_disabled():
        event = SignalEvent.objects.get(signal=signal)
        audit = AuditEvent.objects.get(action="signal.receive", object_id=str(signal.pk))
    assert (event.kind, event.at, event.institution_id) == (EventKind.RECEIVED, signal.received_at, world.a1.pk)
    assert audit.changes["contact"] == {"changed": True}
    assert "ona" not in str(audit.changes).lower()  # the person's details stay out of the trail
    assert audit.actor is None


def test_the_status_token_is_returned_and_only_its_hash_stored(world: World) -> None:
    received = signal_received(world.a, world.a1)
    signal = received.signal
    assert len(received.access_token) == 32
    assert signal.access_token_hash == access_token_hash(received.access_token)
    assert received.access_token not in signal.access_token_hash
    assert signal_access_token(signal) == received.access_token  # answer e-mails carry the same link
    assert signal_for_token(received.access_token) == signal
    assert signal_for_token(received.access_token[:-1] + "x") is None
    assert signal_status_url(received.access_token) == f"/ask/status/{received.access_token}/"


def test_a_call_answered_on_the_spot_is_answered_and_closed(world: World) -> None:
    at = datetime(2026, 3, 2, 10, 5, tzinfo=VILNIUS)
    signal = signal_received(
        world.a,
        world.a1,
        actor=world.consultant,
        channel=Channel.PHONE,
        received_at=at,
        answer_on_the_spot="Pagalbą į namus skiria savivaldybė; kreipkitės su prašymu.",
    ).signal
    assert signal.status == Status.CLOSED
    assert (signal.answered_at, signal.closed_at, signal.assignee) == (at, at, world.consultant)
    with scopes_disabled():
        kinds = list(signal.events.values_list("kind", flat=True))
        message = signal.messages.get()
        actions = set(AuditEvent.objects.filter(object_label=signal.reference).values_list("action", flat=True))
    assert kinds == [EventKind.RECEIVED, EventKind.ANSWERED, EventKind.CLOSED]
    assert (message.direction, message.author, message.sent_at) == (Direction.OUTBOUND, world.consultant, at)
    assert actions == {"signal.receive", "signal.answer", "signal.close"}


def test_only_staff_answer_on_the_spot(world: World) -> None:
    with pytest.raises(ServiceError):
        signal_received(world.a, None, answer_on_the_spot="Atsakymas")
    with scopes_disabled():
        assert not Signal.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "  "}, "text"),
        ({"kind": "gossip"}, "kind"),
        ({"channel": "pigeon"}, "channel"),
        ({"priority": "extreme"}, "priority"),
        ({"language": "de"}, "language"),
        ({"person_email": "not an address"}, "person_email"),
    ],
)
def test_refused_input_changes_nothing(world: World, fields: dict[str, str], field: str) -> None:
    with pytest.raises(ServiceError) as refused:
        signal_received(world.a, world.a1, **fields)
    assert refused.value.field == field
    with scopes_disabled():
        assert not Signal.objects.exists()
        assert not AuditEvent.objects.filter(action="signal.receive").exists()


def test_an_institution_of_another_municipality_is_refused(world: World) -> None:
    with pytest.raises(ServiceError) as refused:
        signal_received(world.a, world.b1)
    assert refused.value.field == "institution"
    with scopes_disabled():
        foreign = InstitutionFactory(municipality=world.b)
    with pytest.raises(ServiceError):
        signal_received(world.a, foreign)


def test_attachments_are_stored_with_their_checked_type(world: World) -> None:
    signal = signal_received(
        world.a,
        world.a1,
        attachments=[IncomingFile("../../pažyma.pdf", PDF), IncomingFile("nuotrauka.PNG", PNG)],
    ).signal
    with scopes_disabled():
        stored = list(signal.attachments.order_by("id"))
    assert [(a.name, a.content_type, a.size) for a in stored] == [
        ("pažyma.pdf", "application/pdf", len(PDF)),
        ("nuotrauka.PNG", "image/png", len(PNG)),
    ]
    assert stored[0].file.read() == PDF


@pytest.mark.parametrize(
    "file",
    [
        IncomingFile("virus.exe", b"MZ\x90\x00"),
        IncomingFile("letter.pdf", b"MZ\x90\x00 not a pdf"),
        IncomingFile("empty.txt", b""),
        IncomingFile("big.pdf", b"%PDF" + b"0" * MAX_FILE_BYTES),
        IncomingFile("binary.txt", b"abc\x00def"),
    ],
    ids=["kind", "disguised", "empty", "size", "binary-text"],
)
def test_attachments_of_a_wrong_kind_or_size_refuse_the_sending(world: World, file: IncomingFile) -> None:
    with pytest.raises(ServiceError) as refused:
        signal_received(world.a, world.a1, attachments=[IncomingFile("ok.pdf", PDF), file])
    assert refused.value.field == "attachments"
    with scopes_disabled():
        assert not Signal.objects.exists()


def test_too_many_attachments_are_refused(world: World) -> None:
    with pytest.raises(ServiceError):
        signal_received(world.a, world.a1, attachments=[IncomingFile(f"{n}.pdf", PDF) for n in range(6)])


def test_receiving_takes_a_bounded_number_of_queries(world: World) -> None:
    signal_received(world.a, world.a1)  # the policy row exists from here on
    with scopes_disabled(), CaptureQueriesContext(connection) as queries:
        signal_receive(
            actor=None,
            municipality=world.a,
            institution=world.a1,
            kind=Kind.QUESTION,
            channel=Channel.WEB,
            text="Klausimas",
            received_at=datetime(2026, 3, 2, 10, tzinfo=VILNIUS),
        )
    assert len(queries) <= 12
