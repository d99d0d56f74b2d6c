"""Scoring a measurement: pure functions over the answers, the same for the pages, the aggregates and the tests.

WHOQOL-BREF (WHO, 1996, "WHOQOL-BREF: introduction, administration, scoring"): 26 items answered 1–5.
Items 1 (overall quality of life) and 2 (overall health) are reported on their own. Items 3, 4 and 26 are
worded negatively and are reversed (6 - x). A domain's score is the mean of its items * 4 (4–20), and
(score - 4) * 100 / 16 on 0–100. When more than 20% of the 26 items are unanswered the measurement is not
scored at all. Within a domain, up to two unanswered items (one in the social domain, which has three) are
replaced by the mean of the domain's answered items, which leaves the mean as it is; with more unanswered,
that domain is not scored.

The ladder: each area is its own score (1–10); their mean is given when at most a fifth of the areas are
unanswered. A custom scale: reversed items are turned round ((lowest + highest) - x); each subscale and the
whole scale score the mean of their answered items, given when at most a fifth of their items are unanswered.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

WHOQOL_ITEMS = 26
WHOQOL_REVERSED = frozenset({3, 4, 26})
WHOQOL_OVERALL = ("overall_qol", 1), ("overall_health", 2)
WHOQOL_DOMAINS: dict[str, tuple[int, ...]] = {
    "physical": (3, 4, 10, 15, 16, 17, 18),
    "psychological": (5, 6, 7, 11, 19, 26),
    "social": (20, 21, 22),
    "environment": (8, 9, 12, 13, 14, 23, 24, 25),
}
WHOQOL_MISSING_ALLOWED = {"physical": 2, "psychological": 2, "social": 1, "environment": 2}
WHOQOL_MOST_MISSING = Fraction(20, 100)  # of the 26 items; more than this: not scored
LOWER_SCALE_MOST_MISSING = Fraction(1, 5)  # ladder and custom scales, of the items of each mean


@dataclass(frozen=True)
class Score:
    key: str
    raw: float | None
    """On the instrument's own range: WHOQOL domains 4–20, items 1 and 2 1–5, ladder 1–10, a custom scale
    its answer range. None: not scored (too many items unanswered)."""
    transformed: float | None = None
    """WHOQOL domains on 0–100; None for the others."""
    filled: int = 0
    """Unanswered items replaced by the mean of the answered ones (WHOQOL domains)."""

    @property
    def headline(self) -> float | None:
        """The value compared between measurements: 0–100 where there is one, else the raw score."""
        return self.transformed if self.transformed is not None else self.raw


@dataclass(frozen=True)
class Scoring:
    scored: bool
    """False when the whole measurement is not scored (WHOQOL-BREF: more than 20% of items unanswered)."""
    unanswered: int
    scores: tuple[Score, ...]

    def by_key(self) -> dict[str, Score]:
        return {score.key: score for score in self.scores}


def _as_float(value: int | None) -> float | None:
    return None if value is None else float(value)


def _mean(values: Sequence[int | Fraction]) -> Fraction:
    return Fraction(sum(values)) / len(values)


def whoqol_bref_score(answers: Mapping[int, int | None]) -> Scoring:
    """Score WHOQOL-BREF answers keyed by item number 1–26; an absent or None answer is unanswered."""
    given = {n: answers.get(n) for n in range(1, WHOQOL_ITEMS + 1)}
    for number, value in given.items():
        if value is not None and not 1 <= value <= 5:
            raise ValueError(f"WHOQOL-BREF item {number} answered {value}: answers are 1–5")
    unanswered = sum(1 for value in given.values() if value is None)
    if Fraction(unanswered, WHOQOL_ITEMS) > WHOQOL_MOST_MISSING:
        keys = [key for key, _number in WHOQOL_OVERALL] + list(WHOQOL_DOMAINS)
        return Scoring(scored=False, unanswered=unanswered, scores=tuple(Score(key, None) for key in keys))
    recoded = {n: (6 - v if n in WHOQOL_REVERSED else v) for n, v in given.items() if v is not None}
    scores = [Score(key, _as_float(given[number])) for key, number in WHOQOL_OVERALL]
    for domain, numbers in WHOQOL_DOMAINS.items():
        answered = [recoded[n] for n in numbers if n in recoded]
        missing = len(numbers) - len(answered)
        if missing > WHOQOL_MISSING_ALLOWED[domain]:
            scores.append(Score(domain, None))
            continue
        # Filling the unanswered items with the mean of the answered ones leaves the mean unchanged.
        raw = _mean(answered) * 4
        scores.append(Score(domain, float(raw), transformed=float((raw - 4) * 100 / 16), filled=missing))
    return Scoring(scored=True, unanswered=unanswered, scores=tuple(scores))


def _mean_if_enough(values: Sequence[int], of: int) -> float | None:
    if not values or Fraction(of - len(values), of) > LOWER_SCALE_MOST_MISSING:
        return None
    return float(_mean(values))


def ladder_score(area_keys: Sequence[str], answers: Mapping[str, int | None]) -> Scoring:
    """Each area's rung (1–10) and, when at most a fifth of the areas are unanswered, their mean."""
    values = {key: answers.get(key) for key in area_keys}
    answered = [value for value in values.values() if value is not None]
    scores = [Score(key, _as_float(value)) for key, value in values.items()]
    scores.append(Score("mean", _mean_if_enough(answered, len(area_keys))))
    return Scoring(scored=bool(answered), unanswered=len(area_keys) - len(answered), scores=tuple(scores))


@dataclass(frozen=True)
class CustomItem:
    key: str
    reverse: bool
    subscale: str  # "" when the item belongs to no subscale


def custom_score(
    items: Sequence[CustomItem], answers: Mapping[str, int | None], *, lowest: int, highest: int
) -> Scoring:
    """Each subscale's mean and the whole scale's mean (key "total"), reversed items turned round."""
    recoded: dict[str, int] = {}
    for item in items:
        value = answers.get(item.key)
        if value is not None:
            recoded[item.key] = lowest + highest - value if item.reverse else value
    subscales = list(dict.fromkeys(item.subscale for item in items if item.subscale))
    scores = []
    for subscale in subscales:
        own = [item.key for item in items if item.subscale == subscale]
        scores.append(Score(subscale, _mean_if_enough([recoded[k] for k in own if k in recoded], len(own))))
    scores.append(Score("total", _mean_if_enough(list(recoded.values()), len(items))))
    return Scoring(scored=bool(recoded), unanswered=len(items) - len(recoded), scores=tuple(scores))
