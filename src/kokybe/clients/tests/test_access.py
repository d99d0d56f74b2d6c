"""Who sees which clients: serving staff, the coordinator by reason, nobody else."""

import datetime
from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.clients.access import (
    REASON_HOLDS_FOR,
    ReasonRequired,
    client_for,
    may_manage,
    may_see_record_views,
    visible_clients,
)
from kokybe.clients.models import ClientAccessReason
from kokybe.clients.services.access_reasons import client_access_reason_give
from kokybe.clients.services.serving import client_serve_end
from kokybe.clients.tests.builders import client_in
from kokybe.tenancy.access import Access, memberships_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unscoped() -> Iterator[None]:
    with scopes_disabled():
        yield


def access_of_user(world: World, user: object, municipality: object = None) -> Access:
    municipality = municipality or world.a
    return Access(user=user, municipality=municipality, memberships=memberships_of(user, municipality))  # type: ignore[arg-type]


def test_serving_staff_see_their_clients_and_not_others(world: World) -> None:
    ours, theirs = client_in(world.a1), client_in(world.a2)
    for user in (world.worker, world.director, world.quality):
        access = access_of_user(world, user)
        assert list(visible_clients(access)) == [ours]
        opened = client_for(access, ours.pk)
        assert (opened.client, opened.reason, opened.institution_id) == (ours, None, world.a1.pk)
        assert may_manage(access, opened)
        with pytest.raises(Http404):
            client_for(access, theirs.pk)
    other = access_of_user(world, world.other_worker)
    with pytest.raises(Http404):
        client_for(other, ours.pk)


def test_members_without_the_capability_get_403(world: World) -> None:
    ours = client_in(world.a1)
    for user in (world.consultant, world.staff, world.auditor):
        access = access_of_user(world, user)
        assert not visible_clients(access).exists()
        with pytest.raises(PermissionDenied):
            client_for(access, ours.pk)


def test_the_client_is_not_seen_once_the_institution_stops_serving(world: World) -> None:
    ours = client_in(world.a1)
    client_serve_end(actor=world.director, serving=ours.serving.get())
    with pytest.raises(Http404):
        client_for(access_of_user(world, world.worker), ours.pk)


def test_the_coordinator_lists_every_client_and_opens_one_by_reason(world: World) -> None:
    ours, theirs = client_in(world.a1), client_in(world.a2)
    access = access_of_user(world, world.coordinator)
    assert set(visible_clients(access)) == {ours, theirs}
    with pytest.raises(ReasonRequired):
        client_for(access, ours.pk)
    given = client_access_reason_give(actor=world.coordinator, client=ours, reason="Skundas Nr. 5 dėl pagalbos")
    assert client_for(access, ours.pk).reason == given
    with pytest.raises(ReasonRequired):
        client_for(access, theirs.pk)  # a reason opens one record only
    ClientAccessReason.objects.filter(pk=given.pk).update(
        at=timezone.now() - REASON_HOLDS_FOR - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ReasonRequired):
        client_for(access, ours.pk)


def test_another_municipality_sees_nothing(world: World) -> None:
    ours = client_in(world.a1)
    access = access_of_user(world, world.outsider, world.b)
    assert not visible_clients(access).exists()
    with pytest.raises(Http404):
        client_for(access, ours.pk)


def test_who_viewed_is_for_the_serving_director_and_the_coordinator(world: World) -> None:
    ours = client_in(world.a1)
    client_access_reason_give(actor=world.coordinator, client=ours, reason="Skundas Nr. 5 dėl pagalbos")
    assert may_see_record_views(
        access_of_user(world, world.director), client_for(access_of_user(world, world.director), ours.pk)
    )
    coordinator = access_of_user(world, world.coordinator)
    assert may_see_record_views(coordinator, client_for(coordinator, ours.pk))
    worker = access_of_user(world, world.worker)
    assert not may_see_record_views(worker, client_for(worker, ours.pk))
