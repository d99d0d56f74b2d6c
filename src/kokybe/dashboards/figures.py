"""The dashboards' figures as the pages show them: per measure, each institution's value beside last year's and
the municipality's, the change stated in words, and the page behind the figure.

A `Board` holds every measure's cells for the years asked for; the overview lays one year's institutions side
by side, the institution dashboard one institution's years one after another. Both read the same `Board`.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.analytics.formatting import duration_change, duration_text, share_change, share_text
from kokybe.analytics.models import Process
from kokybe.dashboards import selectors
from kokybe.dashboards.selectors import Cells, CharterCount, Key
from kokybe.tenancy.models import Institution, Municipality


class Unit(StrEnum):
    SHARE = "share"
    DURATION = "duration"  # seconds
    SCORE = "score"


@dataclass(frozen=True)
class Measure:
    key: str
    label: Promise
    unit: Unit
    explanation: Promise


CHARTER = Measure(
    "charter",
    gettext_lazy("Charter indicators met"),
    Unit.SHARE,
    gettext_lazy("Of the adopted charter's indicators with a figure, the share met in the period under way."),
)
SATISFACTION = Measure(
    "satisfaction",
    gettext_lazy("Clients satisfied"),
    Unit.SHARE,
    gettext_lazy("Of the survey answers on the 1 to 5 scale about a quality dimension, the share of 4 or 5."),
)
ASSESSMENT = Measure(
    "assessment",
    gettext_lazy("Self-assessment score"),
    Unit.SCORE,
    gettext_lazy(
        "The mean consensus score of the latest approved self-assessment round of the year scored in levels 1 to 5."
    ),
)
PLANS = Measure(
    "plans",
    gettext_lazy("Plan actions done"),
    Unit.SHARE,
    gettext_lazy("Of the approved plans' actions due in the year (cancelled ones left out), the share done."),
)
SIGNALS_WITHIN = Measure(
    "signals_within",
    gettext_lazy("Signals answered within the deadline"),
    Unit.SHARE,
    gettext_lazy("Of the signals received in the year whose deadline has come, the share answered in time."),
)
SIGNALS_TIME = Measure(
    "signals_time",
    gettext_lazy("Median signal handling time"),
    Unit.DURATION,
    gettext_lazy("From a signal's receipt to its last step, the median over the signals completed."),
)
SERVICE_LEAD = Measure(
    "service_lead",
    gettext_lazy("Median wait for a service"),
    Unit.DURATION,
    gettext_lazy("From a request for a service to its start (or its refusal), the median over the requests settled."),
)
MEASURES = (CHARTER, SATISFACTION, ASSESSMENT, PLANS, SIGNALS_WITHIN, SIGNALS_TIME, SERVICE_LEAD)


def value_text(unit: Unit, value: float | None) -> str:
    if value is None:
        return "–"
    if unit == Unit.SHARE:
        return share_text(value)
    if unit == Unit.DURATION:
        return duration_text(value)
    return formats.number_format(value, 1)


def change_text(unit: Unit, now: float | None, before: float | None, year: int) -> str:
    """How the figure changed from `year`, in words; empty when either is missing."""
    if unit == Unit.SHARE:
        return share_change(now, before, year)
    if unit == Unit.DURATION:
        return duration_change(now, before, year)
    if now is None or before is None:
        return ""
    difference = round(now - before, 1)
    if difference == 0:
        return _("as in %(year)d") % {"year": year}
    if difference > 0:
        return _("%(amount)s higher than in %(year)d") % {"amount": formats.number_format(difference, 1), "year": year}
    return _("%(amount)s lower than in %(year)d") % {"amount": formats.number_format(-difference, 1), "year": year}


@dataclass
class Board:
    """Every measure's values for the institutions and years asked for (and the whole municipality: None)."""

    municipality: Municipality
    institutions: list[Institution]
    years: list[int]
    service_id: int | None
    cells: dict[str, Cells] = field(default_factory=dict)
    charter: dict[Key, CharterCount] = field(default_factory=dict)
    rounds: dict[Key, int] = field(default_factory=dict)

    def value(self, measure: Measure, institution_id: int | None, year: int) -> float | None:
        return self.cells[measure.key].get((institution_id, year))


def board_of(
    municipality: Municipality,
    institutions: Sequence[Institution],
    years: Sequence[int],
    *,
    service_id: int | None,
    today: datetime.date,
) -> Board:
    """Read every figure: a query or two per measure whatever the number of institutions, plus the charter's
    measures per indicator and institution."""
    ordered = sorted(set(years))
    board = Board(municipality, list(institutions), ordered, service_id)
    signals = selectors.period_summaries(municipality, process=Process.SIGNALS, years=ordered)
    services = selectors.period_summaries(municipality, process=Process.SERVICES, years=ordered, service_id=service_id)
    board.cells[SIGNALS_WITHIN.key], board.cells[SIGNALS_TIME.key] = selectors.signal_cells(signals)
    board.cells[SERVICE_LEAD.key] = selectors.lead_cells(services)
    board.cells[SATISFACTION.key] = selectors.satisfaction_cells(municipality, ordered)
    board.cells[ASSESSMENT.key] = selectors.assessment_cells(municipality, ordered)
    board.cells[PLANS.key] = selectors.plan_cells(municipality, ordered)
    board.rounds = selectors.latest_rounds(municipality, ordered)
    # The period under way for this year; the last day of a past year's for the years before.
    days = {year: today if year == today.year else datetime.date(year, 12, 31) for year in ordered}
    board.charter = selectors.charter_counts(municipality, [i.pk for i in institutions], days)
    board.cells[CHARTER.key] = {key: count.share_met for key, count in board.charter.items()}
    return board


@dataclass(frozen=True)
class Cell:
    """One figure as a table shows it."""

    value: float | None
    text: str
    previous_text: str
    change: str
    link: str


def cell_of(
    board: Board, measure: Measure, institution_id: int | None, year: int, link: Callable[[int | None, int], str]
) -> Cell:
    now = board.value(measure, institution_id, year)
    before = board.value(measure, institution_id, year - 1)
    text = value_text(measure.unit, now)
    previous = value_text(measure.unit, before)
    if measure == CHARTER:
        count = board.charter.get((institution_id, year))
        text = counts_text(count) if count else "–"
        previous_count = board.charter.get((institution_id, year - 1))
        previous = counts_text(previous_count) if previous_count else "–"
    return Cell(now, text, previous, change_text(measure.unit, now, before, year - 1), link(institution_id, year))


def counts_text(count: CharterCount) -> str:
    return _("%(met)d met, %(at_risk)d at risk, %(not_met)d not met") % {
        "met": count.met,
        "at_risk": count.at_risk,
        "not_met": count.not_met,
    }


def chart_value(unit: Unit, value: float | None) -> float | None:
    """Durations are drawn in days, shares and scores as they are."""
    if value is None:
        return None
    return value / 86400 if unit == Unit.DURATION else value


def chart_format(unit: Unit) -> Callable[[float], str]:
    if unit == Unit.DURATION:
        return lambda days: duration_text(days * 86400)
    return lambda value: value_text(unit, value)
