"""Home-page reminders: one's open signals due within days or overdue, and overdue signals escalated to a director."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokybe.core.attention import AttentionItem, register
from kokybe.inquiries.models import Signal
from kokybe.inquiries.selectors import escalated_for, overdue_for_assignee
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability, Role

HORIZON = timedelta(days=3)
LIMIT = 10
SECTION = _("Signals")


def _label(signal: Signal) -> str:
    return f"{signal.reference}: {(signal.subject or signal.text)[:100]}"


@register
def signal_attention(access: Access) -> list[AttentionItem]:
    """At most two queries: one's signals due soon, and (for a director or coordinator) escalated overdue ones."""
    if not access.can(Capability.HANDLE_SIGNALS):
        return []
    today = timezone.localdate()
    slug = access.municipality.slug
    mine = overdue_for_assignee(access.municipality, access.user, until=today + HORIZON, limit=LIMIT)
    items = [
        AttentionItem(
            section=SECTION, label=_label(s), url=reverse("inquiries:detail", args=[slug, s.pk]), due=s.due_on
        )
        for s in mine
    ]
    directed = [m.institution_id for m in access.memberships if m.role == Role.DIRECTOR and m.institution_id]
    if Role.MUNICIPAL_COORDINATOR in access.roles:
        escalated = escalated_for(access.municipality, None, today=today, limit=LIMIT)
    elif directed:
        escalated = escalated_for(access.municipality, frozenset(directed), today=today, limit=LIMIT)
    else:
        escalated = []
    seen = {s.pk for s in mine}
    items += [
        AttentionItem(
            section=SECTION,
            label=str(_("%(signal)s (overdue, reported to you)") % {"signal": _label(s)}),
            url=reverse("inquiries:detail", args=[slug, s.pk]),
            due=s.due_on,
        )
        for s in escalated
        if s.pk not in seen
    ]
    return items
