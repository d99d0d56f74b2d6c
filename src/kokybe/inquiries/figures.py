"""Figures of signals that the charter quotes and the dashboards draw, for a municipality.

What every figure here means (the same wherever it is shown):

- A signal belongs to the period and month of the day it was received (`received_at`, the channel's receipt
  time, in the municipality's local time). Signals merged into another are left out: the signal they joined
  carries the answer. A forwarded signal counts for the institution that holds it now.
- Answer time runs from `received_at` to `answered_at`, the first answer sent to the person (a call answered
  on the spot: zero). It is given in hours (clock time) and in working days: the working days after the day
  of receipt up to and including the day of the answer in the municipality's country, the count the deadline
  uses, so an answer on the day of receipt takes 0 working days and one the next working day takes 1. Time
  spent waiting for the person is included: the person waited too.
- Answered within the deadline: the first answer fell on or before its deadline: `due_on` (which a pausing
  policy has already moved by the days spent waiting), or `first_due_on` for a signal reopened after it was
  answered (the reopening counts a new deadline for what follows, not for the first answer). The share is
  taken over the signals whose outcome is known: the answered ones and the open ones already past their
  deadline; open signals not yet due are not counted, nor are signals closed without an answer (nothing to
  answer, such as a praise; their number is given).
- Median and p90: over the answered signals, interpolated between the two nearest values as PostgreSQL's
  `percentile_cont` does.
- Satisfaction: the ratings (1-5) people gave the answer after closing: how many, their mean, the share of 4 and 5.
- Overdue now: open signals (received, being handled, waiting) whose deadline is before today, except those
  waiting for the person under a policy that stops the clock meanwhile.

Each figure set is one query. Counts, means and minima are aggregated by the database; answer times are
computed here over one narrow column list the database prepares (the group, the local days of receipt and of
the answer, the answer time, the deadline, the status), because working days need the holiday calendar and
SQLite has no percentiles.
"""

import bisect
import datetime
import enum
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from kokybe.core.workdays import TIME_ZONES, is_working_day, local_date
from kokybe.inquiries.models import OPEN_STATUSES, Channel, DeadlinePolicy, Kind, Signal, Status, Topic
from kokybe.tenancy.models import Institution, Municipality

Key = Any
"""A group's key: an institution id (None: the municipality queue), a kind, a channel, a topic id (None: no topic),
the first day of a month, or None for the whole selection when no grouping is asked for."""


class Grouping(enum.Enum):
    INSTITUTION = "institution"
    KIND = "kind"
    CHANNEL = "channel"
    TOPIC = "topic"
    MONTH = "month"


@dataclass(frozen=True)
class Selection:
    """Which signals a figure counts: the reader's institutions and the period of receipt (local dates, inclusive)."""

    institution_ids: Collection[int] | None = None  # None: every institution and the municipality queue
    since: datetime.date | None = None
    until: datetime.date | None = None
    kind: str | None = None
    channel: str | None = None


EVERYTHING = Selection()


@dataclass(frozen=True)
class AnswerFigures:
    received: int
    answered: int
    answered_in_time: int
    overdue: int  # open and past the deadline now, not yet answered
    not_yet_due: int  # open, not answered, deadline still ahead (or paused while waiting)
    closed_unanswered: int
    median_hours: float | None
    p90_hours: float | None
    median_working_days: float | None
    p90_working_days: float | None

    @property
    def answered_late(self) -> int:
        return self.answered - self.answered_in_time

    @property
    def outcome_known(self) -> int:
        """Signals whose deadline was either met or missed: the share's denominator."""
        return self.answered + self.overdue

    @property
    def share_in_time(self) -> float | None:
        return self.answered_in_time / self.outcome_known if self.outcome_known else None


@dataclass(frozen=True)
class Satisfaction:
    rated: int
    mean: float | None
    good: int  # rated 4 or 5

    @property
    def share_good(self) -> float | None:
        return self.good / self.rated if self.rated else None


@dataclass(frozen=True)
class Overdue:
    count: int
    oldest_due_on: datetime.date


def answer_figures(
    municipality: Municipality,
    selection: Selection = EVERYTHING,
    *,
    by: Grouping | None = None,
    today: datetime.date | None = None,
) -> dict[Key, AnswerFigures]:
    """Answered within the deadline, overdue, and the median and p90 answer time, per group (one query)."""
    today = today or today_in(municipality)
    zone = TIME_ZONES[municipality.country]
    # The database turns moments into local days and the answer time into a duration: converting aware
    # datetimes row by row here took most of the time over hundreds of thousands of signals.
    rows = list(
        _selected(municipality, selection)
        .annotate(
            group=_group_key(municipality, by),
            received_on=TruncDate("received_at", tzinfo=zone),
            answered_on=TruncDate("answered_at", tzinfo=zone),
            answer_time=ExpressionWrapper(F("answered_at") - F("received_at"), output_field=DurationField()),
            pauses=_pauses_while_waiting(),
            answer_due_on=Coalesce("first_due_on", "due_on"),
        )
        .values_list(
            "group", "received_on", "answered_on", "answer_time", "due_on", "answer_due_on", "status", "pauses"
        )
    )
    days = WorkingDayCounter(municipality.country, (day for row in rows for day in (row[1], row[2])))
    tallies: dict[Key, _Tally] = defaultdict(_Tally)
    for group, received_on, answered_on, answer_time, due_on, answer_due_on, status, pauses in rows:
        tally = tallies[group]
        tally.received += 1
        if answered_on is not None:
            tally.hours.append(answer_time.total_seconds() / 3600)
            tally.working_days.append(days.between(received_on, answered_on))
            tally.in_time += answered_on <= answer_due_on
        elif status == Status.CLOSED:
            tally.closed_unanswered += 1
        elif due_on < today and not (status == Status.WAITING and pauses):
            tally.overdue += 1
        else:
            tally.not_yet_due += 1
    return {group: tally.figures() for group, tally in tallies.items()}


@dataclass
class _Tally:
    received: int = 0
    in_time: int = 0
    overdue: int = 0
    not_yet_due: int = 0
    closed_unanswered: int = 0
    hours: list[float] = field(default_factory=list)
    working_days: list[int] = field(default_factory=list)

    def figures(self) -> AnswerFigures:
        self.hours.sort()
        self.working_days.sort()
        return AnswerFigures(
            received=self.received,
            answered=len(self.hours),
            answered_in_time=self.in_time,
            overdue=self.overdue,
            not_yet_due=self.not_yet_due,
            closed_unanswered=self.closed_unanswered,
            median_hours=percentile_cont(self.hours, 0.5),
            p90_hours=percentile_cont(self.hours, 0.9),
            median_working_days=percentile_cont(self.working_days, 0.5),
            p90_working_days=percentile_cont(self.working_days, 0.9),
        )


def satisfaction(
    municipality: Municipality, selection: Selection = EVERYTHING, *, by: Grouping | None = None
) -> dict[Key, Satisfaction]:
    """The ratings of the answers, per group of the signals they answered (one query); unrated groups are absent."""
    rows = (
        _selected(municipality, selection)
        .filter(rating__isnull=False)
        .annotate(group=_group_key(municipality, by))
        .values("group")
        .annotate(rated=Count("pk"), mean=Avg("rating"), good=Count("pk", filter=Q(rating__gte=4)))
        .order_by()
    )
    return {
        row["group"]: Satisfaction(rated=row["rated"], mean=float(row["mean"]), good=row["good"])
        for row in rows
        if row["rated"]  # without a grouping the database answers one row even when nothing was rated
    }


def received_counts(
    municipality: Municipality, selection: Selection = EVERYTHING, *, by: Grouping | None = None
) -> dict[Key, int]:
    """How many signals were received, per group (one query); groups without signals are absent."""
    rows = (
        _selected(municipality, selection)
        .annotate(group=_group_key(municipality, by))
        .values("group")
        .annotate(n=Count("pk"))
    )
    return {row["group"]: row["n"] for row in rows.order_by() if row["n"]}


def complaints_per_month(
    municipality: Municipality, *, since: datetime.date, until: datetime.date, institution_ids: Collection[int] | None
) -> dict[datetime.date, int]:
    """Complaints received in each month from `since` to `until`, months without any included as 0 (one query)."""
    selection = Selection(institution_ids=institution_ids, since=since, until=until, kind=Kind.COMPLAINT)
    counts = received_counts(municipality, selection, by=Grouping.MONTH)
    return {month: counts.get(month, 0) for month in months_between(since, until)}


def overdue_now(
    municipality: Municipality,
    *,
    institution_ids: Collection[int] | None = None,
    by: Grouping | None = None,
    today: datetime.date | None = None,
) -> dict[Key, Overdue]:
    """Open signals past their deadline today, whenever received, per group, with the oldest deadline (one query)."""
    today = today or today_in(municipality)
    found = _selected(municipality, Selection(institution_ids=institution_ids)).filter(
        status__in=OPEN_STATUSES, due_on__lt=today
    )
    rows = (
        found.annotate(group=_group_key(municipality, by))
        .exclude(Q(status=Status.WAITING) & Exists(_pausing_policy()))
        .values("group")
        .annotate(n=Count("pk"), oldest=Min("due_on"))
        .order_by()
    )
    return {row["group"]: Overdue(count=row["n"], oldest_due_on=row["oldest"]) for row in rows if row["n"]}


def group_labels(municipality: Municipality, by: Grouping | None, keys: Iterable[Key]) -> dict[Key, str]:
    """What a page or a table calls each group, in the active language (at most one query)."""
    keys = list(keys)
    match by:
        case None:
            return dict.fromkeys(keys, gettext("All signals"))
        case Grouping.INSTITUTION:
            named = Institution.objects.filter(municipality=municipality, pk__in=[key for key in keys if key])
            names = {institution.pk: institution.display_name for institution in named}
            return {key: names.get(key, "") if key else gettext("The municipality's queue") for key in keys}
        case Grouping.TOPIC:
            topics = {topic.pk: str(topic) for topic in Topic.objects.filter(municipality=municipality, pk__in=keys)}
            return {key: topics.get(key, "") if key else gettext("No topic") for key in keys}
        case Grouping.KIND:
            return {key: str(Kind(key).label) for key in keys}
        case Grouping.CHANNEL:
            return {key: str(Channel(key).label) for key in keys}
        case Grouping.MONTH:
            return {key: date_format(key, "YEAR_MONTH_FORMAT") for key in keys}


def today_in(municipality: Municipality) -> datetime.date:
    return local_date(municipality.country, timezone.now())


def months_between(since: datetime.date, until: datetime.date) -> list[datetime.date]:
    """The first days of the months from `since`'s month to `until`'s month, inclusive."""
    months = []
    month = since.replace(day=1)
    while month <= until:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def percentile_cont(ordered: list[float] | list[int], share: float) -> float | None:
    """The value below which `share` of the sorted values lie, interpolated linearly (PostgreSQL's percentile_cont)."""
    if not ordered:
        return None
    position = share * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return float(ordered[below] + (ordered[above] - ordered[below]) * (position - below))


class WorkingDayCounter:
    """`core.workdays.working_days_between` for many pairs of days: the calendar is read once for the days spanned."""

    def __init__(self, country: str, days: Iterable[datetime.date | None]) -> None:
        spanned = {day for day in days if day is not None}
        self.working: list[datetime.date] = []
        if spanned:
            first, last = min(spanned), max(spanned)
            self.working = [
                day
                for offset in range((last - first).days + 1)
                if is_working_day(country, day := first + datetime.timedelta(days=offset))
            ]

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (negative when `end` is before `start`)."""
        return bisect.bisect_right(self.working, end) - bisect.bisect_right(self.working, start)


def _selected(municipality: Municipality, selection: Selection) -> QuerySet[Signal]:
    found = Signal.objects.filter(municipality=municipality).exclude(status=Status.MERGED)
    if selection.institution_ids is not None:
        found = found.filter(institution_id__in=selection.institution_ids)
    zone = TIME_ZONES[municipality.country]
    if selection.since is not None:
        found = found.filter(received_at__gte=_local_midnight(selection.since, zone))
    if selection.until is not None:
        found = found.filter(received_at__lt=_local_midnight(selection.until + datetime.timedelta(days=1), zone))
    if selection.kind is not None:
        found = found.filter(kind=selection.kind)
    if selection.channel is not None:
        found = found.filter(channel=selection.channel)
    return found.order_by()


def _local_midnight(day: datetime.date, zone: datetime.tzinfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone)


def _group_key(municipality: Municipality, by: Grouping | None) -> Combinable:
    """The group's key of a signal: a column, the local month of receipt, or one group (None) for all."""
    match by:
        case None:
            return Value(None, output_field=IntegerField())
        case Grouping.MONTH:
            return TruncMonth("received_at", tzinfo=TIME_ZONES[municipality.country], output_field=DateField())
        case Grouping.INSTITUTION | Grouping.TOPIC:
            return F(f"{by.value}_id")
        case Grouping.KIND | Grouping.CHANNEL:
            return F(by.value)


def _pausing_policy() -> QuerySet[DeadlinePolicy]:
    return DeadlinePolicy.objects.filter(
        municipality=OuterRef("municipality"), kind=OuterRef("kind"), pause_while_waiting=True
    )


def _pauses_while_waiting() -> Case:
    """Whether a waiting signal's deadline is stopped; only waiting rows look the policy up."""
    return Case(When(status=Status.WAITING, then=Exists(_pausing_policy())), default=False, output_field=BooleanField())
