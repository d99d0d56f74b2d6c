"""Bring the charter's indicator figures up to date now, for every municipality or one.

    manage.py charter_refresh                        # every municipality: the periods not settled yet
    manage.py charter_refresh --full                 # every period again (records of long ago arriving late)
    manage.py charter_refresh --municipality kuldiga

Meant for cron, hourly and nightly with --full: the worker refreshes the figures after the analytics summaries
and after an adoption, but time alone changes some of them (the period under way begins, articles pass their
review date). The audit trail records each run that changed a figure, with no actor (a command, not a person).
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from kokybe.charter.services.figures import indicator_figures_refresh
from kokybe.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Refresh the charter's indicator figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="Recompute settled periods too.")
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
            counts = indicator_figures_refresh(municipality=municipality, full=options["full"])
            self.stdout.write(
                f"{municipality.slug}: {counts.created} figures new, {counts.updated} changed, "
                f"{counts.deleted} removed, {counts.unchanged} unchanged ({time.perf_counter() - began:.2f} s)"
            )
