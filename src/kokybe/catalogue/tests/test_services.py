"""Writing services: creating, changing one language at a time, versions, publishing, audit events."""

from typing import Any

import pytest
from django.db import transaction
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent
from kokybe.catalogue.models import Service, ServiceProvider, ServiceVersion
from kokybe.catalogue.selectors import services_provided_by
from kokybe.catalogue.services.editing import service_create, service_update
from kokybe.catalogue.services.publishing import missing_for_publishing, service_publish, service_unpublish
from kokybe.catalogue.tests.builders import complete_texts, service_of
from kokybe.core.client_groups import ClientGroup
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution

pytestmark = pytest.mark.django_db


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.with_scopes_disabled().filter(action=action).order_by("pk"))


def update(service: Service, actor: User, **changes: Any) -> Service:
    with scopes_disabled():
        providers = list(Institution.objects.filter(pk__in=service.providers.values("institution_id")))
        arguments = {
            "texts": {},
            "institutions": providers,
            "client_groups": service.client_groups,
            "decision_working_days": service.decision_working_days,
            **changes,
        }
        return service_update(actor=actor, service=service, shown_version=service.lock_version, **arguments)


def test_creating_a_service_records_its_first_version_and_an_audit_event(world: World) -> None:
    groups = (ClientGroup.DISABILITY, ClientGroup.OLDER_PEOPLE)
    service = service_of(world.director, [world.a1, world.a2], groups=groups)
    with scopes_disabled():
        assert service.slug == "pagalba-i-namus"
        assert service.client_groups == ["older_people", "disability"]  # in the list's order
        assert set(ServiceProvider.objects.filter(service=service).values_list("institution", flat=True)) == {
            world.a1.pk,
            world.a2.pk,
        }
        [version] = ServiceVersion.objects.filter(service=service)
        assert version.number == 1
        assert version.changed_by == world.director
        assert version.texts["name"] == {"lt": "Pagalba į namus", "en": "Help at home"}
        [event] = events("service.create")
        assert event.actor == world.director
        assert event.municipality_id == world.a.pk
        assert event.changes["name"]["to"] == {"lt": "Pagalba į namus", "en": "Help at home"}
        assert [i["id"] for i in event.changes["institutions"]["to"]] == sorted([world.a1.pk, world.a2.pk])


def test_a_second_service_of_the_same_name_gets_its_own_address(world: World) -> None:
    first = service_of(world.director, [world.a1])
    second = service_of(world.director, [world.a1])
    assert (first.slug, second.slug) == ("pagalba-i-namus", "pagalba-i-namus-2")


def test_a_chosen_address_that_is_taken_is_refused(world: World) -> None:
    service_of(world.director, [world.a1])
    with scopes_disabled(), pytest.raises(ServiceError) as refused:
        service_create(
            actor=world.director,
            municipality=world.a,
            texts=complete_texts(),
            institutions=[world.a1],
            slug="pagalba-i-namus",
        )
    assert refused.value.field == "slug"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"texts": {"name": {"lt": "", "en": "Help at home"}}}, "name"),
        ({"institutions": []}, "institutions"),
        ({"decision_working_days": 0}, "decision_working_days"),
        ({"client_groups": ["nobody"]}, "client_groups"),
    ],
)
def test_a_description_missing_what_it_needs_is_refused_and_nothing_is_written(
    world: World, changes: dict, field: str
) -> None:
    arguments = {
        "texts": complete_texts(),
        "institutions": [world.a1],
        "client_groups": [],
        "decision_working_days": 20,
        **changes,
    }
    with scopes_disabled(), pytest.raises(ServiceError) as refused:
        service_create(actor=world.director, municipality=world.a, **arguments)
    assert refused.value.field == field
    assert not Service.objects.with_scopes_disabled().exists()
    assert not AuditEvent.objects.with_scopes_disabled().filter(action__startswith="service.").exists()


def test_an_institution_of_another_municipality_is_refused(world: World) -> None:
    with scopes_disabled(), pytest.raises(ServiceError):
        service_create(actor=world.director, municipality=world.a, texts=complete_texts(), institutions=[world.b1])


def test_changing_one_language_keeps_the_others_and_keeps_a_version(world: World) -> None:
    service = service_of(world.director, [world.a1])
    updated = update(
        service,
        world.quality,
        texts={"name": {"en": "Home help"}, "cost": {"en": "20% of income."}, "summary": {"en": ""}},
        change_note="English name",
    )
    with scopes_disabled():
        service.refresh_from_db()
        assert service.name == {"lt": "Pagalba į namus", "en": "Home help"}
        assert service.cost["en"] == "20% of income."
        assert service.cost["lt"].startswith("20 %")
        assert "en" not in service.summary  # an empty text removes that language
        assert updated.lock_version == service.lock_version == 1
        latest = ServiceVersion.objects.filter(service=service).first()
        assert latest is not None
        assert latest.number == 2
        assert latest.change_note == "English name"
        assert latest.changed_by == world.quality
    [event] = events("service.update")
    assert event.changes["name"] == {
        "from": {"lt": "Pagalba į namus", "en": "Help at home"},
        "to": {"lt": "Pagalba į namus", "en": "Home help"},
    }
    assert set(event.changes) == {"name", "cost", "summary"}


def test_changing_the_institutions_is_recorded(world: World) -> None:
    service = service_of(world.director, [world.a1])
    update(service, world.coordinator, institutions=[world.a2])
    with scopes_disabled():
        assert list(ServiceProvider.objects.filter(service=service).values_list("institution", flat=True)) == [
            world.a2.pk
        ]
    [event] = events("service.update")
    assert event.changes["institutions"]["to"] == [{"id": world.a2.pk, "label": world.a2.name}]


def test_saving_without_a_change_writes_no_version_and_no_event(world: World) -> None:
    service = service_of(world.director, [world.a1])
    update(service, world.director, texts={"name": {"lt": "Pagalba į namus"}})
    assert ServiceVersion.objects.with_scopes_disabled().filter(service=service).count() == 1
    assert events("service.update") == []


def test_an_edit_made_on_an_old_version_is_refused(world: World) -> None:
    service = service_of(world.director, [world.a1])
    stale = Service.objects.with_scopes_disabled().get(pk=service.pk)
    update(service, world.director, texts={"cost": {"lt": "Nemokamai."}})
    with pytest.raises(EditConflict), transaction.atomic():
        update(stale, world.quality, texts={"cost": {"lt": "10 eurų."}})
    with scopes_disabled():
        service.refresh_from_db()
    assert service.cost["lt"] == "Nemokamai."
    assert len(events("service.update")) == 1


def test_publishing_and_unpublishing_are_audited(world: World) -> None:
    service = service_of(world.director, [world.a1])
    with scopes_disabled():
        service_publish(actor=world.director, service=service)
        service.refresh_from_db()
        assert service.is_published
        assert service.published_at is not None
        service_unpublish(actor=world.quality, service=service)
        service.refresh_from_db()
        assert not service.is_published
    [published] = events("service.publish")
    [unpublished] = events("service.unpublish")
    assert published.actor == world.director
    assert unpublished.actor == world.quality
    assert unpublished.changes == {"is_published": {"from": True, "to": False}}


def test_publishing_twice_or_unpublishing_what_is_not_public_is_refused(world: World) -> None:
    service = service_of(world.director, [world.a1], published=True)
    with scopes_disabled():
        with pytest.raises(ServiceError):
            service_publish(actor=world.director, service=service)
        other = service_of(world.director, [world.a1], name="Dienos socialinė globa")
        with pytest.raises(ServiceError):
            service_unpublish(actor=world.director, service=other)
    assert len(events("service.publish")) == 1
    assert events("service.unpublish") == []


def test_an_incomplete_description_cannot_be_published(world: World) -> None:
    service = service_of(
        world.director,
        [world.a1],
        eligibility={"en": "Older people."},  # not in the municipality's language
        contacts={},
        decision_time={},
    )
    with scopes_disabled():
        Service.objects.filter(pk=service.pk).update(decision_working_days=None)
        service = Service.objects.select_related("municipality").get(pk=service.pk)
        assert missing_for_publishing(service) == ["eligibility", "contacts", "decision_time"]
        with pytest.raises(ServiceError):
            service_publish(actor=world.director, service=service)
        service.refresh_from_db()
    assert not service.is_published
    assert events("service.publish") == []


def test_the_services_of_an_institution_are_what_a_request_to_it_can_name(world: World) -> None:
    shared = service_of(world.coordinator, [world.a1, world.a2], name="Pagalba į namus")
    own = service_of(world.coordinator, [world.a1], name="Dienos centras")
    service_of(world.coordinator, [world.a2], name="Globa")
    with scopes_disabled():
        assert services_provided_by(world.a, world.a1) == [own, shared]  # by name
        assert services_provided_by(world.b, world.a1) == []
