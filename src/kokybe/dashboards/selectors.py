"""What the dashboards read: one aggregate query per figure for every institution and year asked for at once.

Each reader answers a `Cells` mapping (institution id, or None for the whole municipality; year) -> value, so
the pages put institutions side by side and years one after another without a query per institution. Where the
owning app keeps summaries (the analytics summaries of signals and services) they are read; elsewhere the rows
are aggregated in the database. The charter's counts are read from the indicator figures its worker keeps.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Avg, Count, Max, Q, Sum
from django.db.models.functions import ExtractYear

from kokybe.analytics.models import PeriodSummary
from kokybe.analytics.selectors import lead_time_rows
from kokybe.assessments.models import CriterionResult, RoundStatus, Scoring
from kokybe.charter.compliance import IndicatorSpec, Status, span_of
from kokybe.charter.measures import SMALL_GROUP
from kokybe.charter.models import Indicator
from kokybe.charter.selectors import in_force, indicator_figures
from kokybe.improvement.models import Action, ActionStatus, PlanStatus
from kokybe.individualplans.models import IndividualPlan
from kokybe.individualplans.models import PlanStatus as IndividualPlanStatus
from kokybe.inquiries.models import OPEN_STATUSES, Signal
from kokybe.knowledge.models import Article
from kokybe.surveys.models import DimensionYearTally, QualityDimension
from kokybe.tenancy.models import Municipality

Key = tuple[int | None, int]  # (institution id or None for the whole municipality, year)
Cells = dict[Key, float | None]

SATISFIED = ("4", "5")
SCALE = ("1", "2", "3", "4", "5")
REVIEWS_DUE_WITHIN = datetime.timedelta(days=14)


@dataclass(frozen=True)
class CharterCount:
    """How many of the charter's indicators an institution (or the municipality) meets in a period."""

    met: int = 0
    at_risk: int = 0
    not_met: int = 0
    without_figure: int = 0  # no data, or too few cases to show

    @property
    def judged(self) -> int:
        return self.met + self.at_risk + self.not_met

    @property
    def share_met(self) -> float | None:
        return self.met / self.judged if self.judged else None


def period_summaries(
    municipality: Municipality, *, process: str, years: Sequence[int], service_id: int | None = None
) -> dict[Key, PeriodSummary]:
    """The analytics summaries of every institution and the whole municipality (all kinds of signal, or one
    service or all services); one query."""
    rows = lead_time_rows(municipality, process=process, years=years, service_id=service_id)
    return {(row.institution_id, row.year): row for row in rows}


def signal_cells(summaries: dict[Key, PeriodSummary]) -> tuple[Cells, Cells]:
    """The share of signals answered within their deadline and their median handling time, in seconds."""
    within: Cells = {}
    median: Cells = {}
    for key, row in summaries.items():
        within[key] = row.met_deadline / row.with_deadline if row.with_deadline else None
        median[key] = row.lead_median_s
    return within, median


def lead_cells(summaries: dict[Key, PeriodSummary]) -> Cells:
    return {key: row.lead_median_s for key, row in summaries.items()}


def satisfaction_cells(municipality: Municipality, years: Sequence[int]) -> Cells:
    """The share of 4 and 5 among the answers on the 1-5 scale to questions tagged with a quality dimension, per
    institution and year; one query over the counts the tallies keep per institution, year and dimension.

    A figure resting on fewer respondents than the small group (or a survey's stricter one) is hidden, and so is
    the next smallest institution's when the municipality's figure would otherwise give the hidden one away by
    subtraction."""
    rows = (
        DimensionYearTally.objects.filter(
            survey__municipality=municipality,
            year__in=years,
            dimension__in=QualityDimension.objects.filter(municipality=municipality).values("code"),
        )
        .filter(Q(value="") | Q(value__in=SCALE))
        .values("institution_id", "year", "dimension", "value")
        .annotate(count=Sum("count"), smallest=Max("survey__min_group_size"))
        .order_by()
    )
    answers: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    respondents: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # per dimension
    smallest: dict[int, int] = defaultdict(int)
    for row in rows:
        year = row["year"]
        keys: tuple[Key, Key] = ((row["institution_id"], year), (None, year))
        for key in keys:
            if row["value"] == "":
                respondents[key][row["dimension"]] += row["count"] or 0
            else:
                answers[key][row["value"]] += row["count"] or 0
        smallest[year] = max(smallest[year], row["smallest"] or 0)
    cells: Cells = {}
    for year in years:
        threshold = max(SMALL_GROUP, smallest[year])
        # People who answered on the best-answered dimension: a lower bound of the respondents, never more.
        people = {key: max(per.values(), default=0) for key, per in respondents.items() if key[1] == year}
        shown = {key for key, n in people.items() if n >= threshold}
        hidden_people = sum(n for key, n in people.items() if key not in shown and key[0] is not None)
        while 0 < hidden_people < threshold and len(shown) > 1:
            # The municipality minus the shown institutions would reveal the hidden ones: hide one more.
            smallest_shown = min((key for key in shown if key[0] is not None), key=lambda key: people[key])
            shown.discard(smallest_shown)
            hidden_people += people[smallest_shown]
        for key in people:
            scale = sum(answers[key].get(point, 0) for point in SCALE)
            good = sum(answers[key].get(point, 0) for point in SATISFIED)
            cells[key] = good / scale if key in shown and scale else None
    return cells


def assessment_cells(municipality: Municipality, years: Sequence[int]) -> Cells:
    """The mean consensus score of each institution's approved self-assessment rounds of the year (the latest
    approved, where a year has several); one query. The municipality's figure is the mean of the institutions'.
    Only rounds scored in levels 1 to 5 count: a CAF score of 0-100 or a checklist is on another scale, and a
    mean across scales would compare nothing."""
    rows = (
        CriterionResult.objects.filter(
            municipality=municipality,
            round__status=RoundStatus.APPROVED,
            round__scoring=Scoring.LEVELS_1_5,
            round__year__in=years,
            consensus__isnull=False,
        )
        .values("institution_id", "round__year", "round_id", "round__approved_at")
        .annotate(mean=Avg("consensus"))
        .order_by("institution_id", "round__year", "round__approved_at", "round_id")
    )
    latest: Cells = {}
    for row in rows:  # ordered by approval: the last one of a year wins
        latest[(row["institution_id"], row["round__year"])] = float(row["mean"])
    for year in years:
        scores = [value for (institution, y), value in latest.items() if y == year and value is not None]
        if scores:
            latest[(None, year)] = sum(scores) / len(scores)
    return latest


def latest_rounds(municipality: Municipality, years: Sequence[int]) -> dict[Key, int]:
    """The round behind each institution's self-assessment figure, for the link to it; one query."""
    rows = (
        CriterionResult.objects.filter(
            municipality=municipality,
            round__status=RoundStatus.APPROVED,
            round__scoring=Scoring.LEVELS_1_5,
            round__year__in=years,
        )
        .values_list("institution_id", "round__year", "round_id")
        .order_by("institution_id", "round__year", "round__approved_at", "round_id")
        .distinct()
    )
    return {(institution, year): round_id for institution, year, round_id in rows}


def plan_cells(municipality: Municipality, years: Sequence[int]) -> Cells:
    """The share of the actions of approved plans due in the year that are done (cancelled ones left out);
    one query. An institution's own plans and its part of the municipality's plans count for it."""
    rows = (
        Action.objects.filter(municipality=municipality, plan__status=PlanStatus.APPROVED, due_on__year__in=years)
        .exclude(status=ActionStatus.CANCELLED)
        .annotate(year=ExtractYear("due_on"))
        .values("institution_id", "year")
        .annotate(total=Count("id"), done=Count("id", filter=Q(status=ActionStatus.DONE)))
        .order_by()
    )
    totals: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        for key in ((row["institution_id"], row["year"]), (None, row["year"])):
            totals[key][0] += row["done"]
            totals[key][1] += row["total"]
    return {key: done / total for key, (done, total) in totals.items() if key[0] is not None or total}


def charter_counts(
    municipality: Municipality, institution_ids: Iterable[int], days: dict[int, datetime.date]
) -> dict[Key, CharterCount]:
    """The adopted charter's indicators judged per institution (and over the municipality) in the period of
    each indicator that contains `days[year]`, as the charter's worker keeps them (`IndicatorFigure`): three
    queries whatever the number of indicators and institutions. A count some of whose figures are not computed
    yet is left out (the page shows no figure rather than a partial one). Empty when no charter is adopted."""
    version = in_force(municipality)
    if version is None:
        return {}
    indicators = list(
        Indicator.objects.filter(municipality=municipality, version=version).prefetch_related("institutions")
    )
    specs = {indicator.pk: IndicatorSpec.of(indicator) for indicator in indicators}
    starts = {(pk, year): span_of(spec.period, day).start for pk, spec in specs.items() for year, day in days.items()}
    rows = indicator_figures(municipality, version, set(starts.values()))
    counts: dict[Key, CharterCount] = {}
    for year in days:
        for institution_id in [None, *institution_ids]:
            reached = [pk for pk, spec in specs.items() if institution_id is None or spec.covers(institution_id)]
            found = [rows.get((pk, institution_id, starts[(pk, year)])) for pk in reached]
            statuses = [Status(row.status) for row in found if row is not None]
            if len(statuses) < len(found):
                continue
            tally = dict.fromkeys(Status, 0)
            for status in statuses:
                tally[status] += 1
            counts[(institution_id, year)] = CharterCount(
                met=tally[Status.MET],
                at_risk=tally[Status.AT_RISK],
                not_met=tally[Status.NOT_MET],
                without_figure=tally[Status.NO_DATA] + tally[Status.SUPPRESSED],
            )
    return counts


@dataclass(frozen=True)
class Attention:
    """What needs attention in an institution now."""

    overdue_signals: int
    overdue_actions: int
    reviews_due: int  # individual plans whose review is due within two weeks or overdue
    articles_past_review: int


def attention_of(municipality: Municipality, institution_id: int, today: datetime.date) -> Attention:
    """Four counts, one query each."""
    return Attention(
        overdue_signals=Signal.objects.filter(
            municipality=municipality, institution_id=institution_id, status__in=OPEN_STATUSES, due_on__lt=today
        ).count(),
        overdue_actions=Action.objects.filter(
            municipality=municipality,
            institution_id=institution_id,
            plan__status=PlanStatus.APPROVED,
            status__in=(ActionStatus.PLANNED, ActionStatus.IN_PROGRESS),
            due_on__lt=today,
        ).count(),
        reviews_due=IndividualPlan.objects.filter(
            municipality=municipality,
            institution_id=institution_id,
            status=IndividualPlanStatus.ACTIVE,
            next_review_on__lte=today + REVIEWS_DUE_WITHIN,
        ).count(),
        articles_past_review=Article.objects.filter(
            municipality=municipality, institution_id=institution_id, is_archived=False, review_on__lte=today
        ).count(),
    )
