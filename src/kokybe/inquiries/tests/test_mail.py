"""Answer e-mails: the reference in the subject, the thread kept, the private link, the language."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.inquiries.mail import answer_email_send, receipt_email_send
from kokybe.inquiries.models import Direction, Signal, SignalMessage
from kokybe.inquiries.tests.builders import signal_received
from kokybe.inquiries.tokens import signal_access_token

VILNIUS = ZoneInfo("Europe/Vilnius")


def answer(signal: Signal, body: str = "Pagalbą į namus skiria savivaldybė.") -> SignalMessage:
    with scopes_disabled():
        return SignalMessage.objects.create(
            municipality_id=signal.municipality_id,
            signal=signal,
            direction=Direction.OUTBOUND,
            body=body,
            sent_at=timezone.now(),
        )


@pytest.fixture(autouse=True)
def _site(settings: object) -> None:
    settings.KOKYBE_SITE_URL = "https://kokybe.example.lt"  # type: ignore[attr-defined]
    settings.KOKYBE_SIGNALS_MAIL_ADDRESS = "signalai@example.lt"  # type: ignore[attr-defined]


def test_the_answer_is_mailed_with_the_reference_thread_and_links(world: World) -> None:
    signal = signal_received(
        world.a,
        world.a1,
        subject="Pagalba į namus",
        person_name="Ona",
        person_email="ona@example.org",
        email_thread_id="<first@mail.example.org>",
        received_at=datetime(2026, 3, 2, 10, tzinfo=VILNIUS),
    ).signal
    message = answer(signal)
    answer_email_send(signal=signal, message=message)
    [sent] = mail.outbox
    assert sent.to == ["ona@example.org"]
    assert sent.reply_to == ["signalai@example.lt"]
    assert sent.subject == "[ALP-2026-00001] Re: Pagalba į namus"
    assert sent.extra_headers["In-Reply-To"] == "<first@mail.example.org>"
    assert sent.extra_headers["References"] == "<first@mail.example.org>"
    link = f"https://kokybe.example.lt/ask/status/{signal_access_token(signal)}/"
    assert link in sent.body
    assert "Pagalbą į namus skiria savivaldybė." in sent.body
    assert "ALP-2026-00001" in sent.body
    with scopes_disabled():
        message.refresh_from_db()
        audit = AuditEvent.objects.get(action="signal.answer_email")
    assert message.email_message_id == sent.extra_headers["Message-ID"]
    assert message.emailed_to == "ona@example.org"
    assert audit.changes == {"emailed_to": {"changed": True}}


def test_a_second_answer_refers_to_the_whole_thread(world: World) -> None:
    signal = signal_received(world.a, world.a1, person_email="ona@example.org").signal
    first, second = answer(signal, "Pirmas"), answer(signal, "Antras")
    answer_email_send(signal=signal, message=first)
    answer_email_send(signal=signal, message=second)
    with scopes_disabled():
        first.refresh_from_db()
    assert mail.outbox[1].extra_headers["In-Reply-To"] == first.email_message_id
    assert mail.outbox[1].extra_headers["References"] == first.email_message_id
    assert mail.outbox[1].subject.startswith("[ALP-2026-00001] ")


def test_the_answer_goes_out_once_and_only_to_an_address(world: World) -> None:
    signal = signal_received(world.a, world.a1, person_email="ona@example.org").signal
    message = answer(signal)
    answer_email_send(signal=signal, message=message)
    answer_email_send(signal=signal, message=message)  # a twin of the after-commit callback
    assert len(mail.outbox) == 1
    anonymous = signal_received(world.a, world.a1).signal
    answer_email_send(signal=anonymous, message=answer(anonymous))
    assert len(mail.outbox) == 1


def test_the_answer_is_in_the_signal_language(world: World) -> None:
    signal = signal_received(world.b, world.b1, person_email="anna@example.lv", person_name="Anna").signal
    answer_email_send(signal=signal, message=answer(signal, "Atbilde"))
    [sent] = mail.outbox
    assert signal.language == "lv"
    assert "Anna" in sent.body
    english = signal_received(world.b, world.b1, person_email="john@example.org", language="en").signal
    answer_email_send(signal=english, message=answer(english, "Answer"))
    assert "reference code" in mail.outbox[1].body


def test_the_receipt_tells_the_code_and_the_link(world: World) -> None:
    received = signal_received(
        world.a, None, person_email="ona@example.org", subject="Klausimas", email_thread_id="<q@example.org>"
    )
    receipt_email_send(signal=received.signal, access_token=received.access_token)
    [sent] = mail.outbox
    assert sent.subject == f"[{received.signal.reference}] Re: Klausimas"
    assert received.access_token in sent.body
    assert sent.extra_headers["In-Reply-To"] == "<q@example.org>"
