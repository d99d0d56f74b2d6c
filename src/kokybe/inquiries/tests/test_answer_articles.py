"""The knowledge articles an answer links to reach the person: public ones only, in the signal's language."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.inquiries.services.handling_answer import signal_answer
from kokybe.inquiries.tests.builders import signal_received
from kokybe.inquiries.tests.builders_handling import article_in
from kokybe.inquiries.tokens import signal_status_url

pytestmark = pytest.mark.django_db


def test_the_answer_email_lists_the_public_articles_with_their_public_address(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    received = signal_received(world.a, world.a1, person_email="jonas@example.org", language="en")
    public = article_in(world.a, world.quality, title="Pagalba į namus")
    staff_only = article_in(world.a, world.quality, title="Vidinė tvarka", public=False)
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        signal_answer(
            actor=world.worker,
            signal=received.signal,
            body="Socialinė darbuotoja paskambins.",
            articles=[public, staff_only],
            lock_version=received.signal.lock_version,
        )
    [sent] = mail.outbox
    address = reverse("knowledge_public:article", kwargs={"place": world.a.slug, "article": public.pk})
    assert f"- Pagalba į namus (en): http://localhost:8000{address}?lang=en" in sent.body
    assert "Vidinė tvarka" not in sent.body
    staff_address = reverse("knowledge_public:article", kwargs={"place": world.a.slug, "article": staff_only.pk})
    assert staff_address not in sent.body


def test_an_answer_without_public_articles_lists_none(world: World, django_capture_on_commit_callbacks: Any) -> None:
    received = signal_received(world.a, world.a1, person_email="jonas@example.org")
    staff_only = article_in(world.a, world.quality, title="Vidinė tvarka", public=False)
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        signal_answer(
            actor=world.worker,
            signal=received.signal,
            body="Atsakymas.",
            articles=[staff_only],
            lock_version=received.signal.lock_version,
        )
    [sent] = mail.outbox
    assert "/help/" not in sent.body
    assert "Vidinė tvarka" not in sent.body


def test_the_status_page_lists_the_public_articles_of_each_answer(world: World) -> None:
    received = signal_received(world.a, world.a1, language="lt")
    public = article_in(world.a, world.quality, title="Pagalba į namus")
    staff_only = article_in(world.a, world.quality, title="Vidinė tvarka", public=False)
    with scopes_disabled():
        signal_answer(
            actor=world.worker,
            signal=received.signal,
            body="Socialinė darbuotoja paskambins.",
            articles=[public, staff_only],
            lock_version=received.signal.lock_version,
        )
        later = article_in(world.a, world.quality, title="Dienos centras")
        signal_answer(
            actor=world.worker,
            signal=received.signal,
            body="Dar vienas atsakymas.",
            articles=[later],
            lock_version=received.signal.lock_version,
        )
    page = Client().get(signal_status_url(received.access_token)).content.decode()
    address = reverse("knowledge_public:article", kwargs={"place": world.a.slug, "article": public.pk})
    assert page.count(f'href="{address}?lang=lt">Pagalba į namus</a>') == 1
    later_address = reverse("knowledge_public:article", kwargs={"place": world.a.slug, "article": later.pk})
    assert page.count(f'href="{later_address}?lang=lt">Dienos centras</a>') == 1
    assert page.index("Pagalba į namus</a>") < page.index("Dar vienas atsakymas.") < page.index("Dienos centras</a>")
    assert "Vidinė tvarka" not in page
    staff_address = reverse("knowledge_public:article", kwargs={"place": world.a.slug, "article": staff_only.pk})
    assert staff_address not in page
