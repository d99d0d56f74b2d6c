"""Plans and their life: create, edit, compile the departments' parts, submit, approve, new version.

Transitions that the plan's status does not allow are refused with a message saying what to do
instead. An approved plan's content is never changed: a change is a new version (a copy) with the
reason, which replaces the approved one when it is approved in turn.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts
from kokybe.improvement.models import (
    Action,
    ActionCause,
    ExecutionReview,
    PartStatus,
    Plan,
    PlanKind,
    PlanPart,
    PlanStatus,
)
from kokybe.tenancy.models import Institution, Municipality, Unit

PLAN_FIELDS = ("title", "first_year", "last_year", "budget_approved_on")


def _audit(actor: User, action: str, plan: Plan, changes: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=plan,
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        changes=changes,
        label=f"{plan.display_title} (v{plan.version})",
    )


def _check_years(kind: str, first_year: int, last_year: int) -> None:
    if last_year < first_year:
        raise ServiceError(_("The last year cannot come before the first year."), field="last_year")
    if kind == PlanKind.ANNUAL and last_year != first_year:
        raise ServiceError(_("An annual activity plan covers one year."), field="last_year")
    if last_year - first_year > 9:
        raise ServiceError(_("A plan covers at most ten years."), field="last_year")


@transaction.atomic
def plan_create(
    *,
    actor: User,
    municipality: Municipality,
    institution: Institution | None,
    kind: str,
    title: Texts,
    main_language: str,
    first_year: int,
    last_year: int,
    budget_approved_on: datetime.date | None = None,
) -> Plan:
    """A new plan being drafted. An annual plan gets one part per active department of the institution."""
    _check_years(kind, first_year, last_year)
    if kind == PlanKind.ANNUAL:
        if institution is None:
            raise ServiceError(_("An annual activity plan belongs to one institution."), field="institution")
        taken = Plan.objects.filter(
            municipality=municipality, institution=institution, kind=PlanKind.ANNUAL, first_year=first_year
        ).exists()
        if taken:
            raise ServiceError(
                _("This institution already has an annual activity plan for %(year)s.") % {"year": first_year},
                field="first_year",
            )
    plan = Plan.objects.create(
        municipality=municipality,
        institution=institution,
        kind=kind,
        title=title,
        main_language=main_language,
        first_year=first_year,
        last_year=last_year,
        budget_approved_on=budget_approved_on if kind == PlanKind.ANNUAL else None,
        created_by=actor,
    )
    if kind == PlanKind.ANNUAL and institution is not None:
        units = Unit.objects.filter(municipality=municipality, institution=institution, is_active=True)
        PlanPart.objects.bulk_create(
            PlanPart(municipality=municipality, institution=institution, plan=plan, unit=unit) for unit in units
        )
    _audit(actor, "improvement.plan.create", plan, snapshot(plan, ("kind", "institution", *PLAN_FIELDS)))
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: User,
    plan: Plan,
    shown_version: int,
    title: Texts,
    first_year: int,
    last_year: int,
    budget_approved_on: datetime.date | None,
) -> Plan:
    if plan.status in (PlanStatus.APPROVED, PlanStatus.SUPERSEDED):
        raise ServiceError(
            _("An approved plan cannot be changed. Make a new version of it, with the reason for the change.")
        )
    _check_years(plan.kind, first_year, last_year)
    version_claim(plan, shown_version)
    before = snapshot(plan, PLAN_FIELDS)
    plan.title = title
    plan.first_year, plan.last_year = first_year, last_year
    if plan.kind == PlanKind.ANNUAL:
        plan.budget_approved_on = budget_approved_on
    plan.save(update_fields=[*PLAN_FIELDS, "lock_version"])
    _audit(actor, "improvement.plan.update", plan, changes_between(before, snapshot(plan, PLAN_FIELDS)))
    return plan


def _set_status(plan: Plan, status: str, **fields: object) -> dict:
    before = plan.status
    plan.status = status
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=["status", *fields])
    return {"status": {"from": before, "to": status}}


@transaction.atomic
def part_submit(*, actor: User, part: PlanPart) -> PlanPart:
    """A department hands its part to the quality coordinator."""
    plan = Plan.objects.select_for_update().get(pk=part.plan_id)
    if plan.status != PlanStatus.DRAFTING:
        raise ServiceError(_("The plan has already been compiled; its parts can no longer be submitted."))
    if part.status == PartStatus.SUBMITTED:
        raise ServiceError(_("This part has already been submitted."))
    if not part.goals.exists():
        raise ServiceError(_("Add at least one goal to the part before submitting it."))
    part.status, part.submitted_at, part.submitted_by = PartStatus.SUBMITTED, timezone.now(), actor
    part.save(update_fields=["status", "submitted_at", "submitted_by"])
    audit_record(
        actor=actor,
        action="improvement.part.submit",
        target=part,
        municipality_id=part.municipality_id,
        institution_id=part.institution_id,
        changes={"status": {"from": PartStatus.DRAFTING, "to": PartStatus.SUBMITTED}},
        label=f"{plan.display_title}: {part.unit}",
    )
    return part


@transaction.atomic
def part_return(*, actor: User, part: PlanPart) -> PlanPart:
    """The quality coordinator sends a submitted part back to its department for more work."""
    plan = Plan.objects.select_for_update().get(pk=part.plan_id)
    if plan.status != PlanStatus.DRAFTING or part.status != PartStatus.SUBMITTED:
        raise ServiceError(_("Only a submitted part of a plan still being drafted can be returned."))
    part.status, part.submitted_at, part.submitted_by = PartStatus.DRAFTING, None, None
    part.save(update_fields=["status", "submitted_at", "submitted_by"])
    audit_record(
        actor=actor,
        action="improvement.part.return",
        target=part,
        municipality_id=part.municipality_id,
        institution_id=part.institution_id,
        changes={"status": {"from": PartStatus.SUBMITTED, "to": PartStatus.DRAFTING}},
        label=f"{plan.display_title}: {part.unit}",
    )
    return part


@transaction.atomic
def plan_compile(*, actor: User, plan: Plan) -> Plan:
    """The quality coordinator compiles the institution's annual plan once every department has submitted."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.kind != PlanKind.ANNUAL:
        raise ServiceError(_("Only an annual activity plan is compiled from departments' parts."))
    if plan.status != PlanStatus.DRAFTING:
        raise ServiceError(_("This plan has already been compiled."))
    waiting = [str(part.unit) for part in plan.parts.select_related("unit") if part.status != PartStatus.SUBMITTED]
    if waiting:
        raise ServiceError(
            _("These departments have not submitted their parts yet: %(units)s.") % {"units": ", ".join(waiting)}
        )
    if not plan.goals.exists():
        raise ServiceError(_("The plan has no goals yet."))
    changes = _set_status(plan, PlanStatus.COMPILED, compiled_at=timezone.now())
    _audit(actor, "improvement.plan.compile", plan, changes)
    return plan


@transaction.atomic
def plan_submit(*, actor: User, plan: Plan) -> Plan:
    """Hand the plan to the director (or the municipality) for approval."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    ready = PlanStatus.COMPILED if plan.kind == PlanKind.ANNUAL else PlanStatus.DRAFTING
    if plan.status == PlanStatus.SUBMITTED:
        raise ServiceError(_("This plan has already been submitted for approval."))
    if plan.status != ready:
        if plan.kind == PlanKind.ANNUAL and plan.status == PlanStatus.DRAFTING:
            raise ServiceError(_("Compile the departments' parts first, then submit the plan for approval."))
        raise ServiceError(_("Only a plan being drafted can be submitted for approval."))
    if not plan.goals.exists():
        raise ServiceError(_("Add at least one goal before submitting the plan."))
    changes = _set_status(plan, PlanStatus.SUBMITTED, submitted_at=timezone.now())
    _audit(actor, "improvement.plan.submit", plan, changes)
    return plan


@transaction.atomic
def plan_return(*, actor: User, plan: Plan, reason: str) -> Plan:
    """The approver sends the plan back for changes, saying why."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.SUBMITTED:
        raise ServiceError(_("Only a plan submitted for approval can be returned."))
    if not reason.strip():
        raise ServiceError(_("Say what should change before the plan can be approved."), field="reason")
    back = PlanStatus.COMPILED if plan.kind == PlanKind.ANNUAL else PlanStatus.DRAFTING
    changes = _set_status(plan, back, submitted_at=None)
    changes["reason"] = {"to": reason.strip()}
    _audit(actor, "improvement.plan.return", plan, changes)
    return plan


@transaction.atomic
def plan_approve(*, actor: User, plan: Plan) -> Plan:
    """Approve the plan: its content becomes read-only; an earlier approved version is superseded."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.APPROVED:
        raise ServiceError(_("This plan has already been approved."))
    if plan.status != PlanStatus.SUBMITTED:
        raise ServiceError(_("Only a plan submitted for approval can be approved."))
    earlier = Plan.objects.filter(series=plan.series, status=PlanStatus.APPROVED).exclude(pk=plan.pk)
    for old in earlier.select_for_update():
        _audit(actor, "improvement.plan.supersede", old, _set_status(old, PlanStatus.SUPERSEDED))
    _carry_execution_over(plan)
    changes = _set_status(plan, PlanStatus.APPROVED, approved_at=timezone.now(), approved_by=actor)
    _audit(actor, "improvement.plan.approve", plan, changes)
    return plan


@transaction.atomic
def plan_new_version(*, actor: User, plan: Plan, reason: str) -> Plan:
    """A draft copy of an approved plan, to change it; the approved one stays in force until this is approved."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not reason.strip():
        raise ServiceError(_("Give the reason for the change."), field="reason")
    if plan.status != PlanStatus.APPROVED:
        raise ServiceError(_("Only the approved plan can be changed through a new version."))
    if (
        Plan.objects.filter(series=plan.series)
        .exclude(status__in=[PlanStatus.APPROVED, PlanStatus.SUPERSEDED])
        .exists()
    ):
        raise ServiceError(_("A new version of this plan is already being prepared: change that one."))
    latest = Plan.objects.filter(series=plan.series).order_by("-version").values_list("version", flat=True).first()
    copy = Plan.objects.create(
        municipality=plan.municipality,
        institution=plan.institution,
        kind=plan.kind,
        title=plan.title,
        main_language=plan.main_language,
        first_year=plan.first_year,
        last_year=plan.last_year,
        budget_approved_on=plan.budget_approved_on,
        series=plan.series,
        version=(latest or plan.version) + 1,
        change_reason=reason.strip(),
        created_by=actor,
        # A change to an annual plan is made by the coordinator, not drafted again by departments.
        status=PlanStatus.COMPILED if plan.kind == PlanKind.ANNUAL else PlanStatus.DRAFTING,
    )
    _copy_content(plan, copy)
    _audit(
        actor,
        "improvement.plan.new_version",
        copy,
        {"version": {"from": plan.version, "to": copy.version}, "reason": {"to": reason.strip()}},
    )
    return copy


def _carry_execution_over(plan: Plan) -> None:
    """Execution recorded on the version in force while this one was prepared moves to this one."""
    originals = {
        action.pk: action
        for action in Action.objects.filter(pk__in=plan.actions.exclude(copied_from=None).values("copied_from"))
    }
    if not originals:
        return
    copies = {action.copied_from_id: action for action in plan.actions.exclude(copied_from=None)}
    for original_pk, action in copies.items():
        original = originals[original_pk]  # type: ignore[index]  # copied_from is set on these
        action.status, action.progress = original.status, original.progress
        action.cancel_reason = original.cancel_reason
        action.save(update_fields=["status", "progress", "cancel_reason"])
    ExecutionReview.objects.filter(plan=plan).delete()
    ExecutionReview.objects.bulk_create(
        ExecutionReview(
            municipality_id=review.municipality_id,
            institution_id=review.institution_id,
            plan=plan,
            action=copies[review.action_id],
            year=review.year,
            outcome=review.outcome,
            comment=review.comment,
            reviewed_by_id=review.reviewed_by_id,
            reviewed_at=review.reviewed_at,
        )
        for review in ExecutionReview.objects.filter(action_id__in=originals)
    )


def _copy_content(source: Plan, target: Plan) -> None:
    """Parts, goals, actions with their causes and execution reviews, as they are."""
    parts = {}
    for part in source.parts.all():
        old_pk = part.pk
        part.pk, part.plan, part.lock_version = None, target, 0
        part.save(force_insert=True)
        parts[old_pk] = part
    goals = {}
    for goal in source.goals.all():
        old_pk = goal.pk
        goal.pk, goal.plan, goal.lock_version = None, target, 0
        goal.part = parts.get(goal.part_id) if goal.part_id else None
        goal.save(force_insert=True)
        goals[old_pk] = goal
    actions = {}
    for action in Action.objects.filter(plan=source):
        old_pk = action.pk
        action.copied_from_id = old_pk
        action.pk, action.plan, action.goal, action.lock_version = None, target, goals[action.goal_id], 0
        action.save(force_insert=True)
        actions[old_pk] = action
    ActionCause.objects.bulk_create(
        ActionCause(
            municipality_id=cause.municipality_id,
            action=actions[cause.action_id],
            content_type_id=cause.content_type_id,
            object_id=cause.object_id,
            detail=cause.detail,
            label=cause.label,
            url=cause.url,
        )
        for cause in ActionCause.objects.filter(action__plan=source)
    )
    ExecutionReview.objects.bulk_create(
        ExecutionReview(
            municipality_id=review.municipality_id,
            institution_id=review.institution_id,
            plan=target,
            action=actions[review.action_id],
            year=review.year,
            outcome=review.outcome,
            comment=review.comment,
            reviewed_by_id=review.reviewed_by_id,
            reviewed_at=review.reviewed_at,
        )
        for review in ExecutionReview.objects.filter(plan=source)
    )
