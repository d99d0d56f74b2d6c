"""Queueing a refresh of the charter's indicator figures: at most one pending per municipality.

Queued after the analytics summaries are refreshed (the measures read the same records the summaries follow)
and when a version is adopted. Nothing is queued before the transaction commits, and while a refresh is queued
and not yet started no other is: the task clears the mark before it reads, so a change committed after that
queues the next one.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.charter.models import FiguresRefreshState


def indicator_figures_refresh_soon(municipality_id: int) -> None:
    """Queue a refresh of the municipality's indicator figures for when the current transaction commits."""
    callback = partial(_refresh_enqueue, municipality_id=municipality_id)
    # A transaction that adopts two versions (the demo's) queues one refresh, not two.
    for _savepoints, pending, _robust in transaction.get_connection().run_on_commit:
        if isinstance(pending, partial) and pending.func is _refresh_enqueue and pending.keywords == callback.keywords:
            return
    transaction.on_commit(callback, robust=True)


def _refresh_enqueue(*, municipality_id: int) -> None:
    from kokybe.charter.tasks import indicator_figures_refresh_task  # the task module imports the services

    with scopes_disabled():
        state, _created = FiguresRefreshState.objects.get_or_create(municipality_id=municipality_id)
        claimed = FiguresRefreshState.objects.filter(pk=state.pk, pending=False).update(
            pending=True, requested_at=timezone.now()
        )
    if claimed:
        indicator_figures_refresh_task.enqueue(municipality_id=municipality_id)
