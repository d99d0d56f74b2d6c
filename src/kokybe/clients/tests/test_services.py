"""The register's services: audit events, the duplicate check, edit conflicts, serving, merging, consents,
family links and access reasons."""

import datetime
from collections.abc import Iterator

import pytest
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.clients.models import (
    Client,
    ClientAccessReason,
    ClientInGroup,
    ClientInstitution,
    ClientStatus,
    Consent,
    FamilyLink,
    LegalBasis,
    Relation,
)
from kokybe.clients.services import merging
from kokybe.clients.services.access_reasons import client_access_reason_give
from kokybe.clients.services.consents import consent_record, consent_withdraw
from kokybe.clients.services.details import ClientDetails
from kokybe.clients.services.family import family_link_add, family_link_remove
from kokybe.clients.services.merging import client_merge
from kokybe.clients.services.registry import PossibleDuplicates, SamePersonalCode, client_register, client_update
from kokybe.clients.services.serving import client_serve, client_serve_end
from kokybe.clients.tests.builders import client_in
from kokybe.clients.tests.test_personal_codes import lt_valid
from kokybe.core.client_groups import ClientGroup
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Country

pytestmark = pytest.mark.django_db
BORN = datetime.date(1948, 3, 5)
CODE = lt_valid("3480305101")


@pytest.fixture(autouse=True)
def _unscoped_english() -> Iterator[None]:
    with scopes_disabled(), translation.override("en"):
        yield


def audited(target: object) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type=target._meta.label_lower, object_id=str(target.pk))  # type: ignore[attr-defined]
        .order_by("pk")
        .values_list("action", flat=True)
    )


def register(world: World, **details: object) -> Client:
    fields: dict[str, object] = {"first_name": "Jonas", "last_name": "Žemaitis", "birth_date": BORN} | details
    confirmed = bool(fields.pop("confirmed", False))
    return client_register(
        actor=world.worker,
        municipality=world.a,
        institution=world.a1,
        responsible=world.worker,
        details=ClientDetails(**fields),  # type: ignore[arg-type]
        different_person_confirmed=confirmed,
    ).client


def test_register_keeps_the_search_name_groups_serving_and_an_audit_event_without_personal_data(world: World) -> None:
    client = register(
        world, personal_code=CODE, personal_code_country=Country.LITHUANIA, groups=frozenset({ClientGroup.OLDER_PEOPLE})
    )
    assert client.search_name == "zemaitis jonas"
    assert client.personal_code == CODE
    assert set(ClientInGroup.objects.filter(client=client).values_list("group", flat=True)) == {"older_people"}
    serving = ClientInstitution.objects.get(client=client)
    assert (serving.institution, serving.responsible, serving.ended_on) == (world.a1, world.worker, None)
    event = AuditEvent.objects.get(action="client.register", object_id=str(client.pk))
    assert event.changes["first_name"] == {"changed": True}
    assert "Žemaitis" not in str(event.changes)
    assert CODE not in str(event.changes)
    assert event.institution_id == world.a1.pk


def test_the_birth_date_comes_from_the_code_and_must_match_it(world: World) -> None:
    client = register(world, birth_date=None, personal_code=CODE, personal_code_country=Country.LITHUANIA)
    assert client.birth_date == BORN
    with pytest.raises(ServiceError) as refused:
        register(
            world,
            first_name="Ona",
            birth_date=datetime.date(1948, 3, 6),
            personal_code=lt_valid("4480305102"),
            personal_code_country=Country.LITHUANIA,
        )
    assert refused.value.field == "birth_date"


def test_a_registered_personal_code_is_refused_with_the_existing_record(world: World) -> None:
    first = register(world, personal_code=CODE, personal_code_country=Country.LITHUANIA)
    with pytest.raises(SamePersonalCode) as refused:
        register(world, first_name="Petras", birth_date=None, personal_code=CODE, personal_code_country="LT")
    assert refused.value.existing == first
    assert Client.objects.count() == 1


def test_a_similar_name_and_the_same_birth_date_need_a_confirmation(world: World) -> None:
    first = register(world)
    for first_name, last_name in (("jonas", "ZEMAITIS"), ("Žemaitis", "Jonas"), ("Jonas", "Zemaitys")):
        with pytest.raises(PossibleDuplicates) as warned:
            register(world, first_name=first_name, last_name=last_name)
        assert warned.value.candidates == [first]
    assert Client.objects.count() == 1
    other = register(world, first_name="Jonas", last_name="Žemaitis", confirmed=True)
    assert Client.objects.count() == 2
    assert AuditEvent.objects.get(action="client.register", object_id=str(other.pk)).changes[
        "different_person_confirmed"
    ] == {"from": None, "to": True}
    # Another name, or another birth date, is no warning.
    register(world, first_name="Ona", last_name="Kazlauskienė")
    register(world, birth_date=datetime.date(1950, 1, 1))


def test_update_records_what_changed_and_refuses_a_stale_version(world: World) -> None:
    client = register(world)
    details = ClientDetails(first_name="Jonas", last_name="Žemaitis-Kairys", birth_date=BORN, phone="+37060000000")
    client_update(actor=world.worker, client=client, details=details, status=ClientStatus.ACTIVE, lock_version=0)
    client.refresh_from_db()
    assert client.search_name == "zemaitis kairys jonas"
    assert client.lock_version == 1
    event = AuditEvent.objects.get(action="client.update")
    assert event.changes == {"last_name": {"changed": True}, "phone": {"changed": True}}
    with pytest.raises(EditConflict):
        client_update(actor=world.worker, client=client, details=details, status=ClientStatus.CLOSED, lock_version=0)


def test_update_refuses_the_code_of_another_client(world: World) -> None:
    register(world, personal_code=CODE, personal_code_country=Country.LITHUANIA)
    other = register(world, first_name="Ona", last_name="Petraitienė", birth_date=datetime.date(1960, 1, 1))
    details = ClientDetails(first_name="Ona", last_name="Petraitienė", personal_code=CODE, personal_code_country="LT")
    with pytest.raises(SamePersonalCode):
        client_update(actor=world.worker, client=other, details=details, status=ClientStatus.ACTIVE, lock_version=0)


def test_serving_starts_changes_the_worker_and_ends(world: World) -> None:
    client = register(world)
    serving = client_serve(actor=world.coordinator, client=client, institution=world.a2, responsible=world.other_worker)
    assert audited(serving) == ["client.serve"]
    again = client_serve(actor=world.coordinator, client=client, institution=world.a2, responsible=None)
    assert again.pk == serving.pk
    assert audited(serving) == ["client.serve", "client.responsible_change"]
    client_serve_end(actor=world.coordinator, serving=again)
    assert audited(serving)[-1] == "client.serve_end"
    with pytest.raises(ServiceError):
        client_serve_end(actor=world.coordinator, serving=again)


def test_the_responsible_worker_must_read_client_records_at_the_institution(world: World) -> None:
    client = register(world)
    for not_allowed in (world.staff, world.other_worker, world.auditor):
        with pytest.raises(ServiceError) as refused:
            client_serve(actor=world.coordinator, client=client, institution=world.a1, responsible=not_allowed)
        assert refused.value.field == "responsible"


def test_merge_moves_groups_serving_consents_and_family_and_keeps_the_duplicate(world: World) -> None:
    kept = register(world, groups=frozenset({ClientGroup.OLDER_PEOPLE}))
    duplicate = register(
        world,
        first_name="Jonas",
        last_name="Žemaitis",
        confirmed=True,
        phone="+37061111111",
        personal_code=CODE,
        personal_code_country="LT",
        groups=frozenset({ClientGroup.DISABILITY}),
    )
    client_serve(actor=world.coordinator, client=duplicate, institution=world.a2, responsible=None)
    consent = consent_record(
        actor=world.worker, client=duplicate, purpose="Pagalba namuose", legal_basis=LegalBasis.CONSENT, given_on=BORN
    )
    daughter = register(world, first_name="Rūta", last_name="Žemaitytė", birth_date=datetime.date(1975, 5, 5))
    link = family_link_add(actor=world.worker, client=duplicate, relation=Relation.CHILD, relative=daughter)
    back = family_link_add(actor=world.worker, client=daughter, relation=Relation.PARENT, relative=duplicate)
    moved: list[tuple[int, int]] = []
    merging.MERGE_STEPS.append(lambda *, actor, kept, duplicate: moved.append((kept.pk, duplicate.pk)))
    try:
        client_merge(actor=world.worker, kept=kept, duplicate=duplicate, kept_lock_version=0, duplicate_lock_version=0)
    finally:
        merging.MERGE_STEPS.pop()
    assert moved == [(kept.pk, duplicate.pk)]
    kept.refresh_from_db()
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (ClientStatus.MERGED, kept)
    assert (kept.personal_code, kept.phone) == (CODE, "+37061111111")  # taken where the kept record had none
    assert duplicate.personal_code == ""
    assert set(ClientInGroup.objects.filter(client=kept).values_list("group", flat=True)) == {
        "older_people",
        "disability",
    }
    # A1 served both: the duplicate's A1 row is ended and kept in the history; A2 moves open.
    rows = ClientInstitution.objects.filter(client=kept).order_by("institution__slug", "pk")
    assert [(r.institution.slug, r.ended_on is None) for r in rows] == [("a1", True), ("a1", False), ("a2", True)]
    assert Consent.objects.get(pk=consent.pk).client == kept
    assert FamilyLink.objects.get(pk=link.pk).client == kept
    assert FamilyLink.objects.get(pk=back.pk).relative == kept
    assert audited(duplicate)[-1] == "client.merge"
    assert audited(kept)[-1] == "client.merge_keep"


def test_merge_refuses_itself_merged_records_different_codes_and_stale_versions(world: World) -> None:
    kept = register(world, personal_code=CODE, personal_code_country="LT")
    other = register(
        world, confirmed=True, birth_date=None, personal_code=lt_valid("3480305102"), personal_code_country="LT"
    )
    with pytest.raises(ServiceError):
        client_merge(actor=world.worker, kept=kept, duplicate=kept, kept_lock_version=0, duplicate_lock_version=0)
    with pytest.raises(ServiceError, match="different personal codes"):
        client_merge(actor=world.worker, kept=kept, duplicate=other, kept_lock_version=0, duplicate_lock_version=0)
    third = register(world, first_name="Jonas", confirmed=True)
    with pytest.raises(EditConflict):
        client_merge(actor=world.worker, kept=kept, duplicate=third, kept_lock_version=5, duplicate_lock_version=0)
    client_merge(actor=world.worker, kept=kept, duplicate=third, kept_lock_version=0, duplicate_lock_version=0)
    with pytest.raises(ServiceError, match="already"):
        client_merge(actor=world.worker, kept=other, duplicate=third, kept_lock_version=0, duplicate_lock_version=1)


def test_consents_are_recorded_and_withdrawn_once(world: World) -> None:
    client = register(world)
    today = timezone.localdate()
    consent = consent_record(
        actor=world.worker, client=client, purpose="Duomenų teikimas", legal_basis=LegalBasis.CONSENT, given_on=today
    )
    with pytest.raises(ServiceError) as refused:
        consent_record(actor=world.worker, client=client, purpose=" ", legal_basis=LegalBasis.CONSENT, given_on=today)
    assert refused.value.field == "purpose"
    with pytest.raises(ServiceError):
        consent_withdraw(actor=world.worker, consent=consent, withdrawn_on=today - datetime.timedelta(days=1))
    consent_withdraw(actor=world.worker, consent=consent, withdrawn_on=today)
    with pytest.raises(ServiceError):
        consent_withdraw(actor=world.worker, consent=consent, withdrawn_on=today)
    assert audited(consent) == ["consent.record", "consent.withdraw"]


def test_family_links_to_a_client_or_a_named_person(world: World) -> None:
    client = register(world)
    named = family_link_add(
        actor=world.worker, client=client, relation=Relation.PARTNER, relative_name="Ona", relative_contact="+3706"
    )
    with pytest.raises(ServiceError):
        family_link_add(actor=world.worker, client=client, relation=Relation.PARENT)
    with pytest.raises(ServiceError):
        family_link_add(actor=world.worker, client=client, relation=Relation.PARENT, relative=client)
    family_link_remove(actor=world.worker, link=named)
    assert not FamilyLink.objects.exists()
    assert AuditEvent.objects.filter(action__startswith="family_link.").count() == 2


def test_an_access_reason_needs_words_and_is_audited(world: World) -> None:
    client = register(world)
    with pytest.raises(ServiceError):
        client_access_reason_give(actor=world.coordinator, client=client, reason="because")
    given = client_access_reason_give(
        actor=world.coordinator, client=client, reason="Skundas dėl paslaugų kokybės, reg. nr. 12"
    )
    assert ClientAccessReason.objects.get() == given
    assert audited(given) == ["client.access_reason_give"]


def test_client_builder_registers_distinct_people(world: World) -> None:
    first, second = client_in(world.a1), client_in(world.a1)
    assert first.birth_date != second.birth_date
