"""Home-page reminders: proposals waiting for a decision, for those who decide them."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kokybe.core.attention import AttentionItem, register
from kokybe.proposals.selectors import awaiting_decision
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

DECISION_WITHIN = timedelta(weeks=4)  # about twenty working days from receipt
SHOWN = 5


@register
def proposals_awaiting_decision(access: Access) -> list[AttentionItem]:
    if not access.can(Capability.EVALUATE_PROPOSALS):
        return []
    return [
        AttentionItem(
            section=_("Proposals"),
            label=f"{proposal.reference} {proposal.title}",
            url=reverse("proposals:detail", args=[access.municipality.slug, proposal.pk]),
            due=proposal.received_on + DECISION_WITHIN,
        )
        for proposal in awaiting_decision(access, SHOWN)
    ]
