"""The one place a nonconformity's step is recorded: its event row (status history, process log) and the audit event."""

from datetime import datetime
from typing import Any

from django.db import models

from kokybe.accounts.models import User
from kokybe.analytics.services.queueing import summaries_refresh_soon
from kokybe.audit.services import audit_record
from kokybe.nonconformities.models import EventKind, Nonconformity, NonconformityEvent


def step_record(
    *,
    actor: User,
    nonconformity: Nonconformity,
    kind: EventKind,
    at: datetime,
    action: str,
    changes: dict[str, Any],
    target: models.Model | None = None,
) -> None:
    NonconformityEvent.objects.create(
        municipality_id=nonconformity.municipality_id,
        institution_id=nonconformity.institution_id,
        nonconformity=nonconformity,
        kind=kind,
        status=nonconformity.status,
        at=at,
        actor=actor,
    )
    summaries_refresh_soon(nonconformity.municipality_id)
    audit_record(
        actor=actor,
        action=action,
        target=target or nonconformity,
        municipality_id=nonconformity.municipality_id,
        institution_id=nonconformity.institution_id,
        changes=changes,
        label=nonconformity.reference,
    )


def locked(nonconformity: Nonconformity) -> Nonconformity:
    """The row again, locked for this transaction, so two transitions cannot interleave."""
    return Nonconformity.objects.select_for_update().get(pk=nonconformity.pk)
