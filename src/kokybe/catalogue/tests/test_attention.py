"""The yearly check of published descriptions: confirming one, and the home-page reminder of those due."""

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent
from kokybe.catalogue.attention import service_descriptions_to_check
from kokybe.catalogue.models import Service
from kokybe.catalogue.services.reviewing import service_confirm
from kokybe.catalogue.tests.builders import service_of
from kokybe.core.attention import attention_for
from kokybe.tenancy.access import Access, memberships_of


def access_of_user(world: World, user: User) -> Access:
    with scopes_disabled():
        return Access(user=user, municipality=world.a, memberships=memberships_of(user, world.a))


def checked_days_ago(service: Service, days: int) -> None:
    Service.objects.with_scopes_disabled().filter(pk=service.pk).update(
        checked_at=timezone.now() - timedelta(days=days)
    )


def test_confirming_a_description_is_audited_and_resets_its_check(world: World) -> None:
    service = service_of(world.director, [world.a1], published=True)
    checked_days_ago(service, 400)
    with scopes_disabled():
        service_confirm(actor=world.quality, service=service)
        service.refresh_from_db()
        [event] = AuditEvent.objects.filter(action="service.confirm")
    assert timezone.now() - service.checked_at < timedelta(minutes=1)
    assert event.actor == world.quality


def test_a_change_counts_as_a_check(world: World) -> None:
    service = service_of(world.director, [world.a1], published=True)
    assert service.checked_at == service.updated_at


def test_those_who_keep_a_description_due_for_its_check_are_reminded(
    world: World, django_assert_max_num_queries: Any
) -> None:
    own = service_of(world.director, [world.a1], published=True, name="Dienos centras")
    shared = service_of(world.coordinator, [world.a1, world.a2], published=True, name="Pagalba į namus")
    recent = service_of(world.director, [world.a1], published=True, name="Transportas")
    draft = service_of(world.director, [world.a1], name="Skalbykla")
    for service in (own, shared, draft):
        checked_days_ago(service, 350)  # due within the month
    checked_days_ago(recent, 100)
    coordinator = access_of_user(world, world.coordinator)
    director = access_of_user(world, world.director)
    with scopes_disabled():
        with django_assert_max_num_queries(1):
            items = service_descriptions_to_check(coordinator)
        with django_assert_max_num_queries(1):
            directors = service_descriptions_to_check(director)
        assert service_descriptions_to_check(access_of_user(world, world.worker)) == []  # does not keep it
        home = attention_for(director)
    assert [item.label for item in items] == ["Dienos centras", "Pagalba į namus"]
    assert items[0].url == reverse("catalogue:detail", args=["alpha", own.pk])
    assert items[0].due == timezone.localdate(timezone.now() + timedelta(days=15))
    assert [item.label for item in directors] == ["Dienos centras"]
    assert "Dienos centras" in [item.label for item in home]


def test_the_check_is_confirmed_from_the_service_page_and_shown_to_residents(world: World) -> None:
    service = service_of(world.director, [world.a1], published=True)
    checked_days_ago(service, 400)
    client = world.client_for(world.director)
    detail = client.get(reverse("catalogue:detail", args=["alpha", service.pk])).content.decode()
    confirm = reverse("catalogue:confirm", args=["alpha", service.pk])
    assert f'action="{confirm}"' in detail
    assert client.post(confirm, {"submission_key": "7d4ec2a4-2f7d-4a49-9d3c-58c2b7d0e0a1"}).status_code == 302
    with scopes_disabled():
        service.refresh_from_db()
    public = client.get(reverse("catalogue_public:service", args=["alpha", service.slug]), {"lang": "en"})
    assert f"Information checked on {timezone.localdate(service.checked_at):%Y-%m-%d}." in public.content.decode()
