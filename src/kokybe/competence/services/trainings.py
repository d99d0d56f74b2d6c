"""Recording trainings attended, with the certificate. Atomic and audited."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.competence.certificates import certificate_type
from kokybe.competence.models import CompetenceTopic, Training, TrainingParticipant
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution, Membership

FIELDS = ("title", "topic", "other_topic", "held_on", "hours", "provider")


@dataclass(frozen=True)
class TrainingInput:
    title: str
    topic: CompetenceTopic | None
    other_topic: str
    held_on: datetime.date
    hours: Decimal
    provider: str
    participants: list[User]


def _check(institution: Institution, data: TrainingInput) -> None:
    if data.held_on > timezone.localdate():
        raise ServiceError(_("Record a training once it has taken place: the date is in the future."), field="held_on")
    if data.topic is not None and data.topic.municipality_id != institution.municipality_id:
        raise ServiceError(_("Choose a topic from the list."), field="topic")
    if data.topic is None and not data.other_topic.strip():
        raise ServiceError(_("Choose a topic from the list, or write the topic under “Other”."), field="topic")
    if not data.participants:
        raise ServiceError(_("Choose who took part."), field="participants")
    members = set(
        Membership.objects.filter(
            municipality_id=institution.municipality_id,
            institution=institution,
            user__in=data.participants,
        ).values_list("user_id", flat=True)
    )
    if any(person.pk not in members for person in data.participants):
        raise ServiceError(_("Everyone who took part must work in the institution."), field="participants")


@transaction.atomic
def training_record(
    *, actor: User | None, institution: Institution, data: TrainingInput, certificate: UploadedFile | None
) -> Training:
    _check(institution, data)
    content_type = certificate_type(certificate) if certificate is not None else ""
    training = Training(
        municipality_id=institution.municipality_id,
        institution=institution,
        uid=uuid.uuid4(),
        title=data.title.strip(),
        topic=data.topic,
        other_topic="" if data.topic else data.other_topic.strip(),
        held_on=data.held_on,
        hours=data.hours,
        provider=data.provider.strip(),
        certificate_type=content_type,
        recorded_by=actor or data.participants[0],
    )
    if certificate is not None:
        training.certificate.save(certificate.name or "certificate", certificate, save=False)
    training.save(force_insert=True)
    TrainingParticipant.objects.bulk_create(
        TrainingParticipant(
            municipality_id=institution.municipality_id, training=training, person=person, year=data.held_on.year
        )
        for person in data.participants
    )
    audit_record(
        actor=actor,
        action="training.record",
        target=training,
        municipality_id=training.municipality_id,
        institution_id=institution.pk,
        changes={
            **changes_between({}, snapshot(training, FIELDS)),
            "participants": {"to": sorted(p.pk for p in data.participants)},
            "certificate": {"to": bool(certificate)},
        },
        label=training.title,
    )
    return training


@transaction.atomic
def training_update(*, actor: User, training: Training, shown_version: int, data: TrainingInput) -> Training:
    """Correct a recorded training (a mistyped date or hours, a participant left out)."""
    _check(training.institution, data)
    version_claim(training, shown_version)
    had = set(
        TrainingParticipant.objects.filter(municipality_id=training.municipality_id, training=training).values_list(
            "person_id", flat=True
        )
    )
    before = {**snapshot(training, FIELDS), "participants": sorted(had)}
    training.title = data.title.strip()
    training.topic = data.topic
    training.other_topic = "" if data.topic else data.other_topic.strip()
    training.held_on = data.held_on
    training.hours = data.hours
    training.provider = data.provider.strip()
    training.save(update_fields=list(FIELDS))
    people = {person.pk for person in data.participants}
    rows = TrainingParticipant.objects.filter(municipality_id=training.municipality_id, training=training)
    rows.exclude(person_id__in=people).delete()
    rows.update(year=data.held_on.year)  # the year coverage counts it in follows the date
    TrainingParticipant.objects.bulk_create(
        TrainingParticipant(
            municipality_id=training.municipality_id, training=training, person_id=person_id, year=data.held_on.year
        )
        for person_id in sorted(people - had)
    )
    audit_record(
        actor=actor,
        action="training.update",
        target=training,
        municipality_id=training.municipality_id,
        institution_id=training.institution_id,
        changes=changes_between(before, {**snapshot(training, FIELDS), "participants": sorted(people)}),
        label=training.title,
    )
    return training


@transaction.atomic
def training_certificate_attach(*, actor: User, training: Training, certificate: UploadedFile) -> Training:
    """Attach the certificate (or a better scan of it) to a recorded training."""
    content_type = certificate_type(certificate)
    replaced = training.certificate.name if training.certificate else ""
    training.uid = uuid.uuid4()  # a new stored name, so a cached copy of the old file is never served for it
    training.certificate.save(certificate.name or "certificate", certificate, save=False)
    training.certificate_type = content_type
    training.save(update_fields=["uid", "certificate", "certificate_type"])
    if replaced:
        transaction.on_commit(lambda: training.certificate.storage.delete(replaced))
    audit_record(
        actor=actor,
        action="training.certificate_attach",
        target=training,
        municipality_id=training.municipality_id,
        institution_id=training.institution_id,
        changes={"certificate": {"from": bool(replaced), "to": True}},
        label=training.title,
    )
    return training


@transaction.atomic
def training_remove(*, actor: User, training: Training) -> None:
    """Remove a training recorded by mistake, with its certificate."""
    stored = training.certificate.name if training.certificate else ""
    audit_record(
        actor=actor,
        action="training.remove",
        target=training,
        municipality_id=training.municipality_id,
        institution_id=training.institution_id,
        changes=changes_between(snapshot(training, FIELDS), {}),
        label=training.title,
    )
    storage = training.certificate.storage
    TrainingParticipant.objects.filter(municipality_id=training.municipality_id, training=training).delete()
    training.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
