"""The content of a draft revision (needs, goals, actions) and the client's agreement, which fixes it."""

import datetime

from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.individualplans.models import AgreementWay, PlanAction, PlanGoal, PlanReview, PlanRevision
from kokybe.individualplans.services.checks import (
    SHORT_TEXT_LENGTH,
    TITLE_LENGTH,
    draft_check,
    later_check,
    not_future_check,
    text_check,
)


def _previous_agreement(revision: PlanRevision) -> datetime.date | None:
    previous = (
        PlanRevision.objects.filter(
            municipality_id=revision.municipality_id, plan_id=revision.plan_id, number__lt=revision.number
        )
        .order_by("-number")
        .first()
    )
    return None if previous is None else previous.agreed_on


@transaction.atomic
def revision_update(
    *,
    actor: User | None,
    revision: PlanRevision,
    drawn_up_on: datetime.date,
    needs: str,
    next_review_on: datetime.date,
    lock_version: int,
) -> PlanRevision:
    draft_check(revision)
    needs = text_check(needs, field="needs", required=_("Write down the needs found."))
    not_future_check(drawn_up_on, field="drawn_up_on")
    previous = _previous_agreement(revision)
    if previous is not None and drawn_up_on < previous:
        raise ServiceError(
            _("Choose a date on or after %(date)s, when the client agreed to the revision in force.")
            % {"date": previous.isoformat()},
            field="drawn_up_on",
        )
    later_check(next_review_on, drawn_up_on, field="next_review_on")
    version_claim(revision, lock_version)
    changes: dict[str, dict[str, object]] = {}
    if revision.drawn_up_on != drawn_up_on:
        changes["drawn_up_on"] = {"from": revision.drawn_up_on.isoformat(), "to": drawn_up_on.isoformat()}
    if revision.next_review_on != next_review_on:
        changes["next_review_on"] = {"from": revision.next_review_on.isoformat(), "to": next_review_on.isoformat()}
    if revision.needs != needs:
        changes["needs"] = {"changed": True}
    revision.drawn_up_on, revision.needs, revision.next_review_on = drawn_up_on, needs, next_review_on
    revision.save(update_fields=["drawn_up_on", "needs", "next_review_on"])
    audit_record(
        actor=actor,
        action="individual_plan.revision_update",
        target=revision,
        municipality_id=revision.municipality_id,
        institution_id=revision.institution_id,
        changes=changes,
    )
    return revision


def _goal_check(title: str, success_measure: str, target_on: datetime.date, revision: PlanRevision) -> tuple[str, str]:
    title = text_check(title, field="title", required=_("Name the goal."), limit=TITLE_LENGTH)
    success_measure = text_check(
        success_measure, field="success_measure", required=_("Say how you will judge whether the goal is reached.")
    )
    if target_on <= revision.drawn_up_on:
        raise ServiceError(
            _("Choose a date after %(date)s, when the plan was drawn up.") % {"date": revision.drawn_up_on.isoformat()},
            field="target_on",
        )
    return title, success_measure


@transaction.atomic
def plan_goal_add(
    *, actor: User | None, revision: PlanRevision, title: str, target_on: datetime.date, success_measure: str
) -> PlanGoal:
    draft_check(revision)
    title, success_measure = _goal_check(title, success_measure, target_on, revision)
    last = PlanGoal.objects.filter(municipality_id=revision.municipality_id, revision=revision).aggregate(
        last=Max("position")
    )["last"]
    goal = PlanGoal.objects.create(
        municipality_id=revision.municipality_id,
        institution_id=revision.institution_id,
        revision=revision,
        title=title,
        target_on=target_on,
        success_measure=success_measure,
        position=0 if last is None else last + 1,
    )
    audit_record(
        actor=actor,
        action="individual_plan.goal_add",
        target=goal,
        municipality_id=revision.municipality_id,
        institution_id=revision.institution_id,
        changes={
            "revision": {"from": None, "to": revision.pk},
            "title": {"changed": True},
            "target_on": {"from": None, "to": target_on.isoformat()},
        },
    )
    return goal


@transaction.atomic
def plan_goal_update(
    *,
    actor: User | None,
    goal: PlanGoal,
    title: str,
    target_on: datetime.date,
    success_measure: str,
    lock_version: int,
) -> PlanGoal:
    draft_check(goal.revision)
    title, success_measure = _goal_check(title, success_measure, target_on, goal.revision)
    version_claim(goal, lock_version)
    changes: dict[str, dict[str, object]] = {}
    if goal.title != title:
        changes["title"] = {"changed": True}
    if goal.success_measure != success_measure:
        changes["success_measure"] = {"changed": True}
    if goal.target_on != target_on:
        changes["target_on"] = {"from": goal.target_on.isoformat(), "to": target_on.isoformat()}
    goal.title, goal.target_on, goal.success_measure = title, target_on, success_measure
    goal.save(update_fields=["title", "target_on", "success_measure"])
    audit_record(
        actor=actor,
        action="individual_plan.goal_update",
        target=goal,
        municipality_id=goal.municipality_id,
        institution_id=goal.institution_id,
        changes=changes,
    )
    return goal


@transaction.atomic
def plan_goal_remove(*, actor: User | None, goal: PlanGoal) -> None:
    """Remove a goal (and its actions) from a draft: nothing was agreed or rated on it yet."""
    draft_check(goal.revision)
    audit_record(
        actor=actor,
        action="individual_plan.goal_remove",
        target=goal,
        municipality_id=goal.municipality_id,
        institution_id=goal.institution_id,
        changes={"revision": {"from": goal.revision_id, "to": None}},
    )
    goal.delete()


@transaction.atomic
def plan_action_add(*, actor: User | None, goal: PlanGoal, what: str, who: str, when: str) -> PlanAction:
    draft_check(goal.revision)
    what = text_check(what, field="what", required=_("Say what is done."))
    who = text_check(who, field="who", required=_("Say who does it."), limit=SHORT_TEXT_LENGTH)
    when = text_check(when, field="when", required=_("Say when it is done."), limit=SHORT_TEXT_LENGTH)
    last = PlanAction.objects.filter(municipality_id=goal.municipality_id, goal=goal).aggregate(last=Max("position"))[
        "last"
    ]
    action = PlanAction.objects.create(
        municipality_id=goal.municipality_id,
        institution_id=goal.institution_id,
        goal=goal,
        what=what,
        who=who,
        when=when,
        position=0 if last is None else last + 1,
    )
    audit_record(
        actor=actor,
        action="individual_plan.action_add",
        target=action,
        municipality_id=goal.municipality_id,
        institution_id=goal.institution_id,
        changes={"goal": {"from": None, "to": goal.pk}, "what": {"changed": True}},
    )
    return action


@transaction.atomic
def plan_action_remove(*, actor: User | None, action: PlanAction) -> None:
    draft_check(action.goal.revision)
    audit_record(
        actor=actor,
        action="individual_plan.action_remove",
        target=action,
        municipality_id=action.municipality_id,
        institution_id=action.institution_id,
        changes={"goal": {"from": action.goal_id, "to": None}},
    )
    action.delete()


@transaction.atomic
def plan_agreement_record(
    *,
    actor: User | None,
    revision: PlanRevision,
    agreed_on: datetime.date,
    way: str,
    note: str = "",
    lock_version: int,
) -> PlanRevision:
    """The client agreed to the draft: it comes into force as it is (the one before stays readable), and
    its first review is the plan's next review."""
    draft_check(revision)
    goals = PlanGoal.objects.filter(municipality_id=revision.municipality_id, revision=revision).annotate(
        action_count=Count("actions")
    )
    if not goals:
        raise ServiceError(_("Add at least one goal before the client agrees to the plan."))
    without_actions = [goal.title for goal in goals if goal.action_count == 0]
    if without_actions:
        raise ServiceError(
            _("Add at least one action to each goal first: %(goals)s.") % {"goals": "; ".join(without_actions)}
        )
    if way not in AgreementWay.values:
        raise ServiceError(_("Choose how the client agreed."), field="way")
    not_future_check(agreed_on, field="agreed_on")
    if agreed_on < revision.drawn_up_on:
        raise ServiceError(
            _("Choose a date on or after %(date)s, when the plan was drawn up.")
            % {"date": revision.drawn_up_on.isoformat()},
            field="agreed_on",
        )
    last_review = (
        PlanReview.objects.filter(municipality_id=revision.municipality_id, plan_id=revision.plan_id)
        .order_by("-reviewed_on")
        .values_list("reviewed_on", flat=True)
        .first()
    )
    if last_review is not None and agreed_on < last_review:
        # A revision comes into force after the reviews of the one before it, never among them.
        raise ServiceError(
            _("Choose a date on or after %(date)s (the agreement or the last review).")
            % {"date": last_review.isoformat()},
            field="agreed_on",
        )
    if revision.next_review_on <= agreed_on:
        raise ServiceError(
            _("The first review (%(date)s) must come after the agreement: change the plan's review date first.")
            % {"date": revision.next_review_on.isoformat()},
            field="agreed_on",
        )
    version_claim(revision, lock_version)
    revision.agreed_on, revision.agreement_way = agreed_on, way
    revision.agreement_note, revision.agreement_recorded_by = note.strip(), actor
    revision.save(update_fields=["agreed_on", "agreement_way", "agreement_note", "agreement_recorded_by"])
    plan = revision.plan
    plan.next_review_on = revision.next_review_on
    plan.save(update_fields=["next_review_on"])
    audit_record(
        actor=actor,
        action="individual_plan.agree",
        target=revision,
        municipality_id=revision.municipality_id,
        institution_id=revision.institution_id,
        changes={
            "agreed_on": {"from": None, "to": agreed_on.isoformat()},
            "agreement_way": {"from": "", "to": way},
            "next_review_on": {"from": None, "to": revision.next_review_on.isoformat()},
        },
    )
    return revision
