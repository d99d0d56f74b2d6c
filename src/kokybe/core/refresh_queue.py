"""Queueing a background refresh of a municipality's derived figures: at most one pending per municipality.

Two refreshes work this way: the analytics summaries (`analytics/services/queueing.py`) and the charter's
indicator figures (`charter/services/queueing.py`). Each has a state row per municipality (a `pending` flag and
`requested_at`) and a task that clears the flag before it reads, so what is committed after that queues the next
refresh. Each module keeps its own enqueue function, registered here after the commit: the task modules import
the services that queue them, so the task can only be imported inside that function, when it runs.
"""

from collections.abc import Callable
from functools import partial

from django.db import models, transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks.base import Task


def refresh_after_commit(enqueue: Callable[..., None], *, municipality_id: int) -> None:
    """Call `enqueue(municipality_id=...)` when the current transaction commits, once however often asked."""
    callback = partial(enqueue, municipality_id=municipality_id)
    # Django keeps the transaction's pending callbacks on the connection (and drops them on a rollback):
    # a transaction that writes a thousand events registers one callback, not a thousand.
    for _savepoints, pending, _robust in transaction.get_connection().run_on_commit:
        if isinstance(pending, partial) and pending.func is enqueue and pending.keywords == callback.keywords:
            return
    transaction.on_commit(callback, robust=True)


def refresh_enqueue_unless_pending(
    *, state_model: type[models.Model], task: Task[..., None], municipality_id: int
) -> None:
    """Enqueue the refresh task unless one is already pending: the pending flag is claimed with a conditional
    update, so of two processes committing at once only one enqueues."""
    manager = state_model._default_manager
    with scopes_disabled():
        state, _created = manager.get_or_create(municipality_id=municipality_id)
        claimed = manager.filter(pk=state.pk, pending=False).update(pending=True, requested_at=timezone.now())
    if claimed:
        task.enqueue(municipality_id=municipality_id)
