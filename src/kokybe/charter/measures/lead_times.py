"""The median time from a service request to its decision, read from `kokybe.casework.selectors`.

Counted in working days on the municipality's calendar, as the catalogue states its decision times: the working
days after the day of the request up to and including the day of the decision. A course belongs to the period of
the day it was requested; courses still undecided are not counted (their time is not known yet).
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokybe.casework.models import ServiceCourse
from kokybe.casework.selectors import decision_working_days
from kokybe.charter.measures.base import SERVICE, WORKING_DAYS, Measure, MeasureValue, measured, unavailable
from kokybe.inquiries.figures import percentile_cont
from kokybe.tenancy.models import Municipality


def service_of(parameter: dict[str, Any]) -> int | None:
    """The service an indicator is narrowed to, or None for every service."""
    chosen = parameter.get(SERVICE)
    return int(chosen) if chosen not in (None, "") else None


def median_decision_time(
    municipality: Municipality,
    *,
    start: date,
    end: date,
    institution_ids: frozenset[int] | None,
    parameter: dict[str, Any],
) -> MeasureValue:
    days = decision_working_days(
        municipality, start=start, end=end, institution_ids=institution_ids, service_id=service_of(parameter)
    )
    if not days and not ServiceCourse.objects.filter(municipality=municipality).exists():
        return unavailable(gettext("No service requests are recorded in this municipality yet."))
    return measured(percentile_cont(days, 0.5), len(days))


LEAD_TIME_MEASURES = (
    Measure(
        key="service_decision_median",
        label=_("Median time from request to decision"),
        unit=WORKING_DAYS,
        higher_is_better=False,
        parameter_kind=SERVICE,
        compute=median_decision_time,
        description=_(
            "Half of the service requests made in the period were decided within this many working days "
            "(of one service, or of every service)."
        ),
    ),
)
