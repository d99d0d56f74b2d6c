"""Writing the charter: drafts, adoption and supersession, the content of a draft, audit events, refusals."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.catalogue.models import Service
from kokybe.charter.measures import MEASURES, SERVICE
from kokybe.charter.models import CharterVersion, Commitment, Expectation, Indicator, VersionStatus
from kokybe.charter.services.content import (
    commitment_create,
    commitment_remove,
    commitment_update,
    expectation_create,
    expectation_remove,
    expectation_update,
    indicator_create,
    indicator_remove,
    indicator_update,
)
from kokybe.charter.services.versions import charter_version_adopt, charter_version_draft, charter_version_update
from kokybe.charter.tests.builders import IN_TIME, adopted_charter, charter_draft
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _refusals_in_english() -> Iterator[None]:
    """The refusals are matched in English; the site's default language is Lithuanian."""
    with translation.override("en"):
        yield


BY_SERVICE = [key for key, measure in MEASURES.items() if measure.parameter_kind == SERVICE]


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.with_scopes_disabled().filter(action=action).order_by("pk"))


def test_the_first_draft_starts_empty_and_is_audited(world: World) -> None:
    with scopes_disabled():
        draft = charter_version_draft(actor=world.coordinator, municipality=world.a)
        assert (draft.number, draft.status, draft.introduction) == (1, VersionStatus.DRAFT, {})
        assert not Expectation.objects.filter(version=draft).exists()
    [event] = events("charter_version.draft")
    assert event.actor == world.coordinator
    assert event.municipality_id == world.a.pk
    assert event.changes == {"number": {"from": None, "to": 1}, "copied_from": {"from": None, "to": None}}


def test_a_second_draft_is_refused_while_one_is_open(world: World) -> None:
    charter_draft(world.coordinator, world.a)
    with scopes_disabled(), pytest.raises(ServiceError, match="already being drafted"):
        charter_version_draft(actor=world.coordinator, municipality=world.a)
    assert len(events("charter_version.draft")) == 1


def test_adopting_needs_a_commitment(world: World) -> None:
    with scopes_disabled():
        draft = charter_version_draft(actor=world.coordinator, municipality=world.a)
        expectation_create(actor=world.coordinator, version=draft, title={"lt": "Lūkestis"})
        with pytest.raises(ServiceError, match="at least one commitment"):
            charter_version_adopt(actor=world.coordinator, version=draft)
        draft.refresh_from_db()
        assert draft.status == VersionStatus.DRAFT
    assert events("charter_version.adopt") == []


def test_adoption_puts_the_draft_in_force_and_makes_it_read_only(world: World) -> None:
    built = adopted_charter(world.coordinator, world.a, on=date(2026, 1, 5))
    with scopes_disabled():
        version = CharterVersion.objects.get(pk=built.version.pk)
        assert (version.status, version.adopted_on, version.adopted_by) == (
            VersionStatus.ADOPTED,
            date(2026, 1, 5),
            world.coordinator,
        )
        refused = [
            lambda: expectation_create(actor=world.coordinator, version=version, title={"lt": "Kitas"}),
            lambda: expectation_update(
                actor=world.coordinator, expectation=built.expectation, shown_version=0, title={"lt": "Kitas"}
            ),
            lambda: expectation_remove(actor=world.coordinator, expectation=built.expectation),
            lambda: commitment_create(
                actor=world.coordinator, expectation=built.expectation, title={"lt": "Kitas"}, body={}
            ),
            lambda: commitment_remove(actor=world.coordinator, commitment=built.commitment),
            lambda: indicator_remove(actor=world.coordinator, indicator=built.indicator),
            lambda: charter_version_update(
                actor=world.coordinator, version=version, shown_version=0, introduction={"lt": "Įvadas"}
            ),
            lambda: charter_version_adopt(actor=world.coordinator, version=version),
        ]
        for write in refused:
            with pytest.raises(ServiceError, match="can no longer be changed"):
                write()
        assert Expectation.objects.filter(version=version).count() == 1
        assert Indicator.objects.filter(version=version).count() == 1
    [event] = events("charter_version.adopt")
    assert event.changes["adopted_on"] == {"from": None, "to": "2026-01-05"}
    assert event.changes["superseded"] == {"from": None, "to": None}


def test_a_new_draft_copies_the_version_in_force_and_its_adoption_supersedes_it(world: World) -> None:
    first = adopted_charter(world.coordinator, world.a, institutions=[world.a1])
    with scopes_disabled():
        draft = charter_version_draft(actor=world.quality, municipality=world.a)
        assert draft.number == 2
        [expectation] = Expectation.objects.filter(version=draft)
        [commitment] = Commitment.objects.filter(version=draft)
        [indicator] = Indicator.objects.filter(version=draft)
        assert expectation.pk != first.expectation.pk
        assert expectation.title == first.expectation.title
        assert (commitment.expectation, commitment.title, commitment.body) == (
            expectation,
            first.commitment.title,
            first.commitment.body,
        )
        assert (indicator.commitment, indicator.measure_key, indicator.target, indicator.period) == (
            commitment,
            IN_TIME,
            Decimal("0.9"),
            "quarter",
        )
        assert list(indicator.institutions.all()) == [world.a1]
        charter_version_adopt(actor=world.quality, version=draft, adopted_on=date(2026, 6, 1))
        old = CharterVersion.objects.get(pk=first.version.pk)
        assert (old.status, old.superseded_on) == (VersionStatus.SUPERSEDED, date(2026, 6, 1))
        # The old version keeps its own content, unchanged.
        assert Indicator.objects.get(pk=first.indicator.pk).institutions.count() == 1
    [superseded] = events("charter_version.supersede")
    assert superseded.object_id == str(first.version.pk)
    assert events("charter_version.adopt")[-1].changes["superseded"] == {"from": None, "to": 1}


def test_a_version_cannot_be_adopted_before_the_one_in_force(world: World) -> None:
    adopted_charter(world.coordinator, world.a, on=date(2026, 3, 1))
    with scopes_disabled():
        draft = charter_version_draft(actor=world.coordinator, municipality=world.a)
        with pytest.raises(ServiceError, match="cannot be adopted before") as refused:
            charter_version_adopt(actor=world.coordinator, version=draft, adopted_on=date(2026, 2, 1))
        assert refused.value.field == "adopted_on"
        assert CharterVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_texts_need_the_main_language_and_keep_the_others(world: World) -> None:
    with scopes_disabled():
        draft = charter_version_draft(actor=world.coordinator, municipality=world.a)
        with pytest.raises(ServiceError) as refused:
            expectation_create(actor=world.coordinator, version=draft, title={"en": "Only English", "lt": " "})
        assert refused.value.field == "title_lt"
        expectation = expectation_create(
            actor=world.coordinator, version=draft, title={"lt": " Pagarba ", "lv": "", "en": "Respect"}
        )
        assert expectation.title == {"lt": "Pagarba", "en": "Respect"}
        with translation.override("lv"):
            assert expectation.text("title") == "Pagarba"  # Latvian falls back to the main language


def test_edit_conflict_leaves_the_other_persons_change(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    with scopes_disabled():
        shown = built.expectation.lock_version
        expectation_update(
            actor=world.coordinator, expectation=built.expectation, shown_version=shown, title={"lt": "Pirmas"}
        )
        with pytest.raises(EditConflict):
            expectation_update(
                actor=world.quality, expectation=built.expectation, shown_version=shown, title={"lt": "Antras"}
            )
        assert Expectation.objects.get(pk=built.expectation.pk).title == {"lt": "Pirmas"}
    assert len(events("charter_expectation.update")) == 1


def test_commitment_moves_to_another_expectation_of_the_draft_only(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    other_municipality = charter_draft(world.outsider, world.b)
    with scopes_disabled():
        second = expectation_create(actor=world.coordinator, version=built.version, title={"lt": "Antras"})
        moved = commitment_update(
            actor=world.coordinator,
            commitment=built.commitment,
            shown_version=built.commitment.lock_version,
            expectation=second,
            title={"lt": "Greitis"},
            body={},
        )
        assert moved.expectation == second
        with pytest.raises(ServiceError, match="expectation of this version"):
            commitment_update(
                actor=world.coordinator,
                commitment=built.commitment,
                shown_version=moved.lock_version,
                expectation=other_municipality.expectation,
                title={"lt": "Greitis"},
                body={},
            )
    [event] = events("charter_commitment.update")
    assert event.changes["expectation"]["to"]["id"] == second.pk
    assert event.changes["body"] == {"from": {"lt": "Atsakome per nustatytą terminą."}, "to": {}}


def test_removal_goes_leaf_first(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    with scopes_disabled():
        with pytest.raises(ServiceError, match="commitments under this expectation"):
            expectation_remove(actor=world.coordinator, expectation=built.expectation)
        with pytest.raises(ServiceError, match="indicators of this commitment"):
            commitment_remove(actor=world.coordinator, commitment=built.commitment)
        indicator_remove(actor=world.coordinator, indicator=built.indicator)
        commitment_remove(actor=world.coordinator, commitment=built.commitment)
        expectation_remove(actor=world.coordinator, expectation=built.expectation)
        assert not Expectation.objects.filter(version=built.version).exists()
    assert [len(events(f"charter_{kind}.remove")) for kind in ("indicator", "commitment", "expectation")] == [1, 1, 1]
    assert events("charter_indicator.remove")[0].changes["measure_key"] == {"from": IN_TIME, "to": None}


def test_indicator_values_are_checked(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    with scopes_disabled():
        now = timezone.now()
        foreign_service = Service.objects.create(
            municipality=world.b, slug="aprupe", name={"lv": "Aprūpe mājās"}, updated_at=now, checked_at=now
        )

    def create(**changes: object) -> Indicator:
        arguments = {
            "measure_key": IN_TIME,
            "parameter": {},
            "target": Decimal("0.8"),
            "period": "month",
            "institutions": [],
            **changes,
        }
        return indicator_create(actor=world.coordinator, commitment=built.commitment, **arguments)  # type: ignore[arg-type]

    with scopes_disabled():
        refusals = {
            "measure_key": {"measure_key": "no_such_measure"},
            "period": {"period": "week"},
            "target": {"target": Decimal("1.5")},  # a share above 100 %
            "institutions": {"institutions": [world.b1]},
        }
        for field, changes in refusals.items():
            with pytest.raises(ServiceError) as refused:
                create(**changes)
            assert refused.value.field == field
        for key in BY_SERVICE:
            with pytest.raises(ServiceError) as refused:
                create(measure_key=key, target=Decimal(20), parameter={"service": foreign_service.pk})
            assert refused.value.field == "service"
        assert Indicator.objects.filter(commitment=built.commitment).count() == 1
        made = create(parameter={"service": foreign_service.pk}, institutions=[world.a2])
        assert made.parameter == {}  # this measure is not narrowed to a service: nothing kept
        assert list(made.institutions.all()) == [world.a2]


def test_indicator_update_records_the_changed_institutions(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    with scopes_disabled():
        indicator_update(
            actor=world.coordinator,
            indicator=built.indicator,
            shown_version=built.indicator.lock_version,
            measure_key=IN_TIME,
            parameter={},
            target=Decimal("0.95"),
            period="year",
            institutions=[world.a1, world.a2],
        )
        with pytest.raises(EditConflict):
            indicator_update(
                actor=world.coordinator,
                indicator=built.indicator,
                shown_version=built.indicator.lock_version,
                measure_key=IN_TIME,
                parameter={},
                target=Decimal("0.5"),
                period="year",
            )
        assert Indicator.objects.get(pk=built.indicator.pk).target == Decimal("0.95")
    [event] = events("charter_indicator.update")
    assert event.changes["institutions"] == {"from": [], "to": sorted([world.a1.pk, world.a2.pk])}
    assert event.changes["target"] == {"from": "0.9000", "to": "0.95"}
    assert event.changes["period"] == {"from": "quarter", "to": "year"}
