"""Access rules of the appointment pages, for the shared probe test.

Pages of one client (`client`, from the clients app's samples) and of one appointment (`appointment`,
of institution A1 with a client A1 serves) are institution-bound. The coordinator holds VIEW_CLIENTS
municipality-wide and is sent to the reason form (302) before any page of a client's meetings."""

from typing import Any

from conftest import World
from kokybe.appointments.tests.builders import appointment_for
from kokybe.clients.tests.builders import client_in
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

C = Capability
VIEW = Rule(C.VIEW_CLIENTS)
MANAGE = Rule(C.MANAGE_CLIENTS)

RULES: dict[str, Rule] = {
    "appointments:mine": VIEW,
    "appointments:punctuality": Rule(C.VIEW_QUALITY),
    "appointments:client": VIEW,
    "appointments:book": MANAGE,
    "appointments:detail": VIEW,
    "appointments:outcome": MANAGE,
    "appointments:move": MANAGE,
}
INSTITUTION_BOUND: frozenset[str] = frozenset({"appointment"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    """An appointment of A1's worker with a client A1 serves, tomorrow."""
    if "appointment" not in names:
        return {}
    client = client_in(world.a1, responsible=world.worker)
    return {"appointment": appointment_for(client, world.a1, world.worker).pk}
