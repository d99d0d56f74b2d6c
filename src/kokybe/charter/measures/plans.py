"""The share of individual plans reviewed on time, read from `kokybe.individualplans.selectors.reviews_on_time`.

Of the plan reviews that fell due in the period, the share held on or before the day they were due; a review
not held though its day has passed counts as missed.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokybe.charter.measures.base import SHARE, Measure, MeasureValue, share, unavailable
from kokybe.individualplans.models import IndividualPlan
from kokybe.individualplans.selectors import reviews_on_time
from kokybe.tenancy.models import Municipality


def reviewed_on_time(
    municipality: Municipality,
    *,
    start: date,
    end: date,
    institution_ids: frozenset[int] | None,
    parameter: dict[str, Any],
) -> MeasureValue:
    rows = reviews_on_time(municipality, start=start, end=end, institution_ids=institution_ids)
    if not rows and not IndividualPlan.objects.filter(municipality=municipality).exists():
        return unavailable(gettext("No individual plans are kept in this municipality yet."))
    return share(sum(row.on_time for row in rows), sum(row.due for row in rows))


PLAN_MEASURES = (
    Measure(
        key="plans_reviewed_on_time",
        label=_("Individual plans reviewed on time"),
        unit=SHARE,
        higher_is_better=True,
        parameter_kind=None,
        compute=reviewed_on_time,
        description=_("Of the reviews of individual plans due in the period, the share held by the day they were due."),
    ),
)
