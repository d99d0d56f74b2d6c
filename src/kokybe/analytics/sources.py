"""The platform's processes read as event frames (`kokybe.analytics.lean`), one source per process.

Each source answers two questions for `summaries_refresh`: which cases have events newer than a watermark
(`touched`), and what those cases' events and case attributes are now (`events`, `cases`). Columns are read
with `values_list` in chunks, never as model instances, so a refresh of thousands of cases stays a handful
of queries and a few megabytes.

Frames carry the key of a case as `log` (Int64: the imported log, 0 for the platform's own processes) and
`case` (String); `cases` gives per case `institution` and `service` (0: none), `kind` ("" : none),
`completed`, and the deadline: `due_at` (None: none applies), `settled_at` (when it was met or missed: the
decision, the first answer) and `deadline_running` (the deadline can still be met or missed).
"""

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import polars as pl
from django.db import connection
from django.db.models import Model, Q, QuerySet

from kokybe.analytics.lean import event_frame
from kokybe.analytics.models import CaseSummary, Process
from kokybe.casework.models import WAITING_FOR_DECISION, CourseEvent, CourseState, EventKind, ServiceCourse
from kokybe.core.workdays import TIME_ZONES, local_date, working_day_after
from kokybe.eventlogs.models import EventLog, LogEvent
from kokybe.inquiries.models import OPEN_STATUSES as SIGNAL_OPEN_STATUSES
from kokybe.inquiries.models import Signal, SignalEvent
from kokybe.inquiries.models import Status as SignalStatus
from kokybe.nonconformities.models import Nonconformity, NonconformityEvent
from kokybe.nonconformities.models import Status as NonconformityStatus
from kokybe.tenancy.models import Municipality

CHUNK = 900  # ids per IN (...) list: under SQLite's old limit of 999 parameters
READ_BATCH = 5000
MANY = 3 * CHUNK

TIMESTAMP_TYPE = pl.Datetime("us", "UTC")
CASE_SCHEMA: dict[str, pl.DataType] = {
    "log": pl.Int64(),
    "case": pl.String(),
    "institution": pl.Int64(),
    "service": pl.Int64(),
    "kind": pl.String(),
    "completed": pl.Boolean(),
    "due_at": TIMESTAMP_TYPE,
    "settled_at": TIMESTAMP_TYPE,
    "deadline_running": pl.Boolean(),
}
EVENT_SCHEMA: dict[str, pl.DataType] = {
    "log": pl.Int64(),
    "case": pl.String(),
    "activity": pl.String(),
    "timestamp": TIMESTAMP_TYPE,
    "order": pl.Int64(),
    "lifecycle": pl.String(),
}


CaseKey = tuple[int, str]
"""(log id or 0, case key): a case of a process."""


class Source(Protocol):
    @property
    def process(self) -> Process: ...

    @property
    def event_model(self) -> type[Model]: ...

    def touched(self, municipality: Municipality, after: int, until: int) -> set[CaseKey]: ...

    def events(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame: ...

    def cases(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame: ...


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _event_frame(rows: Iterable[tuple[Any, ...]]) -> pl.DataFrame:
    """Rows of (log, case, activity, timestamp, order, lifecycle) as a validated event frame."""
    frame = pl.DataFrame(list(rows), schema=EVENT_SCHEMA, orient="row")
    return event_frame(frame, groups=("log",), check_groups=False)


def _case_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=CASE_SCHEMA)


def end_of_day(country: str, day: datetime.date) -> datetime.datetime:
    """The first moment after `day` in the country, in UTC: a deadline "by `day`" is met before it."""
    following = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), TIME_ZONES[country])
    return following.astimezone(datetime.UTC)


def _rows_of(found: QuerySet[Any], keys: Sequence[CaseKey], *columns: str) -> Iterator[tuple[Any, ...]]:
    """`columns` of the rows of `found` whose first column is one of the keys' ids: a query per chunk of ids,
    or for more than a few chunks one pass over `found` (a rebuild reads nearly every case anyway, and long
    IN lists cost more to build than the rows they leave out)."""
    ids = sorted(int(case) for _log, case in keys)
    if len(ids) > MANY:
        wanted = set(ids)
        for row in found.order_by().values_list(*columns).iterator(chunk_size=READ_BATCH):
            if row[0] in wanted:
                yield row
        return
    for chunk in _chunks(ids):
        yield from found.filter(**{f"{columns[0]}__in": chunk}).order_by().values_list(*columns)


INTAKE_ENDS = (EventKind.STARTED, EventKind.REFUSED, EventKind.ENDED)
"""The steps that end a request's intake: the service starts, is refused, or the course ends before starting."""
INTAKE_STEPS = (EventKind.REQUESTED, EventKind.ASSESSED, EventKind.GRANTED, EventKind.REFUSED, EventKind.STARTED)


def _course_events(municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
    """Every step of the courses of `keys`, in case order (each course's steps by moment, then id)."""
    return _event_frame(
        (0, str(course), kind, at, event_id, "")
        for course, kind, at, event_id in _rows_of(
            CourseEvent.objects.filter(municipality=municipality), keys, "course_id", "kind", "at", "id"
        )
    )


@dataclass(frozen=True)
class ServicesSource:
    """Requests for services (the intake): a case is a course from its request up to and including its start, its
    refusal, or its end before starting (a request withdrawn); the steps after that belong to the episode. Completed
    once one of those is taken. The deadline is the decision within the service's `decision_working_days` after the
    day of the request (`kokybe.casework.leadtimes`)."""

    process: Process = Process.SERVICES
    event_model: type[Model] = CourseEvent

    def touched(self, municipality: Municipality, after: int, until: int) -> set[CaseKey]:
        # A review, or the end of a service being provided, leaves the intake as it was.
        steps = Q(kind__in=INTAKE_STEPS) | Q(kind=EventKind.ENDED, course__started_at__isnull=True)
        found = CourseEvent.objects.filter(steps, municipality=municipality, id__gt=after, id__lte=until)
        return {(0, str(course)) for course in found.order_by().values_list("course_id", flat=True).distinct()}

    def events(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
        ends = pl.col("activity").is_in([kind.value for kind in INTAKE_ENDS]).cast(pl.Int64)
        ended_before = (ends.cum_sum() - ends).over(["log", "case"])
        return _course_events(municipality, keys).filter(ended_before == 0)

    def cases(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
        country = municipality.country
        rows = []
        for course, institution, service, state, requested_at, decided_at, started_at, days in _rows_of(
            ServiceCourse.objects.filter(municipality=municipality),
            keys,
            "id",
            "institution_id",
            "service_id",
            "state",
            "requested_at",
            "decided_at",
            "started_at",
            "service__decision_working_days",
        ):
            running = state in WAITING_FOR_DECISION
            due_at = None
            if days is not None and (decided_at is not None or running):
                due_at = end_of_day(country, working_day_after(country, local_date(country, requested_at), days))
            rows.append(
                {
                    "log": 0,
                    "case": str(course),
                    "institution": institution,
                    "service": service,
                    "kind": "",
                    "completed": started_at is not None or state in (CourseState.REFUSED, CourseState.ENDED),
                    "due_at": due_at,
                    "settled_at": decided_at,
                    "deadline_running": running,
                }
            )
        return _case_frame(rows)


@dataclass(frozen=True)
class EpisodesSource:
    """Service episodes (the delivery): a case is a course that started, from its start through its reviews to its
    end; completed once ended. No deadline: how long a service is given is the person's need, not a wait."""

    process: Process = Process.EPISODES
    event_model: type[Model] = CourseEvent

    def touched(self, municipality: Municipality, after: int, until: int) -> set[CaseKey]:
        """The started courses with new steps (any step: a re-import rewrites the whole course, and may have moved
        it to another service or institution), and the courses a re-import took the start away from."""
        found = CourseEvent.objects.filter(municipality=municipality, id__gt=after, id__lte=until).order_by()
        started: set[str] = set()
        unstarted: list[str] = []
        for course, started_at in found.values_list("course_id", "course__started_at").distinct():
            if started_at is None:
                unstarted.append(str(course))
            else:
                started.add(str(course))
        summarised = CaseSummary.objects.filter(municipality=municipality, process=self.process, log__isnull=True)
        gone = {
            case
            for chunk in _chunks(sorted(set(unstarted)))
            for case in summarised.filter(case_key__in=chunk).values_list("case_key", flat=True)
        }
        return {(0, case) for case in started | gone}

    def events(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
        started = (pl.col("activity") == EventKind.STARTED.value).cast(pl.Int64).cum_sum().over(["log", "case"])
        return _course_events(municipality, keys).filter(started > 0)

    def cases(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
        rows = [
            {
                "log": 0,
                "case": str(course),
                "institution": institution,
                "service": service,
                "kind": "",
                "completed": state == CourseState.ENDED,
                "due_at": None,
                "settled_at": None,
                "deadline_running": False,
            }
            for course, institution, service, state in _rows_of(
                ServiceCourse.objects.filter(municipality=municipality, started_at__isnull=False),
                keys,
                "id",
                "institution_id",
                "service_id",
                "state",
            )
        ]
        return _case_frame(rows)


@dataclass(frozen=True)
class SignalsSource:
    """Signals (inquiries): a case is a signal, an activity its step's kind; grouped by the signal's institution
    (none: the municipality's own queue) and kind. The deadline is the first answer by `due_on`."""

    process: Process = Process.SIGNALS
    event_model: type[Model] = SignalEvent

    def touched(self, municipality: Municipality, after: int, until: int) -> set[CaseKey]:
        signals = SignalEvent.objects.filter(municipality=municipality, id__gt=after, id__lte=until)
        return {(0, str(signal)) for signal in signals.values_list("signal_id", flat=True).distinct()}

    def events(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
        return _event_frame(
            (0, str(signal), kind, at, event_id, "")
            for signal, kind, at, event_id in _rows_of(
                SignalEvent.objects.filter(municipality=municipality), keys, "signal_id", "kind", "at", "id"
            )
        )

    def cases(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
        country = municipality.country
        rows = []
        for signal, institution, kind, status, due_on, answered_at in _rows_of(
            Signal.objects.filter(municipality=municipality),
            keys,
            "id",
            "institution_id",
            "kind",
            "status",
            "due_on",
            "answered_at",
        ):
            running = answered_at is None and status in SIGNAL_OPEN_STATUSES
            rows.append(
                {
                    "log": 0,
                    "case": str(signal),
                    "institution": institution or 0,
                    "service": 0,
                    "kind": kind,
                    "completed": status in (SignalStatus.CLOSED, SignalStatus.MERGED),
                    "due_at": end_of_day(country, due_on) if answered_at is not None or running else None,
                    "settled_at": answered_at,
                    "deadline_running": running,
                }
            )
        return _case_frame(rows)


@dataclass(frozen=True)
class NonconformitiesSource:
    """Nonconformities: a case is a nonconformity, an activity its step's kind; no deadline of their own."""

    process: Process = Process.NONCONFORMITIES
    event_model: type[Model] = NonconformityEvent

    def touched(self, municipality: Municipality, after: int, until: int) -> set[CaseKey]:
        found = NonconformityEvent.objects.filter(municipality=municipality, id__gt=after, id__lte=until)
        return {(0, str(item)) for item in found.values_list("nonconformity_id", flat=True).distinct()}

    def events(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
        return _event_frame(
            (0, str(item), kind, at, event_id, "")
            for item, kind, at, event_id in _rows_of(
                NonconformityEvent.objects.filter(municipality=municipality),
                keys,
                "nonconformity_id",
                "kind",
                "at",
                "id",
            )
        )

    def cases(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
        rows = [
            {
                "log": 0,
                "case": str(item),
                "institution": institution,
                "service": 0,
                "kind": "",
                "completed": status == NonconformityStatus.CLOSED,
                "due_at": None,
                "settled_at": None,
                "deadline_running": False,
            }
            for item, institution, status in _rows_of(
                Nonconformity.objects.filter(municipality=municipality), keys, "id", "institution_id", "status"
            )
        ]
        return _case_frame(rows)


@dataclass(frozen=True)
class ImportedSource:
    """Imported event logs: each log a process of its own, its cases as the file named them, the log's
    institution. A log never changes once imported, so a new event means a new log: every case of it is read,
    a whole log at a time (the table's one index leads with the log)."""

    process: Process = Process.IMPORTED
    event_model: type[Model] = LogEvent

    def touched(self, municipality: Municipality, after: int, until: int) -> set[CaseKey]:
        found = LogEvent.objects.filter(municipality=municipality, id__gt=after, id__lte=until)
        logs = list(found.order_by().values_list("log_id", flat=True).distinct())
        return {
            (log, case)
            for log, case in LogEvent.objects.filter(municipality=municipality, log_id__in=logs)
            .order_by()
            .values_list("log_id", "case_id")
            .distinct()
        }

    def events(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
        logs = sorted({log for log, _case in keys})
        frames = []
        for log in logs:
            rows = (
                LogEvent.objects.filter(municipality=municipality, log_id=log)
                .order_by()
                .values_list("case_id", "activity", "timestamp", "position", "lifecycle")
                .iterator(chunk_size=READ_BATCH)
            )
            frames.append(_event_frame((log, *row) for row in rows))
        wanted = pl.DataFrame(list(keys), schema={"log": pl.Int64(), "case": pl.String}, orient="row")
        if not frames:
            return _event_frame(())
        return pl.concat(frames).join(wanted, on=["log", "case"], how="semi")

    def cases(self, municipality: Municipality, keys: Sequence[CaseKey]) -> pl.DataFrame:
        institution_of = dict(
            EventLog.objects.filter(municipality=municipality, id__in={log for log, _case in keys})
            .order_by()
            .values_list("id", "institution_id")
        )
        return _case_frame(
            [
                {
                    "log": log,
                    "case": case,
                    "institution": institution_of.get(log) or 0,
                    "service": 0,
                    "kind": "",
                    "completed": True,
                    "due_at": None,
                    "settled_at": None,
                    "deadline_running": False,
                }
                for log, case in keys
                if log in institution_of
            ]
        )


SOURCES: dict[str, Source] = {
    source.process: source
    for source in (ServicesSource(), EpisodesSource(), SignalsSource(), NonconformitiesSource(), ImportedSource())
}


def committed_horizon(municipality: Municipality, source: Source) -> int:
    """The highest event id of the source up to which every event is committed and visible.

    Ids are handed out when a row is inserted, not when its transaction commits: on PostgreSQL a writer may
    still be about to commit id 100 while id 101 is visible, and a watermark moved to 101 would skip 100 for
    ever. SHARE mode waits for the transactions writing the table to end and holds new writers back until
    the refresh commits (a fraction of a second), so the maximum read after it has no gap below it. SQLite
    has one writer at a time, whose ids are committed in order.
    """
    table = source.event_model._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'LOCK TABLE "{table}" IN SHARE MODE')
    last = (
        source.event_model._base_manager.filter(municipality=municipality).order_by("-id").values_list("id", flat=True)
    )
    return int(last.first() or 0)
