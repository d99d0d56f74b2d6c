"""Recording a client's measurement, and moving measurements when two records of one person are merged."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.catalogue.models import Service
from kokybe.clients.models import Client, ClientInstitution, ClientStatus
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.outcomes.models import Instrument, InstrumentStatus, Item, Measurement, Occasion
from kokybe.tenancy.models import Institution

NOTE_LENGTH = 2000


def _answers_checked(instrument: Instrument, answers: dict[str, int | None]) -> dict[str, int]:
    keys = set(Item.objects.filter(instrument=instrument).values_list("key", flat=True))
    given = {key: value for key, value in answers.items() if value is not None}
    unknown = set(given) - keys
    if unknown:
        raise ServiceError(_("These answers belong to no item of the instrument: %(keys)s") % {"keys": sorted(unknown)})
    for key, value in given.items():
        if not instrument.lowest <= value <= instrument.highest:
            raise ServiceError(
                _("Answers are from %(lowest)d to %(highest)d.")
                % {"lowest": instrument.lowest, "highest": instrument.highest},
                field=f"item_{key}",
            )
    if not given:
        raise ServiceError(_("Enter at least one answer."))
    return dict(sorted(given.items(), key=lambda pair: (len(pair[0]), pair[0])))


def _details_checked(
    *,
    client: Client,
    institution: Institution,
    occasion: str,
    measured_on: datetime.date,
    service: Service | None,
    note: str,
) -> str:
    """The checks a recorded and a corrected measurement share; returns the note cleaned."""
    municipality_id = client.municipality_id
    if client.status == ClientStatus.MERGED:
        raise ServiceError(_("This record was merged into another; change that one instead."))
    serving = ClientInstitution.objects.filter(
        municipality_id=municipality_id, client=client, institution=institution, ended_on__isnull=True
    )
    if not serving.exists():
        raise ServiceError(_("Choose an institution serving the client."), field="institution")
    if service is not None and service.municipality_id != municipality_id:
        raise ServiceError(_("Choose a service of this municipality."), field="service")
    if occasion not in Occasion.values:
        raise ServiceError(_("Choose when the measurement was taken."), field="occasion")
    if measured_on > timezone.localdate():
        raise ServiceError(_("The date cannot be in the future."), field="measured_on")
    note = note.strip()
    if len(note) > NOTE_LENGTH:
        raise ServiceError(_("Keep the note under %(count)d characters.") % {"count": NOTE_LENGTH}, field="note")
    return note


@transaction.atomic
def measurement_record(
    *,
    actor: User | None,
    client: Client,
    instrument: Instrument,
    institution: Institution,
    occasion: str,
    measured_on: datetime.date,
    answers: dict[str, int | None],
    service: Service | None = None,
    note: str = "",
) -> Measurement:
    """A measurement of the client taken by `institution`, which must be serving the client."""
    municipality_id = client.municipality_id
    if instrument.municipality_id != municipality_id or instrument.status != InstrumentStatus.IN_USE:
        raise ServiceError(_("Choose an instrument in use in this municipality."), field="instrument")
    note = _details_checked(
        client=client, institution=institution, occasion=occasion, measured_on=measured_on, service=service, note=note
    )
    measurement = Measurement.objects.create(
        municipality_id=municipality_id,
        institution=institution,
        client=client,
        instrument=instrument,
        service=service,
        occasion=occasion,
        measured_on=measured_on,
        answers=_answers_checked(instrument, answers),
        note=note,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    # The answers are special-category data: the trail keeps that they were given, not what they were.
    audit_record(
        actor=actor,
        action="outcome_measurement.record",
        target=measurement,
        municipality_id=municipality_id,
        institution_id=institution.pk,
        changes={
            "client": {"from": None, "to": client.pk},
            "instrument": {"from": None, "to": instrument.pk},
            "occasion": {"from": None, "to": occasion},
            "measured_on": {"from": None, "to": measured_on.isoformat()},
            "answers": {"changed": True},
        },
    )
    return measurement


CORRECTABLE = ("institution", "service", "occasion", "measured_on", "note")


@transaction.atomic
def measurement_correct(
    *,
    actor: User,
    measurement: Measurement,
    institution: Institution,
    occasion: str,
    measured_on: datetime.date,
    answers: dict[str, int | None],
    service: Service | None,
    note: str,
    lock_version: int,
) -> Measurement:
    """Correct a measurement entered wrongly (a mistyped answer, the wrong date); the trail keeps what changed."""
    note = _details_checked(
        client=measurement.client,
        institution=institution,
        occasion=occasion,
        measured_on=measured_on,
        service=service,
        note=note,
    )
    checked = _answers_checked(measurement.instrument, answers)
    version_claim(measurement, lock_version)
    before = snapshot(measurement, CORRECTABLE)
    answers_before = measurement.answers
    measurement.institution, measurement.service, measurement.occasion = institution, service, occasion
    measurement.measured_on, measurement.note, measurement.answers = measured_on, note, checked
    measurement.save(update_fields=[*CORRECTABLE, "answers"])
    changes = changes_between(before, snapshot(measurement, CORRECTABLE), personal=("note",))
    if checked != answers_before:
        changes["answers"] = {"changed": True}
    audit_record(
        actor=actor,
        action="outcome_measurement.correct",
        target=measurement,
        municipality_id=measurement.municipality_id,
        institution_id=institution.pk,
        changes=changes,
    )
    return measurement


def measurements_move(*, actor: User, kept: Client, duplicate: Client) -> None:
    """Merge step: the duplicate's measurements become the kept record's (their history stays one)."""
    moved = list(
        Measurement.objects.filter(municipality_id=kept.municipality_id, client=duplicate).values_list(
            "pk", "institution_id"
        )
    )
    Measurement.objects.filter(pk__in=[pk for pk, _institution in moved]).update(client=kept)
    for pk, institution_id in moved:
        audit_record(
            actor=actor,
            action="outcome_measurement.move",
            target=Measurement(pk=pk),
            municipality_id=kept.municipality_id,
            institution_id=institution_id,
            changes={"client": {"from": duplicate.pk, "to": kept.pk}},
        )
