"""What needs a person's attention now, gathered from every app for the home page.

An app that has something to say (an action due next week, an overdue corrective action) keeps a
provider in its own `attention.py` and registers it with `@register`; the module is imported once
at start-up (`CoreConfig.ready`). A provider takes the person's `Access` and returns a few items
with a bounded number of queries, however much data the municipality holds.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from kokybe.tenancy.access import Access


@dataclass(frozen=True)
class AttentionItem:
    section: str | Promise  # where it comes from, e.g. "Improvement plan"
    label: str  # what it is, e.g. the action's title
    url: str
    due: datetime.date | None = None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < datetime.date.today()


Provider = Callable[[Access], list[AttentionItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    _providers.append(provider)
    return provider


def attention_for(access: Access) -> list[AttentionItem]:
    """Every provider's items, overdue first, then by due date, undated last."""
    items = [item for provider in _providers for item in provider(access)]
    return sorted(items, key=lambda item: (item.due is None, item.due or datetime.date.max, str(item.label)))
