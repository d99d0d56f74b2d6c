"""The front-desk call log: quick to fill, answered on the spot or left for handling, knowledge beside it."""

import uuid
from typing import Any

from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.inquiries.models import Channel, EventKind, Signal, Status
from kokybe.knowledge.tests.builders import an_article

TEXT = "Skambino dukra: kaip užsisakyti karštą maistą į namus tėvui?"


def call_url(world: World) -> str:
    return reverse("inquiries:call", args=[world.a.slug])


def post(client: Any, world: World, **fields: Any) -> Any:
    data = {
        "text": TEXT,
        "answered": "yes",
        "answer": "Paaiškinau, kad reikia prašymo seniūnijoje.",
        "kind": "question",
        "channel": "phone",
        "institution": str(world.a1.pk),
        "priority": "normal",
        "submission_key": str(uuid.uuid4()),
        **fields,
    }
    return client.post(call_url(world), data)


def stored() -> list[Signal]:
    return list(Signal.objects.with_scopes_disabled().order_by("id"))


def test_the_form_starts_on_the_text_with_defaults_chosen(world: World) -> None:
    page = world.client_for(world.consultant).get(call_url(world)).content.decode()
    text_area = page.split('name="text"')[0].rsplit("<textarea", 1)[1] + page.split('name="text"')[1].split(">")[0]
    assert "autofocus" in text_area
    assert 'value="yes" checked' in page
    assert f'<option value="{world.a1.pk}" selected>' in page  # the consultant's own institution


def test_a_call_answered_on_the_spot_is_logged_answered_and_closed(world: World) -> None:
    client = world.client_for(world.consultant)
    response = post(client, world)
    assert response.status_code == 302
    assert response["Location"] == call_url(world)
    [signal] = stored()
    assert (signal.status, signal.channel, signal.created_by, signal.institution) == (
        Status.CLOSED,
        Channel.PHONE,
        world.consultant,
        world.a1,
    )
    with scopes_disabled():
        assert list(signal.events.values_list("kind", flat=True)) == [
            EventKind.RECEIVED,
            EventKind.ANSWERED,
            EventKind.CLOSED,
        ]
    assert signal.reference in client.get(call_url(world)).content.decode()  # the message names it


def test_a_call_to_answer_later_opens_the_signal(world: World) -> None:
    response = post(world.client_for(world.consultant), world, answered="no", answer="")
    [signal] = stored()
    assert signal.status == Status.RECEIVED
    assert response["Location"] == reverse("inquiries:detail", args=[world.a.slug, signal.pk])


def test_answered_on_the_spot_needs_the_answer_and_keeps_the_text(world: World) -> None:
    response = post(world.client_for(world.consultant), world, answer="  ")
    assert response.status_code == 400
    assert TEXT in response.content.decode()
    assert stored() == []


def test_the_same_call_sent_twice_is_logged_once(world: World) -> None:
    client = world.client_for(world.consultant)
    key = str(uuid.uuid4())
    post(client, world, submission_key=key)
    post(client, world, submission_key=key)
    assert len(stored()) == 1


def test_an_institution_worker_cannot_log_to_another_institution_or_the_municipality_queue(world: World) -> None:
    client = world.client_for(world.consultant)
    assert post(client, world, institution=str(world.a2.pk)).status_code == 400
    assert post(client, world, institution="").status_code == 400
    assert stored() == []


def test_a_municipal_coordinator_may_log_to_the_municipality_queue(world: World) -> None:
    response = post(world.client_for(world.coordinator), world, institution="")
    assert response.status_code == 302
    assert stored()[0].institution is None


def test_the_knowledge_base_is_searched_beside_the_form(world: World) -> None:
    an_article(
        world,
        title={"lt": "Maitinimo paslauga į namus"},
        body={"lt": "Karštas maistas pristatomas į namus senyvo amžiaus žmonėms."},
    )
    client = world.client_for(world.consultant)
    page = client.get(call_url(world) + "?q=maistas").content.decode()
    assert "Maitinimo paslauga į namus" in page
    partial = client.get(reverse("inquiries:call_search", args=[world.a.slug]) + "?q=maistas", HTTP_HX_REQUEST="true")
    assert "Maitinimo paslauga į namus" in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_an_outsider_gets_404_and_a_member_without_the_capability_403(world: World) -> None:
    assert world.client_for(world.outsider).get(call_url(world)).status_code == 404
    assert world.client_for(world.auditor).get(call_url(world)).status_code == 403
    assert world.client_for(world.staff).get(call_url(world)).status_code == 403


def test_the_call_page_takes_a_bounded_number_of_queries(world: World, django_assert_max_num_queries: Any) -> None:
    for number in range(12):
        an_article(world, title={"lt": f"Maitinimas {number}"}, body={"lt": "Karštas maistas į namus."})
    client = world.client_for(world.consultant)
    client.get(call_url(world))  # the session and the membership cache warmed
    with django_assert_max_num_queries(25):
        page = client.get(call_url(world) + "?q=maistas")
    assert page.content.decode().count("Maitinimas ") >= 8


def test_a_letter_counts_from_the_day_it_arrived(world: World) -> None:
    response = post(
        world.client_for(world.consultant),
        world,
        channel="letter",
        answered="no",
        answer="",
        received_at="2026-03-02T09:30",
    )
    assert response.status_code == 302
    [signal] = stored()
    assert signal.channel == Channel.LETTER
    assert signal.received_at.isoformat() == "2026-03-02T07:30:00+00:00"  # Vilnius time
    assert str(signal.due_on) == "2026-03-09"


def test_a_time_received_in_the_future_is_refused(world: World) -> None:
    response = post(world.client_for(world.consultant), world, received_at="2099-01-01T10:00")
    assert response.status_code == 400
    assert 'id="id_received_at_error"' in response.content.decode()
    assert stored() == []
