"""A plan's life: drawn up (revision 1, a draft), revised (a new draft copied from the revision in force),
handed to another responsible worker, closed."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.clients.models import Client, ClientInstitution
from kokybe.clients.services.serving import responsible_check
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.individualplans.models import IndividualPlan, PlanAction, PlanGoal, PlanKind, PlanRevision, PlanStatus
from kokybe.individualplans.services.checks import later_check, not_future_check, plan_open_check, text_check
from kokybe.tenancy.models import Institution


def _user_label(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "label": user.display_name[:200]}


@transaction.atomic
def plan_create(
    *,
    actor: User | None,
    client: Client,
    institution: Institution,
    kind: str,
    responsible: User | None,
    drawn_up_on: datetime.date,
    needs: str,
    next_review_on: datetime.date,
) -> IndividualPlan:
    """Draw up a plan for a client the institution serves: the plan and its first revision, a draft
    until the client agrees to it."""
    if kind not in PlanKind.values:
        raise ServiceError(_("Choose the kind of plan."), field="kind")
    serves = ClientInstitution.objects.filter(
        municipality_id=client.municipality_id, client=client, institution=institution, ended_on__isnull=True
    ).exists()
    if not serves:
        raise ServiceError(_("Choose an institution that serves the client."), field="institution")
    responsible_check(institution, responsible)
    needs = text_check(needs, field="needs", required=_("Write down the needs found."))
    not_future_check(drawn_up_on, field="drawn_up_on")
    later_check(next_review_on, drawn_up_on, field="next_review_on")
    now = timezone.now()
    plan = IndividualPlan(
        municipality_id=client.municipality_id,
        institution=institution,
        client=client,
        kind=kind,
        responsible=responsible,
        created_by=actor,
        created_at=now,
    )
    plan_open_check(plan)
    plan.save()
    PlanRevision.objects.create(
        municipality_id=client.municipality_id,
        institution=institution,
        plan=plan,
        number=1,
        drawn_up_on=drawn_up_on,
        needs=needs,
        next_review_on=next_review_on,
        created_by=actor,
        created_at=now,
    )
    audit_record(
        actor=actor,
        action="individual_plan.create",
        target=plan,
        municipality_id=client.municipality_id,
        institution_id=institution.pk,
        changes={
            "client": {"from": None, "to": client.pk},
            "kind": {"from": None, "to": kind},
            "responsible": {"from": None, "to": _user_label(responsible)},
            "drawn_up_on": {"from": None, "to": drawn_up_on.isoformat()},
            "needs": {"changed": True},
        },
    )
    return plan


@transaction.atomic
def plan_revise(
    *, actor: User | None, plan: IndividualPlan, reason: str, drawn_up_on: datetime.date, lock_version: int
) -> PlanRevision:
    """Start a new revision: a draft copy of the revision in force (needs, goals, actions), to be changed
    and agreed with the client; the revision in force stays in force, and readable, until then."""
    plan_open_check(plan)
    revisions = PlanRevision.objects.filter(municipality_id=plan.municipality_id, plan=plan)
    if revisions.filter(agreed_on__isnull=True).exists():
        raise ServiceError(_("A revision of this plan is being drafted already: finish that one."))
    in_force = revisions.order_by("-number").first()
    # Revision 1 exists from the start, and with no draft the latest one is agreed.
    assert in_force is not None
    assert in_force.agreed_on is not None
    reason = text_check(reason, field="reason", required=_("Say why the plan is revised."))
    not_future_check(drawn_up_on, field="drawn_up_on")
    if drawn_up_on < in_force.agreed_on:
        raise ServiceError(
            _("Choose a date on or after %(date)s, when the client agreed to the revision in force.")
            % {"date": in_force.agreed_on.isoformat()},
            field="drawn_up_on",
        )
    version_claim(plan, lock_version)
    now = timezone.now()
    revision = PlanRevision.objects.create(
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        plan=plan,
        number=in_force.number + 1,
        drawn_up_on=drawn_up_on,
        needs=in_force.needs,
        change_reason=reason,
        next_review_on=max(plan.next_review_on or in_force.next_review_on, drawn_up_on + datetime.timedelta(days=1)),
        created_by=actor,
        created_at=now,
    )
    goals = list(
        PlanGoal.objects.filter(municipality_id=plan.municipality_id, revision=in_force).order_by("position", "id")
    )
    actions = PlanAction.objects.filter(municipality_id=plan.municipality_id, goal__revision=in_force)
    actions_of: dict[int, list[PlanAction]] = {}
    for action in actions.order_by("position", "id"):
        actions_of.setdefault(action.goal_id, []).append(action)
    for goal in goals:
        copy = PlanGoal.objects.create(
            municipality_id=goal.municipality_id,
            institution_id=goal.institution_id,
            revision=revision,
            title=goal.title,
            target_on=goal.target_on,
            success_measure=goal.success_measure,
            position=goal.position,
            copied_from=goal,
        )
        PlanAction.objects.bulk_create(
            PlanAction(
                municipality_id=action.municipality_id,
                institution_id=action.institution_id,
                goal=copy,
                what=action.what,
                who=action.who,
                when=action.when,
                position=action.position,
            )
            for action in actions_of.get(goal.pk, [])
        )
    audit_record(
        actor=actor,
        action="individual_plan.revise",
        target=revision,
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        changes={"number": {"from": in_force.number, "to": revision.number}, "change_reason": {"changed": True}},
    )
    return revision


@transaction.atomic
def plan_responsible_change(
    *, actor: User | None, plan: IndividualPlan, responsible: User | None, lock_version: int
) -> IndividualPlan:
    plan_open_check(plan)
    responsible_check(plan.institution, responsible)
    version_claim(plan, lock_version)
    before = plan.responsible
    if before == responsible:
        return plan
    plan.responsible = responsible
    plan.save(update_fields=["responsible"])
    audit_record(
        actor=actor,
        action="individual_plan.responsible_change",
        target=plan,
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        changes={"responsible": {"from": _user_label(before), "to": _user_label(responsible)}},
    )
    return plan


@transaction.atomic
def plan_close(
    *, actor: User | None, plan: IndividualPlan, closed_on: datetime.date, reason: str, lock_version: int
) -> IndividualPlan:
    """Close the plan (the help ended, or another plan replaces it): no more reviews are due."""
    plan_open_check(plan)
    reason = text_check(reason, field="reason", required=_("Say why the plan is closed."))
    not_future_check(closed_on, field="closed_on")
    first = PlanRevision.objects.filter(municipality_id=plan.municipality_id, plan=plan).order_by("number").first()
    if first is not None and closed_on < first.drawn_up_on:
        raise ServiceError(
            _("Choose a date on or after %(date)s, when the plan was drawn up.")
            % {"date": first.drawn_up_on.isoformat()},
            field="closed_on",
        )
    version_claim(plan, lock_version)
    plan.status = PlanStatus.CLOSED
    plan.closed_on = closed_on
    plan.close_reason = reason
    plan.save(update_fields=["status", "closed_on", "close_reason"])
    audit_record(
        actor=actor,
        action="individual_plan.close",
        target=plan,
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        changes={
            "status": {"from": PlanStatus.ACTIVE, "to": PlanStatus.CLOSED},
            "closed_on": {"from": None, "to": closed_on.isoformat()},
            "close_reason": {"changed": True},
        },
    )
    return plan
