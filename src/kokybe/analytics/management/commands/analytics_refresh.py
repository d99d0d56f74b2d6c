"""Bring the analytics summaries up to date now, for every municipality or one.

    manage.py analytics_refresh                      # what is new since the last refresh
    manage.py analytics_refresh --full               # rebuild from all the events
    manage.py analytics_refresh --municipality kuldiga

The audit trail records each run that changed something, with no actor (a command, not a person).
"""

from kokybe.analytics.services.refresh import summaries_refresh
from kokybe.core.refresh_command import RefreshCommand
from kokybe.tenancy.models import Municipality


class Command(RefreshCommand):
    help = "Refresh the analytics summaries (incrementally, or rebuilt with --full)."
    full_help = "Rebuild the summaries from all the events."

    def refresh(self, municipality: Municipality, *, full: bool) -> str:
        counts = summaries_refresh(municipality=municipality, full=full)
        cases = ", ".join(f"{process} {count}" for process, count in counts.cases.items())
        return f"cases recomputed: {cases}"
