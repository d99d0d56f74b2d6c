import pytest
from django.db import DatabaseError, connections, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent, EventKind
from kokybe.audit.selectors import AuditFilter, audit_events_search
from kokybe.audit.services import audit_record, changes_between, personal_data_view_record
from kokybe.tenancy import services


def test_a_change_is_recorded_in_the_same_transaction(world: World) -> None:
    with scope(municipality=world.a.pk):
        institution = services.institution_create(
            actor=world.coordinator, municipality=world.a, name="Dienos centras", kind="other"
        )
        event = AuditEvent.objects.get(action="institution.create", object_id=str(institution.pk))
    assert event.actor == world.coordinator
    assert event.municipality_id == world.a.pk
    assert event.institution_id == institution.pk
    assert event.changes["name"] == {"from": None, "to": "Dienos centras"}


def test_a_failed_change_leaves_no_event(world: World) -> None:
    with scope(municipality=world.a.pk), pytest.raises(RuntimeError), transaction.atomic():
        services.institution_create(actor=world.coordinator, municipality=world.a, name="Nebus", kind="other")
        raise RuntimeError("crash mid-way")
    with scopes_disabled():
        assert not AuditEvent.objects.filter(object_label="Nebus").exists()


def test_recording_outside_a_transaction_is_refused(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each test runs inside a transaction of its own; pretend for a moment it does not.
    with monkeypatch.context() as patch, pytest.raises(RuntimeError, match="inside the transaction"):
        patch.setattr(connections["default"], "in_atomic_block", False)
        audit_record(actor=None, action="x", target=world.a, municipality_id=world.a.pk)


@pytest.mark.django_db
def test_personal_fields_are_recorded_as_changed_without_values() -> None:
    changes = changes_between(
        {"personal_code": "38001010000", "status": "open"},
        {"personal_code": "38001010001", "status": "closed"},
        personal={"personal_code"},
    )
    assert changes == {"personal_code": {"changed": True}, "status": {"from": "open", "to": "closed"}}


def test_a_view_of_personal_data_is_recorded_with_its_purpose(world: World) -> None:
    event = personal_data_view_record(
        actor=world.worker, target=world.director, purpose="Individual plan review", municipality_id=world.a.pk
    )
    assert event.kind == EventKind.VIEW
    assert event.purpose == "Individual plan review"
    with pytest.raises(ValueError, match="purpose"):
        personal_data_view_record(actor=world.worker, target=world.director, purpose=" ", municipality_id=world.a.pk)


def test_the_database_refuses_to_change_or_delete_events(world: World) -> None:
    with transaction.atomic():
        event = audit_record(actor=world.coordinator, action="test.event", target=world.a, municipality_id=world.a.pk)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.with_scopes_disabled().filter(pk=event.pk).update(action="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.with_scopes_disabled().filter(pk=event.pk).delete()
    with scopes_disabled():
        assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


def test_search_filters_by_person_action_object_and_date(world: World) -> None:
    with scope(municipality=world.a.pk):
        institution = services.institution_create(
            actor=world.coordinator, municipality=world.a, name="Krizių centras", kind="other"
        )
        services.unit_create(actor=world.coordinator, institution=institution, name="Budėjimo grupė")
        by_person = audit_events_search(world.a, AuditFilter(person=world.coordinator.last_name), None)
        by_action = audit_events_search(world.a, AuditFilter(action="unit.create"), None)
        by_object = audit_events_search(
            world.a, AuditFilter(object_type="tenancy.institution", object_id=str(institution.pk)), None
        )
        event = by_action.get()
        day = timezone.localdate(event.occurred_at)  # the search's dates are the municipality's days, not UTC's
        today = audit_events_search(world.a, AuditFilter(action="unit.create", date_from=day, date_to=day), None)
        tomorrow = audit_events_search(world.a, AuditFilter(action="unit.create", date_from=day + day.resolution), None)
        # The coordinator's own account event (second factor set up) shows with the municipality's.
        assert set(by_person.values_list("action", flat=True)) == {"institution.create", "unit.create", "mfa.add"}
        assert event.object_label == "Budėjimo grupė"
        assert by_object.count() == 1
        assert today.count() == 1
        assert tomorrow.count() == 0


def test_search_never_shows_another_municipality(world: World) -> None:
    with scope(municipality=world.b.pk):
        services.institution_create(actor=world.outsider, municipality=world.b, name="B2", kind="other")
    with scope(municipality=world.a.pk):
        assert not audit_events_search(world.a, AuditFilter(), None).filter(object_label="B2").exists()


def test_audit_page_queries_do_not_grow_with_events(world: World, django_assert_max_num_queries) -> None:
    client = world.client_for(world.auditor)
    url = reverse("audit:search", kwargs={"municipality": world.a.slug})
    with scope(municipality=world.a.pk):
        for number in range(30):
            services.unit_create(actor=world.coordinator, institution=world.a1, name=f"Skyrius {number}")
    with django_assert_max_num_queries(16):
        response = client.get(url, {"action": "unit.create"})
    assert response.status_code == 200
    assert response.content.count(b'<tr class="govuk-table__row">') == 31


def test_audit_page_filters_through_htmx_with_a_partial(world: World) -> None:
    client = world.client_for(world.coordinator)
    url = reverse("audit:search", kwargs={"municipality": world.a.slug})
    response = client.get(url, {"person": "nobody-matches"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="audit-results"' in response.content


def test_an_invalid_date_range_is_explained_next_to_the_field(world: World) -> None:
    client = world.client_for(world.coordinator)
    url = reverse("audit:search", kwargs={"municipality": world.a.slug})
    response = client.get(url, {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert response.status_code == 200
    assert b'id="id_date_to_error"' in response.content


def test_related_objects_are_recorded_with_a_readable_label(world: World) -> None:
    with scope(municipality=world.a.pk):
        membership = services.membership_grant(
            actor=world.coordinator, user=world.staff, municipality=world.a, role="consultant", institution=world.a2
        )
        event = AuditEvent.objects.get(action="membership.grant", object_id=str(membership.pk))
    assert event.changes["institution"]["to"] == {"id": world.a2.pk, "label": "A2 globos namai"}
    page = world.client_for(world.coordinator).get(reverse("audit:search", kwargs={"municipality": "alpha"}))
    assert "A2 globos namai" in page.content.decode()


def test_an_auditor_of_one_institution_reads_only_its_events(world: World) -> None:
    with scope(municipality=world.a.pk):
        services.unit_create(actor=world.coordinator, institution=world.a1, name="A1 naujas skyrius")
        services.unit_create(actor=world.coordinator, institution=world.a2, name="A2 naujas skyrius")
        services.membership_grant(
            actor=world.coordinator, user=world.staff, municipality=world.a, role="auditor", institution=world.a1
        )
    client = world.client_for(world.staff)
    trail = client.get(reverse("audit:search", kwargs={"municipality": "alpha"})).content.decode()
    home = client.get(reverse("tenancy:home", kwargs={"municipality": "alpha"})).content.decode()
    for page in (trail, home):
        assert "A1 naujas skyrius" in page
        assert "A2 naujas skyrius" not in page
        assert "A2 globos namai" not in page


def test_dates_out_of_range_are_refused_next_to_the_field(world: World) -> None:
    client = world.client_for(world.coordinator)
    url = reverse("audit:search", kwargs={"municipality": world.a.slug})
    for query in ({"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}):
        response = client.get(url, query)
        assert response.status_code == 200
        assert "_error" in response.content.decode()
