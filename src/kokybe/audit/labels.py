"""Readable names for the audit trail: actions, object types, changed fields and coded values.

The names live with the app that records the events. Each app that calls `audit_record` (or another
audit-writing helper) declares them in a module `kokybe/<app>/audit_labels.py`, and `collect()` merges
every installed app's module into one registry. `AuditConfig.ready()` calls `collect()` once at start-up,
so a clash (two apps labelling the same action) or a malformed module stops `manage.py check` and every
test run rather than showing up later as a raw key on the audit page.

The format of `kokybe/<app>/audit_labels.py` (every name optional; all text in English through
`gettext_lazy`, translated in the app's own catalogue `kokybe/<app>/locale/`):

    from django.utils.translation import gettext_lazy as _

    from kokybe.<app>.models import Channel

    # Every action the app records, exactly as stored in AuditEvent.action. An action built at run
    # time (f"thing.{thing.kind}", or "thing." + step) is listed once for each value it can take.
    ACTION_LABELS = {
        "thing.create": _("Thing created"),
        "thing.close": _("Thing closed"),
    }

    # Every object type the app records: the target model's `_meta.label_lower` ("<app_label>.<model>").
    OBJECT_TYPE_LABELS = {
        "<app_label>.thing": _("Thing"),
    }

    # Coded values in the recorded changes: object type -> key in `changes` -> {value: label}.
    # Only where the key is not a model field with `choices`: a field with choices has its values
    # named from them automatically, and its own name from its (translated) `verbose_name`.
    VALUE_LABELS = {
        "<app_label>.thing": {"reply_channel": dict(Channel.choices)},
    }

Action labels are short past-tense phrases an auditor reads in the "What" column ("Signal answered");
object type labels are singular nouns with a capital letter ("Signal"). `audit/tests/test_labels.py`
walks the source of every app and fails when an action or an object type that it records has no label.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.utils.functional import Promise
from django.utils.module_loading import module_has_submodule
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

MODULE = "audit_labels"
Label = Promise | str


@dataclass
class Registry:
    actions: dict[str, Label] = field(default_factory=dict)
    object_types: dict[str, Label] = field(default_factory=dict)
    values: dict[str, dict[str, Mapping[Any, Label]]] = field(default_factory=dict)
    # Which module declared each key, to name both sides of a clash.
    owners: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, module: Any) -> None:
        """Take the names declared in one app's `audit_labels` module."""
        for key, label in getattr(module, "ACTION_LABELS", {}).items():
            self._claim(module.__name__, "action", key)
            self.actions[key] = label
        for key, label in getattr(module, "OBJECT_TYPE_LABELS", {}).items():
            self._claim(module.__name__, "object type", key)
            self.object_types[key] = label
        for object_type, fields in getattr(module, "VALUE_LABELS", {}).items():
            for name, choices in fields.items():
                self._claim(module.__name__, "changed field", f"{object_type} {name}")
                self.values.setdefault(object_type, {})[name] = choices

    def _claim(self, module_name: str, kind: str, key: str) -> None:
        owner = self.owners.setdefault((kind, key), module_name)
        if owner != module_name:
            raise ImproperlyConfigured(f"The audit {kind} {key!r} is labelled in both {owner} and {module_name}.")


_registry: Registry | None = None


def label_modules() -> Iterator[Any]:
    """Every installed app's `audit_labels` module, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, MODULE):
            yield import_module(f"{config.name}.{MODULE}")


def collect() -> Registry:
    """Read every app's `audit_labels` module into the registry (again, if called again)."""
    global _registry
    registry = Registry()
    for module in label_modules():
        registry.add(module)
    _registry = registry
    return registry


def registry() -> Registry:
    return _registry if _registry is not None else collect()


def action_label(action: str) -> str:
    return str(registry().actions.get(action, action))


def object_type_label(object_type: str) -> str:
    return str(registry().object_types.get(object_type, object_type))


@dataclass(frozen=True)
class ChangeRow:
    """One changed field of an event, as the audit page shows it."""

    name: str
    label: str
    personal: bool
    before: str | None  # None: the change is a single value, not a "from → to" pair
    after: str

    @property
    def named(self) -> bool:
        """Whether `label` is a readable name rather than the raw key."""
        return self.label != self.name


def change_rows(object_type: str, changes: Mapping[str, Any]) -> list[ChangeRow]:
    model = _model_of(object_type)
    rows = []
    for name, change in changes.items():
        field_ = _field_of(model, name)
        choices = registry().values.get(object_type, {}).get(name) or _choices_of(field_)
        personal = isinstance(change, Mapping) and bool(change.get("changed"))
        before: str | None = None
        if personal:
            after = ""
        elif isinstance(change, Mapping) and ("from" in change or "to" in change):
            before, after = value_label(change.get("from"), choices), value_label(change.get("to"), choices)
        else:  # a plain value (a count, a date) rather than a change from one value to another
            after = value_label(change, choices)
        label = _field_label(field_, name)
        rows.append(ChangeRow(name=name, label=label, personal=personal, before=before, after=after))
    return rows


def value_label(value: Any, choices: Mapping[Any, Any] | None = None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dict) and "label" in value:
        return str(value["label"])
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list) and all(isinstance(item, str | int) for item in value):
        return ", ".join(value_label(item, choices) for item in value) or "—"
    if choices and isinstance(value, str | int) and value in choices:
        return str(choices[value])
    return str(value)


def _model_of(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field_of(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _choices_of(model_field: Any) -> dict[Any, Any]:
    if model_field is None or not getattr(model_field, "choices", None):
        return {}
    return dict(model_field.flatchoices)


def _field_label(model_field: Any, name: str) -> str:
    """The field's translated `verbose_name`; the raw key where the model names it only in English
    by default (Django derives "lock version" from `lock_version`), which would read worse."""
    verbose = getattr(model_field, "verbose_name", None)
    return capfirst(str(verbose)) if isinstance(verbose, Promise) else name
