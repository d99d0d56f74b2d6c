"""Home-page reminders: the responsible worker's clients whose outcomes are due to be measured again
(six months after the latest intake or review of an instrument, until an exit is measured)."""

import datetime

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.clients.models import Client, ClientInstitution
from kokybe.core.attention import AttentionItem, register
from kokybe.outcomes.models import Instrument, Measurement, Occasion
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

SECTION = gettext_lazy("Outcome measures")
REMEASURE_AFTER = datetime.timedelta(days=182)
WARN = datetime.timedelta(days=14)
LIMIT = 10


@register
def outcomes_attention(access: Access) -> list[AttentionItem]:
    """At most three queries, whatever the municipality holds."""
    if not access.can(Capability.MANAGE_CLIENTS):
        return []
    mine = ClientInstitution.objects.filter(
        municipality=access.municipality, responsible=access.user, ended_on__isnull=True
    ).values("client_id")
    latest = (
        Measurement.objects.filter(municipality=access.municipality, client_id__in=mine)
        .values("client_id", "instrument_id")
        .annotate(last=Max("measured_on"), exits=Count("pk", filter=Q(occasion=Occasion.EXIT)))
        .filter(exits=0, last__lte=timezone.localdate() + WARN - REMEASURE_AFTER)
        .order_by("last", "client_id", "instrument_id")[:LIMIT]
    )
    due = list(latest)
    if not due:
        return []
    clients = Client.objects.filter(municipality=access.municipality, pk__in={row["client_id"] for row in due})
    names = {client.pk: client.full_name for client in clients}
    instruments = Instrument.objects.filter(
        municipality=access.municipality, pk__in={row["instrument_id"] for row in due}
    ).select_related("municipality")
    instrument_names = {instrument.pk: instrument.display_name for instrument in instruments}
    slug = access.municipality.slug
    return [
        AttentionItem(
            section=SECTION,
            label=_("Measure %(client)s again with %(instrument)s")
            % {"client": names[row["client_id"]], "instrument": instrument_names[row["instrument_id"]]},
            url=reverse("outcomes:client", args=[slug, row["client_id"]]),
            due=row["last"] + REMEASURE_AFTER,
        )
        for row in due
    ]
