"""How the charter in force is being met: each indicator's figures, over the municipality and per institution.

The headline of an indicator is its last complete period (a quarter judged in its third week would
read as failing when it has only begun); the trend runs up to the period under way, whose figure is
marked as "so far". The figures are those the worker keeps (`IndicatorFigure`, computed by the measures
and judged by `kokybe.charter.compliance`): the pages read them in a query, whatever the number of
indicators and institutions. A figure not computed yet (a version adopted a moment ago) says so.
"""

import datetime
from dataclasses import dataclass, replace

from django.utils.translation import gettext

from kokybe.charter.compliance import (
    TREND_PERIODS,
    IndicatorResult,
    PeriodSpan,
    Status,
    periods_until,
)
from kokybe.charter.measures import MEASURES, SHARE, SMALL_GROUP, MeasureValue
from kokybe.charter.models import CharterVersion, Indicator, IndicatorFigure
from kokybe.charter.presentation import CommitmentText, ExpectationText, IndicatorText, described_tree, figure_text
from kokybe.charter.selectors import (
    FigureKey,
    active_institutions,
    indicator_figures,
    indicators_of,
    parameters_of,
    version_tree,
)
from kokybe.tenancy.models import Institution, Municipality

CHART_WIDTH = 320
CHART_HEIGHT = 120
PLOT_HEIGHT = CHART_HEIGHT - 20  # room under the bars for the target line's stroke


@dataclass(frozen=True)
class Figure:
    """One result as a page shows it."""

    result: IndicatorResult
    text: str  # the value in its unit, "–" when there is none
    under_way: bool  # the period has not ended: the figure so far
    computed: bool = True  # False: the worker has not computed this figure yet

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def status_label(self) -> str:
        return str(self.result.status.label) if self.computed else gettext("Not computed yet")


@dataclass(frozen=True)
class InstitutionFigure:
    institution: Institution
    figure: Figure


@dataclass(frozen=True)
class TrendBar:
    """A period of the trend chart: its bar's height and position, in the SVG's units."""

    figure: Figure
    x: float
    y: float
    height: float


@dataclass(frozen=True)
class Trend:
    bars: list[TrendBar]
    target_y: float  # where the target's line is drawn
    bar_width: float
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


@dataclass(frozen=True)
class IndicatorStanding:
    text: IndicatorText
    overall: Figure  # the last complete period, over the institutions covered
    institutions: list[InstitutionFigure]
    trend: Trend | None  # None where only the headline was asked for


@dataclass(frozen=True)
class CommitmentStanding:
    commitment: CommitmentText
    indicators: list[IndicatorStanding]


@dataclass(frozen=True)
class ExpectationStanding:
    expectation: ExpectationText
    commitments: list[CommitmentStanding]


def figure_of(indicator: Indicator, result: IndicatorResult, today: datetime.date) -> Figure:
    measure = MEASURES.get(indicator.measure_key)
    text = figure_text(measure.unit, result.value.value) if measure else "–"
    return Figure(result=result, text=text, under_way=result.span.is_under_way(today))


@dataclass(frozen=True)
class FigureBook:
    """The kept figures a page reads, and the day it reads them on."""

    rows: dict[FigureKey, IndicatorFigure]
    today: datetime.date

    def figure(self, indicator: Indicator, span: PeriodSpan, institution_id: int | None = None) -> Figure:
        row = self.rows.get((indicator.pk, institution_id, span.start))
        if row is None:
            missing = IndicatorResult(value=MeasureValue(value=None, n=0), status=Status.NO_DATA, span=span)
            return Figure(result=missing, text="–", under_way=span.is_under_way(self.today), computed=False)
        value = MeasureValue(
            value=row.value,
            n=row.n,
            available=row.available,
            reason=gettext(row.reason) if row.reason else "",  # kept in the source language
            suppressed=row.suppressed,
        )
        return figure_of(indicator, IndicatorResult(value=value, status=Status(row.status), span=span), self.today)

    def trend(self, indicator: Indicator, institution_id: int | None = None) -> list[Figure]:
        """The indicator's TREND_PERIODS figures up to the period under way, oldest first."""
        return [
            self.figure(indicator, span, institution_id)
            for span in periods_until(indicator.period, self.today, TREND_PERIODS)
        ]


def figure_book(
    municipality: Municipality, version: CharterVersion, indicators: list[Indicator], today: datetime.date
) -> FigureBook:
    """The kept figures of `indicators` in their trends' periods (the headline's among them); one query."""
    starts = {
        span.start for kind in {i.period for i in indicators} for span in periods_until(kind, today, TREND_PERIODS)
    }
    return FigureBook(indicator_figures(municipality, version, starts), today)


def _hidden(figure: Figure) -> Figure:
    value = figure.result.value
    hidden = MeasureValue(value=None, n=value.n, suppressed=True)
    return replace(figure, result=replace(figure.result, value=hidden, status=Status.SUPPRESSED), text="–")


def complement_suppressed(figures: list[Figure]) -> list[Figure]:
    """The institutions' figures of one period, with enough more hidden that the hidden ones together rest on
    at least SMALL_GROUP cases: otherwise the overall figure and the shown ones would give a small group's
    figure away by subtraction. The next hidden are those with the fewest cases."""
    hidden_cases = sum(figure.result.value.n for figure in figures if figure.result.value.suppressed)
    if hidden_cases == 0 or hidden_cases >= SMALL_GROUP:
        return figures
    shown = sorted(
        (index for index, figure in enumerate(figures) if figure.result.value.value is not None),
        key=lambda index: figures[index].result.value.n,
    )
    protected = list(figures)
    for index in shown:
        protected[index] = _hidden(figures[index])
        hidden_cases += figures[index].result.value.n
        if hidden_cases >= SMALL_GROUP:
            break
    return protected


def trend_chart(indicator: Indicator, figures: list[Figure]) -> Trend:
    """Bars from the chart's foot, scaled so the target and the largest figure both fit (a share: 0 to 100 %)."""
    measure = MEASURES.get(indicator.measure_key)
    target = float(indicator.target)
    values = [figure.result.value.value for figure in figures if figure.result.value.value is not None]
    top = 1.0 if measure is not None and measure.unit == SHARE else max([target, *values]) * 1.15 or 1.0
    step = CHART_WIDTH / max(len(figures), 1)
    bars = []
    for index, figure in enumerate(figures):
        value = figure.result.value.value
        height = 0.0 if value is None else PLOT_HEIGHT * min(value, top) / top
        bars.append(TrendBar(figure, x=index * step + step * 0.15, y=PLOT_HEIGHT - height, height=height))
    return Trend(bars=bars, target_y=PLOT_HEIGHT - PLOT_HEIGHT * min(target, top) / top, bar_width=step * 0.7)


def covered(indicator: Indicator, institutions: list[Institution]) -> list[Institution]:
    """The active institutions the indicator covers (none listed: every one)."""
    chosen = {institution.pk for institution in indicator.institutions.all()}
    return [institution for institution in institutions if not chosen or institution.pk in chosen]


def standing_of(
    book: FigureBook, text: IndicatorText, institutions: list[Institution], *, with_trend: bool
) -> IndicatorStanding:
    indicator = text.indicator
    last_complete = periods_until(indicator.period, book.today, 2)[0]
    trend = book.trend(indicator) if with_trend else []
    overall = trend[-2] if with_trend else book.figure(indicator, last_complete)
    reached = covered(indicator, institutions)
    figures = [book.figure(indicator, last_complete, institution.pk) for institution in reached]
    per_institution = [
        InstitutionFigure(institution, figure)
        for institution, figure in zip(reached, complement_suppressed(figures), strict=True)
    ]
    return IndicatorStanding(
        text=text,
        overall=overall,
        institutions=per_institution,
        trend=trend_chart(indicator, trend) if with_trend else None,
    )


def standings(
    municipality: Municipality,
    version: CharterVersion,
    *,
    today: datetime.date,
    institution_ids: frozenset[int] | None,
    with_trend: bool,
) -> list[ExpectationStanding]:
    """Every indicator of `version` with its kept figures; per institution only those of `institution_ids` (None:
    all). A bounded number of queries: the version's tree, the names it refers to, the institutions, the figures."""
    tree = version_tree(version)
    indicators = indicators_of(tree)
    parameters = parameters_of(municipality, indicators)
    institutions = [
        institution
        for institution in active_institutions(municipality)
        if institution_ids is None or institution.pk in institution_ids
    ]
    book = figure_book(municipality, version, indicators, today)
    return [
        ExpectationStanding(
            expectation,
            [
                CommitmentStanding(
                    commitment,
                    [standing_of(book, text, institutions, with_trend=with_trend) for text in commitment.indicators],
                )
                for commitment in expectation.commitments
            ],
        )
        for expectation in described_tree(tree, parameters)
    ]
