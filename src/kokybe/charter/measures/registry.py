"""Every built-in measure, by key. An indicator stores the key; renaming one orphans the indicators that use it."""

from kokybe.charter.measures.base import Measure
from kokybe.charter.measures.signals import SIGNAL_MEASURES


class UnknownMeasure(KeyError):
    """No measure has this key (an indicator names a measure that is no longer built in)."""


MEASURES: dict[str, Measure] = {measure.key: measure for measure in (*SIGNAL_MEASURES,)}


def measure_of(key: str) -> Measure:
    try:
        return MEASURES[key]
    except KeyError:
        raise UnknownMeasure(key) from None
