"""The proposals collected for an annual activity plan, as the plan page shows them.

The proposals app owns them; this reads them through its selector and names only what the plan page
needs, so the plan page does not depend on the proposal model's fields.
"""

from dataclasses import dataclass

from django.urls import reverse

from kokybe.improvement.models import Plan
from kokybe.proposals.selectors import proposals_for_plan
from kokybe.tenancy.models import Municipality


@dataclass(frozen=True)
class CollectedProposal:
    title: str
    origin: str
    decision: str
    url: str


def proposals_for(municipality: Municipality, plan: Plan) -> list[CollectedProposal]:
    return [
        CollectedProposal(
            title=proposal.title,
            origin=proposal.get_origin_display(),
            decision=proposal.get_status_display(),
            url=reverse("proposals:detail", args=[municipality.slug, proposal.pk]),
        )
        for proposal in proposals_for_plan(municipality, institution_id=plan.institution_id, year=plan.first_year)
    ]
