from collections.abc import Mapping
from typing import Any

from django import template

from kokybe.audit.labels import ChangeRow
from kokybe.audit.labels import action_label as _action_label
from kokybe.audit.labels import change_rows as _change_rows
from kokybe.audit.labels import object_type_label as _object_type_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return _action_label(action)


@register.filter
def object_type_label(object_type: str) -> str:
    return _object_type_label(object_type)


@register.filter
def change_rows(event: Any) -> list[ChangeRow]:
    """The event's changes with field names and coded values named (`event` is an AuditEvent)."""
    changes: Mapping[str, Any] = event.changes or {}
    return _change_rows(event.object_type, changes)
