"""Editing a draft charter as a whole: discarding it, and putting its expectations and commitments in order."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.db.models import Model
from django.utils import translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.charter.models import (
    CharterVersion,
    Commitment,
    Expectation,
    Indicator,
    IndicatorFigure,
    VersionStatus,
)
from kokybe.charter.services.content import commitment_create, commitment_move, expectation_create, expectation_move
from kokybe.charter.services.versions import charter_version_adopt, charter_version_discard, charter_version_draft
from kokybe.charter.tests.builders import adopted_charter, charter_draft, figures_refreshed
from kokybe.core.errors import ServiceError

pytestmark = pytest.mark.django_db

MODELS: list[type[Model]] = [
    CharterVersion,
    Expectation,
    Commitment,
    Indicator,
    Indicator.institutions.through,
    IndicatorFigure,
]


@pytest.fixture(autouse=True)
def _refusals_in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.with_scopes_disabled().filter(action=action).order_by("pk"))


def rows() -> dict[str, int]:
    with scopes_disabled():
        return {model.__name__: model._base_manager.count() for model in MODELS}


def ids_of(version: CharterVersion) -> dict[str, set[int]]:
    """The primary keys of every row that belongs to `version`."""
    with scopes_disabled():
        return {
            "expectations": set(Expectation.objects.filter(version=version).values_list("pk", flat=True)),
            "commitments": set(Commitment.objects.filter(version=version).values_list("pk", flat=True)),
            "indicators": set(Indicator.objects.filter(version=version).values_list("pk", flat=True)),
            "institutions": set(
                Indicator.institutions.through.objects.filter(indicator__version=version).values_list("pk", flat=True)
            ),
            "figures": set(IndicatorFigure.objects.filter(version=version).values_list("pk", flat=True)),
        }


# Discarding a draft


def test_discarding_removes_the_draft_and_only_its_rows(world: World) -> None:
    adopted = adopted_charter(world.coordinator, world.a, on=date(2026, 1, 5), institutions=[world.a1])
    figures_refreshed(world.a)
    kept = ids_of(adopted.version)
    # The adopted version has rows of every kind to lose.
    assert kept["figures"]
    assert kept["institutions"]
    other_place = adopted_charter(world.outsider, world.b)
    with scopes_disabled():
        draft = charter_version_draft(actor=world.coordinator, municipality=world.a)  # a copy of version 1
        commitment_create(
            actor=world.coordinator,
            expectation=Expectation.objects.get(version=draft),
            title={"lt": "Dar vienas"},
            body={},
        )
    before = rows()

    with scopes_disabled():
        removed = charter_version_discard(actor=world.coordinator, version=draft)

    assert (removed.expectations, removed.commitments, removed.indicators) == (1, 2, 1)
    after = rows()
    assert {name: before[name] - after[name] for name in before} == {
        "CharterVersion": 1,
        "Expectation": 1,
        "Commitment": 2,
        "Indicator": 1,
        "Indicator_institutions": 1,
        "IndicatorFigure": 0,
    }
    assert ids_of(adopted.version) == kept
    with scopes_disabled():
        assert not CharterVersion.objects.filter(pk=draft.pk).exists()
        adopted.version.refresh_from_db()
        assert adopted.version.status == VersionStatus.ADOPTED
        assert CharterVersion.objects.filter(pk=other_place.version.pk, status=VersionStatus.ADOPTED).exists()
    [event] = events("charter_version.discard")
    assert event.actor == world.coordinator
    assert event.municipality_id == world.a.pk
    assert event.changes == {
        "number": {"from": 2, "to": None},
        "expectations": {"from": 1, "to": 0},
        "commitments": {"from": 2, "to": 0},
        "indicators": {"from": 1, "to": 0},
    }


def test_an_adopted_version_cannot_be_discarded(world: World) -> None:
    adopted = adopted_charter(world.coordinator, world.a)
    before = rows()
    with scopes_disabled(), pytest.raises(ServiceError, match="adopted"):
        charter_version_discard(actor=world.coordinator, version=adopted.version)
    assert rows() == before
    assert events("charter_version.discard") == []


def test_after_a_discard_a_new_draft_starts_and_takes_the_same_number(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    with scopes_disabled():
        charter_version_discard(actor=world.coordinator, version=built.version)
        again = charter_version_draft(actor=world.coordinator, municipality=world.a)
    assert (again.number, again.status) == (1, VersionStatus.DRAFT)
    with scopes_disabled():
        assert not Expectation.objects.filter(version=again).exists()  # nothing of the discarded draft comes back


# Moving expectations and commitments


def _titles(records: list[Expectation] | list[Commitment]) -> list[str]:
    return [record.title["lt"] for record in records]


def _expectations(version: CharterVersion) -> list[str]:
    with scopes_disabled():
        return _titles(list(Expectation.objects.filter(version=version).order_by("order", "pk")))


def _commitments(expectation: Expectation) -> list[str]:
    with scopes_disabled():
        return _titles(list(Commitment.objects.filter(expectation=expectation).order_by("order", "pk")))


def test_an_expectation_moves_past_its_neighbour_and_is_audited(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)  # its expectation is "Greitas atsakymas į užklausas"
    with scopes_disabled():
        second = expectation_create(actor=world.coordinator, version=built.version, title={"lt": "Antras"})
        expectation_create(actor=world.coordinator, version=built.version, title={"lt": "Trečias"})
        expectation_move(actor=world.coordinator, expectation=second, direction="up")
    assert _expectations(built.version) == ["Antras", "Greitas atsakymas į užklausas", "Trečias"]
    with scopes_disabled():
        expectation_move(actor=world.coordinator, expectation=second, direction="down")
        expectation_move(actor=world.coordinator, expectation=second, direction="down")
    assert _expectations(built.version) == ["Greitas atsakymas į užklausas", "Trečias", "Antras"]
    first, *_rest, last = events("charter_expectation.move")
    assert first.actor == world.coordinator
    assert first.object_id == str(second.pk)
    assert first.changes == {"position": {"from": 2, "to": 1}}
    assert last.changes == {"position": {"from": 2, "to": 3}}


def test_a_commitment_moves_within_its_expectation_only(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)  # "Greitis"
    with scopes_disabled():
        other = expectation_create(actor=world.coordinator, version=built.version, title={"lt": "Kitas"})
        elsewhere = commitment_create(actor=world.coordinator, expectation=other, title={"lt": "Kitur"}, body={})
        second = commitment_create(
            actor=world.coordinator, expectation=built.expectation, title={"lt": "Tikslumas"}, body={}
        )
        commitment_move(actor=world.coordinator, commitment=second, direction="up")
    assert _commitments(built.expectation) == ["Tikslumas", "Greitis"]
    assert _commitments(other) == ["Kitur"]
    [event] = events("charter_commitment.move")
    assert (event.object_id, event.changes) == (str(second.pk), {"position": {"from": 2, "to": 1}})
    with scopes_disabled(), pytest.raises(ServiceError, match="already the last"):
        commitment_move(actor=world.coordinator, commitment=elsewhere, direction="down")


def test_nothing_moves_past_the_ends(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    with scopes_disabled():
        last = commitment_create(actor=world.coordinator, expectation=built.expectation, title={"lt": "B"}, body={})
        with pytest.raises(ServiceError, match="already the first"):
            commitment_move(actor=world.coordinator, commitment=built.commitment, direction="up")
        with pytest.raises(ServiceError, match="already the last"):
            commitment_move(actor=world.coordinator, commitment=last, direction="down")
        with pytest.raises(ServiceError, match="already the first"):
            expectation_move(actor=world.coordinator, expectation=built.expectation, direction="up")
        with pytest.raises(ServiceError, match="already the last"):
            expectation_move(actor=world.coordinator, expectation=built.expectation, direction="down")
    assert _commitments(built.expectation) == ["Greitis", "B"]
    assert events("charter_commitment.move") == events("charter_expectation.move") == []


def test_an_adopted_version_keeps_its_order(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    with scopes_disabled():
        second = expectation_create(actor=world.coordinator, version=built.version, title={"lt": "Antras"})
        commitment_create(actor=world.coordinator, expectation=second, title={"lt": "Po antru"}, body={})
    with scopes_disabled():
        charter_version_adopt(actor=world.coordinator, version=built.version, adopted_on=date(2026, 1, 5))
        with pytest.raises(ServiceError, match="adopted"):
            expectation_move(actor=world.coordinator, expectation=second, direction="up")
        with pytest.raises(ServiceError, match="adopted"):
            commitment_move(actor=world.coordinator, commitment=built.commitment, direction="down")
    assert _expectations(built.version) == ["Greitas atsakymas į užklausas", "Antras"]
    assert events("charter_expectation.move") == events("charter_commitment.move") == []


def test_equal_orders_are_numbered_before_the_swap(world: World) -> None:
    """Rows with the same `order` (written with the default) still move: the siblings are numbered 1..n first."""
    built = charter_draft(world.coordinator, world.a)
    with scopes_disabled():
        second = commitment_create(actor=world.coordinator, expectation=built.expectation, title={"lt": "B"}, body={})
        third = commitment_create(actor=world.coordinator, expectation=built.expectation, title={"lt": "C"}, body={})
        Commitment.objects.filter(expectation=built.expectation).update(order=0)
        commitment_move(actor=world.coordinator, commitment=third, direction="up")
    assert _commitments(built.expectation) == ["Greitis", "C", "B"]
    with scopes_disabled():
        orders = dict(Commitment.objects.filter(expectation=built.expectation).values_list("pk", "order"))
    assert orders == {built.commitment.pk: 1, third.pk: 2, second.pk: 3}
    [event] = events("charter_commitment.move")
    assert event.changes == {"position": {"from": 3, "to": 2}}
