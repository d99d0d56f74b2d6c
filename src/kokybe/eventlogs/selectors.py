"""Reading event logs: which logs a person sees, a log's figures, and its events as rows."""

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kokybe.eventlogs.models import EventLog, LogCase, LogEvent
from kokybe.eventlogs.rows import EventRow
from kokybe.tenancy.access import Access, require_capability
from kokybe.tenancy.models import Municipality
from kokybe.tenancy.permissions import Capability

SAMPLE_CASES = 5
READ_CHUNK = 5000


def event_logs_listed(access: Access) -> QuerySet[EventLog]:
    """The logs of the municipality the person may read: municipality-wide ones and those of their institutions."""
    logs = EventLog.objects.filter(municipality=access.municipality).select_related("institution", "imported_by")
    ids = access.institution_ids(Capability.VIEW_QUALITY)
    if ids is not None:
        logs = logs.filter(Q(institution__isnull=True) | Q(institution_id__in=ids))
    return logs


def event_log_for(access: Access, pk: int, capability: Capability = Capability.VIEW_QUALITY) -> EventLog:
    """The log, if the person may use `capability` on it: 404 when it is another institution's, 403 without the role."""
    log = (
        EventLog.objects.filter(municipality=access.municipality, pk=pk)
        .select_related("institution", "imported_by")
        .first()
    )
    if log is None:
        raise Http404
    require_capability(access, capability, log.institution)
    return log


@lru_cache(maxsize=64)
def _zone(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))


def local_time(instant: datetime, minutes: int) -> datetime:
    """The stored instant in the offset its source wrote it with."""
    return instant.astimezone(_zone(minutes))


def event_rows(municipality: Municipality, log: EventLog) -> Iterator[EventRow]:
    """Every event of the log, case after case (by case id), each case in time order, streamed."""
    events = (
        LogEvent.objects.filter(municipality=municipality, log=log)
        .order_by("case_id", "timestamp", "position")
        .values_list("case_id", "activity", "timestamp", "utc_offset", "lifecycle", "resource", "attributes")
    )
    for case_id, activity, instant, minutes, lifecycle, resource, attributes in events.iterator(chunk_size=READ_CHUNK):
        yield EventRow(case_id, activity, local_time(instant, minutes), lifecycle, resource, attributes)


def case_attributes(municipality: Municipality, log: EventLog) -> dict[str, dict[str, Any]]:
    """The attributes of the cases that have any."""
    cases = LogCase.objects.filter(municipality=municipality, log=log, attributes__isnull=False)
    return {case_id: attributes for case_id, attributes in cases.values_list("case_id", "attributes") if attributes}


def sample_cases(municipality: Municipality, log: EventLog) -> list[tuple[str, list[EventRow]]]:
    """The first few cases by their identifiers, each with its events in time order (two queries)."""
    sample_ids = list(
        LogCase.objects.filter(municipality=municipality, log=log)
        .order_by("case_id")
        .values_list("case_id", flat=True)[:SAMPLE_CASES]
    )
    by_case: dict[str, list[EventRow]] = {case_id: [] for case_id in sample_ids}
    events = (
        LogEvent.objects.filter(municipality=municipality, log=log, case_id__in=sample_ids)
        .order_by("case_id", "timestamp", "position")
        .values_list("case_id", "activity", "timestamp", "utc_offset", "lifecycle", "resource")
    )
    for case_id, activity, instant, minutes, lifecycle, resource in events:
        by_case[case_id].append(EventRow(case_id, activity, local_time(instant, minutes), lifecycle, resource))
    return list(by_case.items())
