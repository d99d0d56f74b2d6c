"""Compiling, approving and revising an institution's competence development plan. Atomic and audited.

Compiling groups the year's stated needs by topic into planned trainings, each serving the people
who asked for it; the compiler then adds hours, provider, quarter and budget. An approved version
is read-only: a change starts a new draft version (a copy) with the reason for it, and approving
that version replaces the earlier one.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.competence.models import (
    CompetenceNeed,
    CompetencePlan,
    CompetenceTopic,
    PlannedParticipant,
    PlannedTraining,
    PlanStatus,
)
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.texts import text_in
from kokybe.tenancy.models import Institution

ITEM_FIELDS = ("topic", "title", "hours", "provider", "quarter", "budget")


@dataclass(frozen=True)
class PlannedTrainingInput:
    topic: CompetenceTopic | None
    title: str
    people: list[User]
    hours: Decimal | None
    provider: str
    quarter: int | None
    budget: Decimal | None


def _audit(actor: User | None, action: str, plan: CompetencePlan, changes: dict[str, Any] | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=plan,
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        changes=changes,
        label=str(plan),
    )


def _refuse_unless_draft(plan: CompetencePlan) -> None:
    if not plan.is_draft:
        raise ServiceError(
            _(
                "This version of the plan is approved and can no longer be changed. "
                "To change the plan, start a new version and say why."
            )
        )


def _touch(plan: CompetencePlan) -> None:
    """A change to a planned training is a change to the plan: whoever approves must have seen it."""
    CompetencePlan._base_manager.filter(pk=plan.pk).update(lock_version=F("lock_version") + 1)
    plan.lock_version += 1


def _people_ids(training: PlannedTraining) -> set[int]:
    return set(
        PlannedParticipant.objects.filter(municipality_id=training.municipality_id, training=training).values_list(
            "person_id", flat=True
        )
    )


def _plan_people(plan: CompetencePlan) -> dict[int, set[int]]:
    """The people of each of the plan's trainings, in one query."""
    people: dict[int, set[int]] = defaultdict(set)
    for training_id, person_id in PlannedParticipant.objects.filter(
        municipality_id=plan.municipality_id, training__plan=plan
    ).values_list("training_id", "person_id"):
        people[training_id].add(person_id)
    return people


def _set_people(training: PlannedTraining, people_ids: set[int], have: set[int]) -> None:
    """Make the training's people `people_ids`, given those it has (`have`)."""
    if have - people_ids:
        PlannedParticipant.objects.filter(
            municipality_id=training.municipality_id, training=training, person_id__in=have - people_ids
        ).delete()
    if people_ids - have:
        PlannedParticipant.objects.bulk_create(
            PlannedParticipant(municipality_id=training.municipality_id, training=training, person_id=person_id)
            for person_id in sorted(people_ids - have)
        )


LineKey = tuple[int | None, str]


def _line_key(topic_id: int | None, other: str) -> LineKey:
    """What a need or a planned training is about: its topic, or its own "other" text."""
    return (topic_id, "" if topic_id else other.strip().casefold())


def uncovered_needs(plan: CompetencePlan) -> dict[CompetenceTopic | str, set[int]]:
    """The year's needs whose person is not yet planned for on that topic, by topic (or "other" text)."""
    people = _plan_people(plan)
    planned = {
        (_line_key(topic_id, title), person_id)
        for pk, topic_id, title in PlannedTraining.objects.filter(
            municipality_id=plan.municipality_id, plan=plan
        ).values_list("pk", "topic_id", "title")
        for person_id in people[pk]
    }
    grouped: dict[CompetenceTopic | str, set[int]] = defaultdict(set)
    needs = CompetenceNeed.objects.filter(
        municipality_id=plan.municipality_id, institution_id=plan.institution_id, year=plan.year
    ).select_related("topic")
    for need in needs.order_by("topic_id", "other_topic", "pk"):
        if (_line_key(need.topic_id, need.other_topic), need.person_id) not in planned:
            # An "other" need gets a line of its own; the compiler decides whether one training serves several.
            grouped[need.topic if need.topic is not None else need.other_topic.strip()].add(need.person_id)
    return grouped


def _title_of(topic: CompetenceTopic) -> str:
    """A new line is named after its topic in the municipality's language, whoever compiles the plan."""
    return text_in(topic.name, topic.main_language, topic.main_language)


def _bring_in(plan: CompetencePlan) -> int:
    """Add the uncovered needs' people to the plan's training on their topic, or a new one; returns people added."""
    lines = {
        _line_key(training.topic_id, training.title): training
        for training in PlannedTraining.objects.filter(municipality_id=plan.municipality_id, plan=plan)
    }
    added = 0
    for topic, people in uncovered_needs(plan).items():
        key = _line_key(topic.pk, "") if isinstance(topic, CompetenceTopic) else _line_key(None, topic)
        training = lines.get(key)
        if training is None:
            training = PlannedTraining.objects.create(
                municipality_id=plan.municipality_id,
                institution_id=plan.institution_id,
                plan=plan,
                topic=topic if isinstance(topic, CompetenceTopic) else None,
                title=(_title_of(topic) if isinstance(topic, CompetenceTopic) else topic)[:200],
            )
            lines[key] = training
        _set_people(training, people, have=set())  # uncovered: none of them is on a line of this topic yet
        added += len(people)
    return added


@transaction.atomic
def plan_compile(*, actor: User, institution: Institution, year: int) -> CompetencePlan:
    """Start the year's plan from the stated needs (version 1, a draft)."""
    if CompetencePlan.objects.filter(
        municipality_id=institution.municipality_id, institution=institution, year=year
    ).exists():
        raise ServiceError(
            _("The plan for %(year)d has already been compiled: open it from the list.") % {"year": year},
            field="year",
        )
    plan = CompetencePlan.objects.create(
        municipality_id=institution.municipality_id, institution=institution, year=year, compiled_by=actor
    )
    added = _bring_in(plan)
    _audit(actor, "competence_plan.compile", plan, {"year": {"to": year}, "people_from_needs": {"to": added}})
    return plan


@transaction.atomic
def plan_needs_bring_in(*, actor: User, plan: CompetencePlan, shown_version: int) -> int:
    """Add needs stated since the plan was compiled; returns how many people were added."""
    _refuse_unless_draft(plan)
    version_claim(plan, shown_version)
    added = _bring_in(plan)
    _audit(actor, "competence_plan.needs_bring_in", plan, {"people_from_needs": {"to": added}})
    return added


def _check_item(plan: CompetencePlan, data: PlannedTrainingInput) -> None:
    if not data.title.strip():
        raise ServiceError(_("Say what the training is."), field="title")
    if data.topic is not None and data.topic.municipality_id != plan.municipality_id:
        raise ServiceError(_("Choose a topic from the list."), field="topic")


def _item_snapshot(training: PlannedTraining, people: set[int]) -> dict[str, Any]:
    return {**snapshot(training, ITEM_FIELDS), "people": sorted(people)}


def _item_audit(actor: User, action: str, training: PlannedTraining, changes: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=training,
        municipality_id=training.municipality_id,
        institution_id=training.institution_id,
        changes=changes,
        label=training.title,
    )


@transaction.atomic
def planned_training_add(*, actor: User, plan: CompetencePlan, data: PlannedTrainingInput) -> PlannedTraining:
    _refuse_unless_draft(plan)
    _check_item(plan, data)
    training = PlannedTraining.objects.create(
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        plan=plan,
        topic=data.topic,
        title=data.title.strip(),
        hours=data.hours,
        provider=data.provider.strip(),
        quarter=data.quarter,
        budget=data.budget,
    )
    people = {p.pk for p in data.people}
    _set_people(training, people, have=set())
    _touch(plan)
    _item_audit(actor, "planned_training.add", training, changes_between({}, _item_snapshot(training, people)))
    return training


@transaction.atomic
def planned_training_update(
    *, actor: User, training: PlannedTraining, shown_version: int, data: PlannedTrainingInput
) -> PlannedTraining:
    plan = training.plan
    _refuse_unless_draft(plan)
    _check_item(plan, data)
    version_claim(training, shown_version)
    had = _people_ids(training)
    before = _item_snapshot(training, had)
    training.topic = data.topic
    training.title = data.title.strip()
    training.hours = data.hours
    training.provider = data.provider.strip()
    training.quarter = data.quarter
    training.budget = data.budget
    training.save(update_fields=list(ITEM_FIELDS))
    people = {p.pk for p in data.people}
    _set_people(training, people, have=had)
    _touch(plan)
    _item_audit(actor, "planned_training.update", training, changes_between(before, _item_snapshot(training, people)))
    return training


@transaction.atomic
def planned_training_remove(*, actor: User, training: PlannedTraining) -> None:
    plan = training.plan
    _refuse_unless_draft(plan)
    before = _item_snapshot(training, _people_ids(training))
    _item_audit(actor, "planned_training.remove", training, changes_between(before, {}))
    training.delete()
    _touch(plan)


@transaction.atomic
def plan_approve(*, actor: User, plan: CompetencePlan, shown_version: int) -> CompetencePlan:
    if plan.status != PlanStatus.DRAFT:
        raise ServiceError(_("Only a draft can be approved; this version is already approved."))
    if not PlannedTraining.objects.filter(municipality_id=plan.municipality_id, plan=plan).exists():
        raise ServiceError(_("The plan has no planned trainings yet: add at least one before approving it."))
    version_claim(plan, shown_version)
    replaced = CompetencePlan.objects.filter(
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        year=plan.year,
        status=PlanStatus.APPROVED,
    )
    for earlier in replaced:
        earlier.status = PlanStatus.SUPERSEDED
        earlier.save(update_fields=["status"])
        _audit(actor, "competence_plan.supersede", earlier, {"status": {"from": "approved", "to": "superseded"}})
    plan.status = PlanStatus.APPROVED
    plan.approved_by = actor
    plan.approved_at = timezone.now()
    plan.save(update_fields=["status", "approved_by", "approved_at"])
    _audit(actor, "competence_plan.approve", plan, {"status": {"from": "draft", "to": "approved"}})
    return plan


@transaction.atomic
def plan_revise(*, actor: User, plan: CompetencePlan, reason: str) -> CompetencePlan:
    """Start a new draft version of an approved plan, a copy of it, with the reason for the change."""
    if plan.status != PlanStatus.APPROVED:
        raise ServiceError(
            _("Only the approved version of a plan can be changed by a new version; this one is %(status)s.")
            % {"status": plan.get_status_display().lower()}
        )
    if not reason.strip():
        raise ServiceError(_("Say why the approved plan is being changed."), field="reason")
    if CompetencePlan.objects.filter(
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        year=plan.year,
        status=PlanStatus.DRAFT,
    ).exists():
        raise ServiceError(_("A new version of this plan is already being prepared: open it from the plan's page."))
    latest = (
        CompetencePlan.objects.filter(
            municipality_id=plan.municipality_id, institution_id=plan.institution_id, year=plan.year
        )
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    revision = CompetencePlan.objects.create(
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        year=plan.year,
        version=(latest or plan.version) + 1,
        change_reason=reason.strip(),
        compiled_by=actor,
    )
    people = _plan_people(plan)
    for training in PlannedTraining.objects.filter(municipality_id=plan.municipality_id, plan=plan):
        had = people[training.pk]
        training.pk = None
        training.plan = revision
        training.lock_version = 0
        training.save(force_insert=True)
        _set_people(training, had, have=set())
    _audit(
        actor,
        "competence_plan.revise",
        revision,
        {"version": {"from": plan.version, "to": revision.version}, "reason": {"to": revision.change_reason}},
    )
    return revision
