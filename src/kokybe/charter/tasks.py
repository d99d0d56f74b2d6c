from django_scopes import scopes_disabled
from django_tasks import task

from kokybe.charter.models import FiguresRefreshState
from kokybe.tenancy.models import Municipality


@task()
def indicator_figures_refresh_task(*, municipality_id: int) -> None:
    """Refresh a municipality's indicator figures (queued by `indicator_figures_refresh_soon`)."""
    from kokybe.charter.services.figures import indicator_figures_refresh

    with scopes_disabled():
        municipality = Municipality.objects.get(pk=municipality_id)
        # Cleared before reading: a change committed from now on queues the next refresh.
        FiguresRefreshState.objects.filter(municipality_id=municipality_id).update(pending=False)
    indicator_figures_refresh(municipality=municipality)
