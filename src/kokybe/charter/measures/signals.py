"""Measures of signals (questions, requests, complaints), read from `kokybe.inquiries.figures`.

The figures mean what they mean on the inquiries pages (see that module): a signal belongs to the period of the
day it was received, the share in time is taken over the signals whose outcome is known (answered, or open past
the deadline), and answer times are counted in working days after the day of receipt.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokybe.charter.measures.base import (
    SHARE,
    WORKING_DAYS,
    Measure,
    MeasureValue,
    measured,
    read_once,
    share,
    unavailable,
)
from kokybe.inquiries.figures import AnswerFigures, Selection, answer_figures
from kokybe.inquiries.models import Signal
from kokybe.tenancy.models import Municipality


def _figures(
    municipality: Municipality, start: date, end: date, institution_ids: frozenset[int] | None
) -> AnswerFigures | MeasureValue:
    """The period's answer figures, or why there are none: the municipality records no signals at all."""
    selection = Selection(institution_ids=institution_ids, since=start, until=end)
    found = read_once(
        ("signals", municipality.pk, start, end, institution_ids),
        lambda: answer_figures(municipality, selection).get(None),
    )
    if found is not None:
        return found
    if not Signal.objects.filter(municipality=municipality).exists():
        return unavailable(gettext("No signals are registered in this municipality yet."))
    return MeasureValue(value=None, n=0)


def answered_in_time(
    municipality: Municipality,
    *,
    start: date,
    end: date,
    institution_ids: frozenset[int] | None,
    parameter: dict[str, Any],
) -> MeasureValue:
    figures = _figures(municipality, start, end, institution_ids)
    if isinstance(figures, MeasureValue):
        return figures
    return share(figures.answered_in_time, figures.outcome_known)


def median_answer_time(
    municipality: Municipality,
    *,
    start: date,
    end: date,
    institution_ids: frozenset[int] | None,
    parameter: dict[str, Any],
) -> MeasureValue:
    figures = _figures(municipality, start, end, institution_ids)
    if isinstance(figures, MeasureValue):
        return figures
    return measured(figures.median_working_days, figures.answered)


SIGNAL_MEASURES = (
    Measure(
        key="signals_answered_in_time",
        label=_("Signals answered within the deadline"),
        unit=SHARE,
        higher_is_better=True,
        parameter_kind=None,
        compute=answered_in_time,
        description=_(
            "Of the questions, requests and complaints received in the period whose deadline has come, "
            "the share answered by the deadline."
        ),
    ),
    Measure(
        key="signals_median_answer_time",
        label=_("Median answer time"),
        unit=WORKING_DAYS,
        higher_is_better=False,
        parameter_kind=None,
        compute=median_answer_time,
        description=_(
            "Half of the questions, requests and complaints received in the period were answered within this "
            "many working days."
        ),
    ),
)
