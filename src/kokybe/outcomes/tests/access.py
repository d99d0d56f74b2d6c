"""Access rules of the outcome pages, for the shared probe test.

The library is read by those who measure clients (VIEW_CLIENTS) and kept by MANAGE_INSTRUMENTS; a
measurement is institution-bound through its client (served by A1). The change page needs VIEW_QUALITY."""

from typing import Any

from django_scopes import scopes_disabled

from conftest import World
from kokybe.clients.tests.builders import client_in
from kokybe.core.tests.rules import Rule
from kokybe.outcomes.models import InstrumentKind
from kokybe.outcomes.services.library import instrument_create, item_add
from kokybe.outcomes.tests.builders import measured, whoqol_answers, whoqol_in
from kokybe.tenancy.permissions import Capability

C = Capability
KEEP = Rule(C.MANAGE_INSTRUMENTS)

RULES: dict[str, Rule] = {
    "outcomes:library": Rule(frozenset({C.VIEW_CLIENTS, C.MANAGE_INSTRUMENTS})),
    "outcomes:instrument": Rule(frozenset({C.VIEW_CLIENTS, C.MANAGE_INSTRUMENTS})),
    "outcomes:instrument_new": KEEP,
    "outcomes:whoqol_add": KEEP,
    "outcomes:item_add": KEEP,
    "outcomes:subscale_add": KEEP,
    "outcomes:publish": Rule(C.MANAGE_INSTRUMENTS, "POST"),
    "outcomes:item_remove": Rule(C.MANAGE_INSTRUMENTS, "POST"),
    "outcomes:change": Rule(C.VIEW_QUALITY),
    "outcomes:client": Rule(C.VIEW_CLIENTS),
    "outcomes:measure": Rule(C.MANAGE_CLIENTS),
    "outcomes:measurement": Rule(C.VIEW_CLIENTS),
    "outcomes:measurement_edit": Rule(C.MANAGE_CLIENTS),
}
INSTITUTION_BOUND: frozenset[str] = frozenset({"outcome_measurement"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    """A draft custom scale with one item, and a WHOQOL-BREF measurement of a client served by A1."""
    found: dict[str, Any] = {}
    with scopes_disabled():
        if names & {"outcome_instrument", "outcome_item"}:
            draft = instrument_create(
                actor=world.quality,
                municipality=world.a,
                kind=InstrumentKind.CUSTOM,
                name={"lt": "Savijauta"},
                description={},
                lowest=1,
                highest=5,
            )
            item = item_add(actor=world.quality, instrument=draft, text={"lt": "Jaučiuosi saugiai"})
            found |= {"outcome_instrument": draft.pk, "outcome_item": item.pk}
        if "outcome_measurement" in names:
            client = client_in(world.a1, responsible=world.worker)
            whoqol = whoqol_in(world.a, world.quality)
            found["outcome_measurement"] = measured(client, whoqol, world.a1, whoqol_answers(3)).pk
    return {name: value for name, value in found.items() if name in names}
