"""The charter's measures: figures computed from the platform's records, each behind one key.

from kokybe.charter.measures import MEASURES, measure_of
measure_of(indicator.measure_key).compute(
    municipality, start=..., end=..., institution_ids=frozenset({...}) or None, parameter=indicator.parameter
)  # -> MeasureValue
"""

from kokybe.charter.measures.base import (
    DAYS,
    PER_100_CLIENTS,
    SERVICE,
    SHARE,
    SMALL_GROUP,
    SURVEY_DIMENSION,
    WORKING_DAYS,
    Measure,
    MeasureValue,
)
from kokybe.charter.measures.registry import MEASURES, UnknownMeasure, measure_of

__all__ = [
    "DAYS",
    "MEASURES",
    "PER_100_CLIENTS",
    "SERVICE",
    "SHARE",
    "SMALL_GROUP",
    "SURVEY_DIMENSION",
    "WORKING_DAYS",
    "Measure",
    "MeasureValue",
    "UnknownMeasure",
    "measure_of",
]
