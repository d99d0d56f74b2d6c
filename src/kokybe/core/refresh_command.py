"""The shape of a command that brings a municipality's derived figures up to date now: every municipality in
address-name order, or the one named with --municipality (an unknown name is an error, not a silent no-op, so
a misspelt cron line fails), each run timed and reported on a line of its own.

`analytics_refresh` and `charter_refresh` are this command around a different service; a subclass says what
--full means and what one run did.
"""

import time
from abc import ABC, abstractmethod
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from kokybe.tenancy.models import Municipality


class RefreshCommand(BaseCommand, ABC):
    """Runs `refresh` for each municipality chosen and writes "<slug>: <what it did> (<seconds> s)"."""

    full_help: str  # what --full does, in the subclass's words

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help=self.full_help)
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
            done = self.refresh(municipality, full=options["full"])
            self.stdout.write(f"{municipality.slug}: {done} ({time.perf_counter() - began:.2f} s)")

    @abstractmethod
    def refresh(self, municipality: Municipality, *, full: bool) -> str:
        """Refresh one municipality and say what it did (the middle of its line)."""
