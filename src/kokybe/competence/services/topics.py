"""The municipality's list of competence topics. Atomic and audited."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.competence.models import CompetenceTopic
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts
from kokybe.tenancy.models import Municipality

FIELDS = ("name", "is_active")


def _clean_name(name: Texts) -> Texts:
    cleaned = {code: text.strip() for code, text in name.items() if text and text.strip()}
    if not cleaned:
        raise ServiceError(_("Give the topic a name in at least one language."), field="name_lt")
    return cleaned


def _name_taken(municipality: Municipality, name: Texts, exclude: int | None = None) -> bool:
    wanted = {text.casefold() for text in name.values()}
    others = CompetenceTopic.objects.filter(municipality=municipality)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    return any(wanted & {text.casefold() for text in topic.name.values()} for topic in others)


@transaction.atomic
def topic_create(*, actor: User | None, municipality: Municipality, name: Texts) -> CompetenceTopic:
    name = _clean_name(name)
    if _name_taken(municipality, name):
        raise ServiceError(_("The list already has a topic with this name."), field="name_lt")
    topic = CompetenceTopic.objects.create(municipality=municipality, name=name, main_language=municipality.language)
    audit_record(
        actor=actor,
        action="competence_topic.create",
        target=topic,
        municipality_id=municipality.pk,
        changes=changes_between({}, snapshot(topic, FIELDS)),
        label=topic.display_name,
    )
    return topic


@transaction.atomic
def topic_update(
    *, actor: User, topic: CompetenceTopic, shown_version: int, name: Texts, is_active: bool
) -> CompetenceTopic:
    name = _clean_name(name)
    if _name_taken(topic.municipality, name, exclude=topic.pk):
        raise ServiceError(_("The list already has a topic with this name."), field="name_lt")
    version_claim(topic, shown_version)
    before = snapshot(topic, FIELDS)
    topic.name, topic.is_active = name, is_active
    topic.save(update_fields=["name", "is_active"])
    changes: dict[str, Any] = changes_between(before, snapshot(topic, FIELDS))
    audit_record(
        actor=actor,
        action="competence_topic.update",
        target=topic,
        municipality_id=topic.municipality_id,
        changes=changes,
        label=topic.display_name,
    )
    return topic
