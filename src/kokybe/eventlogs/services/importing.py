"""Importing an event log from an XES or CSV file, and deleting one.

The file is read once, as a stream: events go to the database as they are read (COPY on
PostgreSQL), so a million-event CSV never sits in memory. A problem anywhere in the file stops the
import at the end of the read with every problem listed; the transaction then leaves nothing behind.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.analytics.services.queueing import summaries_refresh_soon
from kokybe.audit.services import audit_record
from kokybe.core.errors import ServiceError
from kokybe.eventlogs.csvlog import CsvMapping
from kokybe.eventlogs.models import EventLog, LogCase, LogEvent, TimestampPrecision
from kokybe.eventlogs.reading import format_of, read_items
from kokybe.eventlogs.rows import CaseRow, EventLogFileError, Problem, ReadSummary
from kokybe.eventlogs.storage import rows_store
from kokybe.eventlogs.timestamps import offset_minutes, timespec_for
from kokybe.tenancy.models import Institution, Municipality

EVENT_COLUMNS = (
    "municipality_id",
    "log_id",
    "position",
    "case_id",
    "activity",
    "timestamp",
    "utc_offset",
    "lifecycle",
    "resource",
    "attributes",
)
CASE_COLUMNS = ("municipality_id", "log_id", "case_id", "attributes")
NAME_LENGTH = 200


class EventLogProblems(ServiceError):
    """The file has problems; nothing was imported. `problems` lists the first ones found."""

    def __init__(self, message: str, problems: list[Problem], count: int) -> None:
        super().__init__(message, field="file")
        self.problems = problems
        self.count = count


@transaction.atomic
def event_log_import(
    *,
    actor: User | None,
    municipality: Municipality,
    stream: IO[bytes],
    file_name: str,
    zone: tzinfo,
    name: str = "",
    institution: Institution | None = None,
    description: str = "",
    mapping: CsvMapping | None = None,
) -> EventLog:
    """Store the file's events as a new log of `municipality`.

    Raises EventLogProblems (rows or events that cannot be imported, each with its place) or
    ServiceError (a file that is not an event log); either way nothing is stored.
    """
    if institution is not None and institution.municipality_id != municipality.pk:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    log_format = format_of(file_name)
    log = EventLog.objects.create(
        municipality=municipality,
        institution=institution,
        name=(name.strip() or _base_name(file_name))[:NAME_LENGTH],
        description=description.strip(),
        source_name=file_name[-255:],
        format=log_format,
        imported_by=actor,
        imported_at=timezone.now(),
    )
    summary = ReadSummary()
    tally = _Tally()
    try:
        items = read_items(stream, file_name, zone, summary, mapping)
        rows_store(LogEvent, EVENT_COLUMNS, _event_rows(log, items, summary, tally))
    except EventLogFileError as error:
        raise ServiceError(error.message, field="file") from error
    if summary.problem_count:
        raise EventLogProblems(
            _("The file has problems; nothing was imported. The list is below the form."),
            summary.problems,
            summary.problem_count,
        )
    if not tally.events:
        raise ServiceError(_("The file has no events."), field="file")
    rows_store(
        LogCase,
        CASE_COLUMNS,
        ((municipality.pk, log.pk, case_id, attributes) for case_id, attributes in tally.cases.items()),
    )
    log.case_count = len(tally.cases)
    log.event_count = tally.events
    log.first_event_at, log.last_event_at = tally.first, tally.last
    log.resource_count = len(tally.resources - {""})
    log.activity_counts = [
        list(pair) for pair in sorted(tally.activities.items(), key=lambda pair: (-pair[1], pair[0]))
    ]
    log.attributes = summary.attributes
    log.event_attribute_keys = list(summary.event_attribute_keys)
    log.timestamp_precision = TimestampPrecision(timespec_for(summary.fraction_digits))
    log.save(
        update_fields=[
            "case_count",
            "event_count",
            "first_event_at",
            "last_event_at",
            "resource_count",
            "activity_counts",
            "attributes",
            "event_attribute_keys",
            "timestamp_precision",
        ]
    )
    summaries_refresh_soon(municipality.pk)
    audit_record(
        actor=actor,
        action="event_log.import",
        target=log,
        municipality_id=municipality.pk,
        institution_id=log.institution_id,
        changes={
            "name": log.name,
            "source_name": log.source_name,
            "format": log.format,
            "case_count": log.case_count,
            "event_count": log.event_count,
        },
        label=log.name,
    )
    return log


@dataclass
class _Tally:
    events: int = 0
    cases: dict[str, Any] = field(default_factory=dict)  # case id -> its attributes, in order of first appearance
    first: datetime | None = None
    last: datetime | None = None
    activities: Counter[str] = field(default_factory=Counter)
    resources: set[str] = field(default_factory=set)


def _event_rows(log: EventLog, items: Iterator[Any], summary: ReadSummary, tally: _Tally) -> Iterator[tuple[Any, ...]]:
    """The LogEvent rows, numbered in file order; the cases are noted on the way.

    After the first problem nothing more is written (the import will be refused), but the file is
    read to its end so that every problem is listed.
    """
    municipality_id, log_id = log.municipality_id, log.pk
    cases, activities, resources = tally.cases, tally.activities, tally.resources
    first = last = None
    position = 0
    for item in items:
        if isinstance(item, CaseRow):
            cases[item.case_id] = item.attributes
            continue
        if item.case_id not in cases:
            cases[item.case_id] = None
        if summary.problem_count:
            continue
        timestamp = item.timestamp
        if first is None or timestamp < first:
            first = timestamp
        if last is None or timestamp > last:
            last = timestamp
        activities[item.activity] += 1
        resources.add(item.resource)
        yield (
            municipality_id,
            log_id,
            position,
            item.case_id,
            item.activity,
            item.timestamp,
            offset_minutes(item.timestamp),
            item.lifecycle,
            item.resource,
            item.attributes,
        )
        position += 1
    tally.events, tally.first, tally.last = position, first, last


def _base_name(file_name: str) -> str:
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    for ending in (".xes.gz", ".xes", ".csv"):
        if base.lower().endswith(ending):
            return base[: -len(ending)]
    return base


@transaction.atomic
def event_log_delete(*, actor: User, log: EventLog) -> None:
    """Delete a log with its cases and events (one DELETE each: no rows are loaded)."""
    audit_record(
        actor=actor,
        action="event_log.delete",
        target=log,
        municipality_id=log.municipality_id,
        institution_id=log.institution_id,
        changes={"name": log.name, "case_count": log.case_count, "event_count": log.event_count},
        label=log.name,
    )
    LogEvent.objects.filter(log=log).delete()
    LogCase.objects.filter(log=log).delete()
    log.delete()
