"""The register's pages: list and record (with their query counts as data grow), the coordinator's reason,
who viewed a record, registering with the duplicate step, editing, merging, consents and family links."""

import datetime
import uuid
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent, EventKind
from kokybe.clients.models import Client, ClientStatus, Consent, FamilyLink, LegalBasis, Relation
from kokybe.clients.services.consents import consent_record
from kokybe.clients.services.family import family_link_add
from kokybe.clients.tests.builders import client_in
from kokybe.core.client_groups import ClientGroup

pytestmark = pytest.mark.django_db
BORN = datetime.date(1948, 3, 5)


@pytest.fixture(autouse=True)
def _english(world: World) -> None:
    """The pages' words are matched in English."""
    with scopes_disabled():
        User.objects.update(language="en")


def url(name: str, world: World, *args: Any) -> str:
    return reverse(f"clients:{name}", args=[world.a.slug, *args])


def post(browser: Browser, address: str, data: dict[str, Any], key: str | None = None) -> Any:
    return browser.post(address, {"submission_key": key or str(uuid.uuid4()), **data})


def views_of(client: Client) -> list[str]:
    with scopes_disabled():
        return list(
            AuditEvent.objects.filter(kind=EventKind.VIEW, object_type="clients.client", object_id=str(client.pk))
            .order_by("pk")
            .values_list("purpose", flat=True)
        )


def grow(world: World, count: int) -> Client:
    """`count` clients with groups, each with a consent and a family link; returns the last."""
    client = None
    for number in range(count):
        client = client_in(
            world.a1,
            first_name=f"Vardas{number}",
            last_name=f"Pavardė{number}",
            groups=frozenset({ClientGroup.OLDER_PEOPLE, ClientGroup.DISABILITY}),
            responsible=world.worker,
        )
        with scopes_disabled():
            consent_record(
                actor=world.worker, client=client, purpose="Pagalba", legal_basis=LegalBasis.CONSENT, given_on=BORN
            )
            family_link_add(
                actor=world.worker, client=client, relation=Relation.CHILD, relative_name=f"Vaikas {number}"
            )
    assert client is not None
    return client


@pytest.mark.parametrize("count", [2, 30])
def test_list_and_record_queries_do_not_grow_with_the_register(
    world: World, count: int, django_assert_max_num_queries: Any
) -> None:
    last = grow(world, count)
    browser = world.client_for(world.director)
    with django_assert_max_num_queries(16):
        listed = browser.get(url("list", world))
    assert listed.status_code == 200
    assert "Vardas0" in listed.content.decode()
    with django_assert_max_num_queries(19):
        record = browser.get(url("record", world, last.pk))
    assert record.status_code == 200


def test_staff_see_groups_the_coordinator_names_only(world: World) -> None:
    client_in(world.a1, first_name="Ona", birth_date=BORN, groups=frozenset({ClientGroup.DISABILITY}))
    worker_page = world.client_for(world.worker).get(url("list", world)).content.decode()
    assert "1948-03-05" in worker_page
    coordinator_page = world.client_for(world.coordinator).get(url("list", world)).content.decode()
    assert "Ona" in coordinator_page
    assert "1948-03-05" not in coordinator_page
    assert 'name="group"' not in coordinator_page


def test_opening_a_record_is_recorded(world: World) -> None:
    client = client_in(world.a1)
    assert world.client_for(world.worker).get(url("record", world, client.pk)).status_code == 200
    assert views_of(client) == ["client record"]


def test_the_coordinator_opens_a_record_by_a_reason_the_director_then_sees(world: World) -> None:
    client = client_in(world.a1, first_name="Ona")
    coordinator = world.client_for(world.coordinator)
    record = url("record", world, client.pk)
    sent = coordinator.get(record)
    assert sent.status_code == 302
    assert sent["Location"].startswith(url("reason", world, client.pk))
    assert views_of(client) == []
    form = coordinator.get(sent["Location"])
    assert "Ona" in form.content.decode()
    short = post(coordinator, sent["Location"], {"reason": "nes"})
    assert short.status_code == 200  # refused beside the field, what was typed kept
    assert "nes</textarea>" in short.content.decode()
    given = post(coordinator, sent["Location"], {"reason": "Skundas Nr. 17 dėl pagalbos į namus"})
    assert given["Location"] == record
    assert coordinator.get(record).status_code == 200
    assert views_of(client) == ["client record; reason: Skundas Nr. 17 dėl pagalbos į namus"]
    director_page = world.client_for(world.director).get(record).content.decode()
    assert "Who viewed this record" in director_page
    assert world.coordinator.display_name in director_page
    assert "Skundas Nr. 17" in director_page
    assert "Who viewed this record" not in world.client_for(world.worker).get(record).content.decode()


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/m/alpha/", "/m/beta/clients/"])
def test_the_reason_form_returns_only_to_pages_of_the_municipality(world: World, elsewhere: str) -> None:
    client = client_in(world.a1)
    coordinator = world.client_for(world.coordinator)
    address = url("reason", world, client.pk) + "?" + urlencode({"next": elsewhere})
    given = post(coordinator, address, {"reason": "Skundas Nr. 17 dėl pagalbos"})
    assert given["Location"] == url("record", world, client.pk)


def test_the_reason_form_returns_to_the_page_of_another_app_asked_for(world: World) -> None:
    client = client_in(world.a1)
    coordinator = world.client_for(world.coordinator)
    plan_page = f"/m/{world.a.slug}/individual-plans/7/"
    address = url("reason", world, client.pk) + "?" + urlencode({"next": plan_page})
    given = post(coordinator, address, {"reason": "Skundas Nr. 17 dėl pagalbos"})
    assert given["Location"] == plan_page


def details(**changed: Any) -> dict[str, Any]:
    return {
        "first_name": "Jonas",
        "last_name": "Žemaitis",
        "personal_code": "",
        "personal_code_country": "LT",
        "birth_date": BORN.isoformat(),
        "phone": "",
        "email": "",
        "address": "Liepų g. 1, Klaipėda",
        "groups": [ClientGroup.OLDER_PEOPLE],
    } | changed


def test_register_warns_of_a_similar_client_and_needs_the_confirmation(world: World) -> None:
    existing = client_in(world.a1, birth_date=BORN)
    browser = world.client_for(world.worker)
    address = url("register", world)
    assert browser.get(address).status_code == 200
    typed = details(first_name="Jonas", last_name="Zemaitis", institution=world.a1.pk, responsible=world.worker.pk)
    warned = post(browser, address, typed)
    page = warned.content.decode()
    assert warned.status_code == 200
    assert url("record", world, existing.pk) in page
    assert 'name="different_person"' in page
    assert 'value="Liepų g. 1, Klaipėda"' in page
    not_confirmed = post(browser, address, typed | {"different_person_asked": "1"})
    assert "Confirm that this is a different person" in not_confirmed.content.decode()
    with scopes_disabled():
        assert Client.objects.count() == 1
    key = str(uuid.uuid4())
    confirmed = typed | {"different_person_asked": "1", "different_person": "on"}
    done = post(browser, address, confirmed, key)
    again = post(browser, address, confirmed, key)
    assert done["Location"] == again["Location"]
    with scopes_disabled():
        assert Client.objects.count() == 2
        new = Client.objects.exclude(pk=existing.pk).get()
    assert done["Location"] == url("record", world, new.pk)


def test_register_refuses_a_known_personal_code_and_links_the_record(world: World) -> None:
    from kokybe.clients.tests.test_personal_codes import lt_valid

    code = lt_valid("3480305101")
    existing = client_in(world.a1, birth_date=None, personal_code=code, personal_code_country="LT")
    page = post(
        world.client_for(world.worker),
        url("register", world),
        details(first_name="Petras", personal_code=code, birth_date="", institution=world.a1.pk),
    ).content.decode()
    assert "already registered" in page
    assert url("record", world, existing.pk) in page


def test_register_shows_a_code_typing_error_beside_the_field(world: World) -> None:
    page = post(
        world.client_for(world.worker),
        url("register", world),
        details(personal_code="38501011238", institution=world.a1.pk),
    ).content.decode()
    assert "check digit" in page
    assert 'value="38501011238"' in page


def test_edit_saves_and_refuses_a_stale_version_keeping_the_input(world: World) -> None:
    client = client_in(world.a1, birth_date=BORN)
    browser = world.client_for(world.worker)
    address = url("edit", world, client.pk)
    assert browser.get(address).status_code == 200
    saved = post(browser, address, details(phone="+37060000001", status=ClientStatus.ACTIVE, lock_version=0))
    assert saved.status_code == 302
    stale = post(browser, address, details(phone="+37069999999", status=ClientStatus.ACTIVE, lock_version=0))
    assert "Someone else saved this record" in stale.content.decode()
    assert 'value="+37069999999"' in stale.content.decode()
    client.refresh_from_db()
    assert client.phone == "+37060000001"


def test_merge_page_merges_a_duplicate(world: World) -> None:
    kept = client_in(world.a1, birth_date=BORN)
    with scopes_disabled():
        from kokybe.clients.services.details import ClientDetails
        from kokybe.clients.services.registry import client_register

        duplicate = client_register(
            actor=world.worker,
            municipality=world.a,
            institution=world.a1,
            responsible=None,
            details=ClientDetails(first_name="Jonas", last_name="Žemaitis", birth_date=BORN),
            different_person_confirmed=True,
        ).client
    browser = world.client_for(world.worker)
    address = url("merge", world, kept.pk)
    assert f'value="{duplicate.pk}"' in browser.get(address).content.decode()
    refused = post(browser, address, {"duplicate": duplicate.pk, "lock_version": 0})
    assert "Confirm that both records are the same person" in refused.content.decode()
    merged = post(browser, address, {"duplicate": duplicate.pk, "same_person": "on", "lock_version": 0})
    assert merged["Location"] == url("record", world, kept.pk)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == kept.pk
    assert browser.get(url("record", world, duplicate.pk)).status_code == 200  # history kept, read-only
    assert browser.get(url("edit", world, duplicate.pk)).status_code == 302


def test_consents_and_family_links_through_their_pages(world: World) -> None:
    client = client_in(world.a1)
    browser = world.client_for(world.worker)
    post(
        browser,
        url("consent_add", world, client.pk),
        {"purpose": "Duomenų teikimas", "legal_basis": LegalBasis.CONSENT, "given_on": BORN.isoformat(), "note": ""},
    )
    with scopes_disabled():
        consent = Consent.objects.get(client=client)
    post(browser, url("consent_withdraw", world, client.pk, consent.pk), {"withdrawn_on": BORN.isoformat()})
    post(
        browser,
        url("family_add", world, client.pk),
        {"relation": Relation.PARTNER, "relative_name": "Ona Žemaitienė", "relative_contact": "+37061234567"},
    )
    with scopes_disabled():
        consent.refresh_from_db()
        link = FamilyLink.objects.get(client=client)
    assert consent.withdrawn_on == BORN
    assert link.relative_name == "Ona Žemaitienė"
    page = browser.get(url("record", world, client.pk)).content.decode()
    assert "Ona Žemaitienė" in page
    assert "Duomenų teikimas" in page
    post(browser, url("family_remove", world, client.pk, link.pk), {})
    with scopes_disabled():
        assert not FamilyLink.objects.exists()


def test_serving_pages_add_an_institution_and_end_it(world: World) -> None:
    client = client_in(world.a1)
    browser = world.client_for(world.director)
    post(browser, url("serve", world, client.pk), {"institution": world.a1.pk, "responsible": world.worker.pk})
    with scopes_disabled():
        serving = client.serving.get()
    assert serving.responsible == world.worker
    post(browser, url("serve_end", world, client.pk, serving.pk), {})
    serving.refresh_from_db()
    assert serving.ended_on is not None
    assert world.client_for(world.worker).get(url("record", world, client.pk)).status_code == 404
