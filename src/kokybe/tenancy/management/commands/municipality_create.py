from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django_scopes import scope

from kokybe.core.errors import ServiceError
from kokybe.tenancy import services
from kokybe.tenancy.models import Country
from kokybe.tenancy.permissions import Role

LANGUAGE_OF = {Country.LITHUANIA: "lt", Country.LATVIA: "lv"}


class Command(BaseCommand):
    help = "Create a municipality and e-mail its first municipal coordinator an invitation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="address name, as in /m/<slug>/")
        parser.add_argument("name", help="official name")
        parser.add_argument("--country", choices=[c.value for c in Country], required=True)
        parser.add_argument("--coordinator", required=True, help="e-mail address of the first coordinator")
        parser.add_argument("--base-url", required=True, help="the platform's public address, for the link")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            validate_email(options["coordinator"])
        except Exception as error:
            raise CommandError(f"--coordinator: {error}") from error
        try:
            with transaction.atomic():
                municipality = services.municipality_create(
                    actor=None,
                    slug=options["slug"],
                    name=options["name"],
                    country=options["country"],
                    language=LANGUAGE_OF[Country(options["country"])],
                )
                with scope(municipality=municipality.pk):
                    services.invitation_create(
                        actor=None,
                        municipality=municipality,
                        email=options["coordinator"],
                        role=Role.MUNICIPAL_COORDINATOR,
                        institution=None,
                        base_url=options["base_url"],
                    )
        except ServiceError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Created {municipality.name}; invitation sent to {options['coordinator']}.")
