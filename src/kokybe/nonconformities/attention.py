"""Home-page reminders: one's own corrective actions due within 14 days or overdue, and checks waiting to be done."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kokybe.core.attention import AttentionItem, register
from kokybe.nonconformities.selectors import actions_due_for, awaiting_check
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

HORIZON = timedelta(days=14)
LIMIT = 10
SECTION = _("Nonconformities")


@register
def nonconformity_attention(access: Access) -> list[AttentionItem]:
    """At most two queries: one's due actions, and (for those who close them) nonconformities awaiting a check."""
    slug = access.municipality.slug
    items = [
        AttentionItem(
            section=SECTION,
            label=f"{action.nonconformity.reference}: {action.description[:100]}",
            url=reverse("nonconformities:detail", args=[slug, action.nonconformity_id]),
            due=action.due_on,
        )
        for action in actions_due_for(access.municipality, access.user, date.today() + HORIZON, LIMIT)
    ]
    if access.can(Capability.MANAGE_NONCONFORMITIES):
        ids = access.institution_ids(Capability.MANAGE_NONCONFORMITIES)
        items += [
            AttentionItem(
                section=SECTION,
                label=str(
                    _("%(reference)s: check whether the corrective actions worked") % {"reference": nc.reference}
                ),
                url=reverse("nonconformities:check", args=[slug, nc.pk]),
            )
            for nc in awaiting_check(access.municipality, ids, LIMIT)
        ]
    return items
