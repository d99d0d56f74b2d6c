"""The service history of a file: each course (the rows sharing a course identifier) brought in through
casework's `service_course_import`, which creates the course or replaces its imported steps, and writes
nothing when they are already as the file says (a re-import of the same file changes nothing).

The course's client is found by the client's identifier in the other system, as the client import
stored it; its service by the catalogue's address name or its name in any language.
"""

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kokybe.casework.models import EndReason, EventKind, RefusalReason, ServiceCourse
from kokybe.casework.services.imports import ImportedStep, service_course_import
from kokybe.catalogue.models import Service
from kokybe.clientimports.columns import folded
from kokybe.clientimports.services.context import RowContext
from kokybe.clientimports.tables import Table
from kokybe.clientimports.values import choice_names, moment_read
from kokybe.clients.models import Client, ClientInstitution
from kokybe.core.errors import ServiceError

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# The parts of a course `service_course_import` names in its refusals -> the import's fields.
CASEWORK_FIELDS = {"kind": "step", "steps": "step", "external_id": "course_id"}
SHARED_FIELDS = ("client_id", "service", "institution")  # one value per course: on each of its rows alike


@dataclass
class _Course:
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


class _Catalogue:
    """The municipality's services by address name and by name in each language, read once."""

    def __init__(self, context: RowContext) -> None:
        self.services: dict[str, Service] = {}
        for service in Service.objects.filter(municipality=context.municipality).order_by("pk"):
            self.services.setdefault(folded(service.slug), service)
            for name in (service.name or {}).values():
                if isinstance(name, str) and name:
                    self.services.setdefault(folded(name), service)
        self.kinds = choice_names(EventKind)
        self.reasons: dict[str, dict[str, str]] = {
            EventKind.REFUSED: choice_names(RefusalReason),
            EventKind.ENDED: choice_names(EndReason),
        }

    def service(self, text: str) -> Service:
        found = self.services.get(folded(text)) if text else None
        if found is None:
            raise ServiceError(_("No service of the catalogue has this address name or name."), field="service")
        return found

    def step(self, context: RowContext, cells: dict[str, str]) -> ImportedStep:
        kind = self.kinds.get(folded(cells.get("step", "")))
        if kind is None:
            raise ServiceError(
                _("Write the step as requested, assessed, granted, refused, started, reviewed or ended."), field="step"
            )
        reason_text = cells.get("reason", "")
        reason = ""
        if reason_text and kind in self.reasons:
            reason = self.reasons[kind].get(folded(reason_text), "")
            if not reason:
                raise ServiceError(
                    _("This is not a reason of the list: see the template's second sheet."), field="reason"
                )
        elif reason_text:
            raise ServiceError(_("Only a refusal or an end has a reason."), field="reason")
        return ImportedStep(
            kind=kind,
            at=moment_read(cells.get("at", ""), "at", context.zone),
            reason=reason,
            note=cells.get("note", ""),
        )


def _client(context: RowContext, external_id: str) -> Client:
    client = Client.objects.filter(municipality=context.municipality, external_id=external_id).first()
    if client is None:
        raise ServiceError(_("No client has this identifier: import the clients first."), field="client_id")
    if (
        context.institution_ids is not None
        and not ClientInstitution.objects.filter(
            municipality=context.municipality,
            client=client,
            institution_id__in=context.institution_ids,
            ended_on__isnull=True,
        ).exists()
    ):
        raise ServiceError(_("This client is served by another institution only."), field="client_id")
    return client


def _course_import(context: RowContext, catalogue: _Catalogue, external_id: str, course: _Course) -> str:
    first = course.rows[0][1]
    for number, cells in course.rows[1:]:
        for name in SHARED_FIELDS:
            if cells.get(name, "") != first.get(name, ""):
                raise ServiceError(
                    _("Row %(row)d of this course names another value here: a course has one.") % {"row": number},
                    field=name,
                )
    institution = context.lookups.institution_read(first.get("institution", ""), context.default_institution)
    if context.institution_ids is not None and institution.pk not in context.institution_ids:
        raise ServiceError(_("You may import history only for your own institution."), field="institution")
    service = catalogue.service(first.get("service", ""))
    client = _client(context, first.get("client_id", ""))
    steps = []
    for number, cells in course.rows:
        try:
            steps.append(catalogue.step(context, cells))
        except ServiceError as error:
            raise ServiceError(
                _("Row %(row)d: %(message)s") % {"row": number, "message": error.message}, field=error.field
            ) from None
    before = _unchanged_marker(context, external_id)
    try:
        course_row, created = service_course_import(
            actor=context.actor,
            client=client,
            service=service,
            institution=institution,
            external_id=external_id,
            steps=steps,
        )
    except ServiceError as error:
        raise ServiceError(error.message, field=CASEWORK_FIELDS.get(error.field or "", error.field)) from None
    if created:
        return CREATED
    return UNCHANGED if before == course_row.lock_version else UPDATED


def _unchanged_marker(context: RowContext, external_id: str) -> int | None:
    """The course's lock version before the import: `service_course_import` raises it when it changes
    the course and leaves it when the steps were already as given."""
    return (
        ServiceCourse.objects.filter(municipality=context.municipality, external_id=external_id)
        .values_list("lock_version", flat=True)
        .first()
    )


def course_steps(context: RowContext, table: Table, mapping: dict[str, str]) -> Iterator[tuple[int, Callable[[], str]]]:
    """Each course of the file as a step, reported at its first row; rows without a course identifier
    are each a problem of their own."""
    positions = {name: table.header.index(column) for name, column in mapping.items()}
    courses: dict[str, _Course] = {}
    for number, cells in table.rows:
        by_field = {name: cells[index] for name, index in positions.items()}
        external_id = by_field.get("course_id", "")
        if not external_id:

            def missing() -> str:
                raise ServiceError(_("Enter the course's identifier."), field="course_id")

            yield number, missing
            continue
        courses.setdefault(external_id, _Course()).rows.append((number, by_field))
    catalogue = _Catalogue(context)
    for external_id, course in courses.items():
        yield course.rows[0][0], functools.partial(_course_import, context, catalogue, external_id, course)
