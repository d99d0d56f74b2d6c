"""Access rules of the client register's pages, for the shared probe test.

Every page of one client is institution-bound (`client` is served by A1). The coordinator holds
VIEW_CLIENTS municipality-wide and is sent to the reason form (302) on record pages."""

from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.clients.models import LegalBasis, Relation
from kokybe.clients.services.consents import consent_record
from kokybe.clients.services.family import family_link_add
from kokybe.clients.tests.builders import client_in
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

C = Capability
VIEW = Rule(C.VIEW_CLIENTS)
MANAGE = Rule(C.MANAGE_CLIENTS)

RULES: dict[str, Rule] = {
    "clients:list": VIEW,
    "clients:register": MANAGE,
    "clients:record": VIEW,
    "clients:reason": VIEW,
    "clients:edit": MANAGE,
    "clients:merge": MANAGE,
    "clients:consent_add": MANAGE,
    "clients:consent_withdraw": MANAGE,
    "clients:family_add": MANAGE,
    "clients:family_remove": MANAGE,
    "clients:serve": MANAGE,
    "clients:serve_end": MANAGE,
    "clients:access_report": MANAGE,
    "clients:access_report_pdf": MANAGE,
    "clients:access_report_json": MANAGE,
}
INSTITUTION_BOUND: frozenset[str] = frozenset({"client", "client_consent", "family_link", "client_serving"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    """A client served by A1 with a consent, a named relative and its serving row."""
    if not names & INSTITUTION_BOUND:
        return {}
    client = client_in(world.a1, responsible=world.worker)
    with scopes_disabled():
        consent = consent_record(
            actor=world.worker,
            client=client,
            purpose="Pagalba į namus",
            legal_basis=LegalBasis.SOCIAL_PROTECTION_LAW,
            given_on=timezone.localdate(),
        )
        link = family_link_add(actor=world.worker, client=client, relation=Relation.CHILD, relative_name="Rūta")
        serving = client.serving.get()
    found = {"client": client.pk, "client_consent": consent.pk, "family_link": link.pk, "client_serving": serving.pk}
    return {name: value for name, value in found.items() if name in names}
