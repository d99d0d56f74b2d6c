"""Warn assignees of signals due soon and escalate overdue signals to the director; run daily (cron or a timer)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kokybe.inquiries.services.handling_reminders import signal_reminders_send


class Command(BaseCommand):
    help = "E-mail deadline warnings to assignees and overdue escalations to directors (each once per signal)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", required=True, help="The platform's address, e.g. https://kokybe.example.lt/")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = signal_reminders_send(base_url=options["base_url"])
        self.stdout.write(f"{counts.warned} warnings and {counts.escalated} escalations sent.")
