"""E-mail intake with real .eml files: new signals, replies that keep the thread, robots and strangers left out."""

from email.message import EmailMessage
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.inquiries.mail import answer_email_send
from kokybe.inquiries.mailbox import mail_parse, reply_text_only
from kokybe.inquiries.models import Channel, Direction, EventKind, Signal, SignalMessage, Status
from kokybe.inquiries.tests.imap_server import ImapServer, Mailbox
from kokybe.inquiries.tokens import signal_access_token

MAIL = Path(__file__).parent / "data" / "mail"


def fetch(world: World, *names: str, municipality: str = "alpha", **options: str) -> None:
    call_command("signals_fetch_mail", municipality=municipality, eml=[MAIL / name for name in names], **options)


def signals() -> list[Signal]:
    return list(Signal.objects.with_scopes_disabled().order_by("id"))


def test_parsing_a_real_email() -> None:
    parsed = mail_parse((MAIL / "new_question.eml").read_bytes())
    assert parsed.message_id == "<CAF3kq1x-question-1@mail.example.org>"
    assert (parsed.sender_name, parsed.sender_address) == ("Ona Petraitienė", "ona.petraitiene@example.org")
    assert parsed.subject == "Pagalba į namus mamai"
    assert "nebegali pati nueiti į parduotuvę" in parsed.text
    assert [(f.name, f.content[:4]) for f in parsed.files] == [("pazyma.pdf", b"%PDF")]
    assert parsed.sent_at.isoformat() == "2026-03-02T09:15:00+02:00"
    assert not parsed.is_automatic


def test_html_mail_is_read_as_text() -> None:
    parsed = mail_parse((MAIL / "html_latvian_with_program.eml").read_bytes())
    assert parsed.text == "Labdien!\nAprūpētāja nav ieradusies jau divas dienas."
    assert parsed.subject == "Sūdzība par aprūpi"


def test_the_quoted_earlier_mail_is_cut_from_a_reply() -> None:
    parsed = mail_parse((MAIL / "reply_to_thread.eml").read_bytes())
    assert reply_text_only(parsed.text) == "Ačiū, prašymą pateiksiu seniūnijoje pirmadienį."
    assert parsed.thread_ids[0] == "<answer-unknown-to-this-test@klaipeda.example.lt>"
    assert parsed.subject_reference == "ALP-2026-00001"
    assert parsed.plain_subject == "Pagalba į namus mamai"


def test_a_new_email_becomes_a_signal_and_the_sender_gets_the_code(world: World) -> None:
    fetch(world, "new_question.eml")
    [signal] = signals()
    assert (signal.reference, signal.channel, signal.institution, signal.created_by) == (
        "ALP-2026-00001",
        Channel.EMAIL,
        None,
        None,
    )
    assert (signal.person_name, signal.person_email, signal.subject) == (
        "Ona Petraitienė",
        "ona.petraitiene@example.org",
        "Pagalba į namus mamai",
    )
    assert signal.email_thread_id == "<CAF3kq1x-question-1@mail.example.org>"
    assert signal.received_at.isoformat() == "2026-03-02T07:15:00+00:00"  # the time it was sent
    with scopes_disabled():
        assert [a.name for a in signal.attachments.all()] == ["pazyma.pdf"]
    [receipt] = mail.outbox
    assert receipt.to == ["ona.petraitiene@example.org"]
    assert receipt.subject == "[ALP-2026-00001] Re: Pagalba į namus mamai"
    assert receipt.extra_headers["In-Reply-To"] == "<CAF3kq1x-question-1@mail.example.org>"
    assert signal_access_token(signal) in receipt.body


def test_the_same_email_fetched_twice_is_recorded_once(world: World) -> None:
    fetch(world, "new_question.eml")
    fetch(world, "new_question.eml")
    assert len(signals()) == 1
    assert len(mail.outbox) == 1


def test_an_institution_mailbox_puts_its_signals_in_its_queue(world: World) -> None:
    fetch(world, "new_question.eml", institution="a1")
    assert signals()[0].institution == world.a1
    with pytest.raises(CommandError):
        fetch(world, "new_question.eml", institution="nowhere")
    with pytest.raises(CommandError):
        fetch(world, "new_question.eml", municipality="nowhere")


def test_a_reply_joins_its_signal_and_reopens_an_answered_one(world: World) -> None:
    fetch(world, "new_question.eml")
    with scopes_disabled():
        Signal.objects.update(status=Status.ANSWERED, answered_at=timezone.now())
    fetch(world, "reply_to_thread.eml")
    [signal] = signals()
    assert signal.status == Status.RECEIVED
    with scopes_disabled():
        reply = SignalMessage.objects.get(signal=signal)
        events = list(signal.events.values_list("kind", flat=True))
        assert AuditEvent.objects.filter(action="signal.reply_receive", object_label=signal.reference).exists()
    assert (reply.direction, reply.body) == (Direction.INBOUND, "Ačiū, prašymą pateiksiu seniūnijoje pirmadienį.")
    assert reply.email_message_id == "<CAF3kq1x-reply-2@mail.example.org>"
    assert events == [EventKind.RECEIVED, EventKind.REOPENED]
    assert len(mail.outbox) == 1  # no receipt for a reply


def test_a_reply_to_our_answer_is_found_by_the_answers_message_id(world: World, settings: object) -> None:
    fetch(world, "new_question.eml")
    [signal] = signals()
    with scopes_disabled():
        answer = SignalMessage.objects.create(
            municipality=world.a, signal=signal, direction=Direction.OUTBOUND, body="Atsakymas", sent_at=timezone.now()
        )
        Signal.objects.filter(pk=signal.pk).update(
            status=Status.WAITING, waiting_since=timezone.now(), email_thread_id=""
        )
    answer_email_send(signal=signal, message=answer)
    sent = mail.outbox[-1]
    reply = EmailMessage()
    reply["From"] = "Ona <ona.petraitiene@example.org>"
    reply["To"] = "signalai@klaipeda.example.lt"
    reply["Subject"] = "Re: " + sent.subject
    reply["Message-ID"] = "<reply-to-answer@mail.example.org>"
    reply["In-Reply-To"] = sent.extra_headers["Message-ID"]
    reply.set_content("Siunčiu prašomą dokumentą.")
    reply.add_attachment(b"%PDF-1.4\n%%EOF\n", maintype="application", subtype="pdf", filename="dokumentas.pdf")
    eml = Path(settings.MEDIA_ROOT) / "reply.eml"  # type: ignore[attr-defined]
    eml.write_bytes(bytes(reply))
    call_command("signals_fetch_mail", municipality="alpha", eml=[eml])
    [signal] = signals()
    assert signal.status == Status.RECEIVED
    with scopes_disabled():
        assert list(signal.events.values_list("kind", flat=True))[-1] == EventKind.RESUMED
        inbound = SignalMessage.objects.get(signal=signal, direction=Direction.INBOUND)
        assert [a.name for a in inbound.attachments.all()] == ["dokumentas.pdf"]


def test_a_code_in_the_subject_joins_only_from_the_senders_address(world: World) -> None:
    fetch(world, "new_question.eml")
    fetch(world, "reply_by_code_only.eml")
    fetch(world, "stranger_with_code.eml")
    first, stranger = signals()
    with scopes_disabled():
        assert list(first.messages.values_list("body", flat=True)) == ["Ar reikia atsinešti pasą?"]
    assert stranger.person_email == "kitas@example.net"
    assert stranger.reference == "ALP-2026-00002"


def test_automatic_mail_is_left_out(world: World) -> None:
    fetch(world, "out_of_office.eml")
    assert signals() == []
    assert mail.outbox == []


def test_a_file_of_a_wrong_kind_is_left_out_and_said_so(world: World) -> None:
    fetch(world, "html_latvian_with_program.eml", municipality="beta")
    [signal] = signals()
    assert signal.language == "lv"
    assert signal.reference == "BET-2026-00001"
    assert "foto.exe" in signal.text
    with scopes_disabled():
        assert not signal.attachments.exists()


def test_the_mailbox_is_read_over_imap_and_each_message_marked_read(world: World, settings: Any) -> None:
    box = Mailbox(
        user="signalai",
        password="slaptas",
        messages={
            1: (MAIL / "new_question.eml").read_bytes(),
            2: (MAIL / "out_of_office.eml").read_bytes(),
            3: (MAIL / "reply_by_code_only.eml").read_bytes(),
        },
        seen={3},  # read before: left alone
    )
    with ImapServer(box) as server:
        settings.KOKYBE_SIGNALS_IMAP_HOST = "127.0.0.1"
        settings.KOKYBE_SIGNALS_IMAP_PORT = str(server.port)
        settings.KOKYBE_SIGNALS_IMAP_TLS = "0"
        settings.KOKYBE_SIGNALS_IMAP_USER = "signalai"
        settings.KOKYBE_SIGNALS_IMAP_PASSWORD = "slaptas"
        out = StringIO()
        call_command("signals_fetch_mail", municipality="alpha", stdout=out)
    assert box.logins == ["signalai"]
    assert box.seen == {1, 2, 3}
    assert out.getvalue().strip() == "1 new signals, 0 replies, 1 left out."
    [signal] = signals()
    assert signal.email_thread_id == "<CAF3kq1x-question-1@mail.example.org>"


def test_a_malformed_sender_address_still_makes_a_signal(world: World, settings: Any) -> None:
    raw = (MAIL / "new_question.eml").read_bytes()
    raw = raw.replace(b"<Ona.Petraitiene@example.org>", b"<ona..petraitiene@@example>")
    eml = Path(settings.MEDIA_ROOT) / "odd.eml"
    eml.write_bytes(raw)
    call_command("signals_fetch_mail", municipality="alpha", eml=[eml])
    [signal] = signals()
    assert signal.person_email == ""
    assert mail.outbox == []  # no address to send the receipt to
