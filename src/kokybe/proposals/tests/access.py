"""Access rules of the proposals pages, for the shared probe test (core.tests.test_access_probes)."""

from typing import Any

from django_scopes import scopes_disabled

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.proposals.services.receiving import proposal_submit
from kokybe.tenancy.permissions import Capability

C = Capability
READ = frozenset({C.VIEW_QUALITY, C.SUBMIT_IMPROVEMENTS})

RULES: dict[str, Rule] = {
    "proposals:list": Rule(READ),
    "proposals:create": Rule(C.SUBMIT_IMPROVEMENTS),
    "proposals:slip_create": Rule(C.EVALUATE_PROPOSALS),
    "proposals:box_qr": Rule(C.EVALUATE_PROPOSALS),
    "proposals:figures": Rule(C.VIEW_QUALITY),
    "proposals:figures_csv": Rule(C.VIEW_QUALITY),
    "proposals:detail": Rule(READ),
    "proposals:edit": Rule(C.SUBMIT_IMPROVEMENTS, personas=frozenset({"staff"})),  # the proposer only
    "proposals:evaluate": Rule(C.EVALUATE_PROPOSALS),
    "proposals:decide": Rule(C.EVALUATE_PROPOSALS),
}
INSTITUTION_BOUND = frozenset({"proposal"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    if "proposal" not in names:
        return {}
    with scopes_disabled():
        proposal = proposal_submit(
            actor=world.staff,
            municipality=world.a,
            institution=world.a1,
            title="Turėklai koridoriuje",
            text="Koridoriuje trūksta turėklų.",
        )
    return {"proposal": proposal.pk}
