"""Every built-in measure, by key. An indicator stores the key; renaming one orphans the indicators that use it."""

from kokybe.charter.measures.appointments import APPOINTMENT_MEASURES
from kokybe.charter.measures.base import Measure
from kokybe.charter.measures.complaints import COMPLAINT_MEASURES
from kokybe.charter.measures.knowledge import KNOWLEDGE_MEASURES
from kokybe.charter.measures.lead_times import LEAD_TIME_MEASURES
from kokybe.charter.measures.nonconformities import NONCONFORMITY_MEASURES
from kokybe.charter.measures.plans import PLAN_MEASURES
from kokybe.charter.measures.satisfaction import SATISFACTION_MEASURES
from kokybe.charter.measures.signals import SIGNAL_MEASURES


class UnknownMeasure(KeyError):
    """No measure has this key (an indicator names a measure that is no longer built in)."""


MEASURES: dict[str, Measure] = {
    measure.key: measure
    for measure in (
        *SIGNAL_MEASURES,
        *APPOINTMENT_MEASURES,
        *LEAD_TIME_MEASURES,
        *SATISFACTION_MEASURES,
        *NONCONFORMITY_MEASURES,
        *COMPLAINT_MEASURES,
        *PLAN_MEASURES,
        *KNOWLEDGE_MEASURES,
    )
}


def measure_of(key: str) -> Measure:
    try:
        return MEASURES[key]
    except KeyError:
        raise UnknownMeasure(key) from None
