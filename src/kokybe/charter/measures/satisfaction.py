"""The share of satisfied answers on a survey quality dimension, read from `kokybe.surveys.selectors`.

Every survey question tagged with the dimension counts, in every survey of the municipality: of the answers on
the 1-5 scale given in the period's months, the share of 4 and 5. The figure rests on the respondents, and is
hidden as the surveys' own results are: under the small group (or the stricter smallest group a survey set), and
also when the rest of the municipality in those months, or the same institutions outside them, is such a small
group, since subtracting this figure from a survey's own results would reveal it.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokybe.charter.measures.base import (
    SHARE,
    SMALL_GROUP,
    SURVEY_DIMENSION,
    Measure,
    MeasureValue,
    unavailable,
)
from kokybe.surveys.models import QualityDimension
from kokybe.surveys.selectors import dimension_tally
from kokybe.tenancy.models import Municipality

SATISFIED = (4, 5)


def satisfied_share(
    municipality: Municipality,
    *,
    start: date,
    end: date,
    institution_ids: frozenset[int] | None,
    parameter: dict[str, Any],
) -> MeasureValue:
    code = str(parameter.get(SURVEY_DIMENSION) or "")
    if not code:
        return unavailable(gettext("No survey quality dimension is chosen for this indicator."))
    tally = dimension_tally(
        municipality,
        code=code,
        month_from=start.strftime("%Y-%m"),
        month_to=end.strftime("%Y-%m"),
        institution_ids=institution_ids,
    )
    if not tally.respondents_ever:
        if not QualityDimension.objects.filter(municipality=municipality, code=code).exists():
            return unavailable(gettext("This survey quality dimension is not defined in this municipality."))
        return unavailable(gettext("No survey answers on this quality dimension yet."))
    if not tally.respondents:
        return MeasureValue(value=None, n=0)
    smallest = max(SMALL_GROUP, tally.smallest_group)
    beside = (tally.respondents_elsewhere, tally.respondents_other_months)
    if tally.respondents < smallest or any(0 < group < smallest for group in beside):
        return MeasureValue(value=None, n=tally.respondents, suppressed=True)
    # Every respondent counted gave at least one answer on the scale, so there are answers to divide by.
    satisfied = sum(tally.scores.get(point, 0) for point in SATISFIED)
    return MeasureValue(value=satisfied / sum(tally.scores.values()), n=tally.respondents)


SATISFACTION_MEASURES = (
    Measure(
        key="survey_dimension_satisfied",
        label=_("Clients satisfied"),
        unit=SHARE,
        higher_is_better=True,
        parameter_kind=SURVEY_DIMENSION,
        compute=satisfied_share,
        description=_(
            "Of the answers clients gave in the period's surveys to the questions on this quality, "
            "the share of 4 or 5 on the scale of 1 to 5."
        ),
    ),
)
