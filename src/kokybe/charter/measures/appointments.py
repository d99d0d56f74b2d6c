"""The share of appointments held on time, read from `kokybe.appointments.selectors.punctuality`.

Of the appointments the institution had to keep in the period (held on time, held late, or moved by the
institution), the share held on time. A client who did not come or asked to move is no fault of the institution's
and is left out, as on the appointments' own pages.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokybe.appointments.models import Appointment
from kokybe.appointments.selectors import punctuality
from kokybe.charter.measures.base import SHARE, Measure, MeasureValue, share, unavailable
from kokybe.tenancy.models import Municipality


def held_on_time(
    municipality: Municipality,
    *,
    start: date,
    end: date,
    institution_ids: frozenset[int] | None,
    parameter: dict[str, Any],
) -> MeasureValue:
    rows = punctuality(municipality, start=start, end=end, institution_ids=institution_ids).institutions
    if not rows and not Appointment.objects.filter(municipality=municipality).exists():
        return unavailable(gettext("No appointments are booked in this municipality yet."))
    return share(sum(row.held_on_time for row in rows), sum(row.due for row in rows))


APPOINTMENT_MEASURES = (
    Measure(
        key="appointments_on_time",
        label=_("Appointments held on time"),
        unit=SHARE,
        higher_is_better=True,
        parameter_kind=None,
        compute=held_on_time,
        description=_(
            "Of the meetings the institution had to keep in the period (held, or moved by the institution), "
            "the share held on time; meetings the client missed or asked to move are left out."
        ),
    ),
)
