"""Queue reminders for every open survey's unanswered invitations; run daily (cron or a timer)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scope, scopes_disabled

from kokybe.surveys.models import Survey, SurveyStatus
from kokybe.surveys.services.invitations import invitations_remind


class Command(BaseCommand):
    help = "Remind people invited to open surveys who have not answered (a week apart, twice at most)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", required=True, help="The platform's address, e.g. https://kokybe.example.lt/")

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            surveys = list(Survey.objects.filter(status=SurveyStatus.OPEN))
        total = 0
        for survey in surveys:
            with scope(municipality=survey.municipality_id):
                total += invitations_remind(actor=None, survey=survey, base_url=options["base_url"])
        self.stdout.write(f"{total} reminders queued.")
