import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kokybe.demo.loader import accounts_table, demo_load


class Command(BaseCommand):
    help = "Create or refresh the demo municipalities, institutions and accounts (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo accounts have published passwords: never load them in production.")
        started = time.monotonic()
        call_command("createcachetable", verbosity=0)
        demo_load()
        with translation.override("en"):
            table = accounts_table()
        self.stdout.write(f"Demo data ready in {time.monotonic() - started:.1f} s. Sign in with:\n\n{table}\n")
