"""Queueing a refresh of the summaries after events are written: at most one pending per municipality.

The services that write events (casework steps, signal and nonconformity steps, event-log imports) call
`summaries_refresh_soon` in their transaction. Nothing is queued before the transaction commits (a rolled-back
step queues nothing), a transaction that writes many events queues one refresh, and while a refresh is queued
and not yet started no other is: the task clears the mark before it reads, so events committed after that
queue the next one. The mechanics are shared with the charter's figures in `kokybe.core.refresh_queue`.
"""

from kokybe.analytics.models import SummaryRefreshState
from kokybe.core.refresh_queue import refresh_after_commit, refresh_enqueue_unless_pending


def summaries_refresh_soon(municipality_id: int) -> None:
    """Queue a refresh of the municipality's summaries for when the current transaction commits."""
    refresh_after_commit(_refresh_enqueue, municipality_id=municipality_id)


def _refresh_enqueue(*, municipality_id: int) -> None:
    from kokybe.analytics.tasks import summaries_refresh_task  # the task module imports the services

    refresh_enqueue_unless_pending(
        state_model=SummaryRefreshState, task=summaries_refresh_task, municipality_id=municipality_id
    )
