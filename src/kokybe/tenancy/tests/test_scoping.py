import pytest
from django.urls import reverse
from django_scopes import ScopeError, scope

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.tenancy.models import Institution, Invitation, Membership, Unit


@pytest.mark.parametrize("model", [Institution, Unit, Membership, Invitation, AuditEvent])
def test_tenant_owned_models_refuse_unscoped_queries(world: World, model: type) -> None:
    with pytest.raises(ScopeError):
        list(model.objects.all())


def test_a_scope_shows_one_municipality_only(world: World) -> None:
    with scope(municipality=world.a.pk):
        assert set(Institution.objects.values_list("slug", flat=True)) == {"a1", "a2"}
    with scope(municipality=world.b.pk):
        assert set(Institution.objects.values_list("slug", flat=True)) == {"b1"}


def test_every_tenant_owned_row_carries_its_municipality() -> None:
    for model in (Institution, Unit, Membership, Invitation, AuditEvent):
        field = model._meta.get_field("municipality")
        assert field.related_model._meta.label == "tenancy.Municipality"


def test_an_unknown_municipality_is_404(world: World) -> None:
    response = world.client_for(world.coordinator).get("/m/nowhere/")
    assert response.status_code == 404


def test_a_person_in_two_municipalities_sees_each_separately(world: World) -> None:
    from kokybe.tenancy.tests.factories import MembershipFactory

    with scope(municipality=world.b.pk):
        MembershipFactory(user=world.auditor, municipality=world.b, role="auditor")
    client = world.client_for(world.auditor)
    choose = client.get("/")
    assert choose.status_code == 200
    assert world.a.name in choose.content.decode()
    assert world.b.name in choose.content.decode()
    in_b = client.get(reverse("tenancy:institutions", kwargs={"municipality": "beta"})).content.decode()
    assert "B1 centrs" in in_b
    assert "A1 centras" not in in_b
