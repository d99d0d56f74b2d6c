from typing import Any

from django import template

from kokybe.audit.labels import action_label as _action_label
from kokybe.audit.labels import object_type_label as _object_type_label
from kokybe.audit.labels import value_label as _value_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return _action_label(action)


@register.filter
def object_type_label(object_type: str) -> str:
    return _object_type_label(object_type)


@register.filter
def value_label(value: Any) -> str:
    return _value_label(value)
