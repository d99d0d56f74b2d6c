"""The steps workers take on a course: request, needs assessment, decision, start, reviews, end.

Each writes a `CourseEvent` by the acting worker, moves the course's state and moments, and is audited.
A step the course is not ready for (`services.transitions`) raises ServiceError with nothing written; two
workers acting on one course at once are told by the edit check (`lock_version`).
"""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.analytics.services.queueing import summaries_refresh_soon
from kokybe.audit.services import audit_record
from kokybe.casework.models import CourseEvent, EventKind, ServiceCourse
from kokybe.casework.services.moments import MOMENT_OF
from kokybe.casework.services.transitions import needs_check, reason_check, step_check
from kokybe.catalogue.models import Service, ServiceProvider
from kokybe.clients.models import Client, ClientStatus
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution


def _event_write(
    *,
    action: str,
    actor: User,
    course: ServiceCourse,
    kind: str,
    at: datetime.datetime,
    previous_at: datetime.datetime | None,
    note: str,
    reason: str = "",
    needs: Sequence[str] = (),
) -> CourseEvent:
    state_before = course.state or None
    course.state = step_check(state=state_before, kind=kind, at=at, previous_at=previous_at)
    if kind in MOMENT_OF:
        setattr(course, MOMENT_OF[kind], at)
    course.save()
    event = CourseEvent.objects.create(
        municipality_id=course.municipality_id,
        institution_id=course.institution_id,
        course=course,
        kind=kind,
        at=at,
        worker=actor,
        needs=list(needs),
        note=note.strip(),
        reason=reason,
        recorded_at=timezone.now(),
    )
    summaries_refresh_soon(course.municipality_id)
    changes: dict[str, dict[str, object]] = {
        "state": {"from": state_before, "to": course.state},
        "at": {"from": None, "to": at.isoformat()},
    }
    if reason:
        changes["reason"] = {"from": None, "to": reason}
    audit_record(
        actor=actor,
        action=action,
        target=course,
        municipality_id=course.municipality_id,
        institution_id=course.institution_id,
        changes=changes,
    )
    return event


def _last_at(course: ServiceCourse) -> datetime.datetime | None:
    return (
        CourseEvent.objects.filter(municipality_id=course.municipality_id, course=course)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )


def _next_step(
    *,
    action: str,
    actor: User,
    course: ServiceCourse,
    lock_version: int,
    kind: str,
    at: datetime.datetime | None,
    note: str,
    reason: str = "",
    needs: Sequence[str] = (),
) -> CourseEvent:
    at = at or timezone.now()
    previous_at = _last_at(course)
    # Refuse a step out of turn before claiming the version, so a refusal leaves the course as it was.
    step_check(state=course.state, kind=kind, at=at, previous_at=previous_at)
    version_claim(course, lock_version)
    return _event_write(
        action=action,
        actor=actor,
        course=course,
        kind=kind,
        at=at,
        previous_at=previous_at,
        note=note,
        reason=reason,
        needs=needs,
    )


@transaction.atomic
def course_request(
    *,
    actor: User,
    client: Client,
    service: Service,
    institution: Institution,
    at: datetime.datetime | None = None,
    note: str = "",
) -> ServiceCourse:
    """Open a course: the client asks `institution` for `service` (which it must provide in the catalogue)."""
    if client.status == ClientStatus.MERGED:
        raise ServiceError(_("This record was merged into another; change that one instead."))
    if service.municipality_id != client.municipality_id:
        raise ServiceError(_("Choose a service of this municipality."), field="service")
    if not ServiceProvider.objects.filter(
        municipality_id=client.municipality_id, service=service, institution=institution
    ).exists():
        raise ServiceError(
            _("%(institution)s does not provide this service.") % {"institution": institution}, field="institution"
        )
    at = at or timezone.now()
    course = ServiceCourse(
        municipality_id=client.municipality_id,
        institution=institution,
        client=client,
        service=service,
        state="",
        requested_at=at,
    )
    _event_write(
        action="service_course.request",
        actor=actor,
        course=course,
        kind=EventKind.REQUESTED,
        at=at,
        previous_at=None,
        note=note,
    )
    return course


@transaction.atomic
def course_assess(
    *,
    actor: User,
    course: ServiceCourse,
    lock_version: int,
    needs: Sequence[str],
    note: str,
    at: datetime.datetime | None = None,
) -> CourseEvent:
    """Record the needs assessment: the areas of need found (at least one) and what was found, in words."""
    found = needs_check(needs)
    if not found:
        raise ServiceError(_("Choose at least one area in which help is needed."), field="needs")
    if not note.strip():
        raise ServiceError(_("Describe what the assessment found."), field="note")
    return _next_step(
        actor=actor,
        course=course,
        lock_version=lock_version,
        action="service_course.assess",
        kind=EventKind.ASSESSED,
        at=at,
        note=note,
        needs=found,
    )


@transaction.atomic
def course_decide(
    *,
    actor: User,
    course: ServiceCourse,
    lock_version: int,
    granted: bool,
    reason: str = "",
    note: str = "",
    at: datetime.datetime | None = None,
) -> CourseEvent:
    """Grant the service, or refuse it with a reason from the list (and, for "other", the reason in words)."""
    kind = EventKind.GRANTED if granted else EventKind.REFUSED
    reason_check(kind, reason, required=True)
    if reason == "other" and not note.strip():
        raise ServiceError(_("Write the reason."), field="note")
    action = "service_course.grant" if granted else "service_course.refuse"
    return _next_step(
        action=action, actor=actor, course=course, lock_version=lock_version, kind=kind, at=at, note=note, reason=reason
    )


@transaction.atomic
def course_start(
    *, actor: User, course: ServiceCourse, lock_version: int, note: str = "", at: datetime.datetime | None = None
) -> CourseEvent:
    """The granted service starts being provided."""
    return _next_step(
        actor=actor,
        course=course,
        lock_version=lock_version,
        action="service_course.start",
        kind=EventKind.STARTED,
        at=at,
        note=note,
    )


@transaction.atomic
def course_review(
    *, actor: User, course: ServiceCourse, lock_version: int, note: str, at: datetime.datetime | None = None
) -> CourseEvent:
    """A review of the service being provided: what was found (required)."""
    if not note.strip():
        raise ServiceError(_("Write what the review found."), field="note")
    return _next_step(
        actor=actor,
        course=course,
        lock_version=lock_version,
        action="service_course.review",
        kind=EventKind.REVIEWED,
        at=at,
        note=note,
    )


@transaction.atomic
def course_end(
    *,
    actor: User,
    course: ServiceCourse,
    lock_version: int,
    reason: str,
    note: str = "",
    at: datetime.datetime | None = None,
) -> CourseEvent:
    """End the course (also before a decision or a start: a request withdrawn) with a reason from the list."""
    reason_check(EventKind.ENDED, reason, required=True)
    if reason == "other" and not note.strip():
        raise ServiceError(_("Write the reason."), field="note")
    return _next_step(
        actor=actor,
        course=course,
        lock_version=lock_version,
        action="service_course.end",
        kind=EventKind.ENDED,
        at=at,
        note=note,
        reason=reason,
    )
