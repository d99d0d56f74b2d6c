"""The arithmetic of scores: ranges, CAF fine-tuned means, the spread of assessors' scores.

Pure functions over numbers, so they are tested without a database.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kokybe.assessments.models import Panel, Scoring

PDCA = ("plan", "do", "check", "act")
LEVELS_ONLY = frozenset({Scoring.MET_NOT_MET, Scoring.CHECKLIST})
ONE_DECIMAL = Decimal("0.1")
# A checklist answer of "not applicable" is stored as a negative level: it counts as answered but is
# left out of spreads, means and comparisons (scores are otherwise never negative).
NOT_APPLICABLE = Decimal(-1)


def counts(value: Decimal | None) -> bool:
    """Whether a score enters spreads and means: given, and not "not applicable"."""
    return value is not None and value >= 0


@dataclass(frozen=True)
class Range:
    low: Decimal
    high: Decimal
    disagreement: Decimal | None  # max - min at or above this is flagged; None: any split is


def level_values(scale: Sequence[Mapping[str, Any]]) -> list[Decimal]:
    return sorted(Decimal(str(level["value"])) for level in scale)


def range_of(scoring: str, scale: Sequence[Mapping[str, Any]] = ()) -> Range:
    """The scores allowed: 0-100 for CAF, else from the lowest to the highest level of the scale."""
    if scoring in (Scoring.CAF_CLASSICAL, Scoring.CAF_FINE_TUNED):
        return Range(Decimal(0), Decimal(100), Decimal(30))
    values = [v for v in level_values(scale) if v >= 0] or [Decimal(1), Decimal(5)]
    threshold = Decimal(2) if scoring == Scoring.LEVELS_1_5 else None
    return Range(values[0], values[-1], threshold)


def refused_value(value: Decimal, scoring: str, scale: Sequence[Mapping[str, Any]], *, consensus: bool) -> bool:
    """Whether `value` is not a score one may give: outside the range, or not one of the levels.

    A consensus on a 1-5 scale may fall between levels (3.5); met/not met and checklist answers
    are always one of their levels.
    """
    bounds = range_of(scoring, scale)
    if value < 0:
        return value not in level_values(scale)
    if not bounds.low <= value <= bounds.high:
        return True
    if scoring in (Scoring.CAF_CLASSICAL, Scoring.CAF_FINE_TUNED) or (consensus and scoring == Scoring.LEVELS_1_5):
        return False
    return value not in level_values(scale)


def uses_phases(scoring: str, panel: str) -> bool:
    """CAF fine-tuned scores Plan, Do, Check and Act of an enabler separately; results keep one score."""
    return scoring == Scoring.CAF_FINE_TUNED and panel != Panel.RESULTS


def round1(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def phases_mean(phases: Mapping[str, object]) -> Decimal | None:
    """The criterion's fine-tuned score: the mean of its four phase scores (all four needed)."""
    values = [phases.get(phase) for phase in PDCA]
    if any(v is None or v == "" for v in values):
        return None
    return round1(sum((Decimal(str(v)) for v in values), Decimal(0)) / len(PDCA))


@dataclass(frozen=True)
class Spread:
    n: int
    low: Decimal | None
    high: Decimal | None
    mean: Decimal | None
    disagrees: bool
    not_applicable: int = 0  # assessors who found the item not applicable (not in n, low, high, mean)


def spread_of(values: Iterable[Decimal | None], scoring: str, scale: Sequence[Mapping[str, Any]] = ()) -> Spread:
    """n, min, max and mean of the assessors' scores, and whether they disagree enough to discuss."""
    given = [v for v in values if v is not None]
    scored: list[Decimal] = [v for v in given if counts(v)]
    not_applicable = len(given) - len(scored)
    if not scored:
        return Spread(0, None, None, None, False, not_applicable)
    low, high = min(scored), max(scored)
    threshold = range_of(scoring, scale).disagreement
    # "Not applicable" beside a score is a disagreement too: whether the item applies is to be discussed.
    disagrees = bool(not_applicable) or (high > low if threshold is None else high - low >= threshold)
    mean = round1(sum(scored, Decimal(0)) / len(scored))
    return Spread(len(scored), low, high, mean, disagrees, not_applicable)


def suggested_consensus(spread: Spread, scoring: str, scale: Sequence[Mapping[str, Any]] = ()) -> Decimal | None:
    """What the consensus form offers first: the mean, or for levels that cannot be split (met / not
    met, checklist) the level nearest the mean, the lower one on a tie; "not applicable" when every
    assessor found the item so."""
    if spread.mean is None:
        return NOT_APPLICABLE if spread.not_applicable else None  # everyone found it not applicable
    if scoring in LEVELS_ONLY:
        mean = spread.mean
        levels = [level for level in level_values(scale) if level >= 0] or [mean]
        return min(levels, key=lambda level: (abs(level - mean), level))
    return spread.mean
