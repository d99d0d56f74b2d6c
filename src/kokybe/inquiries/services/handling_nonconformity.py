"""A complaint that shows something went wrong becomes a nonconformity of the institution in one step."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.workdays import local_date
from kokybe.inquiries.handling_rules import can_become_nonconformity
from kokybe.inquiries.models import Signal
from kokybe.nonconformities.models import Nonconformity, Source
from kokybe.nonconformities.services.register import nonconformity_report


@transaction.atomic
def signal_nonconformity_report(
    *,
    actor: User,
    signal: Signal,
    process: str,
    severity: str,
    description: str,
    lock_version: int,
    at: datetime | None = None,
) -> Nonconformity:
    """Register the complaint in the nonconformity register (source: complaint, its reference) and link the two."""
    at = at or timezone.now()
    if not can_become_nonconformity(signal):
        raise ServiceError(_("Only a complaint about an institution, not yet registered, can become a nonconformity."))
    if signal.institution is None:  # narrowed for the type checker; can_become_nonconformity checked it
        raise ServiceError(_("Forward the complaint to its institution first."))
    version_claim(signal, lock_version)
    found = nonconformity_report(
        actor=actor,
        municipality=signal.municipality,
        institution=signal.institution,
        source=Source.COMPLAINT,
        source_ref=signal.reference,
        found_on=local_date(signal.municipality.country, signal.received_at),
        process=process,
        severity=severity,
        description=description,
        at=at,
    )
    signal.nonconformity = found
    signal.save(update_fields=["nonconformity"])
    audit_record(
        actor=actor,
        action="signal.nonconformity_report",
        target=signal,
        municipality_id=signal.municipality_id,
        institution_id=signal.institution_id,
        changes={"nonconformity": {"from": None, "to": found.pk}},
        label=signal.reference,
    )
    return found
