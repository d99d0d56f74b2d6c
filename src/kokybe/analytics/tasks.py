from django_scopes import scopes_disabled
from django_tasks import task

from kokybe.analytics.models import SummaryRefreshState
from kokybe.charter.services.queueing import indicator_figures_refresh_soon
from kokybe.tenancy.models import Municipality


@task()
def summaries_refresh_task(*, municipality_id: int) -> None:
    """Refresh a municipality's summaries (queued by `summaries_refresh_soon`)."""
    # Imported here: the services module enqueues this task, so it cannot be imported at the top.
    from kokybe.analytics.services.refresh import summaries_refresh

    with scopes_disabled():
        municipality = Municipality.objects.get(pk=municipality_id)
        # Cleared before reading: an event committed from now on queues the next refresh.
        SummaryRefreshState.objects.filter(municipality_id=municipality_id).update(pending=False)
    summaries_refresh(municipality=municipality)
    indicator_figures_refresh_soon(municipality_id)  # the charter's measures read the same records
