"""Complaints per 100 clients served, read from `kokybe.inquiries.figures` and `kokybe.clients.selectors`.

The complaints are the signals of the kind "complaint" received in the period (merged ones left out, as
everywhere); the clients are those the institutions served at some time in the period, each counted once. The
figure rests on the clients: fewer than the small group and it is not published. Without an institution named,
complaints to the municipality itself count too.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokybe.charter.measures.base import PER_100_CLIENTS, Measure, MeasureValue, measured, unavailable
from kokybe.clients.models import ClientInstitution
from kokybe.clients.selectors import clients_served
from kokybe.inquiries.figures import Selection, received_counts
from kokybe.inquiries.models import Kind, Signal
from kokybe.tenancy.models import Municipality


def complaints_per_100_clients(
    municipality: Municipality,
    *,
    start: date,
    end: date,
    institution_ids: frozenset[int] | None,
    parameter: dict[str, Any],
) -> MeasureValue:
    clients = clients_served(municipality, start=start, end=end, institution_ids=institution_ids)
    if not clients and not ClientInstitution.objects.filter(municipality=municipality).exists():
        return unavailable(gettext("No clients are registered as served in this municipality yet."))
    selection = Selection(institution_ids=institution_ids, since=start, until=end, kind=Kind.COMPLAINT)
    complaints = received_counts(municipality, selection).get(None, 0)
    # No complaint may mean none was made, or that signals are not registered here at all: only the first is a 0.
    if not complaints and not Signal.objects.filter(municipality=municipality).exists():
        return unavailable(gettext("No signals are registered in this municipality yet."))
    return measured(complaints * 100 / clients if clients else None, clients)


COMPLAINT_MEASURES = (
    Measure(
        key="complaints_per_100_clients",
        label=_("Complaints per 100 clients"),
        unit=PER_100_CLIENTS,
        higher_is_better=False,
        parameter_kind=None,
        compute=complaints_per_100_clients,
        description=_("Complaints received in the period for every 100 clients the institutions served in it."),
    ),
)
