"""Bring the charter's indicator figures up to date now, for every municipality or one.

    manage.py charter_refresh                        # every municipality: the periods not settled yet
    manage.py charter_refresh --full                 # every period again (records of long ago arriving late)
    manage.py charter_refresh --municipality kuldiga

Meant for cron, hourly and nightly with --full: the worker refreshes the figures after the analytics summaries
and after an adoption, but time alone changes some of them (the period under way begins, articles pass their
review date). The audit trail records each run that changed a figure, with no actor (a command, not a person).
"""

from kokybe.charter.services.figures import indicator_figures_refresh
from kokybe.core.refresh_command import RefreshCommand
from kokybe.tenancy.models import Municipality


class Command(RefreshCommand):
    help = "Refresh the charter's indicator figures."
    full_help = "Recompute settled periods too."

    def refresh(self, municipality: Municipality, *, full: bool) -> str:
        counts = indicator_figures_refresh(municipality=municipality, full=full)
        return (
            f"{counts.created} figures new, {counts.updated} changed, "
            f"{counts.deleted} removed, {counts.unchanged} unchanged"
        )
