"""Queueing a refresh of the summaries after events are written: at most one pending per municipality.

The services that write events (casework steps, signal and nonconformity steps, event-log imports) call
`summaries_refresh_soon` in their transaction. Nothing is queued before the transaction commits (a rolled-back
step queues nothing), a transaction that writes many events queues one refresh, and while a refresh is queued
and not yet started no other is: the task clears the mark before it reads, so events committed after that
queue the next one.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.analytics.models import SummaryRefreshState


def summaries_refresh_soon(municipality_id: int) -> None:
    """Queue a refresh of the municipality's summaries for when the current transaction commits."""
    callback = partial(_refresh_enqueue, municipality_id=municipality_id)
    # Django keeps the transaction's pending callbacks on the connection (and drops them on a rollback):
    # a transaction that writes a thousand events registers one callback, not a thousand.
    for _savepoints, pending, _robust in transaction.get_connection().run_on_commit:
        if isinstance(pending, partial) and pending.func is _refresh_enqueue and pending.keywords == callback.keywords:
            return
    transaction.on_commit(callback, robust=True)


def _refresh_enqueue(*, municipality_id: int) -> None:
    from kokybe.analytics.tasks import summaries_refresh_task  # the task module imports the services

    with scopes_disabled():
        state, _created = SummaryRefreshState.objects.get_or_create(municipality_id=municipality_id)
        claimed = SummaryRefreshState.objects.filter(pk=state.pk, pending=False).update(
            pending=True, requested_at=timezone.now()
        )
    if claimed:
        summaries_refresh_task.enqueue(municipality_id=municipality_id)
