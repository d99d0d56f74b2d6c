"""Staff pages of the catalogue: list, new service, description in each language, publishing, history."""

import uuid
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.catalogue.models import Service, ServiceVersion
from kokybe.catalogue.tests.builders import complete_texts, service_of
from kokybe.tenancy.tests.factories import InstitutionFactory


def url(name: str, *args: object) -> str:
    return reverse(f"catalogue:{name}", args=["alpha", *args])


def form_data(service: Service | None = None, language: str = "lt", **overrides: Any) -> dict[str, Any]:
    texts = complete_texts()
    data: dict[str, Any] = {field: value.get(language, "") for field, value in texts.items()}
    data.update(
        institutions=[],
        client_groups=["older_people"],
        decision_working_days="20",
        submission_key=str(uuid.uuid4()),
    )
    if service is not None:
        data["lock_version"] = service.lock_version
    data.update(overrides)
    return data


def services() -> list[Service]:
    return list(Service.objects.with_scopes_disabled().order_by("pk"))


def test_a_director_describes_a_service_of_their_institution_once_however_often_the_form_is_sent(
    world: World,
) -> None:
    client = world.client_for(world.director)
    page = client.get(url("create")).content.decode()
    assert f'value="{world.a1.pk}"' in page
    assert f'value="{world.a2.pk}"' not in page
    data = form_data(institutions=[world.a1.pk])
    first = client.post(url("create"), data)
    second = client.post(url("create"), data)
    [service] = services()
    assert first["Location"] == second["Location"] == url("detail", service.pk)
    assert service.name == {"lt": "Pagalba į namus"}
    assert not service.is_published


def test_a_director_cannot_make_another_institution_provide_a_service(world: World) -> None:
    response = world.client_for(world.director).post(url("create"), form_data(institutions=[world.a2.pk]))
    assert response.status_code == 200
    assert 'id="id_institutions_error"' in response.content.decode()
    assert services() == []


def test_a_form_with_errors_keeps_what_was_typed(world: World) -> None:
    response = world.client_for(world.coordinator).post(
        url("create"),
        form_data(institutions=[world.a1.pk], name="", cost="Kaina lieka", decision_working_days="0"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_name_error"' in body
    assert 'id="id_decision_working_days_error"' in body
    assert "Kaina lieka" in body
    assert services() == []


def test_texts_in_another_language_are_written_without_touching_the_main_one(world: World) -> None:
    service = service_of(world.director, [world.a1])
    client = world.client_for(world.quality)
    page = client.get(url("edit", service.pk) + "?language=en").content.decode()
    assert 'value="Help at home"' in page
    assert 'lang="en"' in page
    data = form_data(service, "en", institutions=[world.a1.pk], name="Home help", change_note="English")
    response = client.post(url("edit", service.pk) + "?language=en", data)
    assert response.status_code == 302
    with scopes_disabled():
        service.refresh_from_db()
    assert service.name == {"lt": "Pagalba į namus", "en": "Home help"}
    assert service.eligibility == {"lt": complete_texts()["eligibility"]["lt"]}  # en left empty: nothing to remove


def test_two_people_editing_at_once_do_not_overwrite_each_other(world: World) -> None:
    service = service_of(world.director, [world.a1])
    director, quality = world.client_for(world.director), world.client_for(world.quality)
    first = form_data(service, institutions=[world.a1.pk], cost="Nemokamai.")
    second = form_data(service, institutions=[world.a1.pk], cost="10 eurų per mėnesį.")
    assert director.post(url("edit", service.pk), first).status_code == 302
    response = quality.post(url("edit", service.pk), second)
    body = response.content.decode()
    assert response.status_code == 200
    assert "10 eurų per mėnesį." in body  # what they typed is still there
    with scopes_disabled():
        service.refresh_from_db()
    assert service.cost["lt"] == "Nemokamai."
    assert ServiceVersion.objects.with_scopes_disabled().filter(service=service).count() == 2


def test_a_service_shared_with_another_institution_is_kept_by_someone_who_covers_both(world: World) -> None:
    service = service_of(world.coordinator, [world.a1, world.a2])
    assert world.client_for(world.director).get(url("edit", service.pk)).status_code == 403
    detail = world.client_for(world.director).get(url("detail", service.pk)).content.decode()
    assert url("edit", service.pk) not in detail
    assert world.client_for(world.coordinator).get(url("edit", service.pk)).status_code == 200


def test_a_member_of_another_institution_reads_but_does_not_change(world: World) -> None:
    service = service_of(world.director, [world.a1])
    client = world.client_for(world.other_worker)
    assert client.get(url("detail", service.pk)).status_code == 200
    assert client.get(url("history", service.pk)).status_code == 200
    assert client.post(url("publish", service.pk)).status_code == 403


def test_the_outsider_gets_404_for_a_service_of_another_municipality(world: World) -> None:
    service = service_of(world.director, [world.a1])
    client = world.client_for(world.outsider)
    assert client.get(reverse("catalogue:detail", args=["beta", service.pk])).status_code == 404
    assert client.get(url("detail", service.pk)).status_code == 404


def test_publishing_from_the_page_once(world: World) -> None:
    service = service_of(world.director, [world.a1])
    client = world.client_for(world.director)
    page = client.get(url("detail", service.pk)).content.decode()
    assert url("publish", service.pk) in page
    key = str(uuid.uuid4())
    assert client.post(url("publish", service.pk), {"submission_key": key})["Location"] == url("detail", service.pk)
    again = client.post(url("publish", service.pk), {"submission_key": key}, follow=True)
    assert again.redirect_chain[-1][0] == url("detail", service.pk)
    assert AuditEvent.objects.with_scopes_disabled().filter(action="service.publish").count() == 1
    with scopes_disabled():
        service.refresh_from_db()
    assert service.is_published


def test_a_refused_publishing_is_explained_on_the_page(world: World) -> None:
    service = service_of(world.director, [world.a1], published=True)
    response = world.client_for(world.director).post(
        url("publish", service.pk), {"submission_key": str(uuid.uuid4())}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("detail", service.pk)
    assert "govuk-notification-banner" in response.content.decode()


def test_the_history_lists_every_version_with_its_author(world: World) -> None:
    service = service_of(world.director, [world.a1])
    client = world.client_for(world.quality)
    client.post(url("edit", service.pk), form_data(service, institutions=[world.a1.pk], cost="Nemokamai."))
    page = client.get(url("history", service.pk)).content.decode()
    assert url("version", service.pk, 1) in page
    assert url("version", service.pk, 2) in page
    assert world.quality.display_name in page
    assert world.director.display_name in page
    assert "Kaina" in page  # what the second version changed: the cost
    old = client.get(url("version", service.pk, 1)).content.decode()
    assert "20 %" in old
    assert "Nemokamai." not in old
    assert client.get(url("version", service.pk, 3)).status_code == 404


def test_the_list_is_filtered_and_its_queries_do_not_grow_with_services(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = world.client_for(world.auditor)
    service_of(world.director, [world.a1], published=True)
    with django_assert_max_num_queries(20) as baseline:
        client.get(url("list"))
    with scopes_disabled():
        extra = [InstitutionFactory(municipality=world.a) for _ in range(3)]
    for number in range(12):
        service_of(world.coordinator, [world.a2, extra[number % 3]], name=f"Paslauga {number}", groups=("children",))
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        page = client.get(url("list")).content.decode()
    assert "Paslauga 11" in page
    filtered = client.get(url("list"), {"group": "older_people", "published": "yes"}).content.decode()
    assert "Pagalba į namus" in filtered
    assert "Paslauga 1" not in filtered
    by_institution = client.get(url("list"), {"institution": world.a1.slug}).content.decode()
    assert "Pagalba į namus" in by_institution
    assert "Paslauga 2" not in by_institution
    by_words = client.get(url("list"), {"words": "paslauga 11"}).content.decode()
    assert "Paslauga 11" in by_words
    assert "Pagalba į namus" not in by_words


@pytest.mark.parametrize("name", ["list", "create"])
def test_pages_without_a_service_render_for_the_coordinator(world: World, name: str) -> None:
    assert world.client_for(world.coordinator).get(url(name)).status_code == 200


def test_an_institution_closed_since_is_still_offered_on_the_services_it_provides(world: World) -> None:
    service = service_of(world.coordinator, [world.a2])
    with scopes_disabled():
        world.a2.is_active = False
        world.a2.save(update_fields=["is_active"])
    client = world.client_for(world.coordinator)
    edit = client.get(url("edit", service.pk)).content.decode()
    assert f'value="{world.a2.pk}" checked' in edit
    assert f'value="{world.a2.pk}"' not in client.get(url("create")).content.decode()
