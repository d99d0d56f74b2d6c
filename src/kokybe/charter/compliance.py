"""Whether the charter's indicators are met: each one's figure for a period, judged against its target.

The rule for each status, in the order it is applied:

- no data: the measure has no figure (the municipality keeps no records of its kind yet, or none fell in the
  period and the institutions covered), or the measure is no longer built in;
- suppressed: the figure rests on fewer cases than the small group and is not shown;
- met: the figure reaches the target (at least it when higher is better, at most it when lower is better);
- at risk: it misses the target by no more than a margin: 5 percentage points for a share (SHARE_MARGIN: a
  target of 90 % and a figure of 86 %), a tenth of the target for times and rates (RELATIVE_MARGIN: a target of
  10 working days and a median of 11). Near enough to be caught up, far enough to act on now;
- not met: it misses the target by more.

One rule, and it reads one period only: whether the figure got worse than the previous period is what the
trend (the TREND_PERIODS periods up to the one under way) shows beside it, not a status of its own.

Targets are in the measure's unit, a share as 0..1 (as `MeasureValue.value`). Periods are calendar months,
quarters or years; the trend's last one is the period under way, its figure as it stands so far. The pages read
these figures as the worker keeps them (`kokybe.charter.services.figures`), not from here.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokybe.charter.measures import MEASURES, SHARE, Measure, MeasureValue
from kokybe.charter.models import Indicator, Period, Status
from kokybe.tenancy.models import Municipality

TREND_PERIODS = 6
"""The periods a trend shows: the one under way and the five before it."""
YEARS_BACK = 7
"""How many past years' last periods are kept: the dashboards offer the last five years, and the institution
dashboard shows a chosen year with the two before it and compares the first of them with its own year before."""

SHARE_MARGIN = 0.05
"""At risk: a share at most 5 percentage points short of its target."""
RELATIVE_MARGIN = 0.10
"""At risk: a time or a rate at most a tenth of its target short of it."""
TOLERANCE = 1e-9
"""A figure equal to its target is met, whatever the last binary digit of a division says."""


@dataclass(frozen=True)
class IndicatorSpec:
    measure_key: str
    parameter: dict[str, Any]
    target: Decimal | float  # in the measure's unit; a share as 0..1
    period: str  # a charter `Period`: month, quarter or year
    institution_ids: frozenset[int] | None  # the institutions covered; None: every institution

    @classmethod
    def of(cls, indicator: Indicator) -> "IndicatorSpec":
        """The spec of a stored indicator (prefetch its `institutions` when reading many)."""
        covered = frozenset(institution.pk for institution in indicator.institutions.all())
        return cls(
            measure_key=indicator.measure_key,
            parameter=indicator.parameter,
            target=indicator.target,
            period=indicator.period,
            institution_ids=covered or None,
        )

    def covers(self, institution_id: int) -> bool:
        return self.institution_ids is None or institution_id in self.institution_ids


@dataclass(frozen=True)
class PeriodSpan:
    period: str
    start: datetime.date
    end: datetime.date  # included

    @property
    def label(self) -> str:
        """The period as a table's column names it: "2025", "2025 Q1" or the month's name and year."""
        match self.period:
            case Period.YEAR:
                return str(self.start.year)
            case Period.QUARTER:
                quarter = (self.start.month - 1) // 3 + 1
                return gettext("%(year)d Q%(quarter)d") % {"year": self.start.year, "quarter": quarter}
            case _:
                return date_format(self.start, "YEAR_MONTH_FORMAT")

    def is_under_way(self, today: datetime.date) -> bool:
        return self.start <= today <= self.end


@dataclass(frozen=True)
class IndicatorResult:
    value: MeasureValue
    status: Status
    span: PeriodSpan  # the indicator's period kind, and the days the figure covers


def span_of(period: str, day: datetime.date) -> PeriodSpan:
    """The month, quarter or year that contains `day`."""
    match period:
        case Period.YEAR:
            start = day.replace(month=1, day=1)
            following = start.replace(year=start.year + 1)
        case Period.QUARTER:
            start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
            following = _months_after(start, 3)
        case Period.MONTH:
            start = day.replace(day=1)
            following = _months_after(start, 1)
        case _:
            raise ValueError(f"Unknown period {period!r}: month, quarter or year.")
    return PeriodSpan(period=period, start=start, end=following - datetime.timedelta(days=1))


def periods_until(period: str, until: datetime.date, count: int) -> list[PeriodSpan]:
    """The `count` periods up to and including the one containing `until`, oldest first."""
    spans = [span_of(period, until)]
    while len(spans) < count:
        spans.append(span_of(period, spans[-1].start - datetime.timedelta(days=1)))
    return spans[::-1]


def periods_kept(period: str, today: datetime.date) -> list[PeriodSpan]:
    """Every period the pages read an indicator's figure of, oldest first: the trend's (TREND_PERIODS up to the
    one under way, whose headline is the last complete one) and, for the dashboards, the period that ends each of
    the YEARS_BACK years before this one."""
    spans = {span.start: span for span in periods_until(period, today, TREND_PERIODS)}
    for year in range(today.year - YEARS_BACK, today.year):
        span = span_of(period, datetime.date(year, 12, 31))
        spans.setdefault(span.start, span)
    return [spans[start] for start in sorted(spans)]


def _months_after(first_day: datetime.date, months: int) -> datetime.date:
    index = first_day.year * 12 + first_day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def status_of(measure: Measure, value: MeasureValue, target: Decimal | float) -> Status:
    """The status of a figure against its target (the rules in this module's docstring)."""
    if value.suppressed:
        return Status.SUPPRESSED
    if value.value is None:
        return Status.NO_DATA
    goal = float(target)
    # How far the figure falls short of the target, in the measure's unit: negative or 0 when it is met.
    shortfall = goal - value.value if measure.higher_is_better else value.value - goal
    if shortfall <= TOLERANCE:
        return Status.MET
    margin = SHARE_MARGIN if measure.unit == SHARE else abs(goal) * RELATIVE_MARGIN
    return Status.AT_RISK if shortfall <= margin + TOLERANCE else Status.NOT_MET


def indicator_result(
    municipality: Municipality,
    spec: IndicatorSpec,
    *,
    period_start: datetime.date,
    period_end: datetime.date,
    institution_id: int | None = None,
) -> IndicatorResult:
    """The indicator's figure and status from `period_start` to `period_end` (both included): over the institutions
    it covers, or for one of them. An institution it does not cover is refused (ValueError), not silently judged."""
    if institution_id is None:
        institution_ids = spec.institution_ids
    elif spec.covers(institution_id):
        institution_ids = frozenset({institution_id})
    else:
        raise ValueError(f"The indicator does not cover institution {institution_id}.")
    span = PeriodSpan(period=spec.period, start=period_start, end=period_end)
    measure = MEASURES.get(spec.measure_key)
    if measure is None:
        gone = MeasureValue(value=None, n=0, available=False, reason=gettext("This measure is no longer computed."))
        return IndicatorResult(value=gone, status=Status.NO_DATA, span=span)
    value = measure.compute(
        municipality, start=period_start, end=period_end, institution_ids=institution_ids, parameter=spec.parameter
    )
    return IndicatorResult(value=value, status=status_of(measure, value, spec.target), span=span)


STATUS_HELP = {
    Status.MET: _("The figure reaches the target."),
    Status.AT_RISK: _(
        "The figure misses the target by a little: by at most 5 percentage points for a share, "
        "by at most a tenth of the target for a time or a rate."
    ),
    Status.NOT_MET: _("The figure misses the target by more than that."),
    Status.NO_DATA: _("There is no figure for this period: nothing was recorded, or nothing yet."),
    Status.SUPPRESSED: _("Too few cases to publish a figure without revealing something about the people."),
}
"""What each status means, for a legend beside the compliance tables."""
