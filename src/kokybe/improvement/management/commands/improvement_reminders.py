"""Queue e-mail reminders for improvement actions due within 14 days or overdue; run daily (cron or a timer)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kokybe.improvement.services.reminders import reminders_queue


class Command(BaseCommand):
    help = "Remind owners of improvement actions due within 14 days or overdue (each stage once per action)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", required=True, help="The platform's address, e.g. https://kokybe.example.lt/")

    def handle(self, *args: Any, **options: Any) -> None:
        queued = reminders_queue(base_url=options["base_url"])
        self.stdout.write(f"{queued} reminders queued.")
