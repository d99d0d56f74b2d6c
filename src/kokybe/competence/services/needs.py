"""Staff members' competence development needs for a year. Atomic and audited.

Needs can be stated and changed until the institution's plan for that year is approved: the
plan is compiled from them, so a need changed afterwards would silently fall outside it.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.competence.models import CompetenceNeed, CompetencePlan, CompetenceTopic, PlanStatus
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution

FIELDS = ("topic", "other_topic", "priority", "reason", "learning_form")


@dataclass(frozen=True)
class NeedInput:
    topic: CompetenceTopic | None
    other_topic: str
    priority: int
    reason: str
    learning_form: str


def plan_approved_for(institution: Institution, year: int) -> bool:
    """Whether some version of the institution's plan for `year` has been approved."""
    return CompetencePlan.objects.filter(
        municipality_id=institution.municipality_id,
        institution=institution,
        year=year,
        status__in=[PlanStatus.APPROVED, PlanStatus.SUPERSEDED],
    ).exists()


def _refuse_if_locked(institution: Institution, year: int) -> None:
    if plan_approved_for(institution, year):
        raise ServiceError(
            _(
                "The competence development plan for %(year)d has been approved, so its needs can no longer be "
                "changed. Tell the person who compiles the plan; they can start a new version of it."
            )
            % {"year": year}
        )


def _check(institution: Institution, person: User, year: int, data: NeedInput, exclude: int | None = None) -> None:
    if data.topic is None and not data.other_topic.strip():
        raise ServiceError(_("Choose a topic from the list, or write the topic under “Other”."), field="topic")
    if data.topic is not None and data.topic.municipality_id != institution.municipality_id:
        raise ServiceError(_("Choose a topic from the list."), field="topic")
    if data.topic is not None:
        duplicate = CompetenceNeed.objects.filter(
            municipality_id=institution.municipality_id,
            institution=institution,
            person=person,
            year=year,
            topic=data.topic,
        )
        if exclude is not None:
            duplicate = duplicate.exclude(pk=exclude)
        if duplicate.exists():
            raise ServiceError(_("This need is already stated for this year: change that one instead."), field="topic")


def _label(need: CompetenceNeed) -> str:
    return f"{need.person.display_name}: {need.topic_label} ({need.year})"


@transaction.atomic
def need_state(
    *, actor: User | None, institution: Institution, person: User, year: int, data: NeedInput
) -> CompetenceNeed:
    _refuse_if_locked(institution, year)
    _check(institution, person, year, data)
    if data.topic is not None and not data.topic.is_active:
        raise ServiceError(_("This topic is no longer offered: choose another one."), field="topic")
    need = CompetenceNeed.objects.create(
        municipality_id=institution.municipality_id,
        institution=institution,
        person=person,
        year=year,
        topic=data.topic,
        other_topic="" if data.topic else data.other_topic.strip(),
        priority=data.priority,
        reason=data.reason.strip(),
        learning_form=data.learning_form,
        stated_by=actor or person,
    )
    audit_record(
        actor=actor,
        action="competence_need.state",
        target=need,
        municipality_id=need.municipality_id,
        institution_id=institution.pk,
        changes=changes_between({}, snapshot(need, ("person", "year", *FIELDS))),
        label=_label(need),
    )
    return need


@transaction.atomic
def need_update(*, actor: User, need: CompetenceNeed, shown_version: int, data: NeedInput) -> CompetenceNeed:
    _refuse_if_locked(need.institution, need.year)
    _check(need.institution, need.person, need.year, data, exclude=need.pk)
    version_claim(need, shown_version)
    before = snapshot(need, FIELDS)
    need.topic = data.topic
    need.other_topic = "" if data.topic else data.other_topic.strip()
    need.priority = data.priority
    need.reason = data.reason.strip()
    need.learning_form = data.learning_form
    need.save(update_fields=list(FIELDS))
    audit_record(
        actor=actor,
        action="competence_need.update",
        target=need,
        municipality_id=need.municipality_id,
        institution_id=need.institution_id,
        changes=changes_between(before, snapshot(need, FIELDS)),
        label=_label(need),
    )
    return need


@transaction.atomic
def need_withdraw(*, actor: User, need: CompetenceNeed) -> None:
    _refuse_if_locked(need.institution, need.year)
    audit_record(
        actor=actor,
        action="competence_need.withdraw",
        target=need,
        municipality_id=need.municipality_id,
        institution_id=need.institution_id,
        changes=changes_between(snapshot(need, ("person", "year", *FIELDS)), {}),
        label=_label(need),
    )
    need.delete()
