"""Service history imported from another system (used by `kokybe.clientimports`)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.analytics.services.queueing import summaries_refresh_soon
from kokybe.audit.services import audit_record
from kokybe.casework.models import CourseEvent, EventKind, ServiceCourse
from kokybe.casework.services.moments import course_moments_set
from kokybe.casework.services.transitions import needs_check, reason_check, step_check
from kokybe.catalogue.models import Service
from kokybe.clients.models import Client, ClientStatus
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution


@dataclass(frozen=True)
class ImportedStep:
    """One step of a course as another system recorded it.

    `kind` is an `EventKind` value ("requested", "assessed", "granted", "refused", "started", "reviewed",
    "ended"); `at` an aware datetime; `reason` a `RefusalReason` code on "refused", an `EndReason` code on
    "ended" (empty when the other system did not record one), empty on other steps; `note` free text;
    `worker` the member who took the step when the other system names one; `needs` the `NeedArea` codes an
    assessment found (on "assessed" only)."""

    kind: str
    at: datetime.datetime
    reason: str = ""
    note: str = ""
    worker: User | None = None
    needs: tuple[str, ...] = ()


def _key(
    kind: str, at: datetime.datetime, reason: str, note: str, worker_id: int | None, needs: Sequence[str]
) -> tuple[object, ...]:
    return (kind, at, reason, note, worker_id, tuple(needs))


@transaction.atomic
def service_course_import(
    *,
    actor: User | None,
    client: Client,
    service: Service,
    institution: Institution,
    external_id: str,
    steps: Sequence[ImportedStep],
) -> tuple[ServiceCourse, bool]:
    """Create the course of `client` known in the other system as `external_id`, or bring the existing one
    in line with `steps`; returns (course, created).

    Re-import: when a course of the municipality has this `external_id`, its imported steps are deleted and
    `steps` written in their place, and its service and institution set to the ones given; steps recorded in
    Kokybė since the last import (a review, an end) are kept and take their place among the imported ones by
    time. When the imported steps, the service and the institution are already as given, nothing is written
    and nothing is audited (a re-import of the same file changes nothing; the order in which the steps are given
    matters only between steps at the same moment). An imported step's worker is the one given, or none.

    Validation, all before anything is written (the transaction leaves nothing on a ServiceError):
    - `external_id` must not be empty (field "external_id"); the existing course with it must be this
      client's (field "external_id"); the client must not be a merged record (use the kept one), and the
      client, service and institution must be of one municipality (field "service" / "institution").
    - `steps` must not be empty (field "steps"); taken in time order (ties keep the given order), together
      with the course's steps recorded in Kokybė, they must form a valid course (see
      `kokybe.casework.services.transitions`): the request first and only once, the assessment before the
      decision, the start after the grant, reviews while provided, nothing after a refusal or an end; each
      `at` aware and not in the future. The reason must be a code of the step's list, or empty; needs only
      on an assessment, each a `NeedArea` code.
    Each refusal raises `ServiceError` whose message names the step ("Step 3 (granted): ...") and whose
    `field` is "kind", "at", "reason" or "needs" when the fault is in that part of a step.

    The institution need not provide the service in today's catalogue: history may predate the catalogue.
    """
    _course_check(client=client, service=service, institution=institution, external_id=external_id, steps=steps)
    municipality_id = client.municipality_id
    # The exclusion repeats the unique index's condition, so SQLite uses that partial index (it does not infer
    # "not empty" from "equals a value" and would read the whole table for each course).
    course = (
        ServiceCourse.objects.select_for_update()
        .filter(municipality_id=municipality_id, external_id=external_id.strip())
        .exclude(external_id="")
        .first()
    )
    if course is not None and course.client_id != client.pk:
        raise ServiceError(
            _("A course with the identifier %(id)s belongs to another client.") % {"id": external_id},
            field="external_id",
        )
    numbered = sorted(enumerate(steps, start=1), key=lambda pair: pair[1].at)
    kept: list[CourseEvent] = []
    imported_before = 0
    if course is not None:
        existing = list(course.events.order_by("at", "id"))
        kept = [event for event in existing if not event.imported]
        before = [_key(e.kind, e.at, e.reason, e.note, e.worker_id, e.needs) for e in existing if e.imported]
        imported_before = len(before)
        after = [
            _key(step.kind, step.at, step.reason, step.note, _worker_id(step), step.needs) for _number, step in numbered
        ]
        if before == after and course.service_id == service.pk and course.institution_id == institution.pk:
            return course, False
    new_events, numbers = _imported_events(municipality_id, institution, numbered)
    timeline = sorted([*new_events, *kept], key=lambda event: event.at)
    _timeline_check(timeline, numbers)
    created = course is None
    changes: dict[str, dict[str, object]] = {}
    if course is None:
        course = ServiceCourse(municipality_id=municipality_id, client=client, external_id=external_id.strip())
    else:
        CourseEvent.objects.filter(municipality_id=municipality_id, course=course, imported=True).delete()
        changes = {
            name: {"from": before_id, "to": after_id}
            for name, before_id, after_id in (
                ("service", course.service_id, service.pk),
                ("institution", course.institution_id, institution.pk),
            )
            if before_id != after_id
        }
        course.lock_version += 1  # a page open on the course sees that it changed
    state_before = None if created else course.state
    course.service = service
    course.institution = institution
    course.requested_at = timeline[0].at
    course_moments_set(course, timeline)
    course.save()
    for event in new_events:
        event.course = course
    CourseEvent.objects.bulk_create(new_events)
    summaries_refresh_soon(municipality_id)
    changes["imported_steps"] = {"from": imported_before, "to": len(new_events)}
    if state_before != course.state:
        changes["state"] = {"from": state_before, "to": course.state}
    audit_record(
        actor=actor,
        action="service_course.import" if created else "service_course.reimport",
        target=course,
        municipality_id=municipality_id,
        institution_id=institution.pk,
        changes=changes,
    )
    return course, created


@dataclass(frozen=True)
class ImportedCourse:
    """One course of a service history file: the arguments of `service_course_import`."""

    client: Client
    service: Service
    institution: Institution
    external_id: str
    steps: Sequence[ImportedStep]


@transaction.atomic
def service_courses_import(
    *, actor: User | None, courses: Sequence[ImportedCourse]
) -> list[tuple[ServiceCourse, bool]]:
    """Import many courses of one municipality at once (a service history file); returns (course, created) for
    each, in the order given.

    Each course is checked and written as `service_course_import` says (a known `external_id` goes through it:
    its imported steps are replaced, or nothing happens when they are unchanged). The courses not yet known are
    written together, two inserts for all of them and an audit event each, so thousands import in seconds. All
    or nothing: a refusal raises `ServiceError` whose message begins with the course's identifier, with the
    `field` of the fault; an identifier given twice is refused (field "external_id")."""
    if not courses:
        return []
    municipality_id = courses[0].client.municipality_id
    identifiers = [item.external_id.strip() for item in courses]
    twice = sorted({identifier for identifier in identifiers if identifiers.count(identifier) > 1})
    if twice:
        raise ServiceError(
            _("Each course once: %(ids)s given more than once.") % {"ids": ", ".join(twice)}, field="external_id"
        )
    known = set(
        ServiceCourse.objects.filter(municipality_id=municipality_id, external_id__in=identifiers)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    results: list[tuple[ServiceCourse, bool] | None] = []
    fresh: list[tuple[ServiceCourse, list[CourseEvent]]] = []
    for item, identifier in zip(courses, identifiers, strict=True):
        try:
            if item.client.municipality_id != municipality_id:
                raise ServiceError(_("All the courses must be of one municipality."), field="client")
            if identifier in known:
                results.append(
                    service_course_import(
                        actor=actor,
                        client=item.client,
                        service=item.service,
                        institution=item.institution,
                        external_id=identifier,
                        steps=item.steps,
                    )
                )
                continue
            _course_check(
                client=item.client,
                service=item.service,
                institution=item.institution,
                external_id=identifier,
                steps=item.steps,
            )
            numbered = sorted(enumerate(item.steps, start=1), key=lambda pair: pair[1].at)
            events, numbers = _imported_events(municipality_id, item.institution, numbered)
            _timeline_check(events, numbers)
        except ServiceError as error:
            raise ServiceError(f"{identifier}: {error.message}", field=error.field) from error
        course = ServiceCourse(
            municipality_id=municipality_id,
            client=item.client,
            service=item.service,
            institution=item.institution,
            external_id=identifier,
            requested_at=events[0].at,
        )
        course_moments_set(course, events)
        fresh.append((course, events))
        results.append(None)
    new_courses = ServiceCourse.objects.bulk_create([pair[0] for pair in fresh])
    for pair in fresh:
        for event in pair[1]:
            event.course = pair[0]
    CourseEvent.objects.bulk_create([event for pair in fresh for event in pair[1]])
    summaries_refresh_soon(municipality_id)
    steps_of = {pair[0].external_id: len(pair[1]) for pair in fresh}
    for new_course in new_courses:
        audit_record(
            actor=actor,
            action="service_course.import",
            target=new_course,
            municipality_id=municipality_id,
            institution_id=new_course.institution_id,
            changes={
                "imported_steps": {"from": 0, "to": steps_of[new_course.external_id]},
                "state": {"from": None, "to": new_course.state},
            },
        )
    created = iter(new_courses)
    return [result if result is not None else (next(created), True) for result in results]


def _course_check(
    *, client: Client, service: Service, institution: Institution, external_id: str, steps: Sequence[ImportedStep]
) -> None:
    """The checks that need no database: identifier, client, one municipality, steps present and aware."""
    if not external_id.strip():
        raise ServiceError(_("The course needs its identifier in the other system."), field="external_id")
    if client.status == ClientStatus.MERGED:
        raise ServiceError(_("This client record was merged into another; import into that one."))
    municipality_id = client.municipality_id
    if service.municipality_id != municipality_id:
        raise ServiceError(_("Choose a service of this municipality."), field="service")
    if institution.municipality_id != municipality_id:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    if not steps:
        raise ServiceError(_("A course needs at least its request."), field="steps")
    for number, step in enumerate(steps, start=1):
        if timezone.is_naive(step.at):
            raise ServiceError(
                _("Step %(number)s (%(kind)s): the moment of the step needs its time zone.")
                % {"number": number, "kind": step.kind},
                field="at",
            )


def _imported_events(
    municipality_id: int, institution: Institution, numbered: list[tuple[int, ImportedStep]]
) -> tuple[list[CourseEvent], dict[int, int]]:
    """The steps as unsaved events in time order, and each event's number in the import (for messages)."""
    now = timezone.now()
    events = [
        CourseEvent(
            municipality_id=municipality_id,
            institution=institution,
            kind=step.kind,
            at=step.at,
            reason=step.reason,
            note=step.note,
            worker=step.worker,
            needs=list(step.needs),
            imported=True,
            recorded_at=now,
        )
        for _number, step in numbered
    ]
    return events, {id(event): number for event, (number, _step) in zip(events, numbered, strict=True)}


def _timeline_check(timeline: list[CourseEvent], numbers: dict[int, int]) -> None:
    """The steps in time order form a valid course; a refusal names the step by its number in the import."""
    state: str | None = None
    previous_at: datetime.datetime | None = None
    for event in timeline:
        number = numbers.get(id(event))
        try:
            if number is not None:
                reason_check(event.kind, event.reason, required=False)
                if event.needs and event.kind != EventKind.ASSESSED:
                    raise ServiceError(_("Only a needs assessment has needs found."), field="needs")
                needs_check(event.needs)
            state = step_check(state=state, kind=event.kind, at=event.at, previous_at=previous_at)
        except ServiceError as error:
            where = (
                _("Step %(number)s (%(kind)s)") % {"number": number, "kind": event.kind}
                if number is not None
                else _("The step recorded in Kokybė (%(kind)s)") % {"kind": event.kind}
            )
            raise ServiceError(f"{where}: {error.message}", field=error.field) from error
        previous_at = event.at


def _worker_id(step: ImportedStep) -> int | None:
    return step.worker.pk if step.worker is not None else None
