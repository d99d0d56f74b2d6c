"""Statistics for survey results, computed from aggregated counts only.

The app keeps precomputed tallies (answer value -> count) and never reads raw answers when a
report is shown, so everything here works on counts or on `Moments` (n, sum, sum of squares),
which can be added together across institutions, periods or waves. The module is pure Python
plus scipy: no Django and no database, so it can be tested and reused without either.

Negative answer codes mean "don't know": they are counted separately and never scored.
"""

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from scipy import stats

LIKERT_VALUES = range(1, 6)
SATISFIED_VALUES = frozenset({4, 5})
NPS_VALUES = range(0, 11)
NPS_PROMOTERS = range(9, 11)
NPS_PASSIVES = range(7, 9)
NPS_DETRACTORS = range(0, 7)

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Moments:
    """The sufficient statistics of a sample for means and variances.

    Stored instead of raw values because they add up: the moments of two groups combined are the
    sum of their moments, so totals over institutions or periods need no second pass over answers.
    """

    n: int
    total: float
    total_sq: float

    @classmethod
    def from_counts(cls, counts: Mapping[int, int]) -> "Moments":
        """Moments of a tally of value -> count; negative values are "don't know" codes and skipped."""
        n = 0
        total = 0.0
        total_sq = 0.0
        for value, count in counts.items():
            if count < 0:
                raise ValueError(f"negative count {count} for value {value}")
            if value < 0:
                continue
            n += count
            total += value * count
            total_sq += value * value * count
        return cls(n=n, total=total, total_sq=total_sq)

    def __add__(self, other: "Moments") -> "Moments":
        return Moments(n=self.n + other.n, total=self.total + other.total, total_sq=self.total_sq + other.total_sq)

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None

    @property
    def variance(self) -> float | None:
        """Sample variance (n - 1 denominator), None below two values.

        Computed as (sum of squares - sum^2 / n) / (n - 1), which can come out a hair below zero
        through cancellation when all values are equal; that is clamped to 0.
        """
        if self.n < 2:
            return None
        return max(0.0, (self.total_sq - self.total * self.total / self.n) / (self.n - 1))

    @property
    def sd(self) -> float | None:
        variance = self.variance
        return None if variance is None else math.sqrt(variance)


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def _check_level(level: float, name: str) -> None:
    """Reject levels outside (0, 1): a quantile at 0 or 1 is infinite and would give a useless interval."""
    if not 0 < level < 1:
        raise ValueError(f"{name} must be between 0 and 1, got {level}")


def mean_ci(m: Moments, confidence: float = 0.95) -> Interval | None:
    """Student's t interval for the mean; None below two values, where there is no spread estimate."""
    _check_level(confidence, "confidence")
    if m.mean is None or m.sd is None:
        return None
    half = float(stats.t.ppf((1 + confidence) / 2, m.n - 1)) * m.sd / math.sqrt(m.n)
    return Interval(m.mean - half, m.mean + half)


def proportion_ci(successes: int, n: int, confidence: float = 0.95) -> Interval | None:
    """Wilson score interval for a share; None when nobody answered.

    Wilson rather than the textbook normal (Wald) interval because survey groups are small and
    shares often near 0 or 1, where Wald collapses to zero width or leaves [0, 1].
    """
    _check_level(confidence, "confidence")
    if not 0 <= successes <= n:
        raise ValueError(f"successes must be between 0 and n, got {successes} of {n}")
    if n == 0:
        return None
    z = float(stats.norm.ppf((1 + confidence) / 2))
    p = successes / n
    z2n = z * z / n
    centre = (p + z2n / 2) / (1 + z2n)
    half = z / (1 + z2n) * math.sqrt(p * (1 - p) / n + z2n / (4 * n))
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def _split(counts: Mapping[int, int], scale: range) -> tuple[dict[int, int], int]:
    """Separate scored answers from "don't know" (negative codes).

    A non-negative value outside the scale is a bug in the tally, not an answer; it raises instead
    of silently shifting the mean.
    """
    scored: dict[int, int] = {}
    dont_know = 0
    for value, count in counts.items():
        if count < 0:
            raise ValueError(f"negative count {count} for value {value}")
        if value < 0:
            dont_know += count
        elif value in scale:
            scored[value] = count
        else:
            raise ValueError(f"value {value} is outside the scale {scale.start}..{scale.stop - 1}")
    return scored, dont_know


@dataclass(frozen=True)
class ItemSummary:
    n: int  # scored answers (don't-know excluded)
    dont_know: int
    mean: float | None
    sd: float | None
    mean_ci: Interval | None
    satisfied: int  # answers 4 or 5
    satisfied_share: float | None
    satisfied_ci: Interval | None


def likert_summary(counts: Mapping[int, int]) -> ItemSummary:
    """Summary of one 1-5 item from its tally (keys 1..5, negative keys for "don't know")."""
    scored, dont_know = _split(counts, LIKERT_VALUES)
    m = Moments.from_counts(scored)
    satisfied = sum(count for value, count in scored.items() if value in SATISFIED_VALUES)
    return ItemSummary(
        n=m.n,
        dont_know=dont_know,
        mean=m.mean,
        sd=m.sd,
        mean_ci=mean_ci(m),
        satisfied=satisfied,
        satisfied_share=satisfied / m.n if m.n else None,
        satisfied_ci=proportion_ci(satisfied, m.n),
    )


@dataclass(frozen=True)
class NpsSummary:
    n: int
    dont_know: int
    promoters: int  # 9-10
    passives: int  # 7-8
    detractors: int  # 0-6
    score: float | None  # (promoters - detractors) / n * 100
    score_ci: Interval | None
    mean: float | None
    mean_ci: Interval | None


def nps_summary(counts: Mapping[int, int]) -> NpsSummary:
    """Net Promoter Score of one 0-10 item from its tally (keys 0..10, negative keys for "don't know").

    The 95% interval of the score treats each answer as +1 (promoter), 0 (passive) or -1
    (detractor): the variance of that trinomial mean is (p_prom + p_detr - (p_prom - p_detr)^2) / n,
    and the interval is the normal approximation, scaled to -100..100 and clipped there. It is
    None below two answers, like the mean's interval: one answer gives zero variance, and a
    zero-width interval would claim a certainty a single respondent cannot give.
    """
    scored, dont_know = _split(counts, NPS_VALUES)
    m = Moments.from_counts(scored)
    promoters = sum(count for value, count in scored.items() if value in NPS_PROMOTERS)
    passives = sum(count for value, count in scored.items() if value in NPS_PASSIVES)
    detractors = sum(count for value, count in scored.items() if value in NPS_DETRACTORS)
    score: float | None = None
    score_ci: Interval | None = None
    if m.n:
        p_prom = promoters / m.n
        p_detr = detractors / m.n
        score = (p_prom - p_detr) * 100
        if m.n >= 2:
            variance = (p_prom + p_detr - (p_prom - p_detr) ** 2) / m.n
            half = float(stats.norm.ppf(0.975)) * math.sqrt(variance) * 100
            score_ci = Interval(max(-100.0, score - half), min(100.0, score + half))
    return NpsSummary(
        n=m.n,
        dont_know=dont_know,
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        score=score,
        score_ci=score_ci,
        mean=m.mean,
        mean_ci=mean_ci(m),
    )


@dataclass(frozen=True)
class Comparison:
    before: Moments
    after: Moments
    difference: float  # after.mean - before.mean
    ci: Interval  # (1 - alpha) Welch-Satterthwaite interval of the difference
    t: float
    df: float
    p_value: float  # two-sided
    significant: bool  # p_value < alpha


def compare_means(before: Moments, after: Moments, alpha: float = 0.05) -> Comparison | None:
    """Welch's unequal-variances t-test of after.mean - before.mean, two-sided.

    Welch because two survey waves (or two institutions) rarely have equal sizes or spreads. The
    interval uses the same alpha, so it excludes 0 exactly when the test is significant.
    None when either side has fewer than two values (no variance estimate).

    When both sides have zero variance the standard error is 0 and Welch's formulas are 0/0: the
    difference is then known exactly, so an equal mean gives t = 0, p = 1 and a nonzero difference
    gives t = +/-inf, p = 0; df falls back to the pooled n1 + n2 - 2, the limit for equal variances.
    """
    _check_level(alpha, "alpha")
    if before.mean is None or after.mean is None or before.variance is None or after.variance is None:
        return None
    difference = after.mean - before.mean
    se2_before = before.variance / before.n
    se2_after = after.variance / after.n
    se2 = se2_before + se2_after
    if se2 == 0:
        df = float(before.n + after.n - 2)
        t = math.copysign(math.inf, difference) if difference else 0.0
        p_value = 0.0 if difference else 1.0
        ci = Interval(difference, difference)
    else:
        se = math.sqrt(se2)
        df = se2 * se2 / (se2_before**2 / (before.n - 1) + se2_after**2 / (after.n - 1))
        t = difference / se
        p_value = float(2 * stats.t.sf(abs(t), df))
        half = float(stats.t.ppf(1 - alpha / 2, df)) * se
        ci = Interval(difference - half, difference + half)
    return Comparison(
        before=before,
        after=after,
        difference=difference,
        ci=ci,
        t=t,
        df=df,
        p_value=p_value,
        significant=p_value < alpha,
    )


def hide_small_cells(cells: Mapping[K, int], k: int, *, total_shown: bool = True) -> set[K]:
    """Keys of the cells to hide in one breakdown so that no group smaller than k can be read off.

    Primary suppression hides every cell with 0 < count < k (an empty cell reveals nobody).
    When the breakdown's total is published, one hidden cell would be recovered by subtracting the
    shown cells from the total, so the smallest other non-zero cells are hidden too until the hidden
    cells add up to at least k (or no non-zero cell is left): what the total then reveals is only a
    group of at least k. Every primary cell is below k, so a lone hidden cell always gets a partner
    when there is one. Ties go to the key that sorts first by str(key), so the same data always
    hides the same cells.

    This cannot protect a total that is itself below k; the caller must hide such a total.
    """
    hidden = {key for key, count in cells.items() if 0 < count < k}
    if not total_shown or not hidden:
        return hidden
    candidates = sorted(
        ((count, str(key), key) for key, count in cells.items() if count > 0 and key not in hidden),
        key=lambda item: item[:2],
    )
    hidden_sum = sum(cells[key] for key in hidden)
    for count, _, key in candidates:
        if hidden_sum >= k:
            break
        hidden.add(key)
        hidden_sum += count
    return hidden
