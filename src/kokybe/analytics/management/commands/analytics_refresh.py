"""Bring the analytics summaries up to date now, for every municipality or one.

    manage.py analytics_refresh                      # what is new since the last refresh
    manage.py analytics_refresh --full               # rebuild from all the events
    manage.py analytics_refresh --municipality kuldiga

The audit trail records each run that changed something, with no actor (a command, not a person).
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from kokybe.analytics.services.refresh import summaries_refresh
from kokybe.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Refresh the analytics summaries (incrementally, or rebuilt with --full)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="Rebuild the summaries from all the events.")
        parser.add_argument("--municipality", default="", help="The municipality's address name; default: all.")

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            municipalities = Municipality.objects.order_by("slug")
            if options["municipality"]:
                municipalities = municipalities.filter(slug=options["municipality"])
            found = list(municipalities)
        if options["municipality"] and not found:
            raise CommandError(f"No municipality {options['municipality']!r}.")
        for municipality in found:
            began = time.perf_counter()
            counts = summaries_refresh(municipality=municipality, full=options["full"])
            cases = ", ".join(f"{process} {count}" for process, count in counts.cases.items())
            self.stdout.write(f"{municipality.slug}: cases recomputed: {cases} ({time.perf_counter() - began:.2f} s)")
