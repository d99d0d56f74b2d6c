"""Reporting a nonconformity and correcting its details. Atomic and audited."""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import changes_between, snapshot
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.nonconformities.models import EventKind, Nonconformity, NonconformitySequence, Severity, Source
from kokybe.nonconformities.services.history import locked, step_record
from kokybe.tenancy.models import Institution, Municipality

# The reference's prefix follows the municipality's language and never changes once given.
PREFIXES = {"lt": "NK", "lv": "NA"}
EDITABLE = ("source", "source_ref", "found_on", "process", "severity", "description", "immediate_correction")


def reference_for(municipality: Municipality, year: int, number: int) -> str:
    return f"{PREFIXES.get(municipality.language, 'NC')}-{year}-{number:03d}"


def number_take(municipality: Municipality, year: int) -> int:
    """The next number in the municipality and year.

    The UPDATE comes first, so it takes the database's write lock (a row lock on PostgreSQL, the
    database lock on SQLite) before the value is read: two reports at once get two numbers.
    """
    sequences = NonconformitySequence.objects.filter(municipality=municipality, year=year)
    if not sequences.update(last=F("last") + 1):
        try:
            with transaction.atomic():
                NonconformitySequence.objects.create(municipality=municipality, year=year, last=1)
            return 1
        except IntegrityError:  # someone created the year's row meanwhile: take the next number from it
            sequences.update(last=F("last") + 1)
    return int(sequences.values_list("last", flat=True).get())


def _check_found_on(found_on: date, today: date) -> None:
    if found_on > today:
        raise ServiceError(_("The date found cannot be in the future."), field="found_on")


@transaction.atomic
def nonconformity_report(
    *,
    actor: User,
    municipality: Municipality,
    institution: Institution,
    source: Source | str,
    found_on: date,
    process: str,
    severity: Severity | str,
    description: str,
    immediate_correction: str = "",
    source_ref: str = "",
    at: datetime | None = None,
) -> Nonconformity:
    """Register a nonconformity; it gets the next reference number of its municipality and year.

    `source` says where it came from and `source_ref` (optional) names the record there, e.g. a
    complaint's number. Other apps use this as their hook: the inquiries app turns a complaint into
    a nonconformity in one step with
    `nonconformity_report(actor=..., source=Source.COMPLAINT, source_ref=<the inquiry's reference>, ...)`.
    A staff member's own report is `Source.STAFF_OBSERVATION`.
    `at` is when it was reported (now, unless an earlier record is being entered).
    """
    at = at or timezone.now()
    if institution.municipality_id != municipality.pk:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    if source not in Source.values:
        raise ServiceError(_("Choose where the nonconformity came from."), field="source")
    if severity not in Severity.values:
        raise ServiceError(_("Choose how serious it is."), field="severity")
    if not description.strip():
        raise ServiceError(_("Describe what is wrong."), field="description")
    _check_found_on(found_on, timezone.localdate(at))
    number = number_take(municipality, found_on.year)
    nonconformity = Nonconformity.objects.create(
        municipality=municipality,
        institution=institution,
        year=found_on.year,
        number=number,
        reference=reference_for(municipality, found_on.year, number),
        source=source,
        source_ref=source_ref.strip(),
        found_on=found_on,
        process=process.strip(),
        severity=severity,
        description=description.strip(),
        immediate_correction=immediate_correction.strip(),
        reported_by=actor,
        reported_at=at,
    )
    step_record(
        actor=actor,
        nonconformity=nonconformity,
        kind=EventKind.REPORTED,
        at=at,
        action="nonconformity.report",
        changes=changes_between({}, snapshot(nonconformity, ("reference", "institution", *EDITABLE))),
    )
    return nonconformity


@transaction.atomic
def nonconformity_update(
    *,
    actor: User,
    nonconformity: Nonconformity,
    lock_version: int,
    source: Source | str,
    source_ref: str,
    found_on: date,
    process: str,
    severity: Severity | str,
    description: str,
    immediate_correction: str,
) -> Nonconformity:
    """Correct the register entry. The reference number stays as first given, even if the year found changes."""
    found = locked(nonconformity)
    if found.is_closed:
        raise ServiceError(_("A closed nonconformity can no longer be changed."))
    if not description.strip():
        raise ServiceError(_("Describe what is wrong."), field="description")
    _check_found_on(found_on, timezone.localdate())
    version_claim(found, lock_version)
    before = snapshot(found, EDITABLE)
    found.source = source
    found.source_ref = source_ref.strip()
    found.found_on = found_on
    found.process = process.strip()
    found.severity = severity
    found.description = description.strip()
    found.immediate_correction = immediate_correction.strip()
    found.save(update_fields=list(EDITABLE))
    step_record(
        actor=actor,
        nonconformity=found,
        kind=EventKind.EDITED,
        at=timezone.now(),
        action="nonconformity.update",
        changes=changes_between(before, snapshot(found, EDITABLE)),
    )
    return found
