"""Home-page reminders: one's own actions due within 14 days or overdue, plans awaiting one's approval,
and annual plans whose approval deadline is near."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.core.attention import AttentionItem, register
from kokybe.improvement import selectors
from kokybe.improvement.deadlines import WARN_DAYS
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

SECTION = gettext_lazy("Improvement plans")
LIMIT = 10


@register
def improvement_attention(access: Access) -> list[AttentionItem]:
    """At most three queries, whatever the municipality holds."""
    slug = access.municipality.slug
    items = [
        AttentionItem(
            section=SECTION,
            label=action.display_title,
            url=reverse("improvement:action", args=[slug, action.pk]),
            due=action.due_on,
        )
        for action in selectors.my_open_actions(access, limit=LIMIT)
    ]
    if access.can(Capability.APPROVE_PLANS):
        items += [
            AttentionItem(
                section=SECTION,
                label=_("Waiting for your approval: %(plan)s") % {"plan": plan.display_title},
                url=reverse("improvement:plan", args=[slug, plan.pk]),
                due=plan.approval_deadline,
            )
            for plan in selectors.plans_awaiting_approval(access, limit=LIMIT)
        ]
    if access.can(Capability.MANAGE_PLANS) or access.can(Capability.APPROVE_PLANS):
        horizon = datetime.date.today() + datetime.timedelta(days=WARN_DAYS)
        waiting = {item.url for item in items}
        for plan in selectors.annual_plans_nearing_deadline(access, horizon=horizon, limit=LIMIT):
            url = reverse("improvement:plan", args=[slug, plan.pk])
            deadline = plan.approval_deadline
            if deadline is not None and deadline <= horizon and url not in waiting:
                items.append(
                    AttentionItem(
                        section=SECTION,
                        label=_("Approval deadline of %(plan)s") % {"plan": plan.display_title},
                        url=url,
                        due=deadline,
                    )
                )
    return items
