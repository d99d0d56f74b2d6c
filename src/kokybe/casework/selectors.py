"""Reading service courses: the lists, one client's courses, one course's timeline, periods for issue 7.

Courses are bound to their institution: staff see the courses of the institutions where they hold
VIEW_CLIENTS; municipality-wide readers (the coordinator) see every course of the municipality. The
coordinator's list names no client (which service a person receives says much about them), only the course
number: opening it asks for a reason like any client record.
"""

import datetime
import statistics
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kokybe.casework.leadtimes import (
    LeadTimes,
    decision_overdue,
    last_request_day_overdue,
    lead_times,
    working_days,
)
from kokybe.casework.models import WAITING_FOR_DECISION, CourseEvent, CourseState, ServiceCourse
from kokybe.catalogue.models import Service
from kokybe.clients.models import Client
from kokybe.core.workdays import TIME_ZONES
from kokybe.eventlogs.rows import EventRow
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution, Municipality
from kokybe.tenancy.permissions import Capability


@dataclass(frozen=True)
class CourseFilters:
    service: Service | None = None
    institution: Institution | None = None
    state: str = ""
    overdue: bool = False
    """Only courses still waiting for a decision longer than their service's `decision_working_days`."""


@dataclass(frozen=True)
class CourseLine:
    """A course in a list, with its lead times and whether its decision is (or was) late."""

    course: ServiceCourse
    times: LeadTimes
    decision_late: bool


def seen_institution_ids(access: Access) -> frozenset[int] | None:
    """Institutions whose courses the person sees; None: all of the municipality."""
    return access.institution_ids(Capability.VIEW_CLIENTS)


def visible_courses(access: Access) -> QuerySet[ServiceCourse]:
    courses = ServiceCourse.objects.filter(municipality=access.municipality)
    if not access.can(Capability.VIEW_CLIENTS):
        return courses.none()
    ids = seen_institution_ids(access)
    return courses if ids is None else courses.filter(institution_id__in=ids)


def _local_midnight(municipality: Municipality, day: datetime.date) -> datetime.datetime:
    zone: ZoneInfo = TIME_ZONES[municipality.country]
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone)


def overdue_condition(municipality: Municipality, today: datetime.date) -> Q:
    """Courses waiting for a decision longer than their service allows: one cut-off day per distinct limit
    in the catalogue (a handful), so the filter stays one indexed query however many courses there are."""
    limits = (
        Service.objects.filter(municipality=municipality, decision_working_days__isnull=False)
        .values_list("decision_working_days", flat=True)
        .distinct()
    )
    condition = Q(pk__in=[])
    for limit in limits:
        if limit is None:  # excluded by the query; the type does not know
            continue
        last_day = last_request_day_overdue(municipality.country, today, limit)
        condition |= Q(
            service__decision_working_days=limit,
            requested_at__lt=_local_midnight(municipality, last_day + datetime.timedelta(days=1)),
        )
    return Q(state__in=WAITING_FOR_DECISION) & condition


def course_list(access: Access, filters: CourseFilters) -> QuerySet[ServiceCourse]:
    """The institution's or municipality's courses, newest request first (the page is cut by the view)."""
    courses = visible_courses(access).select_related("service__municipality", "institution", "client")
    if filters.service is not None:
        courses = courses.filter(service=filters.service)
    if filters.institution is not None:
        courses = courses.filter(institution=filters.institution)
    if filters.state:
        courses = courses.filter(state=filters.state)
    if filters.overdue:
        courses = courses.filter(overdue_condition(access.municipality, timezone.localdate()))
    return courses.order_by("-requested_at", "-id")


def course_lines(courses: list[ServiceCourse], municipality: Municipality) -> list[CourseLine]:
    today = timezone.localdate()
    lines = []
    for course in courses:
        times = lead_times(course, municipality.country, today)
        lines.append(CourseLine(course, times, decision_overdue(course, municipality.country, times)))
    return lines


def list_services(access: Access) -> QuerySet[Service]:
    return Service.objects.filter(municipality=access.municipality).select_related("municipality").order_by("id")


def list_institutions(access: Access) -> QuerySet[Institution]:
    institutions = Institution.objects.filter(municipality=access.municipality)
    ids = seen_institution_ids(access)
    return institutions if ids is None else institutions.filter(pk__in=ids)


def _events_in_order() -> Prefetch:
    return Prefetch("events", queryset=CourseEvent.objects.select_related("worker").order_by("at", "id"))


def client_courses(access: Access, client: Client) -> list[ServiceCourse]:
    """The client's courses the person sees (of their institutions; all for a municipality-wide reader),
    with their steps in order."""
    courses = visible_courses(access).filter(client=client)
    return list(
        courses.select_related("service__municipality", "institution")
        .prefetch_related(_events_in_order())
        .order_by("-requested_at", "-id")
    )


def course_timeline(course: ServiceCourse) -> list[CourseEvent]:
    return list(
        CourseEvent.objects.filter(municipality_id=course.municipality_id, course=course)
        .select_related("worker")
        .order_by("at", "id")
    )


def courses_in_period(
    municipality: Municipality,
    *,
    since: datetime.datetime,
    until: datetime.datetime,
    service: Service | None = None,
    institution: Institution | None = None,
) -> QuerySet[ServiceCourse]:
    """For the LEAN measures (issue 7): the courses requested in [since, until), of one service and
    institution when given, each with `events` prefetched in time order and its service and institution
    loaded. Lead times: `kokybe.casework.leadtimes.lead_times`."""
    courses = ServiceCourse.objects.filter(municipality=municipality, requested_at__gte=since, requested_at__lt=until)
    if service is not None:
        courses = courses.filter(service=service)
    if institution is not None:
        courses = courses.filter(institution=institution)
    return (
        courses.select_related("service__municipality", "institution")
        .prefetch_related(_events_in_order())
        .order_by("service_id", "institution_id", "requested_at", "id")
    )


def course_event_rows(municipality: Municipality, courses: QuerySet[ServiceCourse]) -> Iterator[EventRow]:
    """The steps of `courses` as event-log rows, case after case, for the XES and CSV writers: the case is
    the course number, the activity the step's kind, the resource the worker; no client data. Read in
    batches so a large export streams in constant memory."""
    zone = TIME_ZONES[municipality.country]
    course_ids = courses.order_by().values_list("pk", flat=True)
    events = (
        CourseEvent.objects.filter(municipality=municipality, course_id__in=course_ids)
        .select_related("worker", "course__service__municipality", "course__institution")
        .order_by("course_id", "at", "id")
    )
    for event in events.iterator(chunk_size=2000):
        course = event.course
        attributes: dict[str, str] = {
            "service": course.service.display_name,
            "institution": course.institution.display_name,
        }
        if event.reason:
            attributes["reason"] = event.reason
        yield EventRow(
            case_id=str(course.pk),
            activity=event.kind,
            timestamp=event.at.astimezone(zone),
            lifecycle="complete",
            resource=event.worker.display_name if event.worker is not None else "",
            attributes=attributes,
        )


@dataclass(frozen=True)
class LeadTimeRow:
    """Lead times of one service at one institution over a period (issue 7 reads these)."""

    service: Service
    institution: Institution
    requested: int
    decided: int
    refused: int
    median_to_decision: float | None
    """Working days from request to decision, median of the decided courses."""
    decided_within_deadline: float | None
    """Share of the decided courses decided within the service's `decision_working_days` (None without one)."""
    median_to_start: float | None


def lead_time_summary(
    municipality: Municipality, *, since: datetime.datetime, until: datetime.datetime
) -> list[LeadTimeRow]:
    """Per service and institution, the courses requested in [since, until) and their lead times; one query
    (the moments are kept on the courses), working days counted on the municipality's calendar."""
    courses = (
        ServiceCourse.objects.filter(municipality=municipality, requested_at__gte=since, requested_at__lt=until)
        .select_related("service__municipality", "institution")
        .order_by("service_id", "institution_id", "requested_at", "id")
    )
    groups: dict[tuple[int, int], list[ServiceCourse]] = {}
    for course in courses:
        groups.setdefault((course.service_id, course.institution_id), []).append(course)
    rows = []
    today = timezone.localdate()
    for members in groups.values():
        first = members[0]
        times = [lead_times(course, municipality.country, today) for course in members]
        to_decision = [t.to_decision for t in times if t.to_decision is not None]
        to_start = [t.to_start for t in times if t.to_start is not None]
        limit = first.service.decision_working_days
        within = None
        if limit is not None and to_decision:
            within = sum(1 for days in to_decision if days <= limit) / len(to_decision)
        rows.append(
            LeadTimeRow(
                service=first.service,
                institution=first.institution,
                requested=len(members),
                decided=len(to_decision),
                refused=sum(1 for course in members if course.state == CourseState.REFUSED),
                median_to_decision=statistics.median(to_decision) if to_decision else None,
                decided_within_deadline=within,
                median_to_start=statistics.median(to_start) if to_start else None,
            )
        )
    return rows


def decision_working_days(
    municipality: Municipality,
    *,
    start: datetime.date,
    end: datetime.date,
    institution_ids: Collection[int] | None = None,
    service_id: int | None = None,
) -> list[int]:
    """Working days from request to decision of each course requested from `start` to `end` (local days, both
    included) and decided since, sorted: the charter's median lead time pools them over institutions and
    services, which `lead_time_summary`'s per-group medians cannot give. One query of two columns."""
    courses = ServiceCourse.objects.filter(
        municipality=municipality,
        requested_at__gte=_local_midnight(municipality, start),
        requested_at__lt=_local_midnight(municipality, end + datetime.timedelta(days=1)),
        decided_at__isnull=False,
    )
    if institution_ids is not None:
        courses = courses.filter(institution_id__in=institution_ids)
    if service_id is not None:
        courses = courses.filter(service_id=service_id)
    moments = courses.order_by().values_list("requested_at", "decided_at")
    country = municipality.country
    # The filter leaves no undecided course; the check is for the type, whose column is nullable.
    return sorted(working_days(country, requested, decided) for requested, decided in moments if decided)
