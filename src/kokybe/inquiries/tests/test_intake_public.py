"""The public form, the "sent" page, the private status page and the rating, as a resident uses them."""

import time
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.inquiries import views_public
from kokybe.inquiries.attachments import IncomingFile
from kokybe.inquiries.models import Channel, Direction, EventKind, Kind, Signal, SignalMessage, Status
from kokybe.inquiries.services.intake import ReceivedSignal
from kokybe.inquiries.tests.builders import signal_received
from kokybe.inquiries.tokens import signal_status_url

TEXT = "Kaip gauti pagalbą į namus mano mamai, kuri gyvena viena?"
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_rate_limit(db: None) -> None:
    cache.clear()


def started(seconds_ago: float = 10) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=views_public.SALT)


def form_data(**fields: Any) -> dict[str, Any]:
    return {
        "kind": Kind.QUESTION,
        "institution": "",
        "subject": "Pagalba į namus",
        "text": TEXT,
        "person_name": "",
        "person_email": "",
        "person_phone": "",
        "lang": "lt",
        "started": started(),
        "submission_key": str(uuid.uuid4()),
        "website": "",
        **fields,
    }


def post(client: Client, **fields: Any) -> Any:
    return client.post(reverse("inquiries_public:form", args=["alpha"]), form_data(**fields))


def stored() -> list[Signal]:
    return list(Signal.objects.with_scopes_disabled().all())


def test_the_form_opens_without_signing_in_in_three_languages(world: World) -> None:
    page = Client().get(reverse("inquiries_public:form", args=["alpha"]))
    assert page.status_code == 200
    assert page["Content-Language"] == "lt"
    assert 'enctype="multipart/form-data"' in page.content.decode()
    assert Client().get(reverse("inquiries_public:form", args=["alpha"]) + "?lang=en")["Content-Language"] == "en"
    assert Client().get(reverse("inquiries_public:form", args=["beta"]))["Content-Language"] == "lv"
    assert Client().get(reverse("inquiries_public:form", args=["nowhere"])).status_code == 404


def test_a_question_is_received_and_the_sender_gets_the_code_and_private_link(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, institution=str(world.a1.pk), person_email="ona@example.org", lang="en")
    assert response.status_code == 302
    [signal] = stored()
    assert (signal.channel, signal.institution, signal.language, signal.created_by) == (
        Channel.WEB,
        world.a1,
        "en",
        None,
    )
    sent = client.get(response["Location"])
    page = sent.content.decode()
    assert signal.reference in page
    links = [part.split('"')[0] for part in page.split('href="') if "/ask/status/" in part.split('"')[0]]
    assert len(links) == 1
    status = client.get(links[0])
    assert status.status_code == 200
    assert TEXT in status.content.decode()
    [receipt] = mail.outbox  # the code and the link by e-mail too, in the language of the form
    assert receipt.subject == f"[{signal.reference}] We received your message"
    assert urlsplit(links[0]).path in receipt.body
    # Someone else opening the "sent" address sees the code but never the link.
    other = Client().get(response["Location"]).content.decode()
    assert signal.reference in other
    assert "/ask/status/" not in other


def test_attachments_are_taken_and_a_wrong_one_refused_keeping_the_text(world: World) -> None:
    good = SimpleUploadedFile("pazyma.pdf", PDF, content_type="application/pdf")
    assert post(Client(), attachments=[good]).status_code == 302
    with scopes_disabled():
        assert [a.name for a in stored()[0].attachments.all()] == ["pazyma.pdf"]
    bad = SimpleUploadedFile("program.exe", b"MZ\x90\x00", content_type="application/pdf")
    refused = post(Client(), text="Antras klausimas su failu", attachments=[bad])
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Antras klausimas su failu" in page
    assert "program.exe" in page
    assert len(stored()) == 1


def test_invalid_input_is_shown_next_to_the_field_and_what_was_typed_is_kept(world: World) -> None:
    response = post(Client(), text="", subject="Mano tema", person_email="ne adresas", person_name="Ona")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mano tema" in page
    assert "Ona" in page
    assert "ne adresas" in page
    assert 'id="id_text_error"' in page
    assert 'id="id_person_email_error"' in page
    assert stored() == []


def test_the_same_form_sent_twice_makes_one_signal(world: World) -> None:
    client = Client()
    key = str(uuid.uuid4())
    first = post(client, submission_key=key)
    second = post(client, submission_key=key)
    assert first["Location"] == second["Location"]
    assert len(stored()) == 1


@pytest.mark.parametrize(
    "fields",
    [lambda: {"website": "http://spam.example"}, lambda: {"started": started(0.5)}, lambda: {"started": "forged"}],
    ids=["honeypot", "too-fast", "forged-time"],
)
def test_a_bot_stores_nothing_and_a_person_keeps_what_they_typed(world: World, fields: Any) -> None:
    response = post(Client(), **fields())
    assert response.status_code == 400
    assert TEXT in response.content.decode()
    assert stored() == []


def test_too_many_signals_from_one_address_are_turned_back_keeping_the_text(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(views_public, "SIGNALS_PER_HOUR", 2)
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert post(client).status_code == 302
    assert post(client).status_code == 302
    refused = post(client, text="Trečias klausimas")
    assert refused.status_code == 429
    assert "Trečias klausimas" in refused.content.decode()
    assert post(Client(REMOTE_ADDR="203.0.113.8")).status_code == 302
    assert len(stored()) == 3


def test_no_address_is_stored_with_the_signal_or_its_audit_event(world: World) -> None:
    post(Client(REMOTE_ADDR="203.0.113.9"))
    [signal] = stored()
    with scopes_disabled():
        values = [str(value) for value in Signal.objects.values().get(pk=signal.pk).values()]
        values += [str(event.changes) for event in AuditEvent.objects.all()]
    assert not [value for value in values if "203.0.113.9" in value]


def test_the_sent_page_of_an_unknown_reference_is_404(world: World) -> None:
    assert Client().get(reverse("inquiries_public:sent", args=["alpha", "ALP-2026-99999"])).status_code == 404


def test_an_unknown_status_link_is_404(world: World) -> None:
    assert Client().get(signal_status_url("x" * 32)).status_code == 404


def _closed_with_answer(world: World) -> ReceivedSignal:
    return signal_received(
        world.a,
        world.a1,
        actor=world.consultant,
        channel=Channel.PHONE,
        answer_on_the_spot="Kreipkitės į seniūniją su prašymu.",
    )


def test_the_status_page_shows_progress_and_the_answer(world: World) -> None:
    received = _closed_with_answer(world)
    page = Client().get(signal_status_url(received.access_token)).content.decode()
    assert received.signal.reference in page
    assert "Kreipkitės į seniūniją su prašymu." in page
    assert 'name="rating"' in page


def test_an_open_signal_cannot_be_rated_yet(world: World) -> None:
    received = signal_received(world.a, world.a1)
    url = signal_status_url(received.access_token)
    assert 'name="rating"' not in Client().get(url).content.decode()
    response = Client().post(url, {"rating": "5", "submission_key": str(uuid.uuid4())})
    assert response.status_code == 400
    with scopes_disabled():
        assert Signal.objects.get(pk=received.signal.pk).rating is None


def test_the_person_rates_a_closed_answer_once(world: World) -> None:
    received = _closed_with_answer(world)
    url = signal_status_url(received.access_token)
    key = str(uuid.uuid4())
    response = Client().post(url, {"rating": "4", "comment": "Greitai ir aiškiai", "submission_key": key})
    assert response.status_code == 302
    again = Client().post(url, {"rating": "4", "comment": "Greitai ir aiškiai", "submission_key": key})
    assert again.status_code == 302  # the double click lands on the same page, nothing written twice
    with scopes_disabled():
        signal = Signal.objects.get(pk=received.signal.pk)
        rated = signal.events.filter(kind=EventKind.RATED).count()
        audit = AuditEvent.objects.get(action="signal.rate")
    assert (signal.rating, signal.rating_comment, rated) == (4, "Greitai ir aiškiai", 1)
    assert audit.changes["comment"] == {"changed": True}
    assert audit.actor is None
    refused = Client().post(url, {"rating": "1", "submission_key": str(uuid.uuid4())})
    assert refused.status_code == 400
    with scopes_disabled():
        assert Signal.objects.get(pk=received.signal.pk).rating == 4
    assert "4" in Client().get(url).content.decode()


def test_a_rating_outside_1_to_5_is_refused(world: World) -> None:
    received = _closed_with_answer(world)
    response = Client().post(signal_status_url(received.access_token), {"rating": "7", "comment": "Labai gerai"})
    assert response.status_code == 400
    assert "Labai gerai" in response.content.decode()


def test_the_status_page_shows_replies_and_answers_in_order(world: World) -> None:
    received = signal_received(world.a, world.a1)
    with scopes_disabled():
        for direction, body in [(Direction.OUTBOUND, "Atsiųskite pažymą"), (Direction.INBOUND, "Siunčiu")]:
            SignalMessage.objects.create(
                municipality=world.a,
                signal=received.signal,
                direction=direction,
                body=body,
                sent_at=received.signal.received_at,
            )
        Signal.objects.filter(pk=received.signal.pk).update(status=Status.WAITING)
    page = Client().get(signal_status_url(received.access_token)).content.decode()
    assert page.index("Atsiųskite pažymą") < page.index("Siunčiu")


def test_the_status_page_takes_a_bounded_number_of_queries(world: World, django_assert_max_num_queries: Any) -> None:
    received = signal_received(world.a, world.a1, attachments=[IncomingFile("a.pdf", PDF), IncomingFile("b.pdf", PDF)])
    with scopes_disabled():
        for number in range(30):
            SignalMessage.objects.create(
                municipality=world.a,
                signal=received.signal,
                direction=Direction.OUTBOUND if number % 2 else Direction.INBOUND,
                body=f"Žinutė {number}",
                sent_at=received.signal.received_at,
            )
    url = signal_status_url(received.access_token)
    with django_assert_max_num_queries(6):
        page = Client().get(url)
    assert "Žinutė 29" in page.content.decode()


def reply_url(received: ReceivedSignal) -> str:
    return reverse("inquiries_public:reply", kwargs={"token": received.access_token})


def test_the_person_adds_a_document_to_a_waiting_signal_which_resumes(world: World) -> None:
    received = signal_received(world.a, world.a1)
    with scopes_disabled():
        Signal.objects.filter(pk=received.signal.pk).update(status=Status.WAITING, waiting_since=timezone.now())
    document = SimpleUploadedFile("pazyma.pdf", PDF, content_type="application/pdf")
    key = str(uuid.uuid4())
    data = {"text": "Siunčiu prašytą pažymą.", "attachments": [document], "submission_key": key}
    response = Client().post(reply_url(received), data)
    assert response.status_code == 302
    Client().post(reply_url(received), {"text": "Siunčiu prašytą pažymą.", "submission_key": key})  # double click
    with scopes_disabled():
        signal = Signal.objects.get(pk=received.signal.pk)
        [message] = signal.messages.all()
        assert [a.name for a in message.attachments.all()] == ["pazyma.pdf"]
        assert list(signal.events.values_list("kind", flat=True)) == [EventKind.RECEIVED, EventKind.RESUMED]
        assert AuditEvent.objects.get(action="signal.reply_receive").changes["by"]["to"] == "status_page"
    assert (message.direction, message.body) == (Direction.INBOUND, "Siunčiu prašytą pažymą.")
    assert signal.status == Status.RECEIVED
    assert "Siunčiu prašytą pažymą." in Client().get(response["Location"]).content.decode()


def test_a_reply_to_an_answered_signal_reopens_it(world: World) -> None:
    received = signal_received(world.a, world.a1)
    with scopes_disabled():
        Signal.objects.filter(pk=received.signal.pk).update(status=Status.ANSWERED)
    Client().post(reply_url(received), {"text": "Bet mano klausimas buvo kitas."})
    with scopes_disabled():
        signal = Signal.objects.get(pk=received.signal.pk)
        assert signal.events.last().kind == EventKind.REOPENED
    assert signal.status == Status.RECEIVED


def test_a_closed_signal_takes_no_additions_and_an_empty_one_keeps_nothing(world: World) -> None:
    closed = _closed_with_answer(world)
    refused = Client().post(reply_url(closed), {"text": "Dar vienas klausimas"})
    assert refused.status_code == 400
    assert 'name="text"' not in Client().get(signal_status_url(closed.access_token)).content.decode()
    open_one = signal_received(world.a, world.a1)
    empty = Client().post(reply_url(open_one), {"text": "  "})
    assert empty.status_code == 400
    assert 'id="id_text_error"' in empty.content.decode()
    with scopes_disabled():
        assert not SignalMessage.objects.filter(direction=Direction.INBOUND).exists()
    assert (
        Client().post(reverse("inquiries_public:reply", kwargs={"token": "x" * 32}), {"text": "a"}).status_code == 404
    )
