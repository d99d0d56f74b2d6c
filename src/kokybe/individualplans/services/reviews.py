"""Reviews of a plan: progress per goal of the revision in force, and the date of the next review."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.individualplans.models import GoalProgress, IndividualPlan, PlanGoal, PlanReview, ProgressRating
from kokybe.individualplans.selectors import revision_in_force
from kokybe.individualplans.services.checks import later_check, not_future_check, plan_open_check, text_check


@dataclass(frozen=True)
class Rating:
    rating: int
    note: str = ""


@transaction.atomic
def plan_review_record(
    *,
    actor: User | None,
    plan: IndividualPlan,
    reviewed_on: datetime.date,
    summary: str,
    ratings: Mapping[int, Rating],
    next_review_on: datetime.date,
    lock_version: int,
) -> PlanReview:
    """Record a review: a rating for every goal of the revision in force (keyed by the goal's id), what was
    found, and when the next review is due. On time when held by the date that was due."""
    plan_open_check(plan)
    revision = revision_in_force(plan)
    if revision is None or plan.next_review_on is None:
        raise ServiceError(_("The client has not agreed to the plan yet: there is nothing to review."))
    assert revision.agreed_on is not None
    summary = text_check(summary, field="summary", required=_("Write down what the review found."))
    not_future_check(reviewed_on, field="reviewed_on")
    last = PlanReview.objects.filter(municipality_id=plan.municipality_id, plan=plan).order_by("-reviewed_on").first()
    earliest = max(revision.agreed_on, last.reviewed_on) if last is not None else revision.agreed_on
    if reviewed_on < earliest:
        raise ServiceError(
            _("Choose a date on or after %(date)s (the agreement or the last review).")
            % {"date": earliest.isoformat()},
            field="reviewed_on",
        )
    later_check(next_review_on, reviewed_on, field="next_review_on")
    goals = list(PlanGoal.objects.filter(municipality_id=plan.municipality_id, revision=revision))
    missing = [goal.title for goal in goals if goal.pk not in ratings]
    if missing:
        raise ServiceError(_("Rate the progress of every goal: %(goals)s.") % {"goals": "; ".join(missing)})
    if set(ratings) - {goal.pk for goal in goals}:
        raise ServiceError(_("Rate only the goals of the plan in force."))
    if any(given.rating not in ProgressRating.values for given in ratings.values()):
        raise ServiceError(_("Choose a progress rating from the list."))
    version_claim(plan, lock_version)
    review = PlanReview.objects.create(
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        plan=plan,
        revision=revision,
        reviewed_on=reviewed_on,
        due_on=plan.next_review_on,
        summary=summary,
        next_review_on=next_review_on,
        reviewed_by=actor,
        created_at=timezone.now(),
    )
    GoalProgress.objects.bulk_create(
        GoalProgress(
            municipality_id=plan.municipality_id,
            institution_id=plan.institution_id,
            review=review,
            goal=goal,
            rating=ratings[goal.pk].rating,
            note=ratings[goal.pk].note.strip(),
        )
        for goal in goals
    )
    due_before = plan.next_review_on
    plan.next_review_on = next_review_on
    plan.save(update_fields=["next_review_on"])
    audit_record(
        actor=actor,
        action="individual_plan.review",
        target=review,
        municipality_id=plan.municipality_id,
        institution_id=plan.institution_id,
        changes={
            "reviewed_on": {"from": None, "to": reviewed_on.isoformat()},
            "due_on": {"from": None, "to": due_before.isoformat()},
            "next_review_on": {"from": due_before.isoformat(), "to": next_review_on.isoformat()},
            "ratings": {"from": None, "to": {str(goal.pk): ratings[goal.pk].rating for goal in goals}},
        },
    )
    return review
