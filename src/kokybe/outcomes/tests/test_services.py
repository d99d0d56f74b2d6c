"""The library's and the measurements' services: each audited, each refusal leaving nothing written."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.clients.services.merging import client_merge
from kokybe.clients.tests.builders import client_in
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.outcomes.models import Instrument, InstrumentKind, InstrumentStatus, Item, Measurement, Occasion
from kokybe.outcomes.services.library import (
    instrument_create,
    instrument_publish,
    item_add,
    item_remove,
    subscale_add,
    whoqol_bref_add,
)
from kokybe.outcomes.services.measuring import measurement_correct, measurement_record
from kokybe.outcomes.tests.builders import ladder_in, measured, whoqol_answers, whoqol_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unscoped() -> object:
    with scopes_disabled():
        yield


def custom(world: World) -> Instrument:
    return instrument_create(
        actor=world.quality,
        municipality=world.a,
        kind=InstrumentKind.CUSTOM,
        name={"lt": "Savijauta", "en": "Wellbeing"},
        description={"lt": "Kaip jaučiasi klientas"},
        lowest=1,
        highest=5,
    )


def test_whoqol_bref_comes_in_with_its_26_facets_reversed_items_and_domains_once(world: World) -> None:
    whoqol = whoqol_bref_add(actor=world.quality, municipality=world.a, permission="  WHO leidimas 2026/117 ")
    items = list(Item.objects.filter(instrument=whoqol).select_related("subscale"))
    assert len(items) == 26
    assert whoqol.status == InstrumentStatus.IN_USE
    assert {item.key for item in items if item.reverse} == {"3", "4", "26"}
    assert {item.key for item in items if item.subscale and item.subscale.key == "social"} == {"20", "21", "22"}
    assert {item.key for item in items if item.subscale is None} == {"1", "2"}
    assert items[2].text["en"] == "Pain and discomfort"
    event = AuditEvent.objects.get(action="outcome_instrument.add_whoqol_bref")
    assert event.changes["permission"]["to"] == "WHO leidimas 2026/117"
    with pytest.raises(ServiceError):
        whoqol_bref_add(actor=world.quality, municipality=world.a, permission="Kitas")
    with pytest.raises(ServiceError) as refused:
        whoqol_bref_add(actor=world.quality, municipality=world.b, permission=" ")
    assert refused.value.field == "permission"
    assert Instrument.objects.count() == 1


def test_a_ladder_is_built_area_by_area_and_put_in_use(world: World) -> None:
    ladder = ladder_in(world.a, world.quality, areas=("Būstas", "Pinigai", "Sveikata"))
    assert (ladder.lowest, ladder.highest, ladder.status) == (1, 10, InstrumentStatus.IN_USE)
    assert list(Item.objects.filter(instrument=ladder).values_list("key", flat=True)) == ["i1", "i2", "i3"]
    actions = list(
        AuditEvent.objects.filter(object_type__startswith="outcomes.").order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["outcome_instrument.create", *["outcome_item.add"] * 3, "outcome_instrument.publish"]
    with pytest.raises(ServiceError):  # fixed once in use
        item_add(actor=world.quality, instrument=ladder, text={"lt": "Darbas"})


def test_a_ladder_area_is_neither_reversed_nor_in_a_subscale(world: World) -> None:
    ladder = instrument_create(
        actor=world.quality, municipality=world.a, kind=InstrumentKind.LADDER, name={"lt": "Kopėčios"}, description={}
    )
    with pytest.raises(ServiceError):
        item_add(actor=world.quality, instrument=ladder, text={"lt": "Būstas"}, reverse=True)
    with pytest.raises(ServiceError):
        subscale_add(actor=world.quality, instrument=ladder, name={"lt": "Dalis"})


def test_a_custom_scale_needs_its_name_in_the_main_language_and_a_sensible_range(world: World) -> None:
    with pytest.raises(ServiceError) as no_name:
        instrument_create(
            actor=world.quality,
            municipality=world.a,
            kind="custom",
            name={"en": "X"},
            description={},
            lowest=1,
            highest=5,
        )
    assert no_name.value.field == "name_lt"
    for lowest, highest in ((5, 1), (0, 11), (None, 5)):
        with pytest.raises(ServiceError) as bad_range:
            instrument_create(
                actor=world.quality,
                municipality=world.a,
                kind="custom",
                name={"lt": "X"},
                description={},
                lowest=lowest,
                highest=highest,
            )
        assert bad_range.value.field == "highest"
    with pytest.raises(ServiceError):
        instrument_create(
            actor=world.quality, municipality=world.a, kind="whoqol_bref", name={"lt": "X"}, description={}
        )
    assert not Instrument.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="outcome").exists()


def test_a_custom_scale_with_subscales_and_a_removed_item(world: World) -> None:
    scale = custom(world)
    part = subscale_add(actor=world.quality, instrument=scale, name={"lt": "Nuotaika"})
    first = item_add(actor=world.quality, instrument=scale, text={"lt": "Jaučiuosi gerai"}, subscale=part)
    typo = item_add(actor=world.quality, instrument=scale, text={"lt": "Klaida"}, reverse=True)
    typo_id = typo.pk
    item_remove(actor=world.quality, item=typo)
    empty = subscale_add(actor=world.quality, instrument=scale, name={"lt": "Tuščia"})
    with pytest.raises(ServiceError):  # a subscale without items
        instrument_publish(actor=world.quality, instrument=scale)
    item_add(actor=world.quality, instrument=scale, text={"lt": "Nerimauju"}, reverse=True, subscale=empty)
    instrument_publish(actor=world.quality, instrument=scale)
    assert next(iter(Item.objects.filter(instrument=scale).values_list("pk", flat=True))) == first.pk
    assert AuditEvent.objects.filter(action="outcome_item.remove", object_id=str(typo_id)).exists()
    with pytest.raises(ServiceError):
        instrument_publish(actor=world.quality, instrument=scale)  # in use already
    with pytest.raises(ServiceError):
        item_remove(actor=world.quality, item=first)


def test_a_draft_without_items_is_not_put_in_use(world: World) -> None:
    scale = custom(world)
    with pytest.raises(ServiceError):
        instrument_publish(actor=world.quality, instrument=scale)
    scale.refresh_from_db()
    assert scale.status == InstrumentStatus.DRAFT


def test_a_measurement_is_recorded_and_audited_without_its_answers(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    whoqol = whoqol_in(world.a, world.quality)
    measurement = measured(client, whoqol, world.a1, {**whoqol_answers(4), "7": None}, actor=world.worker)
    assert measurement.answers == {str(n): 4 for n in range(1, 27) if n != 7}
    event = AuditEvent.objects.get(action="outcome_measurement.record")
    assert event.institution_id == world.a1.pk
    assert event.changes["answers"] == {"changed": True}
    assert event.changes["occasion"]["to"] == Occasion.INTAKE
    assert "4" not in str(event.changes["answers"])


def test_refused_measurements_write_nothing(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    whoqol = whoqol_in(world.a, world.quality)
    draft = custom(world)
    item_add(actor=world.quality, instrument=draft, text={"lt": "Jaučiuosi gerai"})
    today = timezone.localdate()
    cases = [
        ({"institution": world.a2}, "institution"),  # A2 does not serve the client
        ({"instrument": draft, "answers": {"i1": 3}}, "instrument"),  # still a draft
        ({"answers": {**whoqol_answers(4), "3": 6}}, "item_3"),
        ({"answers": {"99": 3}}, None),
        ({"answers": {}}, None),
        ({"measured_on": today + datetime.timedelta(days=1)}, "measured_on"),
        ({"occasion": "later"}, "occasion"),
    ]
    for change, field in cases:
        arguments = {
            "actor": world.worker,
            "client": client,
            "instrument": whoqol,
            "institution": world.a1,
            "occasion": Occasion.INTAKE,
            "measured_on": today,
            "answers": whoqol_answers(3),
        } | change
        with pytest.raises(ServiceError) as refused:
            measurement_record(**arguments)  # type: ignore[arg-type]
        assert refused.value.field == field, change
    assert not Measurement.objects.exists()
    assert not AuditEvent.objects.filter(action="outcome_measurement.record").exists()


def test_merging_moves_the_duplicates_measurements_to_the_kept_record(world: World) -> None:
    kept = client_in(world.a1, first_name="Ona", last_name="Petrauskienė", responsible=world.worker)
    duplicate = client_in(world.a1, first_name="Ona", last_name="Petrauskiene", responsible=world.worker)
    whoqol = whoqol_in(world.a, world.quality)
    moved = measured(duplicate, whoqol, world.a1, whoqol_answers(2))
    measured(kept, whoqol, world.a1, whoqol_answers(4), on=datetime.date(2026, 3, 1), occasion=Occasion.REVIEW)
    client_merge(actor=world.worker, kept=kept, duplicate=duplicate, kept_lock_version=0, duplicate_lock_version=0)
    assert set(Measurement.objects.values_list("client_id", flat=True)) == {kept.pk}
    event = AuditEvent.objects.get(action="outcome_measurement.move")
    assert event.object_id == str(moved.pk)
    assert event.changes["client"] == {"from": duplicate.pk, "to": kept.pk}


def test_a_correction_is_audited_and_a_stale_one_is_refused(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    whoqol = whoqol_in(world.a, world.quality)
    measurement = measured(client, whoqol, world.a1, whoqol_answers(3), actor=world.worker)
    on = measurement.measured_on

    def correct(lock_version: int, **change: object) -> Measurement:
        arguments = {
            "actor": world.worker,
            "measurement": measurement,
            "institution": world.a1,
            "occasion": Occasion.INTAKE,
            "measured_on": on,
            "answers": {**whoqol_answers(3), "10": 4},
            "service": None,
            "note": "",
            "lock_version": lock_version,
        } | change
        return measurement_correct(**arguments)  # type: ignore[arg-type]

    correct(0, measured_on=on - datetime.timedelta(days=1))
    measurement.refresh_from_db()
    assert (measurement.answers["10"], measurement.lock_version) == (4, 1)
    event = AuditEvent.objects.get(action="outcome_measurement.correct")
    assert event.changes == {
        "answers": {"changed": True},
        "measured_on": {"from": on.isoformat(), "to": (on - datetime.timedelta(days=1)).isoformat()},
    }
    with pytest.raises(EditConflict):  # someone corrected it meanwhile: shown version 0 is stale
        correct(0, note="Pataisyta")
    with pytest.raises(ServiceError) as refused:
        correct(1, answers={**whoqol_answers(3), "10": 9})
    assert refused.value.field == "item_10"
    measurement.refresh_from_db()
    assert (measurement.note, measurement.lock_version) == ("", 1)
    assert AuditEvent.objects.filter(action="outcome_measurement.correct").count() == 1
