"""Carrying a plan out: the status and progress of actions, and the yearly execution review.

These stay possible on an approved plan (they record what happened, not what was planned), but
only on the version in force.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.core.concurrency import EditConflict, version_claim
from kokybe.core.errors import ServiceError
from kokybe.improvement.models import Action, ActionStatus, ExecutionReview, Plan, ReviewOutcome

S = ActionStatus
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.IN_PROGRESS, S.DONE, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.DONE, S.CANCELLED}),
    S.DONE: frozenset({S.IN_PROGRESS}),  # reopened when it turns out not to be finished
    S.CANCELLED: frozenset(),
}
PROGRESS_FIELDS = ("status", "progress", "cancel_reason")


def require_in_force(plan: Plan) -> None:
    if not plan.records_execution:
        raise ServiceError(
            _("Execution is recorded on the plan version in force. Open the approved version of this plan.")
        )


def transition_refusal(current: str, new: str) -> str | None:
    """Why the status cannot go from `current` to `new`, or None when it can."""
    if current == new or new in ALLOWED_TRANSITIONS[current]:
        return None
    if current == S.CANCELLED:
        return _("A cancelled action stays cancelled. Add a new action if the work is taken up again.")
    if current == S.DONE:
        return _("A done action can only be reopened as in progress, not set back to “%(status)s”.") % {
            "status": S(new).label
        }
    return _("An action in progress cannot be set back to planned.")


@transaction.atomic
def action_progress_update(
    *, actor: User, action: Action, shown_version: int, status: str, progress: int, cancel_reason: str = ""
) -> Action:
    """Change an action's status and progress; cancelling needs a reason, done means 100 %."""
    require_in_force(action.plan)
    refusal = transition_refusal(action.status, status)
    if refusal:
        raise ServiceError(refusal, field="status")
    if not 0 <= progress <= 100:
        raise ServiceError(_("Progress is a percentage from 0 to 100."), field="progress")
    cancel_reason = cancel_reason.strip()
    if status == S.CANCELLED and not cancel_reason:
        raise ServiceError(_("Say why the action is cancelled."), field="cancel_reason")
    if status == S.DONE:
        progress = 100
    elif status == S.PLANNED and progress:
        raise ServiceError(
            _("A planned action has not started: its progress is 0 %. Mark it in progress."), field="status"
        )
    version_claim(action, shown_version)
    before = snapshot(action, PROGRESS_FIELDS)
    action.status, action.progress = status, progress
    action.cancel_reason = cancel_reason if status == S.CANCELLED else ""
    action.save(update_fields=[*PROGRESS_FIELDS, "lock_version"])
    audit_record(
        actor=actor,
        action="improvement.action.progress",
        target=action,
        municipality_id=action.municipality_id,
        institution_id=action.institution_id,
        changes=changes_between(before, snapshot(action, PROGRESS_FIELDS)),
        label=action.display_title,
    )
    return action


@transaction.atomic
def review_record(
    *, actor: User, action: Action, year: int, outcome: str, comment: str, shown_version: int | None = None
) -> ExecutionReview:
    """Record (or correct) how far `action` was carried out in `year`.

    `shown_version` is the review's lock version the person saw, or None when they saw no review yet;
    a review written by someone else in the meantime is then a conflict, not an overwrite.
    """
    plan = action.plan
    require_in_force(plan)
    if outcome not in ReviewOutcome.values:
        raise ServiceError(_("Choose done, partly done or not done."), field="outcome")
    if not action.active_in(year) or year not in plan.years:
        raise ServiceError(_("This action was not planned for %(year)s.") % {"year": year})
    if year > timezone.localdate().year:
        raise ServiceError(_("A year can be reviewed once it has begun."))
    review = ExecutionReview.objects.select_for_update().filter(action=action, year=year).first()
    if review is None:
        if shown_version is not None and shown_version > 0:
            raise ServiceError(_("The review you were changing no longer exists. Open the page again."))
        review = ExecutionReview.objects.create(
            municipality_id=action.municipality_id,
            institution_id=action.institution_id,
            plan=plan,
            action=action,
            year=year,
            outcome=outcome,
            comment=comment.strip(),
            reviewed_by=actor,
            reviewed_at=timezone.now(),
        )
        changes = snapshot(review, ("year", "outcome", "comment"))
    else:
        if shown_version is None:
            raise EditConflict(
                _(
                    "Someone else reviewed this action for this year while you were writing your review. "
                    "Yours was not saved: open the page again to see theirs."
                )
            )
        version_claim(review, shown_version)
        before = snapshot(review, ("outcome", "comment"))
        review.outcome, review.comment = outcome, comment.strip()
        review.reviewed_by, review.reviewed_at = actor, timezone.now()
        review.save(update_fields=["outcome", "comment", "reviewed_by", "reviewed_at", "lock_version"])
        changes = changes_between(before, snapshot(review, ("outcome", "comment")))
    audit_record(
        actor=actor,
        action="improvement.review.record",
        target=review,
        municipality_id=review.municipality_id,
        institution_id=review.institution_id,
        changes={"year": year, **changes},
        label=action.display_title,
    )
    return review
