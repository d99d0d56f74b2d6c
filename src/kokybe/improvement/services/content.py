"""Goals and actions as planned: what, who, when, with what resources and what result.

Their definitions change only while the plan is being drafted or compiled; an approved plan is
changed through a new version. Department drafters change only their own part, while it is open.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts
from kokybe.improvement.causes import Cause
from kokybe.improvement.models import Action, ActionCause, Goal, PartStatus, Plan, PlanPart, PlanStatus
from kokybe.tenancy.models import Membership

ACTION_FIELDS = ("title", "owner", "starts_on", "due_on", "resources", "expected_result", "measure")


def require_content_editable(plan: Plan, part: PlanPart | None = None) -> None:
    if plan.status in (PlanStatus.APPROVED, PlanStatus.SUPERSEDED):
        raise ServiceError(
            _("This plan is approved and cannot be changed. Make a new version of it, with the reason for the change.")
        )
    if plan.status == PlanStatus.SUBMITTED:
        raise ServiceError(_("This plan is waiting for approval; it can be changed only if the approver returns it."))
    # Once compiled, the plan is the quality coordinator's to change as a whole; before that, a
    # submitted part waits for the coordinator, who returns it if it needs more work.
    if part is not None and plan.status == PlanStatus.DRAFTING and part.status == PartStatus.SUBMITTED:
        raise ServiceError(
            _("This department's part has been submitted; the quality coordinator can return it for changes.")
        )


def _check_dates(plan: Plan, starts_on: datetime.date, due_on: datetime.date) -> None:
    if due_on < starts_on:
        raise ServiceError(_("The due date cannot come before the start date."), field="due_on")
    if starts_on.year < plan.first_year or due_on.year > plan.last_year:
        raise ServiceError(
            _("The action must fall within the plan's years (%(first)s–%(last)s).")
            % {"first": plan.first_year, "last": plan.last_year},
            field="due_on",
        )


def _check_owner(plan: Plan, owner: User | None) -> None:
    """The owner must be able to open the action: a member of the plan's institution or municipality-wide
    (any member for a municipality-wide plan). Someone else would be reminded of an action they cannot see."""
    if owner is None:
        return
    memberships = Membership.objects.filter(user=owner, municipality_id=plan.municipality_id)
    if plan.institution_id is not None:
        memberships = memberships.filter(Q(institution__isnull=True) | Q(institution_id=plan.institution_id))
    if not memberships.exists():
        raise ServiceError(
            _("%(name)s cannot open this plan: choose a member of its institution as the owner.")
            % {"name": owner.display_name},
            field="owner",
        )


def _audit_goal(actor: User, action: str, goal: Goal, changes: dict) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=goal,
        municipality_id=goal.municipality_id,
        institution_id=goal.institution_id,
        changes=changes,
        label=goal.display_title,
    )


def _audit_action(actor: User, action: str, target: Action, changes: dict) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=target,
        municipality_id=target.municipality_id,
        institution_id=target.institution_id,
        changes=changes,
        label=target.display_title,
    )


@transaction.atomic
def goal_create(*, actor: User, plan: Plan, title: Texts, part: PlanPart | None = None) -> Goal:
    require_content_editable(plan, part)
    position = plan.goals.count()
    goal = Goal.objects.create(
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        plan=plan,
        part=part,
        title=title,
        position=position,
    )
    _audit_goal(actor, "improvement.goal.create", goal, snapshot(goal, ("title", "part")))
    return goal


@transaction.atomic
def goal_update(*, actor: User, goal: Goal, shown_version: int, title: Texts) -> Goal:
    require_content_editable(goal.plan, goal.part)
    version_claim(goal, shown_version)
    before = snapshot(goal, ("title",))
    goal.title = title
    goal.save(update_fields=["title", "lock_version"])
    _audit_goal(actor, "improvement.goal.update", goal, changes_between(before, snapshot(goal, ("title",))))
    return goal


@transaction.atomic
def action_create(
    *,
    actor: User,
    goal: Goal,
    title: Texts,
    owner: User | None,
    starts_on: datetime.date,
    due_on: datetime.date,
    resources: str = "",
    expected_result: str = "",
    measure: str = "",
) -> Action:
    plan = goal.plan
    require_content_editable(plan, goal.part)
    _check_dates(plan, starts_on, due_on)
    _check_owner(plan, owner)
    action = Action.objects.create(
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        plan=plan,
        goal=goal,
        title=title,
        owner=owner,
        starts_on=starts_on,
        due_on=due_on,
        resources=resources,
        expected_result=expected_result,
        measure=measure,
        position=goal.actions.count(),
    )
    _audit_action(actor, "improvement.action.create", action, snapshot(action, ("goal", *ACTION_FIELDS)))
    return action


@transaction.atomic
def action_update(
    *,
    actor: User,
    action: Action,
    shown_version: int,
    title: Texts,
    owner: User | None,
    starts_on: datetime.date,
    due_on: datetime.date,
    resources: str,
    expected_result: str,
    measure: str,
) -> Action:
    require_content_editable(action.plan, action.goal.part)
    _check_dates(action.plan, starts_on, due_on)
    _check_owner(action.plan, owner)
    version_claim(action, shown_version)
    before = snapshot(action, ACTION_FIELDS)
    action.title, action.owner, action.starts_on, action.due_on = title, owner, starts_on, due_on
    action.resources, action.expected_result, action.measure = resources, expected_result, measure
    action.save(update_fields=[*ACTION_FIELDS, "lock_version"])
    _audit_action(actor, "improvement.action.update", action, changes_between(before, snapshot(action, ACTION_FIELDS)))
    return action


@transaction.atomic
def action_cause_link(*, actor: User, action: Action, cause: Cause) -> ActionCause:
    """Record that `cause` led to `action` (the same cause twice is one link)."""
    link, created = ActionCause.objects.get_or_create(
        municipality_id=action.municipality_id,
        action=action,
        content_type=ContentType.objects.get_for_model(cause.obj),
        object_id=cause.obj.pk,
        detail=cause.detail,
        defaults={"label": cause.label[:300], "url": cause.url[:500]},
    )
    if created:
        _audit_action(
            actor,
            "improvement.action.cause_link",
            action,
            {
                "cause": {
                    "to": {"type": cause.model_label, "id": cause.obj.pk, "detail": cause.detail, "label": link.label}
                }
            },
        )
    return link


@transaction.atomic
def action_create_from_cause(
    *,
    actor: User,
    cause: Cause,
    goal: Goal,
    title: Texts,
    owner: User | None,
    starts_on: datetime.date,
    due_on: datetime.date,
    resources: str = "",
    expected_result: str = "",
    measure: str = "",
) -> Action:
    """A new action in `goal`'s plan, linked to what caused it (a low score, a survey question, a proposal)."""
    plan = goal.plan
    if getattr(cause.obj, "municipality_id", plan.municipality_id) != plan.municipality_id:
        raise ServiceError(_("The cause belongs to another municipality."))
    if cause.institution is not None and plan.institution_id not in (None, cause.institution.pk):
        raise ServiceError(
            _("The cause concerns %(institution)s: choose a plan of that institution or a municipality-wide plan.")
            % {"institution": cause.institution},
            field="goal",
        )
    action = action_create(
        actor=actor,
        goal=goal,
        title=title,
        owner=owner,
        starts_on=starts_on,
        due_on=due_on,
        resources=resources,
        expected_result=expected_result,
        measure=measure,
    )
    action_cause_link(actor=actor, action=action, cause=cause)
    return action
