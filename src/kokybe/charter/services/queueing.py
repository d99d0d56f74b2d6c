"""Queueing a refresh of the charter's indicator figures: at most one pending per municipality.

Queued after the analytics summaries are refreshed (the measures read the same records the summaries follow)
and when a version is adopted. Nothing is queued before the transaction commits (a transaction that adopts two
versions, the demo's, queues one refresh), and while a refresh is queued and not yet started no other is: the
task clears the mark before it reads, so a change committed after that queues the next one. The mechanics are
shared with the analytics summaries in `kokybe.core.refresh_queue`.
"""

from kokybe.charter.models import FiguresRefreshState
from kokybe.core.refresh_queue import refresh_after_commit, refresh_enqueue_unless_pending


def indicator_figures_refresh_soon(municipality_id: int) -> None:
    """Queue a refresh of the municipality's indicator figures for when the current transaction commits."""
    refresh_after_commit(_refresh_enqueue, municipality_id=municipality_id)


def _refresh_enqueue(*, municipality_id: int) -> None:
    from kokybe.charter.tasks import indicator_figures_refresh_task  # the task module imports the services

    refresh_enqueue_unless_pending(
        state_model=FiguresRefreshState, task=indicator_figures_refresh_task, municipality_id=municipality_id
    )
