"""Home-page reminders: one's appointments of today and tomorrow, and those past with no outcome recorded."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.appointments import selectors
from kokybe.appointments.services.notices import when_text
from kokybe.core.attention import AttentionItem, register
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

SECTION = gettext_lazy("Appointments")
LIMIT = 10


@register
def appointments_attention(access: Access) -> list[AttentionItem]:
    """Two queries, whatever the municipality holds."""
    if not access.can(Capability.VIEW_CLIENTS):
        return []
    slug = access.municipality.slug
    now = timezone.now()
    soon = timezone.localdate() + datetime.timedelta(days=1)
    items = [
        AttentionItem(
            section=SECTION,
            label=_("Record what came of the meeting with %(client)s of %(when)s")
            % {"client": appointment.client.full_name, "when": when_text(appointment.starts_at)},
            url=reverse("appointments:outcome", args=[slug, appointment.pk]),
            due=timezone.localtime(appointment.starts_at).date(),
        )
        for appointment in selectors.worker_awaiting_outcome(access, access.user, now=now, limit=LIMIT)
    ]
    for appointment in selectors.worker_upcoming(access, access.user, now=now)[:LIMIT]:
        local = timezone.localtime(appointment.starts_at)
        day = local.date()
        if day > soon:
            break
        if appointment.starts_at < now:
            continue  # under way: listed above once its time has passed
        items.append(
            AttentionItem(
                section=SECTION,
                label=_("Meeting with %(client)s at %(when)s")
                % {"client": appointment.client.full_name, "when": f"{local:%H:%M}"},
                url=reverse("appointments:detail", args=[slug, appointment.pk]),
                due=day,
            )
        )
    return items
