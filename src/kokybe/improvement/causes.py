"""What can cause an improvement action: a registry that source apps fill.

A source app (surveys, assessments, nonconformities, proposals) registers its kind in its own
`causes.py`, imported at start-up by `ImprovementConfig.ready`:

    @register_cause("nonconformities.nonconformity")
    def nonconformity_cause(access, object_id: int, detail: str) -> Cause | None:
        ...  # the object if this person may see it (scoped to access.municipality), else None

The resolver answers None when the object does not exist or the person may not see it, so the
page creating an action from it answers 404 either way.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution


@dataclass(frozen=True)
class Cause:
    obj: models.Model
    institution: Institution | None  # None: the cause concerns the whole municipality
    label: str  # what a reader of the action sees as its cause
    url: str  # a link back to the source
    suggested_title: str  # pre-fills the new action's title
    detail: str = ""  # qualifies the object (a survey's question key); filled by resolve_cause

    @property
    def model_label(self) -> str:
        return self.obj._meta.label_lower


Resolver = Callable[[Access, int, str], Cause | None]
_resolvers: dict[str, Resolver] = {}


def register_cause(model_label: str) -> Callable[[Resolver], Resolver]:
    """Register the resolver of one kind of cause, named "<app_label>.<model_name>" in lower case."""
    label = model_label.lower()

    def decorator(resolver: Resolver) -> Resolver:
        _resolvers[label] = resolver
        return resolver

    return decorator


def is_registered(model_label: str) -> bool:
    return model_label.lower() in _resolvers


def resolve_cause(access: Access, model_label: str, object_id: int, detail: str = "") -> Cause | None:
    """The cause, if its kind is registered and the person may see it; else None."""
    resolver = _resolvers.get(model_label.lower())
    if resolver is None:
        return None
    cause = resolver(access, object_id, detail)
    return None if cause is None else dataclasses.replace(cause, detail=detail)


def registered_kinds() -> list[str]:
    return sorted(_resolvers)
