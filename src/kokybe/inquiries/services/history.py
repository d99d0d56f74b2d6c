"""The one place a signal's step is recorded: its event row (status history, lead-time log) and the audit event."""

from datetime import datetime
from typing import Any

from django.db import models

from kokybe.accounts.models import User
from kokybe.analytics.services.queueing import summaries_refresh_soon
from kokybe.audit.services import audit_record
from kokybe.inquiries.models import EventKind, Signal, SignalEvent


def step_record(
    *,
    actor: User | None,
    signal: Signal,
    kind: EventKind,
    at: datetime,
    action: str,
    changes: dict[str, Any],
    detail: dict[str, Any] | None = None,
    target: models.Model | None = None,
) -> SignalEvent:
    """Call after the signal's new state is saved: the event records where the signal is now."""
    event = SignalEvent.objects.create(
        municipality_id=signal.municipality_id,
        signal=signal,
        kind=kind,
        at=at,
        actor=actor,
        institution_id=signal.institution_id,
        detail=detail or {},
    )
    summaries_refresh_soon(signal.municipality_id)
    audit_record(
        actor=actor,
        action=action,
        target=target or signal,
        municipality_id=signal.municipality_id,
        institution_id=signal.institution_id,
        changes=changes,
        label=signal.reference,
    )
    return event
