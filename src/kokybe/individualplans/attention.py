"""Home-page reminders: reviews of the plans one is responsible for, overdue or due within a week."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.core.attention import AttentionItem, register
from kokybe.individualplans import selectors
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

SECTION = gettext_lazy("Individual plans")
WITHIN_DAYS = 7
LIMIT = 10


@register
def individual_plan_attention(access: Access) -> list[AttentionItem]:
    """One query, whatever the municipality holds."""
    if not access.can(Capability.VIEW_CLIENTS):
        return []
    slug = access.municipality.slug
    return [
        AttentionItem(
            section=SECTION,
            label=_("Review of the %(plan)s of %(client)s")
            % {"plan": plan.short_name, "client": plan.client.full_name},
            url=reverse("individualplans:plan", args=[slug, plan.pk]),
            due=plan.next_review_on,
        )
        for plan in selectors.my_reviews_due(access, within_days=WITHIN_DAYS, limit=LIMIT)
    ]
