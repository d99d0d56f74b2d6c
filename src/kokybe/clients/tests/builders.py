"""Clients for the tests, registered through the service (as people register them)."""

import datetime
import itertools

from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.clients.models import Client
from kokybe.clients.services.details import ClientDetails
from kokybe.clients.services.registry import client_register
from kokybe.tenancy.models import Institution

_births = itertools.count(1)


def client_in(
    institution: Institution,
    *,
    first_name: str = "Jonas",
    last_name: str = "Žemaitis",
    birth_date: datetime.date | None = None,
    groups: frozenset[str] = frozenset(),
    responsible: User | None = None,
    actor: User | None = None,
    **details: str,
) -> Client:
    """A client served by `institution`; each gets its own birth date unless one is given (or taken from
    a personal code), so the duplicate check does not stop a test that registers several."""
    if birth_date is None and not details.get("personal_code"):
        birth_date = datetime.date(1950, 1, 1) + datetime.timedelta(days=next(_births))
    with scopes_disabled():
        return client_register(
            actor=actor,
            municipality=institution.municipality,
            institution=institution,
            responsible=responsible,
            details=ClientDetails(
                first_name=first_name, last_name=last_name, birth_date=birth_date, groups=groups, **details
            ),
        ).client
