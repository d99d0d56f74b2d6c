"""How the charter in force is being met: each indicator's figures, over the municipality and per institution.

The headline of an indicator is its last complete period (a quarter judged in its third week would
read as failing when it has only begun); the trend runs up to the period under way, whose figure is
marked as "so far". The figures and statuses come from `kokybe.charter.compliance`.
"""

import datetime
from dataclasses import dataclass, replace

from kokybe.charter.compliance import (
    IndicatorResult,
    IndicatorSpec,
    Status,
    indicator_result,
    indicator_trend,
    periods_until,
)
from kokybe.charter.measures import MEASURES, SHARE, SMALL_GROUP, MeasureValue
from kokybe.charter.models import CharterVersion, Indicator
from kokybe.charter.presentation import CommitmentText, ExpectationText, IndicatorText, described_tree, figure_text
from kokybe.charter.selectors import active_institutions, indicators_of, parameters_of, version_tree
from kokybe.tenancy.models import Institution, Municipality

TREND_PERIODS = 6
CHART_WIDTH = 320
CHART_HEIGHT = 120
PLOT_HEIGHT = CHART_HEIGHT - 20  # room under the bars for the target line's stroke


@dataclass(frozen=True)
class Figure:
    """One result as a page shows it."""

    result: IndicatorResult
    text: str  # the value in its unit, "–" when there is none
    under_way: bool  # the period has not ended: the figure so far

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def status_label(self) -> str:
        return str(self.result.status.label)


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
    municipality: Municipality,
    text: IndicatorText,
    institutions: list[Institution],
    *,
    today: datetime.date,
    with_trend: bool,
) -> IndicatorStanding:
    indicator = text.indicator
    spec = IndicatorSpec.of(indicator)
    last_complete = periods_until(spec.period, today, 2)[0]
    if with_trend:
        trend = [
            figure_of(indicator, result, today)
            for result in indicator_trend(municipality, spec, until=today, count=TREND_PERIODS)
        ]
        overall = trend[-2]
    else:
        overall = figure_of(
            indicator,
            indicator_result(municipality, spec, period_start=last_complete.start, period_end=last_complete.end),
            today,
        )
    reached = covered(indicator, institutions)
    figures = [
        figure_of(
            indicator,
            indicator_result(
                municipality,
                spec,
                period_start=last_complete.start,
                period_end=last_complete.end,
                institution_id=institution.pk,
            ),
            today,
        )
        for institution in reached
    ]
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
    """Every indicator of `version` with its figures; per institution only those of `institution_ids` (None: all)."""
    tree = version_tree(version)
    parameters = parameters_of(municipality, indicators_of(tree))
    institutions = [
        institution
        for institution in active_institutions(municipality)
        if institution_ids is None or institution.pk in institution_ids
    ]
    return [
        ExpectationStanding(
            expectation,
            [
                CommitmentStanding(
                    commitment,
                    [
                        standing_of(municipality, text, institutions, today=today, with_trend=with_trend)
                        for text in commitment.indicators
                    ],
                )
                for commitment in expectation.commitments
            ],
        )
        for expectation in described_tree(tree, parameters)
    ]
