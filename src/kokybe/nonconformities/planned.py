"""Improvement-plan actions caused by a nonconformity (the improvement app owns them), and whether carried out."""

from dataclasses import dataclass

from kokybe.improvement.models import Action, ReviewOutcome
from kokybe.improvement.selectors import actions_caused_by
from kokybe.nonconformities.models import Nonconformity
from kokybe.tenancy.models import Municipality

CAUSE_KIND = "nonconformities.nonconformity"


@dataclass(frozen=True)
class PlannedAction:
    action: Action
    review_year: int | None
    review_outcome: str  # the latest execution review's outcome, in words; "" when not reviewed yet


def planned_actions(municipality: Municipality, nonconformity: Nonconformity) -> list[PlannedAction]:
    labels = dict(ReviewOutcome.choices)
    return [
        PlannedAction(
            action=action,
            review_year=getattr(action, "latest_review_year", None),
            review_outcome=str(labels.get(getattr(action, "latest_review_outcome", None) or "", "")),
        )
        for action in actions_caused_by(municipality, CAUSE_KIND, [nonconformity.pk]).get(nonconformity.pk, [])
    ]
