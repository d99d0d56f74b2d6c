"""The public proposals box: no sign-in, keeps what was typed, held against bots and floods."""

import time
import uuid
from typing import Any

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.proposals import views_public
from kokybe.proposals.models import Origin, Proposal

TEXT = "Prašome įrengti pandusą prie įėjimo: su vežimėliu neįmanoma patekti."


@pytest.fixture(autouse=True)
def _fresh_rate_limit(db: None) -> None:
    cache.clear()


def started(seconds_ago: float = 10) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=views_public.SALT)


def post(client: Client, **fields: Any) -> Any:
    data = {
        "institution": "a1",
        "text": TEXT,
        "contact_name": "",
        "contact_email": "",
        "lang": "lt",
        "started": started(),
        "submission_key": str(uuid.uuid4()),
        "website": "",
        **fields,
    }
    return client.post(reverse("proposals_public:start", args=["alpha"]), data)


def stored() -> list[Proposal]:
    return list(Proposal.objects.with_scopes_disabled().all())


def test_the_form_opens_without_signing_in_in_the_municipalitys_language(world: World) -> None:
    page = Client().get(reverse("proposals_public:start", args=["alpha"]))
    assert page.status_code == 200
    assert page["Content-Language"] == "lt"
    body = page.content.decode()
    assert "A1 centras" in body
    assert 'name="website"' in body
    english = Client().get(reverse("proposals_public:start", args=["alpha"]) + "?lang=en")
    assert english["Content-Language"] == "en"
    assert "Proposals box" in english.content.decode()


def test_an_unknown_box_is_404(world: World) -> None:
    assert Client().get(reverse("proposals_public:start", args=["nowhere"])).status_code == 404


def test_a_proposal_is_received_and_the_thank_you_page_gives_its_reference(world: World) -> None:
    response = post(Client(), contact_name="Ona", contact_email="ona@example.org", lang="en")
    [proposal] = stored()
    assert proposal.origin == Origin.BOX_FORM
    assert proposal.institution == world.a1
    assert proposal.language == "en"
    assert proposal.contact_email == "ona@example.org"
    assert response.status_code == 302
    thanks = Client().get(response["Location"])
    assert proposal.reference in thanks.content.decode()
    assert thanks["Content-Language"] == "en"


def test_dont_know_leaves_the_institution_open(world: World) -> None:
    post(Client(), institution="unknown")
    assert stored()[0].institution is None


def test_invalid_input_is_shown_next_to_the_field_and_what_was_typed_is_kept(world: World) -> None:
    response = post(Client(), institution="", contact_email="ona(at)example", contact_name="Ona Onaitė")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_institution_error"' in body
    assert 'id="id_contact_email_error"' in body
    assert TEXT in body
    assert 'value="Ona Onaitė"' in body
    assert 'value="ona(at)example"' in body
    assert stored() == []


def test_the_same_form_sent_twice_makes_one_proposal(world: World) -> None:
    key = str(uuid.uuid4())
    first = post(Client(), submission_key=key)
    second = post(Client(), submission_key=key)
    assert first["Location"] == second["Location"]
    assert len(stored()) == 1


@pytest.mark.parametrize(
    "fields",
    [lambda: {"website": "http://spam.example"}, lambda: {"started": started(0.5)}, lambda: {"started": "forged"}],
    ids=["honeypot", "too-quick", "forged-time"],
)
def test_a_bot_stores_nothing_and_a_person_keeps_what_they_typed(world: World, fields: Any) -> None:
    response = post(Client(), **fields())
    assert response.status_code == 400
    assert TEXT in response.content.decode()
    assert stored() == []


def test_too_many_proposals_from_one_address_are_turned_back_keeping_the_text(world: World, monkeypatch) -> None:
    monkeypatch.setattr(views_public, "PROPOSALS_PER_HOUR", 2)
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert post(client).status_code == 302
    assert post(client).status_code == 302
    refused = post(client, text="Trečias pasiūlymas")
    assert refused.status_code == 429
    assert "Trečias pasiūlymas" in refused.content.decode()
    assert post(Client(REMOTE_ADDR="203.0.113.8")).status_code == 302
    assert len(stored()) == 3


def test_no_address_is_stored_with_the_proposal_or_its_audit_event(world: World) -> None:
    post(Client(REMOTE_ADDR="203.0.113.9"))
    [proposal] = stored()
    with scopes_disabled():
        values = [str(value) for value in Proposal.objects.values().get(pk=proposal.pk).values()]
        values += [str(event.changes) for event in AuditEvent.objects.all()]
    assert not [value for value in values if "203.0.113.9" in value]


def test_the_thank_you_page_of_an_unknown_reference_is_404(world: World) -> None:
    assert Client().get(reverse("proposals_public:thanks", args=["alpha", "ABCD-EFGH"])).status_code == 404
