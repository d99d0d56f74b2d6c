"""Recording the audit trail. Every service that writes calls `audit_record` inside its transaction."""

import datetime
import decimal
import enum
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent, EventKind


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The JSON-safe values of `fields`, to compare before and after a change.

    A foreign key is kept as {"id": ..., "label": ...}, so the trail stays readable after renames.
    """
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            related = getattr(instance, name)
            values[name] = None if related is None else {"id": related.pk, "label": str(related)[:200]}
        else:
            values[name] = _json_safe(getattr(instance, name))
    return values


def changes_between(
    before: Mapping[str, Any], after: Mapping[str, Any], *, personal: Iterable[str] = ()
) -> dict[str, dict[str, Any]]:
    """Fields whose value differs; for personal fields only the fact that they changed."""
    personal = set(personal)
    changed: dict[str, dict[str, Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changed[name] = {"changed": True} if name in personal else {"from": old, "to": new}
    return changed


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    municipality_id: int | None,
    institution_id: int | None = None,
    changes: Mapping[str, Any] | None = None,
    label: str = "",
    day_only: bool = False,
) -> AuditEvent:
    """Record a change. Must run inside the transaction that made the change.

    `day_only` records the day without the time and without the actor: for changes whose exact
    moment or author must not be kept (answers to an anonymous survey).
    """
    return _record(
        kind=EventKind.WRITE,
        actor=actor,
        action=action,
        target=target,
        municipality_id=municipality_id,
        institution_id=institution_id,
        changes=dict(changes or {}),
        label=label,
        purpose="",
        day_only=day_only,
    )


def personal_data_view_record(
    *,
    actor: User,
    target: models.Model,
    purpose: str,
    municipality_id: int,
    institution_id: int | None = None,
) -> AuditEvent:
    """Record that `actor` looked at a person's data, and why, so the person can be told."""
    if not purpose.strip():
        raise ValueError("A view of personal data must state its purpose.")
    return _record(
        kind=EventKind.VIEW,
        actor=actor,
        action="personal_data.view",
        target=target,
        municipality_id=municipality_id,
        institution_id=institution_id,
        changes={},
        label="",
        purpose=purpose.strip(),
    )


def _record(
    *,
    kind: EventKind,
    actor: User | None,
    action: str,
    target: models.Model,
    municipality_id: int | None,
    institution_id: int | None,
    changes: dict[str, Any],
    label: str,
    purpose: str,
    day_only: bool = False,
) -> AuditEvent:
    if kind == EventKind.WRITE and not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction that makes the change.")
    now = timezone.now()
    if day_only:
        now = timezone.make_aware(datetime.datetime.combine(timezone.localdate(now), datetime.time()))
        actor = None
    event = AuditEvent(
        occurred_at=now,
        kind=kind,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        municipality_id=municipality_id,
        institution_id=institution_id,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_label=label[:200],
        changes=changes,
        purpose=purpose[:200],
    )
    # Saved through the model, not the scoped manager: recording needs no tenant scope.
    event.save(force_insert=True)
    return event


def _json_safe(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value
