"""Who may do what with plans: reading, editing the content, drafting a part, approving, updating actions.

An institution's plan is read by those with VIEW_QUALITY there; a municipality-wide plan by anyone
with VIEW_QUALITY. Capabilities over a municipality-wide plan need a municipality-wide role.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kokybe.improvement.models import Action, PartStatus, Plan, PlanPart, PlanStatus
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability


def may(access: Access, plan: Plan, capability: Capability) -> bool:
    if plan.institution_id is None:
        return access.institution_ids(capability) is None
    return access.can(capability, plan.institution)


def may_read(access: Access, plan: Plan) -> bool:
    institution = plan.institution
    if institution is None:
        return access.can(Capability.VIEW_QUALITY)
    return access.covers(institution) and access.can(Capability.VIEW_QUALITY, institution)


def may_edit(access: Access, plan: Plan) -> bool:
    return may(access, plan, Capability.MANAGE_PLANS)


def may_draft(access: Access, plan: Plan) -> bool:
    return may(access, plan, Capability.DRAFT_PLANS)


def may_draft_part(access: Access, plan: Plan, part: PlanPart | None) -> bool:
    """Department drafters change the goals and actions of a part while it is being drafted."""
    return (
        part is not None
        and part.status == PartStatus.DRAFTING
        and plan.status == PlanStatus.DRAFTING
        and may_draft(access, plan)
    )


def may_approve(access: Access, plan: Plan) -> bool:
    return may(access, plan, Capability.APPROVE_PLANS)


def may_update_action(access: Access, action: Action) -> bool:
    """The action's owner updates its status and progress; so does whoever manages the plan."""
    return action.owner_id == access.user.pk or may_edit(access, action.plan)


def plan_for(access: Access, pk: int) -> Plan:
    """The plan, if the person may read it: 404 otherwise (another institution's plan does not exist for them)."""
    plan = (
        Plan.objects.select_related("institution", "approved_by", "created_by")
        .filter(municipality=access.municipality, pk=pk)
        .first()
    )
    if plan is None or not may_read(access, plan):
        raise Http404
    return plan


def require(allowed: bool) -> None:
    """403 for a reader who may not do this (they may see the plan, so 404 would mislead)."""
    if not allowed:
        raise PermissionDenied
